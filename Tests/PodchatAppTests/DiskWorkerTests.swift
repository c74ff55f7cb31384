import Dispatch
import Glibc
import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Synchronization
import Testing

/// The runner's disk worker: conversation and preset effects run on another thread than the one
/// that performs them, one at a time in the order performed, and draining waits for them.
@Suite struct DiskWorkerTests {
    /// A conversation store in memory whose calls wait at a gate until the test opens it, as
    /// calls to a slow disk would; it notes the thread of each call.
    private final class GatedStore: ConversationStore {
        let stored = InMemoryConversationStore()
        private let gate = DispatchSemaphore(value: 0)
        private let calls = DispatchSemaphore(value: 0)
        private let threads = Mutex<[pthread_t]>([])

        /// Lets every call through, those waiting and those to come.
        func open() { gate.signal() }

        /// Opens the gate after `seconds` from a thread of its own, so that a runner that
        /// wrongly calls the store on the caller's thread fails the test instead of hanging it.
        func open(afterSeconds seconds: Int) {
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds)) { self.open() }
        }

        /// Waits until a call has reached the gate.
        func waitForACall() { calls.wait() }

        /// The threads the calls came on.
        var callThreads: [pthread_t] { threads.withLock { $0 } }

        private func pass() {
            threads.withLock { $0.append(pthread_self()) }
            calls.signal()
            gate.wait()
            gate.signal()  // an open gate stays open for the next call
        }

        func save(_ record: ConversationRecord) throws(ConversationStoreError) {
            pass()
            try stored.save(record)
        }
        func load(id: String) throws(ConversationStoreError) -> ConversationRecord {
            pass()
            return try stored.load(id: id)
        }
        func find(_ name: String) throws(ConversationStoreError) -> ConversationRecord {
            pass()
            return try stored.find(name)
        }
        func list() -> ConversationListing {
            pass()
            return stored.list()
        }
        func listWindow(offset: Int, limit: Int) -> ConversationWindow {
            pass()
            return stored.listWindow(offset: offset, limit: limit)
        }
        func names(beginning prefix: String, limit: Int) -> [String] {
            pass()
            return stored.names(beginning: prefix, limit: limit)
        }
        func search(_ text: String) -> ConversationListing {
            pass()
            return stored.search(text)
        }
        func delete(id: String) throws(ConversationStoreError) {
            pass()
            try stored.delete(id: id)
        }
    }

    private let store = GatedStore()
    private let posted = PostedEvents()
    private let runner: EffectRunner
    private let soup = storedConversation(id: "c1", title: "Leek soup", updatedAt: 5, messages: ["Soup?", "Leek."])

    init() {
        // Opened by each test; the timer only keeps a runner that wrongly calls the store on the
        // caller's thread from hanging the run. It is long because under a loaded CI a test can
        // wait seconds before it runs at all, and an early open makes a held save look passed.
        runner = EffectRunner(backend: NoCompletions(), conversations: store, post: posted.append)
        store.open(afterSeconds: 120)
    }

    @Test func performReturnsWhileTheStoreIsStillWorking() {
        runner.perform(.storage(.list(offset: 0, limit: 200)))
        #expect(posted.take().isEmpty, "perform waited for the listing")
        store.waitForACall()
        #expect(store.callThreads.allSatisfy { pthread_equal($0, pthread_self()) == 0 }, "the store was called on the loop's thread")
        store.open()
        runner.finishDiskWork()
        #expect(posted.take() == [.store(.listed(ConversationWindow(offset: 0, conversations: [], total: 0, unreadable: [])))])
    }

    @Test func effectsRunOneAtATimeInTheOrderPerformed() {
        runner.perform(.storage(.save(soup)))
        runner.perform(.preset(.list))
        runner.perform(.storage(.rename(id: "c1", title: "Soup")))
        runner.perform(.storage(.load("soup")))
        runner.perform(.storage(.delete(id: "c1")))
        runner.perform(.storage(.list(offset: 0, limit: 200)))
        store.waitForACall()
        #expect(posted.take().isEmpty, "the save is held, and everything after it waits")
        store.open()
        runner.finishDiskWork()
        var renamed = soup
        renamed.title = "Soup"
        #expect(
            posted.take() == [
                .preset(.failed(name: "", message: "presets are not available here")),
                .store(.renamed(id: "c1", title: "Soup")),
                .store(.loaded(renamed)),
                .store(.deleted(id: "c1")),
                .store(.listed(ConversationWindow(offset: 0, conversations: [], total: 0, unreadable: []))),
            ])
    }

    @Test func drainWaitsForAPendingSave() async throws {
        runner.perform(.storage(.save(soup)))
        let drained = Task { [runner, store] in
            await runner.drain()
            return store.stored.records
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(store.stored.records.isEmpty, "the save went through the closed gate")
        store.open()
        #expect(await drained.value == [soup], "drain returned before the save was done")
    }
}
