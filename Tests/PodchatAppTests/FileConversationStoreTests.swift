import Foundation
import PodchatApp
import PodchatCore
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
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    @Test(arguments: ["plain", "日本語のテキスト 😀 e\u{301} שלום", String(repeating: "long line ", count: 400_000)])
    func savesAndLoadsTheSameRecord(text: String) throws {
        let original = record("c1", title: "Title", text: text)
        try store.save(original)
        #expect(try store.load(id: "c1") == original)
        #expect(fileNames == ["c1.json"])
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
        let found = store.search("SOFT")
        #expect(found.map(\.id) == ["c1"])
        #expect(found.first?.snippet.contains("soft yolk") == true)
        #expect(store.search("travel").map(\.id) == ["c2"])
        #expect(store.search("nothing like this").isEmpty)
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
