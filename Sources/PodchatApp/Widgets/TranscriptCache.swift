import PodchatCore

/// Remembers each message's laid-out text between frames, so a frame re-lays only the
/// message that changed (the one streaming) and the cost of drawing does not grow with the
/// conversation. Owned by the one thread that draws; the view stays a function of the state.
package final class TranscriptCache {
    /// What a message's layout depends on; a message whose key is unchanged is not re-laid.
    struct Key: Equatable {
        var role: Role
        var choices: [String]
        var chosenChoice: Int
        var width: Int
        var showsRawText: Bool
    }

    private var bodies: [Int: (key: Key, lines: [TranscriptLine])] = [:]

    package init() {}

    /// The lines for message `index`, laid out again only when `key` differs from last time.
    /// Comparing is cheap for an unchanged message: its strings share storage with the copy kept.
    func lines(forEntry index: Int, key: Key, layOut: () -> [TranscriptLine]) -> [TranscriptLine] {
        if let cached = bodies[index], cached.key == key { return cached.lines }
        let lines = layOut()
        bodies[index] = (key, lines)
        return lines
    }
}
