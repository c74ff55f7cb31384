import PodchatSimulator

extension SimulatorServer {
    /// Runs `body`, then stops this server, also when `body` throws (its error is rethrown), so a
    /// failed test never leaves a listener behind for the rest of the suite.
    package func stopAfter(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            try await stop()
            throw error
        }
        try await stop()
    }
}
