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
        let reason = try CommandFailure.reporting { try runBlocking { [backend = session.backend] in try await Self.stream(request, from: backend) } }
        switch reason {
        case .completed, .length: return
        case .cancelled: StandardError.write("podchat: the job was cancelled"); throw ExitCode.failure
        case .timedOut: StandardError.write("podchat: the job timed out on the server"); throw ExitCode.failure
        }
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
