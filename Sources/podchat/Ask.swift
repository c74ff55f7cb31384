import ArgumentParser
import EndpointClient
import Foundation
import PodchatCore

/// One question, one streamed answer on stdout: for scripts, through the same client code as
/// the chat window.
struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask one question and print the reply as it streams.",
        discussion: """
            Reads the question from standard input when TEXT is absent or '-'. Exits 0 when the reply \
            completes, 1 when the job failed, was cancelled or timed out (the reason on standard error), \
            2 for a configuration problem, 130 when interrupted (the job is cancelled on the server).
            """
    )

    @OptionGroup var options: EndpointOptions

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("A sampling parameter, e.g. --set temperature=0.2 --set stop='[\"END\"]' (repeatable).", valueName: "name=value")
    )
    var settings: [String] = []

    @Option(
        name: .customLong("compare"), parsing: .upToNextOption,
        help: ArgumentHelp(
            """
            Ask twice at once with two parameter sets and print both replies, labelled A and B, e.g. \
            --compare 'temperature=0.2' 'temperature=1.2 top_p=0.9' "question". Each side is the config \
            and --set with its changes (NAME=VALUE, separated by spaces or commas); both share one seed \
            (the one set, else a random one) unless a side sets its own. A streams; B follows once both are done. Exits 1 if \
            either side fails.
            """, valueName: "changes"))
    var compare: [String] = []

    @Option(help: ArgumentHelp("The system prompt (overrides the config's).", valueName: "text"))
    var system: String?

    @Flag(name: .customLong("prompt-mode"), help: "Send the conversation as one raw `prompt` instead of `messages`.")
    var promptMode = false

    @Flag(name: .customLong("apply-chat-template"), help: "With --prompt-mode: ask the worker to apply the chat template.")
    var applyChatTemplate = false

    @Flag(name: .customLong("no-stream"), help: "Ask for the whole reply at once (`stream: false`).")
    var noStream = false

    @Flag(help: "Submit with /runsync (waits on the server), continuing with /status when it is still running.")
    var runsync = false

    @Flag(help: "Print one JSON object at the end: text and reasoning per choice, usage, job id, status, timings, podchat.")
    var json = false

    @Flag(
        name: .customLong("show-reasoning"),
        help: "Write a reasoning model's thinking to standard error as it arrives (standard output stays the answer only).")
    var showReasoning = false

    @Flag(
        name: .customLong("dry-run"),
        help: "Print the request as a curl command (the key as $RUNPOD_API_KEY, for the shell to fill in) and send nothing.")
    var dryRun = false

    @Argument(help: "The question.")
    var text: String?

    func validate() throws {
        _ = try parsedSettings()
        if dryRun && !compare.isEmpty { throw ValidationError("--dry-run shows one request; leave out --compare") }
        guard !compare.isEmpty else { return }
        guard compareSpecs.count == 2 else {
            throw ValidationError("--compare takes exactly two side specs, e.g. --compare 'temperature=0.2' 'temperature=1.2' (got \(compare.count))")
        }
        _ = try parsedComparison()
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let question = try readQuestion()
        let session = try CommandFailure.reporting { try Session.open(options, environment: environment) }
        defer { session.close() }
        if dryRun { return try printDryRun(question: question, session: session) }
        if session.isDemo {
            StandardError.write("podchat: demo mode: no endpoint configured, so the built-in simulator answers (see podchat --help)")
        }
        if !compare.isEmpty {
            let comparison = ParameterComparison(base: try baseParameters(session: session), changes: try parsedComparison())
            try AskComparison(ask: self, comparison: comparison).run(question: question, session: session)
            return
        }
        let request = try makeRequest(question: question, session: session)
        let events = try replyEvents(for: request, session: session)
        let printer = ReplyPrinter(
            streamsText: !json && (request.parameters.number(of: .n) ?? 1) <= 1, showsReasoning: showReasoning)
        let reply = Task { try await printer.consume(events) }
        let interrupt = Self.cancelOnInterrupt(reply)
        defer { interrupt.cancel() }
        var outcome = try runBlocking { await reply.result }
        // The cancel of an interrupted job must reach the server before the process exits.
        _ = try? runBlocking { [backend = session.backend] in await backend.settle() }
        // A cancelled stream may end without throwing, leaving a partial reply that looks
        // complete, so the task says whether Ctrl-C came (as in `ask --compare`).
        if reply.isCancelled { outcome = .failure(CancellationError()) }
        try finish(outcome, of: request, printer: printer, session: session)
    }

    /// The question with the config's system prompt and `parameters` (by default the
    /// session's with `--set` applied).
    func makeRequest(question: String, session: Session, parameters: SamplingParameters? = nil) throws -> CompletionRequest {
        let parameters = try parameters ?? baseParameters(session: session)
        let systemPrompt = system ?? session.config.systemPrompt
        var messages: [Message] = []
        if !systemPrompt.isEmpty { messages.append(Message(role: .system, content: systemPrompt)) }
        messages.append(Message(role: .user, content: question))
        return CompletionRequest(
            messages: messages,
            mode: promptMode ? .prompt : session.config.mode,
            applyChatTemplate: applyChatTemplate,
            parameters: parameters,
            stream: !noStream
        )
    }

    /// The config's parameters with `--set` applied.
    func baseParameters(session: Session) throws -> SamplingParameters {
        try parsedSettings().applied(to: session.parameters)
    }

    func replyEvents(for request: CompletionRequest, session: Session) throws -> AsyncThrowingStream<CompletionEvent, any Error> {
        guard runsync else { return session.backend.complete(request) }
        guard let backend = session.backend as? RunpodBackend else {
            StandardError.write("podchat: --runsync needs a Runpod endpoint, not an OpenAI-compatible server")
            throw ExitCode(CommandFailure.configurationExitCode)
        }
        return backend.runSync(request)
    }

    /// `--set` values, each checked against the parameter's type and range.
    private func parsedSettings() throws -> ParameterChanges {
        ParameterChanges(
            try settings.map { setting in
                do throws(ParameterChangeError) {
                    return try ParameterChanges.assignment(setting)
                } catch {
                    throw ValidationError("--set \(setting): \(error.reason(examplePrefix: "--set "))")
                }
            })
    }

    /// The two `--compare` side specs, parsed.
    private func parsedComparison() throws -> [ParameterChanges] {
        try compareSpecs.map { spec in
            do throws(ParameterChangeError) {
                return try ParameterChanges(parsing: spec)
            } catch {
                // A spec of one assignment need not be quoted twice.
                let problem = error.assignment == spec.trimmingWhitespace ? error.reason() : "\(error)"
                throw ValidationError("--compare '\(spec)': \(problem)")
            }
        }
    }

    /// The `--compare` specs: exactly two, and a third only as the question when TEXT is
    /// absent (the option takes every value up to the next option, the question included).
    private var compareSpecs: [String] {
        compare.count == 3 && text == nil ? Array(compare.prefix(2)) : compare
    }

    /// Prints what is left to print and turns the outcome into the exit status.
    private func finish(
        _ outcome: Result<ReplySummary, any Error>, of request: CompletionRequest, printer: ReplyPrinter, session: Session
    ) throws {
        let timings = json ? jobTimings(jobID: printer.summary.jobID, session: session) : nil
        switch outcome {
        case .success(let summary):
            if json { printJSON(AskReport(summary: summary, failure: nil, timings: timings)) } else { printer.printChoices(summary) }
            if let warning = Self.thinkingWarning(summary, request: request) { StandardError.write("podchat: \(warning)") }
            guard let unfinished = Self.unfinishedReason(summary) else { return }
            StandardError.write("podchat: \(unfinished)")
            throw ExitCode.failure
        case .failure(is CancellationError):
            StandardError.write("podchat: interrupted; the job was cancelled")
            throw ExitCode(130)
        case .failure(let error):
            let failure = error as? CompletionFailure ?? CompletionFailure("\(error)")
            if json { printJSON(AskReport(summary: printer.summary, failure: failure, timings: timings)) }
            StandardError.write("podchat: \(failure.message)")
            throw ExitCode.failure
        }
    }

    /// What to say when the model spent every token thinking, or nil when it did not.
    static func thinkingWarning(_ summary: ReplySummary, request: CompletionRequest) -> String? {
        guard summary.ranOutWhileThinking else { return nil }
        let limit = request.parameters.number(of: .maxTokens).map { "all \(Int($0)) tokens" } ?? "all its tokens"
        return "the model used \(limit) thinking and never answered: raise max_tokens (--set max_tokens=N)"
    }

    /// Why a reply that arrived still counts as failed (cancelled or timed out), or nil.
    static func unfinishedReason(_ summary: ReplySummary) -> String? {
        switch summary.finishReason {
        case .completed, .length, nil: return nil
        case .cancelled: return "the job was cancelled"
        case .timedOut: return "the job timed out on the server"
        }
    }

    /// The job's queue and run times from `/status`, for `--json`; nil when not to be had.
    func jobTimings(jobID: String?, session: Session) -> JobResponse? {
        guard let jobID, let jobs = session.jobs else { return nil }
        return try? runBlocking { try await jobs.status(jobID: jobID) }
    }

    private func printJSON(_ report: AskReport) {
        StandardOutput.write(json: report.json.objectValue ?? [:])
    }

    /// Ctrl-C (SIGINT) cancels `reply` instead of killing podchat, so the job is cancelled on
    /// the server too.
    static func cancelOnInterrupt<Success>(_ reply: Task<Success, any Error>) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { reply.cancel() }
        source.resume()
        return source
    }

    private func readQuestion() throws -> String {
        let question = text ?? (compare.count == 3 ? compare[2] : nil)
        if let question, question != "-" { return question }
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        guard !input.allSatisfy(\.isWhitespace) else {
            StandardError.write("podchat: no question: give it as an argument or on standard input")
            throw ExitCode(CommandFailure.configurationExitCode)
        }
        return input
    }
}
