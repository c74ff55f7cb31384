import Foundation
import Glibc
import PodchatSimulator
import PodchatTestSupport
import Testing

/// The endpoint goes away and comes back, or the network swallows requests: the
/// user is told what is happening, nothing freezes, and no job is sent twice.
@Suite(.serialized) struct EndpointOutageTests {
    /// A config with short limits, so a test of a dead network takes seconds.
    private func home(requestSeconds: Int) throws -> String {
        let home = try Executables.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: home + "/podchat", withIntermediateDirectories: true)
        let config = #"{"timeouts": {"connect_seconds": 1, "request_seconds": \#(requestSeconds)}}"#
        try config.write(toFile: home + "/podchat/config.json", atomically: true, encoding: .utf8)
        return home
    }

    /// `podchat simulate` in its own process, so killing it drops every socket as an outage does.
    private func simulatorProcess(port: Int) async throws -> (process: ChildProcess, url: String) {
        let process = try ChildProcess([Executables.podchat, "simulate", "--port", "\(port)", "--token-delay-ms", "1"], environment: [:])
        // A minute: on a loaded machine (CI beside other builds) a start took over 20 s once.
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < deadline {
            if let line = process.standardOutputSoFar.split(separator: "\n").first(where: { $0.contains("endpoint URL ") }),
                let url = line.split(separator: " ").last
            {
                return (process, String(url))
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("podchat simulate did not start: \(process.standardOutputSoFar)")
        throw CancellationError()
    }

    @Test func theEndpointGoingAwayAndComingBackIsRetriedAndTheTurnCompletes() async throws {
        let first = try await simulatorProcess(port: 0)
        let port = try #require(URL(string: first.url)?.port)
        let terminal = try await TmuxSession.podchat(["--endpoint-url", first.url], home: try home(requestSeconds: 5))
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.send("before the outage")
        _ = await first.process.wait(timeout: .zero)
        try await terminal.type("during the outage")
        try await terminal.press("Enter")
        let retrying = try await terminal.waitForScreen("the retry to be announced") { $0.contains("retrying in") }
        #expect(retrying.contains("could not connect (connection refused)"), "the reason is not in words:\n\(retrying)")
        try await terminal.type("typed while waiting")
        try await terminal.waitForScreen("the input to stay live") { $0.contains("› typed while waiting") }
        let second = try await simulatorProcess(port: port)
        defer { Task { _ = await second.process.wait(timeout: .zero) } }
        let done = try await terminal.waitForScreen(timeout: .seconds(60), "the reply after the endpoint came back") {
            $0.contains("You wrote “during the outage”")
        }
        #expect(done.contains("› typed while waiting"))
        #expect(done.components(separatedBy: "You wrote “during the outage”").count == 2)
    }

    @Test func aBlackholedNetworkTimesOutSaysSoAndSendsTheJobOnce() async throws {
        let blackhole = try Blackhole()
        defer { blackhole.close() }
        let terminal = try await TmuxSession.podchat(
            ["--endpoint-url", "http://127.0.0.1:\(blackhole.port)/v2/void"], home: try home(requestSeconds: 2))
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.type("into the void")
        try await terminal.press("Enter")
        try await terminal.type("still typing")
        try await terminal.waitForScreen("the input to stay live") { $0.contains("› still typing") }
        let failed = try await terminal.waitForScreen(timeout: .seconds(40), "the turn to fail") { $0.contains("failed:") }
        #expect(failed.contains("› still typing"))
        #expect(blackhole.jobSubmissions == 1, "the job was sent \(blackhole.jobSubmissions) times")
    }
}

/// A TCP port that accepts connections, reads what is sent and never answers, like a network
/// that swallows requests.
private final class Blackhole: @unchecked Sendable {
    let port: Int
    private let socketDescriptor: Int32
    private let lock = NSLock()
    private var connections: [Int32] = []
    private var received = ""
    private var isClosed = false

    init() throws {
        guard let bound = LoopbackSocket.bind(), listen(bound.descriptor, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        socketDescriptor = bound.descriptor
        port = bound.port
        Thread.detachNewThread { [self] in acceptForever() }
    }

    /// How many `/run` requests arrived.
    var jobSubmissions: Int {
        lock.withLock { received.components(separatedBy: "/run HTTP/1.1").count - 1 }
    }

    private func acceptForever() {
        while true {
            let connection = accept(socketDescriptor, nil, nil)
            guard connection >= 0 else { return }
            let keep = lock.withLock { () -> Bool in
                if isClosed { return false }
                connections.append(connection)
                return true
            }
            guard keep else { Glibc.close(connection); return }
            Thread.detachNewThread { [self] in read(connection) }
        }
    }

    private func read(_ connection: Int32) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = Glibc.read(connection, &buffer, buffer.count)
            guard count > 0 else { return }
            lock.withLock { received += String(decoding: buffer[..<count], as: UTF8.self) }
        }
    }

    func close() {
        let open = lock.withLock { () -> [Int32] in
            isClosed = true
            return connections
        }
        shutdown(socketDescriptor, Int32(SHUT_RDWR))
        Glibc.close(socketDescriptor)
        for connection in open { shutdown(connection, Int32(SHUT_RDWR)) }
    }
}
