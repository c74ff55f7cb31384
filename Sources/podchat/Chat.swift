import ArgumentParser
import Foundation
import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTerminal

/// The full-screen chat window.
struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the chat window (the default).")

    @OptionGroup var options: EndpointOptions

    @Flag(help: "Reopen the most recent conversation, or the one NAME names.")
    var resume = false

    @Argument(help: ArgumentHelp("With --resume: a conversation's title, id or id prefix.", valueName: "name"))
    var name: String?

    func validate() throws {
        if name != nil && !resume { throw ValidationError("a conversation name goes with --resume (podchat --resume NAME)") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let store = FileConversationStore.standard(environment: environment)
        let resumed = resume ? try Self.conversation(named: name, in: store) : nil
        let (file, path) = try CommandFailure.reporting { try options.loadConfig(environment: environment) }
        let session = try CommandFailure.reporting { try Session.open(options, file: file, configPath: path, environment: environment) }
        let directory = EndpointDirectory(file: file, configPath: path, environment: environment)
        defer {
            session.close()
            directory.close()
        }
        let identity = session.identity(named: options.endpointName(of: session.config))
        let state = try Self.openingState(session: session, identity: identity, directory: directory, resumed: resumed)
        let mailbox = Mailbox()
        let presets = FilePresetStore.standard(environment: environment)
        let runner = EffectRunner(
            backend: session.backend, endpoint: identity, opener: { try directory.open($0) }, presets: presets, conversations: store,
            post: { mailbox.post($0) })
        runner.prepareConversations()
        try CommandFailure.reporting {
            try TerminalSession.run(environment: environment, usesMouse: session.config.usesMouse, mailbox: mailbox) { terminal in
                var loop = LoopDriver(state: state, terminal: terminal, perform: runner.perform)
                loop.start()
                loop.run()
            }
        }
        // The quit's save is still on the disk worker: it must reach the disk, however long
        // that takes, before the process ends.
        runner.finishDiskWork()
        // Then let the cancel of an unfinished reply reach the server, for up to 2 s.
        _ = try? runBlocking {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await runner.drain() }
                group.addTask { try await Task.sleep(for: .seconds(2)) }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    /// The state the window opens with, the `--resume` conversation restored (or reported):
    /// 80×24 until the terminal, taken over only after this, tells its size in the loop's first
    /// batch.
    private static func openingState(
        session: Session, identity: EndpointIdentity, directory: EndpointDirectory, resumed: ConversationRecord?
    ) throws -> AppState {
        var state = initialState(session: session, identity: identity, directory: directory, now: ContinuousClock.now)
        if let resumed {
            do throws(ConversationStoreError) { try state.restore(resumed) } catch { throw resumeFailure(error) }
        }
        return state
    }

    private static func initialState(
        session: Session, identity: EndpointIdentity, directory: EndpointDirectory, now: ContinuousClock.Instant
    ) -> AppState {
        AppState(
            endpoint: identity,
            endpointNames: directory.names,
            prices: directory.prices,
            size: Size(width: 80, height: 24),
            now: now,
            systemPrompt: session.config.systemPrompt,
            mode: session.config.mode,
            parameters: session.parameters,
            seedStart: UInt64.random(in: .min ... .max),
            wallTimeAtStart: Date().timeIntervalSince1970
        )
    }

    /// The conversation `--resume` asks for: the one `name` names, else the newest. Read only:
    /// a conversation that cannot be resumed is reported and its file left as it is.
    private static func conversation(named name: String?, in store: any ConversationStore) throws -> ConversationRecord {
        do throws(ConversationStoreError) {
            if let name { return try store.find(name) }
            guard let newest = store.list().conversations.first else {
                throw ConversationStoreError(path: "--resume", reason: "no saved conversation to resume")
            }
            return try store.load(id: newest.id)
        } catch {
            throw resumeFailure(error)
        }
    }

    /// `podchat: <file>: <reason>` on stderr, and the exit status of a usage problem.
    private static func resumeFailure(_ error: ConversationStoreError) -> ExitCode {
        StandardError.write("podchat: \(error)")
        return ExitCode(CommandFailure.configurationExitCode)
    }
}
