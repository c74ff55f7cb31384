import EndpointClient
import Testing

@Suite struct RunpodOptionsTests {
    @Test func waitsPatientlyByDefault() {
        let options = RunpodOptions()
        #expect(options.connectTimeout == .seconds(10))
        #expect(options.requestTimeout == .seconds(30))
        #expect(options.firstTokenTimeout == .seconds(300))
        #expect(options.idleTimeout == .seconds(120))
        #expect(options.queueTimeout == nil, "a cold start may take minutes")
        #expect(options.pollSchedule.slowest <= .seconds(1))
    }

    @Test func measuresTimeWithAMonotonicClockByDefault() async throws {
        let options = RunpodOptions()
        let before = options.now()
        try await Task.sleep(for: .milliseconds(5))
        #expect(options.now() > before)
    }
}
