/// The branches of a stored conversation: which message follows which, and the path being
/// continued. Files before version 3 hold a single path, read as a chain.
extension ConversationRecord {
    /// A message's place in the tree: its id and the id of the message it follows.
    package struct Link: Sendable, Equatable {
        package let id: Int
        package let parent: Int?

        package init(id: Int, parent: Int?) {
            self.id = id
            self.parent = parent
        }
    }

    /// Each message's link, in file order: the stored ids (version 3), or for an older file a
    /// chain numbered from 1. Throws the reason when they do not form a tree whose parents come
    /// before their children.
    package func links() throws(ConversationTreeProblem) -> [Link] {
        guard messages.contains(where: { $0.id != nil || $0.parent != nil }) else {
            return messages.indices.map { Link(id: $0 + 1, parent: $0 == 0 ? nil : $0) }
        }
        var seen = Set<Int>()
        var links: [Link] = []
        for (index, message) in messages.enumerated() {
            guard let id = message.id else { throw ConversationTreeProblem("message \(index + 1) has no id") }
            guard seen.insert(id).inserted else { throw ConversationTreeProblem("message id \(id) is used twice") }
            if let parent = message.parent, parent == id || !seen.contains(parent) {
                throw ConversationTreeProblem("message \(id) follows \(parent), which is not an earlier message")
            }
            links.append(Link(id: id, parent: message.parent))
        }
        if let current, !seen.contains(current) { throw ConversationTreeProblem("current is \(current), which is no message's id") }
        return links
    }

    /// The id of the message the current path ends at: `current`, else the last message.
    package func currentID(in links: [Link]) -> Int? {
        current ?? links.last?.id
    }

    /// The indexes in `messages` of the current path, first message first.
    package func currentPathIndexes() throws(ConversationTreeProblem) -> [Int] {
        let links = try links()
        return Self.pathIndexes(to: currentID(in: links), in: links)
    }

    /// The current path's messages: what the chat window shows and the next request continues.
    /// A record whose tree is broken (the store never hands one out) gives its messages in order.
    package var currentPath: [StoredMessage] {
        guard let indexes = try? currentPathIndexes() else { return messages }
        return indexes.map { messages[$0] }
    }

    /// Every branch: the path from a first message to each message that nothing follows, in the
    /// order those last messages were written.
    package var branches: [[StoredMessage]] {
        guard let links = try? links() else { return [messages] }
        let parents = Set(links.compactMap(\.parent))
        return links.filter { !parents.contains($0.id) }.map { leaf in Self.pathIndexes(to: leaf.id, in: links).map { messages[$0] } }
    }

    /// Whether any message has a sibling: another message following the same one.
    package var hasBranches: Bool {
        guard let links = try? links() else { return false }
        return Set(links.map(\.parent)).count < links.count
    }

    private static func pathIndexes(to last: Int?, in links: [Link]) -> [Int] {
        var indexOfID: [Int: Int] = [:]
        for (index, link) in links.enumerated() { indexOfID[link.id] = index }
        var indexes: [Int] = []
        var next = last
        while let id = next, let index = indexOfID[id] {
            indexes.append(index)
            next = links[index].parent
        }
        return indexes.reversed()
    }
}
