import PodchatCore

/// The model's context: measuring how full the conversation is, and fitting a request into
/// it before the server would refuse it.
extension AppState {
    /// How many tokens the conversation took at the last reply (its prompt and its reply),
    /// as the server counted them.
    package var contextUsed: Int? {
        guard let usage = conversation.entries.last(where: { $0.role == .assistant && $0.usage != nil })?.usage else { return nil }
        return usage.promptTokens + usage.completionTokens
    }

    /// Asks for the model's context length after the first reply: a worker is warm then, so
    /// the question costs no cold start.
    mutating func askForModelInfoOnce() -> [Effect] {
        reply.shouldAskForModelInfo() ? [.endpoint(.fetchModelInfo)] : []
    }

    /// `messages` as they fit in the context with `parameters`' `max_tokens`, lowering that
    /// value in `parameters` or leaving the oldest messages out, with a notice either way.
    mutating func fitToContext(_ messages: [Message], parameters: inout SamplingParameters) -> [Message] {
        guard let contextLength = reply.contextLength else { return messages }
        let budget = ContextBudget(contextLength: contextLength, calibration: calibration)
        let maxTokens = parameters.number(of: .maxTokens).map { Int($0) }
        guard let plan = budget.plan(for: messages, maxTokens: maxTokens) else { return messages }
        var changes: [String] = []
        if plan.leftOut > 0 { changes.append("left out the \(plan.leftOut) oldest messages (still on screen and saved)") }
        if let lowered = plan.maxTokens {
            parameters.set(.maxTokens, to: Double(lowered))
            changes.append("max_tokens \(lowered) for this reply")
        }
        show("To fit the model's \(contextLength)-token context: " + changes.joined(separator: "; "), expiresIn: .seconds(8))
        return ContextBudget.kept(messages, leavingOut: plan.leftOut)
    }

    /// How the last reply's reported usage compares with the estimate of the same messages.
    private var calibration: Double {
        let entries = conversation.entries
        guard let index = entries.lastIndex(where: { $0.role == .assistant && $0.usage != nil }), let usage = entries[index].usage else { return 1 }
        let counted = conversation.systemMessages + entries[...index].compactMap(\.message)
        return ContextBudget.calibration(messages: counted, reportedTokens: usage.promptTokens + usage.completionTokens)
    }
}
