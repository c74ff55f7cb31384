/// Whether a reply's siblings sent with the same seed and parameters gave the same text.
extension Conversation {
    /// How the path's reply at `index` compares with its siblings sent the same parameters and
    /// seed; nil when there are none to compare with.
    package func reproduction(at index: Int) -> Reproduction? {
        guard entries.indices.contains(index) else { return nil }
        return Reproduction.of(entries[index], among: tree.siblingEntries(at: index))
    }
}
