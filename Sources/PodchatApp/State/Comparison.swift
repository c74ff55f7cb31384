import PodchatCore

/// A compare (`/compare`): the conversation asked twice at once, side A with the panel's
/// values and side B with the changes typed, both with one seed, so only those changes differ.
/// Each side's reply is a sibling in the conversation's tree; the compare stays on screen
/// until one is kept (`1`, `2`, `/pick`) or it is closed.
package struct Comparison: Sendable, Equatable {
    /// One side: its request, the message its reply streams into, and what it was sent with.
    package struct Side: Sendable, Equatable {
        /// "A" or "B".
        package let label: String
        package let request: RequestID
        package let message: ConversationTree.MessageID
        /// The changes typed for this side, as typed; empty for the panel's own values.
        package let changes: String
        /// Whether its reply has ended, however it ended.
        package fileprivate(set) var hasEnded = false
    }

    package private(set) var sides: [Side]
    /// The seed both sides were sent with.
    package let seed: Int
    /// The parameters whose values differ between the sides, by wire name.
    package let differing: Set<String>

    init(sides: [Side], seed: Int, differing: Set<String>) {
        self.sides = sides
        self.seed = seed
        self.differing = differing
    }

    /// Whether a side is still streaming.
    package var isStreaming: Bool { sides.contains { !$0.hasEnded } }

    /// The side whose request is `id`.
    func side(for id: RequestID) -> Side? {
        sides.first { $0.request == id }
    }

    /// The side labelled `label` (case-insensitively).
    func side(labelled label: String) -> Side? {
        sides.first { $0.label.uppercased() == label.uppercased() }
    }

    mutating func end(_ id: RequestID) {
        guard let index = sides.firstIndex(where: { $0.request == id }) else { return }
        sides[index].hasEnded = true
    }
}
