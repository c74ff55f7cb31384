import ArgumentParser
import EndpointClient
import Foundation
import PodchatCore

/// `podchat ask --compare`: one question asked twice at once, each side with its own
/// parameters, both through the same backend as plain `ask`.
///
/// Side A streams to standard output as it arrives and side B is held back and printed whole
/// once both are done: two streams interleaved on one output would be unreadable, while holding
/// only B still shows progress at once and costs no time, since both jobs run concurrently.
struct AskComparison {
    let ask: Ask
    let comparison: ParameterComparison

    /// One side's reply as it ended.
    private struct Outcome {
        let side: ParameterComparison.Side
        let request: CompletionRequest
        let printer: ReplyPrinter
        let result: Result<ReplySummary, any Error>
    }

    func run(question: String, session: Session) throws {
        let requests = try comparison.sides.map { try ask.makeRequest(question: question, session: session, parameters: $0.parameters) }
        let printers = printers(for: requests)
        let events = try requests.map { try ask.replyEvents(for: $0, session: session) }
        if !ask.json { StandardOutput.write(Self.header(comparison.sides[0])) }
        let replies = Task<[Result<ReplySummary, any Error>], any Error> { await Self.consume(events, with: printers) }
        let interrupt = Ask.cancelOnInterrupt(replies)
        defer { interrupt.cancel() }
        let results = try runBlocking { try await replies.value }
        // The cancels of interrupted jobs must reach the server before the process exits.
        _ = try? runBlocking { [backend = session.backend] in await backend.settle() }
        // A cancelled stream may end without throwing, so the task says whether Ctrl-C came.
        guard !replies.isCancelled, !results.contains(where: Self.isCancellation) else {
            printers[0].finishLine()
            StandardError.write("podchat: interrupted; both jobs were cancelled")
            throw ExitCode(130)
        }
        try finish(
            comparison.sides.indices.map {
                Outcome(side: comparison.sides[$0], request: requests[$0], printer: printers[$0], result: results[$0])
            }, session: session)
    }

    /// A printer per side: side A's streams its text (unless it has several choices, or for
    /// --json) and its thinking; side B's only collects.
    private func printers(for requests: [CompletionRequest]) -> [ReplyPrinter] {
        zip(comparison.sides, requests).enumerated().map { index, pair in
            let (side, request) = pair
            let streams = index == 0 && !ask.json && (request.parameters.number(of: .n) ?? 1) <= 1
            return ReplyPrinter(
                streamsText: streams, showsReasoning: index == 0 && ask.showReasoning, reasoningHeading: Self.reasoningHeading(side))
        }
    }

    private static func isCancellation(_ result: Result<ReplySummary, any Error>) -> Bool {
        if case .failure(is CancellationError) = result { true } else { false }
    }

    /// Reads both replies at once; the results in the order of `events`.
    private static func consume(
        _ events: [AsyncThrowingStream<CompletionEvent, any Error>], with printers: [ReplyPrinter]
    ) async -> [Result<ReplySummary, any Error>] {
        await withTaskGroup(of: (Int, Result<ReplySummary, any Error>).self) { group in
            for (index, stream) in events.enumerated() {
                group.addTask { [printer = printers[index]] in
                    do { return (index, .success(try await printer.consume(stream))) } catch { return (index, .failure(error)) }
                }
            }
            var results: [Int: Result<ReplySummary, any Error>] = [:]
            for await (index, result) in group { results[index] = result }
            return events.indices.compactMap { results[$0] }
        }
    }

    /// Prints both sides and turns their outcomes into the exit status.
    private func finish(_ outcomes: [Outcome], session: Session) throws {
        if ask.json { printJSON(outcomes, session: session) } else { outcomes.forEach(printSide) }
        // Every side's problems are reported, not only the first's.
        if outcomes.map(reportProblems).contains(true) { throw ExitCode.failure }
    }

    /// Side A's rest (its text streamed already), or side B whole under its header.
    private func printSide(_ outcome: Outcome) {
        let isFirst = outcome.side.label == comparison.sides[0].label
        if !isFirst {
            StandardOutput.write(Self.header(outcome.side))
            if ask.showReasoning, case .success(let summary) = outcome.result, let reasoning = summary.reasonings[0], !reasoning.isEmpty {
                StandardError.write(
                    Self.reasoningHeading(outcome.side) + "\n" + (reasoning.hasSuffix("\n") ? String(reasoning.dropLast()) : reasoning))
            }
        }
        switch outcome.result {
        case .success(let summary): outcome.printer.printChoices(summary)
        case .failure: outcome.printer.finishLine()
        }
    }

    /// Says on standard error what went wrong with a side, if anything did; true when it failed.
    private func reportProblems(_ outcome: Outcome) -> Bool {
        let label = outcome.side.label
        switch outcome.result {
        case .success(let summary):
            if let warning = Ask.thinkingWarning(summary, request: outcome.request) { StandardError.write("podchat: \(label): \(warning)") }
            guard let unfinished = Ask.unfinishedReason(summary) else { return false }
            StandardError.write("podchat: \(label) failed: \(unfinished)")
        case .failure(let error):
            StandardError.write("podchat: \(label) failed: \(Self.failure(error).message)")
        }
        return true
    }

    /// `{"compare": [A, B], "podchat": …}`, each side what `ask --json` prints for its reply plus its label,
    /// changes and seed.
    private func printJSON(_ outcomes: [Outcome], session: Session) {
        let sides = outcomes.map { outcome -> JSONValue in
            let summary: ReplySummary
            let failure: CompletionFailure?
            switch outcome.result {
            case .success(let finished): (summary, failure) = (finished, nil)
            case .failure(let error): (summary, failure) = (outcome.printer.summary, Self.failure(error))
            }
            let timings = ask.jobTimings(jobID: summary.jobID, session: session)
            var fields = AskReport(summary: summary, failure: failure, timings: timings).json.objectValue ?? [:]
            fields["label"] = .string(outcome.side.label)
            fields["changes"] = .object(outcome.side.changes.values)
            fields["seed"] = .number(Double(outcome.side.seed))
            return .object(fields)
        }
        StandardOutput.write(json: ["compare": .array(sides)])
    }

    private static func failure(_ error: any Error) -> CompletionFailure {
        error as? CompletionFailure ?? CompletionFailure("\(error)")
    }

    /// `── A · temperature=0.2 · seed 1234 ──`: the changes as typed, and the seed.
    static func header(_ side: ParameterComparison.Side) -> String {
        let changes = side.changes.assignments.isEmpty ? "no changes" : side.changes.text
        return "── \(side.label) · \(changes) · seed \(side.seed) ──\n"
    }

    private static func reasoningHeading(_ side: ParameterComparison.Side) -> String {
        "── \(side.label) · reasoning ──"
    }
}
