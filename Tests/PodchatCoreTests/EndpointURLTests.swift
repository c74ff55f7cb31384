import PodchatCore
import Testing

/// Which URLs count as this machine decides where the API key may go over plain http, so the
/// cases include every trick that makes a remote host look local.
@Suite struct EndpointURLTests {
    private static func acceptedAsLoopback(_ text: String) -> Bool {
        (try? EndpointURL(parsing: text))?.isLoopback == true
    }

    @Test(arguments: [
        "http://127.0.0.1", "http://127.0.0.1:8000/v2/sim", "http://127.0.0.1/", "http://127.1.2.3:9",
        "http://127.255.255.254", "http://127.0.0.0", "http://localhost", "http://localhost:8000/v1", "http://LocalHost:1",
        "HTTP://127.0.0.1:8000", "http://[::1]", "http://[::1]:8000/v2/x", "http://[0:0:0:0:0:0:0:1]:80",
        "http://[0000:0000::0001]", "http://[::ffff:127.0.0.1]:8000", "http://[::FFFF:127.9.9.9]", "http://[::ffff:7f00:1]", "https://127.0.0.1:8443",
    ])
    func loopbackAddresses(url: String) {
        #expect(Self.acceptedAsLoopback(url))
    }

    @Test(arguments: [
        // Remote hosts that start or end like loopback ones.
        "http://127.0.0.1.example.com", "http://127.example.com", "http://localhost.example.com", "http://example-localhost",
        "http://mylocalhost", "http://localhost.", "http://127.0.0.1.",
        // Neighbouring and special addresses.
        "http://128.0.0.1", "http://126.255.255.255", "http://10.0.0.5", "http://192.168.1.2", "http://0.0.0.0", "http://169.254.0.1",
        "http://[::]", "http://[::2]", "http://[fe80::1]", "http://[::ffff:10.0.0.1]", "http://[1::1]",
        // Forms the resolver reads as other addresses (0127 is octal: 87.0.0.1) or that need it to guess.
        "http://0127.0.0.1", "http://127.1", "http://2130706433", "http://0x7f.0.0.1", "http://127.0.0.01", "http://127.0.0.256",
        "http://127.0.0", "http://127.0.0.1.1", "http://１２７.0.0.1",
        // The host is not where it seems: user info, query and fragment tricks, separators.
        "http://127.0.0.1@example.com", "http://127.0.0.1:80@example.com", "http://localhost:pw@example.com/v2/x",
        "http://example.com#@127.0.0.1", "http://example.com?@127.0.0.1", "http://example.com\\@127.0.0.1",
        "http://example.com/@127.0.0.1", "http://127.0.0.1 .example.com", "http://127.0.0.1\u{0}.example.com",
        "http://127.0.0.1%2e.example.com", "http://[::1].example.com", "http://[::1]@example.com",
        // Not http at all.
        "ftp://127.0.0.1", "127.0.0.1", "//127.0.0.1", "http:/127.0.0.1", "",
    ])
    func otherHostsAreNotLoopback(url: String) {
        #expect(!Self.acceptedAsLoopback(url))
    }

    @Test func keepsTheURLWithoutATrailingSlashAndTheSchemeInLowerCase() throws {
        let url = try EndpointURL(parsing: "HTTPS://Gpu.Example:8443/v2/abc/")
        #expect(url.text == "https://Gpu.Example:8443/v2/abc")
        #expect(url.isSecure)
        #expect(url.host == "Gpu.Example")
        #expect(url.label == "Gpu.Example:8443")
        #expect(try EndpointURL(parsing: "http://[::1]:8000").host == "::1")
        #expect(try !EndpointURL(parsing: "http://x").isSecure)
    }

    @Test(arguments: [
        ("ftp://host", "must start with http:// or https://"),
        ("http://", "must name a host"),
        ("http:///v2/x", "must name a host"),
        ("http://host:0", "must have a port from 1 to 65535"),
        ("http://host:65536", "must have a port from 1 to 65535"),
        ("http://host:+80", "must have a port from 1 to 65535"),
        ("http://host:", "must have a port from 1 to 65535"),
        ("http://host:8o", "must have a port from 1 to 65535"),
        ("http://user:secret@host", "must not contain a user name or password"),
        ("http://host/v2/x?wait=1", "must not have a query"),
        ("http://host/v2/x#top", "must not have a query"),
        ("http://[::1", "has an IPv6 address without its closing ]"),
        ("http://[zz::1]", "has an invalid IPv6 address"),
        ("http://[1:2:3:4:5:6:7:8:9]", "has an invalid IPv6 address"),
        ("http://[1::2::3]", "has an invalid IPv6 address"),
        ("http://[::1]x", "must have only :PORT after the IPv6 address"),
        ("http://::1:8000", "must put an IPv6 address in brackets"),
        ("http://ho$t", "must name a host of letters, digits, dots and dashes"),
        ("http://a b", "must not contain spaces or control characters"),
        ("http://host/\u{7F}", "must not contain spaces or control characters"),
    ])
    func explainsWhatIsWrong(text: String, reason: String) {
        do {
            let url = try EndpointURL(parsing: text)
            Issue.record("accepted \(url.text)")
        } catch {
            #expect(error.reason.hasPrefix(reason), "\(error.reason)")
        }
    }

    @Test func theProblemNeverRepeatsAPasswordFromTheURL() {
        do {
            _ = try EndpointURL(parsing: "http://me:hunter2@host/v2/x")
            Issue.record("accepted a URL with a password")
        } catch {
            #expect(!error.reason.contains("hunter2"))
        }
    }
}
