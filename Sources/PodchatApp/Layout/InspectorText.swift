import PodchatCore

/// The request inspector's text: the next request as the backend built it, then the request and
/// answer of the reply it shows. The view draws it and the state scrolls through it.
enum InspectorText {
    /// How many lines fit under the title in a window `height` rows high.
    static func visibleRows(height: Int) -> Int {
        max(1, height - 3)
    }

    /// Every line at `width` columns; long lines are cut at the width and go on in the next, so
    /// every character of the request is on screen as it is sent.
    static func lines(_ inspector: RequestInspector, reply: TranscriptEntry?, width: Int) -> [TranscriptLine] {
        var lines = nextRequest(inspector)
        lines.append(.blank)
        lines += replySection(inspector, reply: reply)
        return lines.flatMap { cut($0, width: max(1, width)) }
    }

    private static func nextRequest(_ inspector: RequestInspector) -> [TranscriptLine] {
        let message =
            inspector.usesPlaceholder
            ? "“\(AppState.placeholderMessage)” stands in for the message: the input holds none"
            : "the input's text as the new message"
        var lines = [TranscriptLine("Next request · \(message)", style: .heading)]
        switch inspector.next {
        case .waiting: lines.append(TranscriptLine("Building the request…", style: .dim))
        case .unavailable: lines.append(TranscriptLine("This endpoint cannot show its requests.", style: .dim))
        case .shown(let preview): lines += request(preview)
        }
        return lines
    }

    /// Method and URL, headers, a blank line, the body pretty-printed, then what follows.
    private static func request(_ preview: RequestPreview) -> [TranscriptLine] {
        var lines = [TranscriptLine("\(preview.method) \(preview.url)", style: .strong)]
        lines += preview.headers.map { TranscriptLine(runs: [StyledRun("\($0.name): ", style: .listMarker), StyledRun($0.value, style: .normal)]) }
        if !preview.body.isEmpty {
            lines.append(.blank)
            lines += preview.prettyBody.split(separator: "\n", omittingEmptySubsequences: false).map { TranscriptLine(String($0), style: .codeBlock) }
        }
        lines += preview.notes.map { TranscriptLine($0, style: .dim) }
        return lines
    }

    private static func replySection(_ inspector: RequestInspector, reply: TranscriptEntry?) -> [TranscriptLine] {
        guard let reply, let index = inspector.replyIndex else { return [TranscriptLine("No reply yet.", style: .dim)] }
        let which = inspector.replyIsAtCursor ? "at the cursor" : "the last one"
        var lines = [TranscriptLine("Reply \(index + 1) (\(which)) · its request and answer", style: .heading)]
        lines.append(TranscriptLine(Formatting.keepingTogether(summary(of: reply)), style: .normal))
        let timings = timings(of: reply)
        if !timings.isEmpty { lines.append(TranscriptLine(Formatting.keepingTogether(timings), style: .normal)) }
        if let parameters = reply.parameters {
            let sent = Formatting.changedParameters(parameters)
            lines.append(TranscriptLine("parameters: " + (sent.isEmpty ? "none set" : sent.joined(separator: ", ")), style: .dim))
        }
        lines.append(.blank)
        if let request = reply.request {
            lines += self.request(request)
        } else {
            lines.append(TranscriptLine("Its request was not kept (replies keep it only in the session that sent them).", style: .dim))
        }
        if let exchanges = reply.exchanges { lines += answers(exchanges) }
        return lines
    }

    /// The job API requests of the reply, counted by kind, and the last answer as sent.
    private static func answers(_ exchanges: JobExchanges) -> [TranscriptLine] {
        let counts = exchanges.requests.map { "\($0.kind) ×\($0.count)" }.joined(separator: " · ")
        var lines: [TranscriptLine] = [.blank, TranscriptLine("Job API requests: " + counts, style: .strong)]
        guard let request = exchanges.lastRequest, let answer = exchanges.lastAnswer else { return lines }
        let status = exchanges.lastStatus.map { ", job \($0.wireName)" } ?? ""
        lines.append(TranscriptLine("Last answer, to \(request)\(status):", style: .strong))
        lines += answer.split(separator: "\n", omittingEmptySubsequences: false).map { TranscriptLine(String($0), style: .codeBlock) }
        return lines
    }

    /// Job id, status, worker generation and usage.
    private static func summary(of reply: TranscriptEntry) -> [String] {
        var parts = ["job " + (reply.jobID ?? "none yet"), "status: " + status(reply.status)]
        if let generation = reply.workerGeneration { parts.append("worker: \(generation.label)") }
        if let usage = reply.usage { parts.append("tokens: \(usage.promptTokens) in, \(usage.completionTokens) out") }
        if reply.wasRepaired { parts.append("text put back from the job's output") }
        return parts
    }

    private static func status(_ status: TranscriptEntry.Status) -> String {
        switch status {
        case .complete: "complete"
        case .streaming: "arriving"
        case .truncated: "cut at max_tokens"
        case .cancelled: "cancelled"
        case .timedOut: "timed out"
        case .failed(let message): "failed: \(message)"
        }
    }

    /// Queued, first token and total, from when it was requested.
    private static func timings(of reply: TranscriptEntry) -> [String] {
        guard let requested = reply.requestedAt else { return [] }
        let marks: [(String, ContinuousClock.Instant?)] = [
            ("queued", reply.startedAt), ("first token", reply.firstTokenAt), ("total", reply.finishedAt),
        ]
        return marks.compactMap { label, instant in instant.map { "\(label) \(Formatting.elapsed($0 - requested))" } }
    }

    /// `line` cut into rows of at most `width` columns, the indent kept on the first.
    private static func cut(_ line: TranscriptLine, width: Int) -> [TranscriptLine] {
        var rows: [[StyledRun]] = [[]]
        var used = line.indent
        for run in line.runs {
            var piece = ""
            for character in run.text {
                let characterWidth = DisplayWidth.of(character)
                if used + characterWidth > width, used > 0 {
                    if !piece.isEmpty { rows[rows.count - 1].append(StyledRun(piece, style: run.style)) }
                    rows.append([])
                    piece = ""
                    used = 0
                }
                piece.append(character)
                used += characterWidth
            }
            if !piece.isEmpty { rows[rows.count - 1].append(StyledRun(piece, style: run.style)) }
        }
        return rows.enumerated().map { TranscriptLine(runs: $1, indent: $0 == 0 ? line.indent : 0) }
    }
}
