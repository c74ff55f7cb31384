import Foundation
import Glibc
import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// `podchat conversations list | show | search | delete` and `podchat export`: the real binary
/// on a private data home, seeded through the same store the chat window saves with.
@Suite struct ConversationCommandTests {
    private let home: String
    private let environment: [String: String]
    private let store: FileConversationStore

    init() throws {
        home = try Executables.temporaryDirectory()
        environment = Executables.isolatedEnvironment(configHome: home, extra: ["TZ": "UTC"])
        store = FileConversationStore.standard(environment: environment)
    }

    private static func conversation(_ id: String, title: String, updatedAt: Double, messages: [String]) -> ConversationRecord {
        let stored = messages.enumerated().map { index, text in
            ConversationRecord.StoredMessage(
                role: index.isMultiple(of: 2) ? .user : .assistant, content: text, time: updatedAt,
                reply: index.isMultiple(of: 2) ? nil : .init(status: "completed", parameters: ["seed": 7], jobID: "job-\(index)"))
        }
        return ConversationRecord(
            id: id, title: title, createdAt: updatedAt - 3_600, updatedAt: updatedAt, endpoint: "abc123",
            settings: .init(mode: .chat, applyChatTemplate: false, systemPrompt: "", inputFormat: "native", stream: true, newSeedEachRequest: false),
            parameters: ["temperature": 0.2], messages: stored)
    }

    private let soup = conversation(
        "aaaa1111bbbb2222", title: "Leek soup", updatedAt: 1_795_000_000,
        messages: ["How do I make leek soup?", "Sweat the leeks, add stock, simmer."])
    private let oslo = conversation(
        "aaaa1111cccc3333", title: "Trip to Oslo", updatedAt: 1_795_090_000, messages: ["What to see in Oslo?", "The fjord and the opera house."])
    private let swift = conversation("dddd4444eeee5555", title: "Swift actors", updatedAt: 1_794_000_000, messages: ["When do I need an actor?"])

    private func seed() throws {
        for record in [soup, oslo, swift] { try store.save(record) }
    }

    private func podchat(_ arguments: String..., input: String? = nil) async throws -> ChildProcess.Outcome {
        try await ChildProcess.run([Executables.podchat] + arguments, environment: environment, input: input, timeout: .seconds(30))
    }

    private func path(_ id: String) -> String {
        store.directory.appendingPathComponent("\(id).json").path
    }

    @Test func listShowsNewestFirstTheIDTimeCountAndTitle() async throws {
        try seed()
        let outcome = try await podchat("conversations", "list")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        // Two ids begin with the same 8 characters, so every id is shown with 9.
        #expect(
            outcome.standardOutput == """
                ID         UPDATED           MESSAGES  TITLE
                aaaa1111c  2026-11-19 12:06         2  Trip to Oslo
                aaaa1111b  2026-11-18 11:06         2  Leek soup
                dddd4444e  2026-11-06 21:20         1  Swift actors

                """)
        #expect(outcome.standardError.isEmpty)
    }

    @Test func listAsJSONGivesEveryFieldForScripts() async throws {
        try seed()
        let outcome = try await podchat("conversations", "list", "--json")
        #expect(outcome.status == 0)
        let listed = try #require(JSONValue(parsing: outcome.standardOutput)?["conversations"]?.arrayValue)
        #expect(listed.compactMap { $0["id"]?.stringValue } == [oslo.id, soup.id, swift.id])
        #expect(
            listed.first
                == .object([
                    "id": .string(oslo.id), "title": "Trip to Oslo", "message_count": 2,
                    "created_at": "2026-11-19T11:06:40Z", "updated_at": "2026-11-19T12:06:40Z",
                ]))
    }

    @Test func listNamesEachUnreadableFileListsTheRestAndChangesNothing() async throws {
        try seed()
        let broken = [("broken", "{\"format_version\": 1, \"id\""), ("future", "{\"format_version\": 7}"), ("empty", "")]
        for (id, content) in broken { try Data(content.utf8).write(to: URL(fileURLWithPath: path(id))) }
        let before = try broken.map { try Data(contentsOf: URL(fileURLWithPath: path($0.0))) }
        for arguments in [["list"], ["list", "--json"], ["search", "soup"]] {
            let outcome = try await ChildProcess.run([Executables.podchat, "conversations"] + arguments, environment: environment)
            #expect(outcome.status == 0)
            #expect(outcome.standardOutput.contains("Leek soup"))
            let errors = outcome.standardError.split(separator: "\n").map(String.init)
            #expect(
                errors == [
                    "podchat: skipped \(path("broken")): not JSON",
                    "podchat: skipped \(path("empty")): empty file",
                    "podchat: skipped \(path("future")): format_version 7 is newer than this podchat reads (5); upgrade podchat",
                ])
        }
        #expect(try broken.map { try Data(contentsOf: URL(fileURLWithPath: path($0.0))) } == before)
    }

    @Test(.enabled(if: getuid() != 0, "root reads any file, so permissions cannot make one unreadable"))
    func listNamesAFileItMayNotRead() async throws {
        try seed()
        #expect(chmod(path(swift.id), 0) == 0)
        let outcome = try await podchat("conversations", "list")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("Leek soup") && !outcome.standardOutput.contains("Swift actors"))
        #expect(outcome.standardError == "podchat: skipped \(path(swift.id)): cannot be read: Permission denied\n")
    }

    @Test func showPrintsTheConversationAsMarkdownByIDPrefixOrTitle() async throws {
        try seed()
        for name in ["aaaa1111b", "LEEK SOUP", soup.id] {
            let outcome = try await podchat("conversations", "show", name)
            #expect(outcome.status == 0)
            #expect(outcome.standardOutput == soup.markdown)
        }
    }

    @Test func aNameThatFitsNoneOrSeveralExitsOneAndSaysWhy() async throws {
        try seed()
        let missing = try await podchat("conversations", "show", "nothing-like-it")
        #expect(missing.status == 1)
        #expect(missing.standardError == "podchat: nothing-like-it: no conversation has this id, id prefix or title\n")
        let ambiguous = try await podchat("export", "aaaa")
        #expect(ambiguous.status == 1)
        #expect(ambiguous.standardError.contains("ambiguous: it begins the ids \(soup.id), \(oslo.id)"))
        #expect(ambiguous.standardOutput.isEmpty)
    }

    @Test func searchPrintsEachMatchWithTheTextAroundIt() async throws {
        try seed()
        let outcome = try await podchat("conversations", "search", "OPERA")
        #expect(outcome.status == 0)
        #expect(
            outcome.standardOutput == """
                ID        UPDATED           MESSAGES  TITLE
                aaaa1111  2026-11-19 12:06         2  Trip to Oslo
                    The fjord and the [opera] house.

                """)
        let json = try await podchat("conversations", "search", "leek", "--json")
        let found = try #require(JSONValue(parsing: json.standardOutput)?["conversations"]?.arrayValue)
        // "leek", the last word, is also a prefix: the message's rarer "leeks" ranks first.
        #expect(found.map { $0["snippet"]?.stringValue } == ["Sweat the leeks, add stock, simmer."])
        let nothing = try await podchat("conversations", "search", "zyzzyva")
        #expect(nothing.status == 0 && nothing.standardOutput.isEmpty && nothing.standardError.isEmpty)
        let none = JSONValue(parsing: try await podchat("conversations", "search", "zyzzyva", "--json").standardOutput)
        #expect(none?["conversations"] == .array([]))
    }

    @Test func deleteWithYesDeletesAndWithoutItOnAPipeRefuses() async throws {
        try seed()
        let refused = try await podchat("conversations", "delete", "leek soup", input: "y\n")
        #expect(refused.status == 64)
        #expect(refused.standardError.contains("standard input is not a terminal"))
        #expect(refused.standardError.contains("--yes"))
        #expect(FileManager.default.fileExists(atPath: path(soup.id)))
        let deleted = try await podchat("conversations", "delete", "--yes", "leek soup")
        #expect(deleted.status == 0)
        #expect(deleted.standardOutput == "Deleted \"Leek soup\" (\(soup.id), 2 messages).\n")
        #expect(!FileManager.default.fileExists(atPath: path(soup.id)))
        #expect(store.list().conversations.map(\.id) == [oslo.id, swift.id])
    }

    @Test func deleteAsksOnATerminal() async throws {
        try seed()
        try await answerTheDeleteQuestion("n", expecting: "Kept")
        #expect(FileManager.default.fileExists(atPath: path(soup.id)))
        try await answerTheDeleteQuestion("y", expecting: "Deleted")
        #expect(!FileManager.default.fileExists(atPath: path(soup.id)))
    }

    /// Runs `conversations delete "Leek soup"` in a terminal, answers its question, and waits
    /// for `outcome` and a clean exit.
    private func answerTheDeleteQuestion(_ answer: String, expecting outcome: String) async throws {
        let terminal = try await TmuxSession.podchat(["conversations", "delete", "Leek soup"], home: home)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the question") { $0.contains("Delete \"Leek soup\" (\(soup.id), 2 messages)? [y/N]") }
        try await terminal.type(answer)
        try await terminal.press("Enter")
        try await terminal.waitForScreen("\(outcome) and podchat's exit") { $0.contains(outcome) && $0.contains("podchat-exited-0") }
    }

    @Test func exportWritesMarkdownOrExactlyTheStoredJSON() async throws {
        try seed()
        let markdown = try await podchat("export", "Trip to Oslo")
        #expect(markdown.status == 0)
        #expect(markdown.standardOutput == oslo.markdown)
        let file = home + "/oslo.json"
        let json = try await podchat("export", "aaaa1111c", "--format", "json", "--output", file)
        #expect(json.status == 0 && json.standardOutput.isEmpty)
        let written = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(written == (try Data(contentsOf: URL(fileURLWithPath: path(oslo.id)))))
        #expect(try JSONDecoder().decode(ConversationRecord.self, from: written) == oslo)
        let unknown = try await podchat("export", "aaaa1111c", "--format", "xml")
        #expect(unknown.status == 64)
    }

    @Test func storedTextIsExactWhenPipedAndHarmlessOnATerminal() async throws {
        let hostile = Self.conversation(
            "ffff0000", title: "Escapes", updatedAt: 1_795_000_000, messages: ["Colour?", "\u{1B}]52;c;cHduZWQ=\u{7}\u{1B}[2J red"])
        try store.save(hostile)
        let piped = try await podchat("conversations", "show", "Escapes")
        #expect(piped.standardOutput.contains("\u{1B}]52;c;cHduZWQ=\u{7}\u{1B}[2J red"))
        let terminal = try await TmuxSession.podchat(["conversations", "show", "Escapes"], home: home)
        defer { Task { await terminal.close() } }
        let screen = try await terminal.waitForScreen("the conversation") { $0.contains("podchat-exited-0") }
        #expect(screen.contains("␛]52;c;cHduZWQ=␇␛[2J red"))
    }
}
