/// The conversation's tree as the map (`/tree`) draws it: one row per run of messages without
/// a fork, each fork's branches indented under it, so a conversation of a thousand messages
/// and three forks is a handful of rows. The state picks rows by index and the view draws
/// them, so both count the same rows.
struct TreeOutline {
    /// One run of messages: from `first` to `last`, each following the one before.
    struct Row: Equatable {
        /// How many forks lie above it.
        let depth: Int
        let first: ConversationTree.MessageID
        let last: ConversationTree.MessageID
        /// Messages in the run.
        let count: Int
        /// Whether it is the last branch of its fork (drawn └─ rather than ├─).
        let isLastSibling: Bool
        /// Whether the current path ends in this run.
        let isCurrent: Bool
    }

    let rows: [Row]

    init(_ tree: ConversationTree) {
        var rows: [Row] = []
        let current = tree.path.last
        let roots = tree.children(of: nil)
        for (index, root) in roots.enumerated() {
            Self.append(from: root, depth: roots.count > 1 ? 1 : 0, isLast: index == roots.count - 1, in: tree, current: current, to: &rows)
        }
        self.rows = rows
    }

    private static func append(
        from first: ConversationTree.MessageID, depth: Int, isLast: Bool, in tree: ConversationTree,
        current: ConversationTree.MessageID?, to rows: inout [Row]
    ) {
        var last = first
        var count = 1
        var holdsCurrent = first == current
        while true {
            let next = tree.children(of: last)
            guard next.count == 1 else { break }
            last = next[0]
            count += 1
            holdsCurrent = holdsCurrent || last == current
        }
        rows.append(Row(depth: depth, first: first, last: last, count: count, isLastSibling: isLast, isCurrent: holdsCurrent))
        let branches = tree.children(of: last)
        for (index, branch) in branches.enumerated() {
            append(from: branch, depth: depth + 1, isLast: index == branches.count - 1, in: tree, current: current, to: &rows)
        }
    }
}
