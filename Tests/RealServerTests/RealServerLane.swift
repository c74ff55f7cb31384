import Testing

/// The lane of tests against real third-party servers: every suite of this target is nested
/// here, so the servers start once for all of them and the model (which serves one request at
/// a time, and whose seeded and timed results must not share it) sees one test at a time.
///
/// `PODCHAT_SKIP_REAL_SERVERS=1` skips it: for a developer without the network to install the
/// servers, never for CI (a failed install fails the lane).
@Suite(
    .serialized, .realServers,
    .enabled(if: RealServers.areWanted, "PODCHAT_SKIP_REAL_SERVERS=1: the real-server lane is skipped"))
enum RealServerLane {}

/// Starts the real servers around the whole lane, and stops them after it.
struct RealServerScope: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let servers = try await RealServers.start()
        do {
            try await RealServers.$current.withValue(servers) { try await function() }
        } catch {
            await servers.stop()
            throw error
        }
        await servers.stop()
    }
}

extension Trait where Self == RealServerScope {
    static var realServers: Self { RealServerScope() }
}

extension RealServers {
    /// The servers of the running lane; only tests nested in `RealServerLane` have them.
    static func required() throws -> RealServers {
        guard let current else { throw LaneFailure("no real servers: this test must be nested in RealServerLane") }
        return current
    }
}
