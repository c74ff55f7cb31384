import Dispatch
import Foundation
import Glibc
import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Synchronization
import Testing

/// The picker's first listing of 1,000 saved conversations, read by the real runner from real
/// files while the real loop keeps drawing: the loop is never blocked by the disk.
@Suite struct PickerFirstListingTests {
    private static let conversationCount = 1_000
    private static let patience = Duration.seconds(60)

    /// The files in `directory`, listed by a real store, but only once the test lets the listing
    /// through: until then the listing is "still being read". It notes the thread it reads on.
    private final class HeldListing: ConversationStore {
        private let files: FileConversationStore
        private let entered = DispatchSemaphore(value: 0)
        private let gate = DispatchSemaphore(value: 0)
        private let listingThread = Mutex<pthread_t?>(nil)

        init(directory: URL) { files = FileConversationStore(directory: directory) }

        /// Lets the listing finish.
        func release() { gate.signal() }

        /// Waits until the listing has begun, for at most `seconds`; false if it never did.
        func waitUntilListing(seconds: Int) -> Bool { entered.wait(timeout: .now() + .seconds(seconds)) == .success }

        /// The thread the listing ran on.
        var thread: pthread_t? { listingThread.withLock { $0 } }

        func listWindow(offset: Int, limit: Int) -> ConversationWindow {
            listingThread.withLock { $0 = pthread_self() }
            entered.signal()
            gate.wait()
            return files.listWindow(offset: offset, limit: limit)
        }
        func list() -> ConversationListing { files.list() }
        func names(beginning prefix: String, limit: Int) -> [String] { files.names(beginning: prefix, limit: limit) }
        func save(_ record: ConversationRecord) throws(ConversationStoreError) { try files.save(record) }
        func load(id: String) throws(ConversationStoreError) -> ConversationRecord { try files.load(id: id) }
        func find(_ name: String) throws(ConversationStoreError) -> ConversationRecord { try files.find(name) }
        func search(_ text: String) -> ConversationListing { files.search(text) }
        func delete(id: String) throws(ConversationStoreError) { try files.delete(id: id) }
    }

    /// 1,000 conversation files written straight to `directory` (the store's own bytes, without
    /// its fsyncs, which would only make the test slow).
    private static func writeConversations(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for number in 0..<conversationCount {
            let record = storedConversation(
                id: String(format: "c%04d", number), title: "Conversation \(number)", updatedAt: 1_795_000_000 + Double(number) * 60,
                messages: ["Question \(number)", "Answer \(number)"])
            try FileConversationStore.encode(record).write(to: directory.appendingPathComponent("\(record.id).json"))
        }
    }

    private static func isReading(_ screen: Screen) -> Bool {
        screen.lines.contains { $0.contains("Reading conversations…") }
    }

    @Test func framesAreDrawnWhileTheListingIsStillBeingRead() async throws {
        TestLocale.useUTF8()
        let directory = URL(fileURLWithPath: try Executables.temporaryDirectory()).appendingPathComponent("conversations")
        try Self.writeConversations(to: directory)
        let store = HeldListing(directory: directory)
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), patience: Self.patience)
        let runner = EffectRunner(backend: NoCompletions(), conversations: store, post: terminal.post)
        let loopThread = Mutex<pthread_t?>(nil)
        let loop = DedicatedThread {
            loopThread.withLock { $0 = pthread_self() }
            var loop = LoopDriver(
                state: AppState(endpoint: EndpointIdentity(label: "picker"), size: terminal.size, now: .now), terminal: terminal,
                perform: runner.perform)
            loop.start()
            loop.run()
            return loop.state
        }
        terminal.queue([.keyPressed(.control("o"))])
        #expect(store.waitUntilListing(seconds: 60), "the picker never asked for the listing")
        let reading = await terminal.frame(within: Self.patience, where: Self.isReading)
        #expect(reading != nil, "no frame while the listing was being read")

        // Typing still reaches the screen while the listing is held.
        terminal.queue("99".map { .keyPressed(.character($0)) })
        let typed = await terminal.frame(within: Self.patience) { screen in
            Self.isReading(screen) && screen.lines.contains { $0.contains("99") }
        }
        #expect(typed != nil, "the typed query was not drawn while the listing was being read")
        let listingThread = try #require(store.thread)
        let loopsThread = try #require(loopThread.withLock { $0 })
        #expect(pthread_equal(listingThread, loopsThread) == 0, "the listing was read on the loop's thread")

        store.release()
        let listed = await terminal.frame(within: Self.patience) { screen in
            !Self.isReading(screen) && screen.lines.contains { $0.contains("Conversation 999") }
        }
        #expect(listed != nil, "the listing never reached the screen")
        terminal.queue([.terminationRequested])
        let state = try await loop.value
        runner.finishDiskWork()
        #expect(state.browser.picker?.hasAnswer == true)
    }
}
