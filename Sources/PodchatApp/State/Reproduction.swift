import PodchatCore

/// How a reply compares with its siblings that were sent the same parameters and the same
/// seed: vLLM is not always deterministic under batching, so the footer says when such a
/// re-run gave another text, and when it gave the same one.
package enum Reproduction: Sendable, Equatable {
    /// Every such sibling gave the same text; their places.
    case reproduced([BranchPosition])
    /// These siblings gave a different text.
    case differed([BranchPosition])

    /// How `reply` compares with `siblings` (its own place among them skipped), or nil when it
    /// cannot be compared or no sibling was sent the same parameters and seed. Only replies the
    /// model finished (stop or length) count: a cancelled or failed one is cut short.
    static func of(_ reply: TranscriptEntry, among siblings: [TranscriptEntry]) -> Reproduction? {
        guard isComparable(reply) else { return nil }
        let twins = siblings.filter { $0.branch != reply.branch && isComparable($0) && $0.parameters == reply.parameters }
        guard !twins.isEmpty else { return nil }
        let differing = twins.filter { $0.choices != reply.choices || $0.reasonings != reply.reasonings }
        return differing.isEmpty ? .reproduced(twins.compactMap(\.branch)) : .differed(differing.compactMap(\.branch))
    }

    private static func isComparable(_ entry: TranscriptEntry) -> Bool {
        guard entry.role == .assistant, entry.branch != nil, entry.parameters?.isSet(.seed) == true else { return false }
        switch entry.status {
        case .complete, .truncated: return true
        case .streaming, .cancelled, .timedOut, .failed: return false
        }
    }
}
