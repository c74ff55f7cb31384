import Dispatch
import PodchatApp
import PodchatCore
import PodchatStorage
import Synchronization

/// One effect performed by an ``EffectRunner`` and timed from the caller's thread, which in
/// podchat is the event loop's: how long `perform` kept it, and how long until the result was in.
struct EffectTiming {
    /// Milliseconds until `perform` returned: as long as this, the loop draws nothing.
    let performReturned: Double
    /// Milliseconds until the result: the event posted, or the runner drained.
    let resultIn: Double

    /// Performs `effect` with a runner on `conversations` and waits for the event it posts.
    static func untilPosted(_ effect: Effect, conversations: any ConversationStore) throws -> (EffectTiming, Event) {
        let posted = FirstPost()
        let runner = EffectRunner(backend: NoCompletions(), conversations: conversations, post: posted.record)
        let start = ContinuousClock.now
        runner.perform(effect)
        let returned = ContinuousClock.now
        guard let (event, at) = posted.wait(timeout: .seconds(60)) else { throw BenchmarkFailure("\(effect) posted nothing in 60 s") }
        return (EffectTiming(performReturned: Stopwatch.milliseconds(returned - start), resultIn: Stopwatch.milliseconds(at - start)), event)
    }

    /// Performs `effect`, which posts nothing when it works (a save), and waits for the runner
    /// to drain, as podchat does before it exits.
    static func untilDrained(_ effect: Effect, conversations: any ConversationStore) throws -> EffectTiming {
        let posted = FirstPost()
        let runner = EffectRunner(backend: NoCompletions(), conversations: conversations, post: posted.record)
        let start = ContinuousClock.now
        runner.perform(effect)
        let returned = ContinuousClock.now
        try runBlocking { await runner.drain() }
        let drained = ContinuousClock.now
        if let (event, _) = posted.wait(timeout: .zero) { throw BenchmarkFailure("\(effect) posted \(event)") }
        return EffectTiming(performReturned: Stopwatch.milliseconds(returned - start), resultIn: Stopwatch.milliseconds(drained - start))
    }

    /// The first event a runner posts, and when.
    private final class FirstPost: Sendable {
        private let first = Mutex<(Event, ContinuousClock.Instant)?>(nil)
        private let arrived = DispatchSemaphore(value: 0)

        func record(_ event: Event) {
            let now = ContinuousClock.now
            let isFirst = first.withLock { first in
                guard first == nil else { return false }
                first = (event, now)
                return true
            }
            if isFirst { arrived.signal() }
        }

        func wait(timeout: Duration) -> (Event, ContinuousClock.Instant)? {
            let milliseconds = Int(Stopwatch.milliseconds(timeout))
            guard arrived.wait(timeout: .now() + .milliseconds(milliseconds)) == .success else { return nil }
            return first.withLock { $0 }
        }
    }

    /// A backend for runners that perform only disk effects.
    private struct NoCompletions: CompletionBackend {
        func complete(_ request: CompletionRequest) -> AsyncThrowingStream<CompletionEvent, any Error> {
            AsyncThrowingStream { $0.finish() }
        }
        func settle() async {}
    }
}
