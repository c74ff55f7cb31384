import PodchatApp
import PodchatCore
import Testing

/// The conversation as a tree: nothing a regenerate or an edit replaces is lost, and the path
/// shown follows the branch picked at each fork.
@Suite struct ConversationTreeTests {
    private static func entry(_ text: String, _ role: Role) -> TranscriptEntry {
        TranscriptEntry(role: role, text: text)
    }

    /// A tree with the path `texts`, alternating the user's messages and replies.
    private static func chain(_ texts: [String]) -> ConversationTree {
        var tree = ConversationTree()
        for (index, text) in texts.enumerated() { tree.append(entry(text, index.isMultiple(of: 2) ? .user : .assistant)) }
        return tree
    }

    private static func texts(_ tree: ConversationTree) -> [String] {
        tree.entries.map(\.text)
    }

    private static func positions(_ tree: ConversationTree) -> [BranchPosition?] {
        tree.entries.map(\.branch)
    }

    @Test func appendingGrowsOnePathWithNoBranches() {
        let tree = Self.chain(["q1", "a1", "q2", "a2"])
        #expect(Self.texts(tree) == ["q1", "a1", "q2", "a2"])
        #expect(tree.path == [1, 2, 3, 4])
        #expect(tree.messageCount == 4)
        #expect(Self.positions(tree).allSatisfy { $0 == nil })
        #expect(tree.allMessages.map(\.parent) == [nil, 1, 2, 3])
    }

    @Test func regeneratingMakesASiblingAndKeepsTheOldReply() {
        var tree = Self.chain(["q1", "a1"])
        tree.rewind(toLength: 1)
        #expect(Self.texts(tree) == ["q1"])
        #expect(tree.messageCount == 2, "the old reply left the path, not the tree")
        tree.append(Self.entry("a1 again", .assistant))
        #expect(Self.texts(tree) == ["q1", "a1 again"])
        #expect(tree.entries[1].branch == BranchPosition(number: 2, count: 2))
        #expect(tree.allMessages.map(\.entry.text) == ["q1", "a1", "a1 again"])
        #expect(tree.allMessages.map(\.parent) == [nil, 1, 1])
    }

    @Test func editingAnEarlierMessageBranchesThereAndKeepsTheLaterTurns() {
        var tree = Self.chain(["q1", "a1", "q2", "a2", "q3", "a3"])
        tree.rewind(toLength: 2)
        tree.append(Self.entry("q2 edited", .user))
        tree.append(Self.entry("a2 new", .assistant))
        #expect(Self.texts(tree) == ["q1", "a1", "q2 edited", "a2 new"])
        #expect(Self.positions(tree) == [nil, nil, BranchPosition(number: 2, count: 2), nil])
        #expect(tree.messageCount == 8)
        let outcome1 = tree.switchBranch(at: 2, by: -1)
        #expect(outcome1 == BranchPosition(number: 1, count: 2))
        #expect(Self.texts(tree) == ["q1", "a1", "q2", "a2", "q3", "a3"], "the old branch comes back whole")
    }

    @Test func switchingWrapsAroundAndFollowsEachBranchToItsEnd() {
        var tree = Self.chain(["q", "a"])
        for text in ["b", "c"] {
            tree.rewind(toLength: 1)
            tree.append(Self.entry(text, .assistant))
        }
        tree.append(Self.entry("follow-up", .user))
        #expect(Self.texts(tree) == ["q", "c", "follow-up"])
        let outcome2 = tree.switchBranch(at: 1, by: 1)
        #expect(outcome2 == BranchPosition(number: 1, count: 3))
        #expect(Self.texts(tree) == ["q", "a"])
        let outcome3 = tree.switchBranch(at: 1, by: -1)
        #expect(outcome3 == BranchPosition(number: 3, count: 3))
        #expect(Self.texts(tree) == ["q", "c", "follow-up"], "each fork remembers the branch taken below it")
        let outcome4 = tree.switchBranch(at: 0, by: 1)
        #expect(outcome4 == nil, "a message without siblings has no branch to switch to")
        let outcome5 = tree.switchBranch(at: 9, by: 1)
        #expect(outcome5 == nil)
    }

    @Test func textStreamedIntoTheShownReplyIsKeptWhenThePathMovesAway() {
        var tree = Self.chain(["q", "a"])
        tree.rewind(toLength: 1)
        tree.append(Self.entry("", .assistant))
        tree.update(at: 1) { $0 = TranscriptEntry(role: .assistant, text: "streamed") }
        _ = tree.switchBranch(at: 1, by: 1)
        #expect(Self.texts(tree) == ["q", "a"])
        _ = tree.switchBranch(at: 1, by: 1)
        #expect(Self.texts(tree) == ["q", "streamed"])
        #expect(tree.allMessages.map(\.entry.text) == ["q", "a", "streamed"])
    }

    @Test func deletingABranchRemovesItAndWhatFollowsItOnly() {
        var tree = Self.chain(["q", "a", "q2", "a2"])
        tree.rewind(toLength: 1)
        tree.append(Self.entry("b", .assistant))
        _ = tree.switchBranch(at: 1, by: -1)
        #expect(Self.texts(tree) == ["q", "a", "q2", "a2"])
        let outcome6 = tree.deleteBranch(at: 1)
        #expect(outcome6)
        #expect(Self.texts(tree) == ["q", "b"])
        #expect(tree.messageCount == 2)
        #expect(tree.entries[1].branch == nil, "the only reply left has no siblings")
        let outcome7 = tree.deleteBranch(at: 1)
        #expect(!outcome7, "the last continuation is never deleted")
        #expect(tree.messageCount == 2)
    }

    @Test func deletingTheFirstSiblingShowsTheNextOne() {
        var tree = Self.chain(["q", "a"])
        for text in ["b", "c"] {
            tree.rewind(toLength: 1)
            tree.append(Self.entry(text, .assistant))
        }
        _ = tree.switchBranch(at: 1, by: 1)
        #expect(Self.texts(tree) == ["q", "a"])
        let outcome8 = tree.deleteBranch(at: 1)
        #expect(outcome8)
        #expect(Self.texts(tree) == ["q", "b"])
        #expect(tree.entries[1].branch == BranchPosition(number: 1, count: 2))
    }

    @Test func theFirstMessageCanHaveSiblingsToo() {
        var tree = Self.chain(["q", "a"])
        tree.rewind(toLength: 0)
        tree.append(Self.entry("other question", .user))
        #expect(Self.texts(tree) == ["other question"])
        #expect(tree.entries[0].branch == BranchPosition(number: 2, count: 2))
        let outcome9 = tree.switchBranch(at: 0, by: 1)
        #expect(outcome9 == BranchPosition(number: 1, count: 2))
        #expect(Self.texts(tree) == ["q", "a"])
    }

    @Test func aRestoredTreeFollowsThePathToTheCurrentMessage() {
        let messages: [(id: Int, parent: Int?, entry: TranscriptEntry)] = [
            (1, nil, Self.entry("q", .user)), (2, 1, Self.entry("a", .assistant)), (3, 2, Self.entry("q2", .user)),
            (5, 1, Self.entry("b", .assistant)), (7, 5, Self.entry("q3", .user)),
        ]
        var tree = ConversationTree(restoring: messages, current: 2)
        #expect(Self.texts(tree) == ["q", "a"], "the path stops at the current message")
        #expect(tree.entries[1].branch == BranchPosition(number: 1, count: 2))
        let outcome10 = tree.switchBranch(at: 1, by: 1)
        #expect(outcome10 == BranchPosition(number: 2, count: 2))
        #expect(Self.texts(tree) == ["q", "b", "q3"])
        tree.append(Self.entry("a3", .assistant))
        #expect(tree.path.last == 8, "new ids continue after the highest stored one")
        #expect(tree.allMessages.map(\.id) == [1, 2, 3, 5, 7, 8])
    }

    @Test func aRestoredTreeWithoutACurrentMessageShowsTheNewestBranches() {
        let messages: [(id: Int, parent: Int?, entry: TranscriptEntry)] = [
            (1, nil, Self.entry("q", .user)), (2, 1, Self.entry("a", .assistant)), (3, 1, Self.entry("b", .assistant)),
        ]
        #expect(Self.texts(ConversationTree(restoring: messages, current: nil)) == ["q", "b"])
        #expect(ConversationTree(restoring: [], current: nil).entries.isEmpty)
    }
}
