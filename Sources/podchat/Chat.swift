import ArgumentParser
import Foundation
import PodchatApp
import PodchatCore
import PodchatTerminal

/// The full-screen chat window.
struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the chat window (the default).")

    @OptionGroup var options: EndpointOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let session = try CommandFailure.reporting { try Session.open(options, environment: environment) }
        defer { session.close() }
        let loop = EventLoop(environment: environment) { size, now in
            AppState(
                endpointLabel: session.endpoint.label,
                isDemo: session.isDemo,
                size: size,
                now: now,
                systemPrompt: session.config.systemPrompt,
                mode: session.config.mode,
                parameters: session.parameters
            )
        }
        let runner = EffectRunner(backend: session.backend, post: loop.post)
        try CommandFailure.reporting { try loop.run(perform: runner.perform) }
        // Let the cancel of an unfinished reply reach the server before the process ends.
        _ = try? runBlocking {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await runner.drain() }
                group.addTask { try await Task.sleep(for: .seconds(2)) }
                try await group.next()
                group.cancelAll()
            }
        }
    }
}
