/// Every message of a conversation, with every branch kept: regenerating a reply or editing a
/// message adds a sibling instead of replacing it. One path through the tree is current: what
/// the transcript shows and the next request continues.
///
/// The path's entries live in ``entries`` and are updated there alone (a streaming reply
/// changes only its own copy, so a token costs the same as before the tree); a node keeps its
/// own copy for when the path leaves it, written back whenever the path changes.
package struct ConversationTree: Sendable, Equatable {
    /// A message's id: unique in the conversation, in the order messages were written, and
    /// stored in the file.
    package typealias MessageID = Int

    private struct Node: Sendable, Equatable {
        var entry: TranscriptEntry
        let parent: MessageID?
        var children: [MessageID] = []
        /// The child the path follows when it passes here.
        var chosenChild: MessageID?
    }

    private var nodes: [MessageID: Node] = [:]
    private var roots: [MessageID] = []
    private var chosenRoot: MessageID?
    /// The current path's ids, first message first.
    package private(set) var path: [MessageID] = []
    /// The current path's messages, each with its ``BranchPosition`` when it has siblings.
    package private(set) var entries: [TranscriptEntry] = []
    private var nextID: MessageID = 1

    package init() {}

    /// A tree rebuilt from stored messages, each with its id and parent (parents before their
    /// children), following the path that ends at `current`.
    package init(restoring messages: [(id: MessageID, parent: MessageID?, entry: TranscriptEntry)], current: MessageID?) {
        for message in messages {
            nodes[message.id] = Node(entry: message.entry, parent: message.parent)
            if let parent = message.parent {
                nodes[parent]?.children.append(message.id)
                nodes[parent]?.chosenChild = message.id
            } else {
                roots.append(message.id)
                chosenRoot = message.id
            }
        }
        nextID = (messages.map(\.id).max() ?? 0) + 1
        var onPath = current
        while let id = onPath, let node = nodes[id] {
            if let parent = node.parent { nodes[parent]?.chosenChild = id } else { chosenRoot = id }
            onPath = node.parent
        }
        rebuildPath(from: 0, endingAt: current)
    }

    /// How many messages the tree holds, in every branch.
    package var messageCount: Int { nodes.count }

    /// Every message in the order written, with its parent: what the file stores.
    package var allMessages: [(id: MessageID, parent: MessageID?, entry: TranscriptEntry)] {
        var onPath: [MessageID: Int] = [:]
        for (index, id) in path.enumerated() { onPath[id] = index }
        return nodes.keys.sorted().compactMap { id in
            guard let node = nodes[id] else { return nil }
            return (id, node.parent, onPath[id].map { entries[$0] } ?? node.entry)
        }
    }

    /// The messages that follow `id`, in the order written; the first messages for nil.
    package func children(of id: MessageID?) -> [MessageID] {
        guard let id else { return roots }
        return nodes[id]?.children ?? []
    }

    /// The path goes to message `id` and on along the branch chosen below it to its end; false
    /// when there is no such message.
    package mutating func jump(to id: MessageID) -> Bool {
        guard nodes[id] != nil else { return false }
        writeBackPath()
        var onPath: MessageID? = id
        while let current = onPath, let node = nodes[current] {
            if let parent = node.parent { nodes[parent]?.chosenChild = current } else { chosenRoot = current }
            onPath = node.parent
        }
        rebuildPath(from: 0, endingAt: nil)
        return true
    }

    // MARK: - Growing

    /// Adds `entry` after the path's last message, as its newest sibling, and follows it.
    package mutating func append(_ entry: TranscriptEntry) {
        let id = nextID
        nextID += 1
        let parent = path.last
        nodes[id] = Node(entry: entry, parent: parent)
        if let parent {
            nodes[parent]?.children.append(id)
            nodes[parent]?.chosenChild = id
        } else {
            roots.append(id)
            chosenRoot = id
        }
        path.append(id)
        var shown = entry
        shown.branch = position(of: id)
        entries.append(shown)
    }

    /// Changes the path's message at `index` in place.
    package mutating func update(at index: Int, _ change: (inout TranscriptEntry) -> Void) {
        guard entries.indices.contains(index) else { return }
        change(&entries[index])
    }

    /// The message `id`, as the path shows it when it is on the path.
    package func entry(of id: MessageID) -> TranscriptEntry? {
        if let index = path.lastIndex(of: id) { return entries[index] }
        return nodes[id]?.entry
    }

    /// Changes message `id` in place, on the path or off it (a compared reply not shown).
    package mutating func update(message id: MessageID, _ change: (inout TranscriptEntry) -> Void) {
        if let index = path.lastIndex(of: id) { return change(&entries[index]) }
        if var node = nodes[id] {
            change(&node.entry)
            nodes[id] = node
        }
    }

    /// The path goes through message `id` instead of its sibling on the path, then along its
    /// chosen branch; false when no sibling of it is on the path.
    package mutating func follow(message id: MessageID) -> Bool {
        let others = siblings(of: id)
        guard let index = path.firstIndex(where: { others.contains($0) }) else { return false }
        follow(id, at: index)
        return true
    }

    /// The path ends after its first `count` messages, so that what is appended next becomes a
    /// sibling of the message that followed; nothing leaves the tree.
    package mutating func rewind(toLength count: Int) {
        guard count < path.count else { return }
        writeBackPath()
        path.removeSubrange(max(0, count)...)
        entries.removeSubrange(max(0, count)...)
    }

    // MARK: - Branches

    /// Where the path's message at `index` stands among its siblings.
    package func siblings(at index: Int) -> [MessageID] {
        guard path.indices.contains(index) else { return [] }
        return siblings(of: path[index])
    }

    /// The entries of the path's message at `index` and its siblings, in sibling order, each
    /// with its ``BranchPosition`` (the message itself as the path has it, streaming included);
    /// empty when there is no such message.
    package func siblingEntries(at index: Int) -> [TranscriptEntry] {
        let others = siblings(at: index)
        return others.enumerated().compactMap { place, id in
            guard var entry = id == path[index] ? entries[index] : nodes[id]?.entry else { return nil }
            entry.branch = others.count > 1 ? BranchPosition(number: place + 1, count: others.count) : nil
            return entry
        }
    }

    /// The path follows the sibling `offset` places from the message at `index` (wrapping
    /// around), then that sibling's own chosen branch to its end. Its new position, or nil when
    /// the message has no siblings.
    package mutating func switchBranch(at index: Int, by offset: Int) -> BranchPosition? {
        let others = siblings(at: index)
        guard others.count > 1, let place = others.firstIndex(of: path[index]) else { return nil }
        let count = others.count
        follow(others[((place + offset) % count + count) % count], at: index)
        return entries[index].branch
    }

    /// Removes the path's message at `index` and everything after it, in every branch, and
    /// follows a sibling instead; false (nothing removed) when it has no sibling, since that
    /// would remove the conversation's only continuation from there.
    package mutating func deleteBranch(at index: Int) -> Bool {
        let others = siblings(at: index)
        guard others.count > 1, let place = others.firstIndex(of: path[index]) else { return false }
        let doomed = path[index]
        let successor = others[place > 0 ? place - 1 : place + 1]
        writeBackPath()
        removeSubtree(doomed)
        if let parent = nodes[successor]?.parent {
            nodes[parent]?.children.removeAll { $0 == doomed }
        } else {
            roots.removeAll { $0 == doomed }
        }
        follow(successor, at: index)
        return true
    }

    private mutating func follow(_ sibling: MessageID, at index: Int) {
        writeBackPath()
        if let parent = nodes[sibling]?.parent { nodes[parent]?.chosenChild = sibling } else { chosenRoot = sibling }
        rebuildPath(from: index, endingAt: nil)
    }

    // MARK: - Internals

    private func siblings(of id: MessageID) -> [MessageID] {
        guard let node = nodes[id] else { return [] }
        return node.parent.flatMap { nodes[$0]?.children } ?? roots
    }

    private func position(of id: MessageID) -> BranchPosition? {
        let others = siblings(of: id)
        guard others.count > 1, let place = others.firstIndex(of: id) else { return nil }
        return BranchPosition(number: place + 1, count: others.count)
    }

    /// Copies the path's entries back into their nodes before the path changes.
    private mutating func writeBackPath() {
        for (index, id) in path.enumerated() {
            var entry = entries[index]
            entry.branch = nil
            nodes[id]?.entry = entry
        }
    }

    /// Keeps the path's first `index` messages and continues from there along each message's
    /// chosen child (or its newest), stopping after `last` when given.
    private mutating func rebuildPath(from index: Int, endingAt last: MessageID?) {
        path.removeSubrange(min(index, path.count)...)
        entries.removeSubrange(min(index, entries.count)...)
        var next = path.last.map { id in nodes[id].flatMap { $0.chosenChild ?? $0.children.last } } ?? (chosenRoot ?? roots.last)
        while let id = next, let node = nodes[id] {
            path.append(id)
            var shown = node.entry
            shown.branch = position(of: id)
            entries.append(shown)
            next = id == last ? nil : node.chosenChild ?? node.children.last
        }
    }

    private mutating func removeSubtree(_ id: MessageID) {
        guard let node = nodes.removeValue(forKey: id) else { return }
        for child in node.children { removeSubtree(child) }
    }
}
