import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Synchronization
import Testing

/// A backend for runners that only perform conversation effects.
struct NoCompletions: CompletionBackend {
    func complete(_ request: CompletionRequest) -> AsyncThrowingStream<CompletionEvent, any Error> {
        AsyncThrowingStream { $0.finish() }
    }
    func settle() async {}
}

/// The events a runner posted, in order.
final class PostedEvents: Sendable {
    private let events = Mutex<[Event]>([])
    func append(_ event: Event) { events.withLock { $0.append(event) } }
    /// Returns what was posted since the last call.
    func take() -> [Event] {
        events.withLock { events in
            defer { events = [] }; return events
        }
    }
}

extension AppHarness {
    /// The `saveConversation` effects so far.
    var savedRecords: [ConversationRecord] {
        effects.compactMap { if case .storage(.save(let record)) = $0 { return record } else { return nil } }
    }

    /// Sends `text` and finishes its reply with `reason`, as the backend would.
    @discardableResult
    mutating func chat(_ text: String, reply: String = "Sure.", reason: FinishReason = .completed) throws -> [Effect] {
        type(text)
        press(.enter)
        let id = try #require(lastStartedRequest).id
        receive([.queued(jobID: "job-\(text.count)"), .delta(choice: 0, text: reply), .usage(Usage(promptTokens: 5, completionTokens: 2))], for: id)
        return send(.reply(id, .received(.finished(reason))))
    }

    /// Types a line and presses Enter.
    @discardableResult
    mutating func command(_ line: String) -> [Effect] {
        type(line)
        return press(.enter)
    }

    /// Applies `effects` through a runner on `store` and feeds back what it reports, as the
    /// event loop would, until nothing more is asked for. Each round waits for the runner's
    /// disk worker, so the results are in before the test looks.
    mutating func perform(_ effects: [Effect], with store: InMemoryConversationStore) {
        let posted = PostedEvents()
        let runner = EffectRunner(backend: NoCompletions(), conversations: store, post: posted.append)
        var pending = effects
        while !pending.isEmpty {
            for effect in pending { runner.perform(effect) }
            runner.finishDiskWork()
            pending = posted.take().flatMap { send($0) }
        }
    }
}

/// A stored conversation for fixtures: alternating user and assistant messages.
func storedConversation(id: String, title: String, updatedAt: Double, messages: [String]) -> ConversationRecord {
    let stored = messages.enumerated().map { index, text in
        ConversationRecord.StoredMessage(
            role: index.isMultiple(of: 2) ? .user : .assistant, content: text, time: updatedAt,
            reply: index.isMultiple(of: 2) ? nil : ConversationRecord.ReplyInfo(status: "completed", parameters: ["max_tokens": 1024]))
    }
    return ConversationRecord(
        id: id, title: title, createdAt: updatedAt, updatedAt: updatedAt, endpoint: "demo",
        settings: ConversationRecord.Settings(
            mode: .chat, applyChatTemplate: false, systemPrompt: "", inputFormat: "native", stream: true, newSeedEachRequest: false),
        parameters: ["max_tokens": 1024, "temperature": 0.3], messages: stored)
}
