import ArgumentParser
import Foundation
import PodchatCore

/// One question, one streamed answer on stdout: for scripts, through the same client code as
/// the chat window.
struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask one question and print the reply as it streams.",
        discussion: "Reads the question from standard input when TEXT is absent or '-'. Exits 0 when the reply completes."
    )

    @OptionGroup var options: EndpointOptions

    @Argument(help: "The question.")
    var text: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let question = try readQuestion()
        let session = try CommandFailure.reporting { try Session.open(options, environment: environment) }
        defer { session.close() }
        if session.isDemo {
            StandardError.write("podchat: demo mode: no endpoint configured, so the built-in simulator answers (see podchat --help)")
        }
        var messages: [Message] = []
        if !session.config.systemPrompt.isEmpty { messages.append(Message(role: .system, content: session.config.systemPrompt)) }
        messages.append(Message(role: .user, content: question))
        let request = CompletionRequest(messages: messages, mode: session.config.mode, parameters: session.parameters)
        let backend = session.backend
        let reply = Task { try await Self.stream(request, from: backend) }
        let interrupt = Self.cancelOnInterrupt(reply)
        defer { interrupt.cancel() }
        let outcome = try runBlocking { await reply.result }
        // The cancel of an interrupted job must reach the server before the process exits.
        _ = try? runBlocking { await backend.settle() }
        let reason = try CommandFailure.reporting { () throws -> FinishReason in
            do {
                return try outcome.get()
            } catch is CancellationError {
                StandardError.write("podchat: interrupted; the job was cancelled")
                throw ExitCode(130)
            }
        }
        switch reason {
        case .completed, .length: return
        case .cancelled: StandardError.write("podchat: the job was cancelled"); throw ExitCode.failure
        case .timedOut: StandardError.write("podchat: the job timed out on the server"); throw ExitCode.failure
        }
    }

    /// Ctrl-C (SIGINT) cancels `reply` instead of killing podchat, so the job is cancelled on
    /// the server too.
    private static func cancelOnInterrupt(_ reply: Task<FinishReason, any Error>) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { reply.cancel() }
        source.resume()
        return source
    }

    private func readQuestion() throws -> String {
        if let text, text != "-" { return text }
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        guard !input.allSatisfy(\.isWhitespace) else {
            StandardError.write("podchat: no question: give it as an argument or on standard input")
            throw ExitCode(CommandFailure.configurationExitCode)
        }
        return input
    }

    /// Prints choice 0 as it arrives and returns why the reply ended.
    private static func stream(_ request: CompletionRequest, from backend: any CompletionBackend) async throws -> FinishReason {
        let output = FileHandle.standardOutput
        var endsWithNewline = true
        for try await event in backend.complete(request) {
            switch event {
            case .delta(0, let text) where !text.isEmpty:
                output.write(Data(text.utf8))
                endsWithNewline = text.hasSuffix("\n")
            case .retrying(let reason, let delay):
                StandardError.write("podchat: \(reason); retrying in \(delay)")
            case .finished(let reason):
                if !endsWithNewline { output.write(Data("\n".utf8)) }
                return reason
            default:
                break
            }
        }
        throw CompletionFailure("the reply ended without finishing")
    }
}
