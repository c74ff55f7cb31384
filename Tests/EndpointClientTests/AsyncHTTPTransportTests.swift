import EndpointClient
import NIOHTTP1
import Testing

@Suite struct AsyncHTTPTransportTests {
    @Test func reportsARefusedConnectionAsNotSent() async throws {
        // Nothing listens on port 1 of the loopback interface, so the connection is refused at once.
        let request = TransportRequest(method: .GET, url: "http://127.0.0.1:1/v2/ep/health", timeout: .seconds(5))
        do {
            _ = try await AsyncHTTPTransport().send(request)
            Issue.record("expected the connection to be refused")
        } catch let error as TransportError {
            #expect(error.kind == .notSent, "\(error)")
        }
    }

    @Test func sharesOneClientPerConnectTimeout() {
        let short = AsyncHTTPTransport.sharedClient(connectTimeout: .milliseconds(1500))
        #expect(short === AsyncHTTPTransport.sharedClient(connectTimeout: .milliseconds(1500)))
        #expect(short !== AsyncHTTPTransport.defaultClient)
        #expect(AsyncHTTPTransport.defaultClient === AsyncHTTPTransport.sharedClient(connectTimeout: .seconds(10)))
    }
}
