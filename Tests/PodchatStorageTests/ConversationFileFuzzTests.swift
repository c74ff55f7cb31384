import Foundation
import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// Conversation files damaged on disk or by hand: decoding one gives the conversation or an
/// error naming the file, never a crash; a decoded one restores and draws, or is refused by
/// id; and a file that could not be read is listed by name and never replaced by a save.
@Suite struct ConversationFileFuzzTests {
    private let store: FileConversationStore
    private let path: String

    init() throws {
        let directory = URL(fileURLWithPath: try Executables.temporaryDirectory()).appendingPathComponent("conversations")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = FileConversationStore(directory: directory)
        path = directory.appendingPathComponent("c1.json").path
    }

    /// A record with every optional part filled in, so damage can reach every field.
    private static let record: ConversationRecord = {
        let settings = ConversationRecord.Settings(
            mode: .chat, applyChatTemplate: true, systemPrompt: "Be brief.", inputFormat: "openai", stream: true, newSeedEachRequest: true)
        let reply = ConversationRecord.ReplyInfo(
            status: "truncated", error: nil, parameters: ["temperature": 0.2, "seed": 7, "stop": .array(["END"])],
            usage: Usage(promptTokens: 3, completionTokens: 9), jobID: "job-1", timeToFirstTokenMilliseconds: 120, durationMilliseconds: 900)
        return ConversationRecord(
            id: "c1", title: "Eggs 🥚", createdAt: 1_700_000_000, updatedAt: 1_700_000_100, endpoint: "runpod abc", settings: settings,
            parameters: ["top_p": 0.9, "n": 2, "max_tokens": 64],
            messages: [
                .init(role: .system, content: "Be brief.", time: 1_700_000_000),
                .init(role: .user, content: "How long?\nشكرا", time: 1_700_000_001),
                .init(role: .assistant, content: "two", time: 1_700_000_002, choices: ["one", "two"], chosenChoice: 1, reply: reply),
                .init(
                    role: .assistant, content: "", time: 1_700_000_003,
                    reply: .init(status: "failed", error: "HTTP 500", parameters: [:])),
            ])
    }()

    /// Decodes `bytes` as the file would be, and restores and draws what comes out.
    private func check(_ bytes: [UInt8], label: String) {
        let loaded: ConversationRecord
        do {
            loaded = try FileConversationStore.decode(Data(bytes), path: path)
        } catch {
            #expect(error.path == path, "\(label)")
            #expect(!error.reason.isEmpty, "\(label)")
            return
        }
        var state = AppState(endpoint: EndpointIdentity(label: "127.0.0.1:8000"), size: Size(width: 100, height: 30), now: .now)
        do {
            try state.restore(loaded)
        } catch {
            #expect(error.path == loaded.id, "\(label)")
        }
        _ = AppView.render(state)
    }

    /// Writes `bytes` as the conversation file and checks that the store lists it, loads it or
    /// names it, and never saves over it when it could not be read.
    private func checkOnDisk(_ bytes: [UInt8], label: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let listing = store.list()
        #expect(listing.conversations.count + listing.unreadable.count == 1, "\(label)")
        do {
            _ = try store.load(id: "c1")
        } catch {
            #expect(error.path == path, "\(label)")
            #expect(listing.unreadable.map(\.path) == [path], "\(label)")
            #expect(throws: ConversationStoreError.self, "\(label)") { try store.save(Self.record) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes), "\(label): an unreadable file was replaced")
        }
    }

    @Test func damagedFilesLoadOrAreNamed() async throws {
        TestLocale.useUTF8()
        let valid = Array(try FileConversationStore.encode(Self.record))
        #expect(try FileConversationStore.decode(Data(valid), path: path) == Self.record)
        await Fuzz.run("conversation files, damaged bytes", iterations: 2000) { random, label in
            check(ByteMutator.mutate(valid, using: &random), label: label)
        }
    }

    /// The disk is slow on a busy machine, so fewer inputs go through it.
    @Test func aDamagedFileIsListedByNameAndNeverReplaced() async throws {
        let valid = Array(try FileConversationStore.encode(Self.record))
        try await Fuzz.run("conversation files on disk, damaged bytes", iterations: 25) { random, label in
            try checkOnDisk(ByteMutator.mutate(valid, using: &random), label: label)
        }
    }

    @Test func aWrongValueInAnyFieldLoadsOrIsNamed() throws {
        TestLocale.useUTF8()
        let valid = try JSONValue(parsing: Array(FileConversationStore.encode(Self.record)))
        let variants = valid.everySingleChange()
        for (index, variant) in variants.enumerated() {
            check(variant.encodedBytes, label: "variant \(index): \(variant.encodedText.prefix(300))")
        }
        #expect(variants.count > 500)
    }
}
