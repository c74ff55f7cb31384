import Foundation
import PodchatSimulator
import PodchatTestSupport
import Testing

/// `"mouse": false` leaves the mouse to the terminal: a click reaches podchat as nothing.
@Suite(.serialized) struct MouseOffTests {
    @Test func withTheMouseOffAClickSelectsNothing() async throws {
        let simulator = try await SimulatorServer.start(port: 0)
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: home + "/podchat", withIntermediateDirectories: true)
        try #"{"mouse": false}"#.write(toFile: home + "/podchat/config.json", atomically: true, encoding: .utf8)
        let terminal = try await TmuxSession.podchat(["--endpoint-url", simulator.endpointURL()], home: home, height: 40)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        let modes = try await terminal.paneInfo("#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}")
        #expect(modes == "000", "podchat asked the terminal for mouse reports")
    }
}
