import PodchatCore

extension ConversationRecord {
    /// The conversation as Markdown a person can read outside podchat: the settings, then each
    /// message of the current branch under its author with its text exactly as written (code
    /// blocks intact), a reply's thinking folded in a `<details>` block above it, and under each
    /// reply how it was made and how it ended.
    package var markdown: String { markdown(allBranches: false) }

    /// ``markdown``, or with `allBranches` every branch in full under its own heading, the
    /// current one marked.
    package func markdown(allBranches: Bool) -> String {
        var lines = ["# \(title)", "", "- endpoint: \(endpoint)", "- mode: \(settings.mode.rawValue)"]
        if !settings.systemPrompt.isEmpty { lines.append("- system prompt: \(settings.systemPrompt)") }
        if !parameters.isEmpty { lines.append("- sampling: \(Self.describe(parameters))") }
        guard allBranches && hasBranches else { return Self.joined(lines + Self.lines(of: currentPath, level: 2)) }
        let all = branches
        let current = currentPath
        var markedCurrent = false
        for (index, branch) in all.enumerated() {
            let isCurrent = !markedCurrent && branch.starts(with: current)
            markedCurrent = markedCurrent || isCurrent
            lines += ["", "## Branch \(index + 1) of \(all.count)" + (isCurrent ? " (current)" : "")]
            lines += Self.lines(of: branch, level: 3)
        }
        return Self.joined(lines)
    }

    private static func joined(_ lines: [String]) -> String {
        lines.joined(separator: "\n") + "\n"
    }

    /// Each message under a heading of `level`, its other choices one level below.
    private static func lines(of messages: [StoredMessage], level: Int) -> [String] {
        let heading = String(repeating: "#", count: level)
        var lines: [String] = []
        for message in messages {
            lines += ["", "\(heading) \(Self.heading(message.role))"]
            if let reasoning = message.reasoning, !reasoning.isEmpty {
                lines += ["", Self.thinkingBlock(reasoning, milliseconds: message.reply?.thinkingMilliseconds)]
            }
            lines += ["", message.content]
            if let choices = message.choices, choices.count > 1 {
                for (index, choice) in choices.enumerated() where index != message.chosenChoice {
                    lines += ["", "\(heading)# Other choice \(index + 1) of \(choices.count)", "", choice]
                }
            }
            if let reply = message.reply { lines += ["", "_\(Self.describe(reply))_"] }
        }
        return lines
    }

    /// Thinking folded as HTML `<details>`, which Markdown viewers show closed. The blank lines
    /// inside let the thinking's own Markdown render.
    private static func thinkingBlock(_ reasoning: String, milliseconds: Int?) -> String {
        let summary = milliseconds.map { "Thinking (\(formatDecimal(Double($0) / 1000, places: 1)) s)" } ?? "Thinking"
        return ["<details>", "<summary>\(summary)</summary>", "", reasoning, "", "</details>"].joined(separator: "\n")
    }

    private static func heading(_ role: Role) -> String {
        switch role {
        case .user: "You"
        case .assistant: "Assistant"
        case .system: "System"
        }
    }

    private static func describe(_ parameters: [String: JSONValue]) -> String {
        parameters.keys.sorted().compactMap { name in parameters[name].map { "\(name) \($0.encodedText)" } }
            .joined(separator: ", ")
    }

    private static func describe(_ reply: ReplyInfo) -> String {
        var parts = [reply.status]
        if let error = reply.error { parts.append("error: \(error)") }
        if !reply.parameters.isEmpty { parts.append(describe(reply.parameters)) }
        if let usage = reply.usage { parts.append("\(usage.promptTokens) prompt + \(usage.completionTokens) completion tokens") }
        if let first = reply.timeToFirstTokenMilliseconds { parts.append("first token \(first) ms") }
        if let duration = reply.durationMilliseconds { parts.append("\(duration) ms") }
        if let job = reply.jobID { parts.append("job \(job)") }
        return parts.joined(separator: " · ")
    }
}
