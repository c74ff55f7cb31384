import Foundation
import Glibc
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

@Suite struct FileConversationStoreTests {
    private let directory: URL
    private let store: FileConversationStore

    init() throws {
        directory = URL(fileURLWithPath: try Executables.temporaryDirectory()).appendingPathComponent("conversations")
        store = FileConversationStore(directory: directory)
    }

    private func record(_ id: String, title: String, updatedAt: Double = 1, text: String = "hello") -> ConversationRecord {
        let settings = ConversationRecord.Settings(
            mode: .chat, applyChatTemplate: false, systemPrompt: "Be brief.", inputFormat: "native", stream: true, newSeedEachRequest: false)
        let reply = ConversationRecord.ReplyInfo(
            status: "truncated", parameters: ["temperature": 0.2, "seed": 7], usage: Usage(promptTokens: 3, completionTokens: 9),
            jobID: "job-1", timeToFirstTokenMilliseconds: 120, durationMilliseconds: 900)
        return ConversationRecord(
            id: id, title: title, createdAt: 0, updatedAt: updatedAt, endpoint: "runpod abc", settings: settings,
            parameters: ["top_p": 0.9, "stop": .array(["END"])],
            messages: [
                .init(role: .user, content: text, time: 1),
                .init(role: .assistant, content: "two", time: 2, choices: ["one", "two"], chosenChoice: 1, reply: reply),
            ])
    }

    private var fileNames: [String] {
        // The index beside the files is hidden, like the temporary files a save may leave.
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".index.") }.sorted()
    }

    private var path: String { directory.appendingPathComponent("c1.json").path }

    /// Texts a save must keep to the last scalar, by name (a several-MB argument would fill
    /// the test log).
    private static let texts: [String: String] = [
        "plain": "plain",
        "CJK, emoji, combining marks, RTL": "日本語のテキスト 中文 한국어 😀 👩‍👩‍👧 🇳🇴 e\u{301} n\u{303}\u{323} שלום עולם \u{200F}مرحبا\u{200E} ok",
        "controls and JSON's own characters": "quote \" backslash \\ slash / tab \t nul \u{0} escape \u{1B}[31m line\u{2028}break \r\n",
        "8 MB in one message": String(repeating: "A long line with ümlauts and 日本語, ", count: 200_000),
    ]

    @Test(arguments: texts.keys.sorted())
    func savesAndLoadsTheSameRecord(named name: String) throws {
        let original = record("c1", title: "Title \(name)", text: try #require(Self.texts[name]))
        try store.save(original)
        #expect(try store.load(id: "c1") == original)
        #expect(fileNames == ["c1.json"])
    }

    @Test func everyReplyStatusAndOptionalFieldComesBackAsSaved() throws {
        func reply(_ status: String, error: String? = nil, timed: Bool = true) -> ConversationRecord.StoredMessage {
            let info = ConversationRecord.ReplyInfo(
                status: status, error: error, parameters: timed ? ["seed": 3, "stop": .array(["\n\n"])] : [:],
                usage: timed ? Usage(promptTokens: 10, completionTokens: 0) : nil, jobID: timed ? "job-\(status)" : nil,
                timeToFirstTokenMilliseconds: timed ? 0 : nil, durationMilliseconds: timed ? 61_000 : nil)
            return .init(role: .assistant, content: status == "failed" ? "" : "partial \(status)", time: 1_795_000_000.123_456, reply: info)
        }
        var original = record("c1", title: "Statuses")
        original.messages += [
            reply("completed"), reply("truncated"), reply("cancelled"), reply("timed_out"),
            reply("failed", error: "CUDA out of memory: {'detail': \"x\"}"), reply("completed", timed: false),
            .init(role: .system, content: "", time: 0),
        ]
        try store.save(original)
        let loaded = try store.load(id: "c1")
        #expect(loaded == original)
        #expect(
            loaded.messages.compactMap(\.reply?.status) == ["truncated", "completed", "truncated", "cancelled", "timed_out", "failed", "completed"])
    }

    @Test func aSaveReplacesTheFileAndLeavesNoTemporaryFile() throws {
        try store.save(record("c1", title: "First"))
        try store.save(record("c1", title: "Second"))
        #expect(try store.load(id: "c1").title == "Second")
        #expect(fileNames == ["c1.json"])
    }

    @Test(arguments: [
        ("", "empty file"),
        ("{not json", "not JSON"),
        (#"{"format_version": 9, "anything": 1}"#, "format_version 9 is newer"),
        (#"{"format_version": 1, "id": "c1"}"#, "not a conversation record"),
    ])
    func anUnreadableFileIsReportedByNameAndNeverOverwritten(content: String, reason: String) throws {
        try store.save(record("other", title: "Other"))
        let path = directory.appendingPathComponent("c1.json").path
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        let listing = store.list()
        #expect(listing.conversations.map(\.id) == ["other"])
        #expect(listing.unreadable.map(\.path) == [path])
        #expect(listing.unreadable.first?.reason.contains(reason) == true)
        #expect(throws: ConversationStoreError.self) { try store.load(id: "c1") }
        #expect(throws: ConversationStoreError.self) { try store.save(record("c1", title: "New")) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
    }

    /// The store skips re-reading a file it wrote itself; a file damaged since is still caught.
    @Test(arguments: ["", "{not json", #"{"format_version": 9}"#])
    func aFileDamagedAfterThisStoreWroteItIsNeverOverwritten(content: String) throws {
        try store.save(record("c1", title: "Mine"))
        try store.save(record("c1", title: "Mine again"))
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ConversationStoreError.self) { try store.save(record("c1", title: "Over it")) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
    }

    @Test(.enabled(if: getuid() != 0, "root reads any file, so permissions cannot make one unreadable"))
    func aFileNobodyMayReadIsReportedAndComesBackWhenItMayAgain() throws {
        try store.save(record("c1", title: "Locked"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(chmod(path, 0) == 0)
        let listing = store.list()
        #expect(listing.conversations.isEmpty)
        #expect(listing.unreadable == [ConversationStoreError(path: path, reason: "cannot be read: Permission denied")])
        #expect(store.search("hello").unreadable.map(\.path) == [path])
        #expect(throws: ConversationStoreError.self) { try store.save(record("c1", title: "Replacement")) }
        #expect(chmod(path, 0o600) == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(store.list().conversations.map(\.title) == ["Locked"])
    }

    @Test func conversationsArePrivateToTheUser() throws {
        try store.save(record("c1", title: "Private"))
        let file = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("c1.json").path)
        let folder = try FileManager.default.attributesOfItem(atPath: directory.path)
        #expect((file[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600)
        #expect((folder[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o700)
    }

    @Test func aDirectoryInPlaceOfAFileIsReported() throws {
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("c2.json"), withIntermediateDirectories: true)
        #expect(store.list().unreadable.first?.reason.contains("a directory") == true)
    }

    @Test func temporaryFilesLeftByACrashAreNeverTakenForConversations() throws {
        try store.save(record("c1", title: "Kept"))
        let leftover = try Data(contentsOf: URL(fileURLWithPath: path))
        try leftover.write(to: directory.appendingPathComponent(".c1.4242.k3j5.tmp"))
        try Data(leftover.prefix(100)).write(to: directory.appendingPathComponent(".c2.4242.x9.tmp"))
        let listing = store.list()
        #expect(listing.conversations.map(\.id) == ["c1"])
        #expect(listing.unreadable.isEmpty)
        #expect(store.search("hello").conversations.map(\.id) == ["c1"])
        #expect(throws: ConversationStoreError.self) { try store.find("c2") }
    }

    @Test func listingsFollowChangesMadeBehindTheStoresBack() throws {
        try store.save(record("c1", title: "First", text: "apples"))
        try store.save(record("c2", title: "Second", text: "pears"))
        #expect(store.search("apples").conversations.map(\.id) == ["c1"])
        // Another podchat saves c1 anew, one deletes c2, and c3 arrives.
        try FileConversationStore(directory: directory).save(record("c1", title: "First", updatedAt: 9, text: "plums"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("c2.json"))
        try FileConversationStore(directory: directory).save(record("c3", title: "Third", updatedAt: 5, text: "apples"))
        #expect(store.list().conversations.map(\.id) == ["c1", "c3"])
        #expect(store.search("apples").conversations.map(\.id) == ["c3"])
        #expect(store.search("plums").conversations.map(\.id) == ["c1"])
        // Damaged in place, keeping its size: still noticed.
        let size = try Data(contentsOf: URL(fileURLWithPath: path)).count
        try Data(repeating: UInt8(ascii: "x"), count: size).write(to: URL(fileURLWithPath: path))
        #expect(store.list().unreadable.map(\.path) == [path])
    }

    @Test func listsNewestFirstAndFindsByIDPrefixAndTitle() throws {
        try store.save(record("aaa111", title: "Old", updatedAt: 1))
        try store.save(record("bbb222", title: "New", updatedAt: 5))
        #expect(store.list().conversations.map(\.id) == ["bbb222", "aaa111"])
        #expect(try store.find("aaa").id == "aaa111")
        #expect(try store.find("new").id == "bbb222")
        #expect(throws: ConversationStoreError.self) { try store.find("zzz") }
    }

    @Test func searchesTitlesAndContentWithASnippet() throws {
        try store.save(record("c1", title: "Cooking", text: "How long should I boil an egg for a soft yolk?"))
        try store.save(record("c2", title: "Travel", text: "Trains from Paris"))
        let found = store.search("SOFT").conversations
        #expect(found.map(\.id) == ["c1"])
        #expect(found.first?.snippet.contains("soft yolk") == true)
        #expect(store.search("travel").conversations.map(\.id) == ["c2"])
        #expect(store.search("nothing like this").conversations.isEmpty)
    }

    @Test(arguments: [
        ("ÉCOLE", "…l'école…"), ("дом", "ДОМ"), ("ΣΟΦΊΑ", "σοφία"), ("日本", "日本語"), ("e\u{301}t", "é"),
        ("\"quoted\"", "\"quoted\""), ("line\nbreak", "line break"),
    ])
    func searchIgnoresCaseLetterByLetterInAnyScript(query: String, snippetPart: String) throws {
        try store.save(record("c1", title: "Mixed", text: "Ma fille va à l'école. ДОМ. σοφία. 日本語. 👩‍👩‍👧. Café e\u{301}té. \"quoted\" line\nbreak"))
        try store.save(record("c2", title: "Other", text: "nothing to see"))
        let found = store.search(query).conversations
        #expect(found.map(\.id) == ["c1"])
        #expect(found.first?.snippet.contains(snippetPart.replacingOccurrences(of: "…", with: "")) == true)
    }

    @Test func searchLooksAtTheTitleFirstAndNeverAcrossTwoMessages() throws {
        try store.save(record("c1", title: "Soup ideas", text: "A hearty soup"))
        #expect(store.search("soup").conversations.first?.snippet == "Soup ideas")
        // "hello" ends the first message, "two" is the second: no match runs from one into the other.
        #expect(store.search("hellotwo").conversations.isEmpty)
        #expect(store.search("hello\ntwo").conversations.isEmpty)
    }

    @Test func aSnippetIsCutAroundTheMatchOnOneLineWithTheMatchMarked() throws {
        let text = String(repeating: "before ", count: 20) + "the\tneedle\nhere" + String(repeating: " after", count: 20)
        try store.save(record("c1", title: "Long", text: text))
        let found = try #require(store.search("NEEDLE").conversations.first)
        #expect(found.snippet.hasPrefix("…") && found.snippet.hasSuffix("…"))
        #expect(found.snippet.contains("the needle here"))
        #expect(found.highlights.map { String(Array(found.snippet)[$0]) } == ["needle"])
    }

    @Test func deletesAConversation() throws {
        try store.save(record("c1", title: "Gone"))
        try store.delete(id: "c1")
        #expect(store.list().conversations.isEmpty)
        #expect(throws: ConversationStoreError.self) { try store.delete(id: "c1") }
    }

    @Test(arguments: ["", "../escape", ".hidden", "a/b"])
    func refusesIDsThatNameAnotherFile(id: String) {
        #expect(throws: ConversationStoreError.self) { try store.save(record(id, title: "x")) }
    }

    @Test func theStandardPlaceFollowsXDG() {
        let store = FileConversationStore.standard(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"])
        #expect(store.directory.path == "/data/podchat/conversations")
        #expect(FileConversationStore.standard(environment: ["HOME": "/home/u"]).directory.path == "/home/u/.local/share/podchat/conversations")
    }
}
