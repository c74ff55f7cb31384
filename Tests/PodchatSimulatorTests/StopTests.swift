import AsyncHTTPClient
import Foundation
import NIOCore
import Glibc
import PodchatSimulator
import Testing

@Suite struct StopTests {
    @Test func afterStopThePortRefusesConnections() async throws {
        let simulator = try await SimulatorServer.start(port: 0)
        let port = simulator.port
        _ = try await HTTPClient.shared.execute(HTTPClientRequest(url: simulator.endpointURL() + "/health"), timeout: .seconds(5))
        try await simulator.stop()
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(result != 0, "the stopped simulator still accepts connections on \(port)")
    }
}
