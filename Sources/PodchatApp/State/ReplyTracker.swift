import PodchatCore

/// Requests for replies and what the endpoint has shown: the reply being waited for, the next
/// request's number and seed, the worker generation, the model and its context length, and
/// how busy the endpoint is.
package struct ReplyTracker: Sendable, Equatable {
    /// How often the load is asked for while a reply waits in the queue.
    static let loadCheckInterval = Duration.seconds(5)

    package private(set) var active: ActiveReply?
    /// A compare on screen: its two requests while they stream, then until a side is kept.
    package private(set) var comparison: Comparison?
    /// The worker generation the endpoint's output showed, once a reply revealed it.
    package private(set) var workerGeneration: WorkerGeneration?
    /// The served model and its context length, once asked (after a first reply, while a
    /// worker is warm, so asking never wakes a scaled-to-zero endpoint by itself).
    package private(set) var modelInfo: ModelInfo?
    /// The endpoint's queue and worker counts, as last reported.
    package private(set) var endpointLoad: EndpointLoad?
    /// A context length a refused request named, for servers whose model list does not say.
    private var reportedContextLength: Int?
    private var hasAskedForModelInfo = false
    /// When the load was last asked for; nil before the first tick.
    private var loadCheckedAt: ContinuousClock.Instant?
    /// `/warm` sends at most one job this often: waking an endpoint once keeps it warm for
    /// its idle timeout, and each job costs.
    static let warmInterval = Duration.seconds(60)
    /// Whether `/warm`'s job is out: the status bar says "warming…" until it answers.
    package private(set) var isWarming = false
    /// When `/warm` last sent its job; nil before the first.
    private var warmedAt: ContinuousClock.Instant?
    private var seeds: SeedGenerator
    private var nextRequestNumber = 1

    init(seedStart: UInt64) {
        seeds = SeedGenerator(start: seedStart)
    }

    /// Another endpoint now takes the requests: what this one showed about itself (generation,
    /// model, context length, load, warming) no longer applies.
    mutating func forgetEndpoint() {
        workerGeneration = nil
        modelInfo = nil
        reportedContextLength = nil
        hasAskedForModelInfo = false
        endpointLoad = nil
        loadCheckedAt = nil
        warmedAt = nil
    }

    /// The model's context length, from its model list or from a refusal that named it.
    package var contextLength: Int? {
        modelInfo?.maxModelLength ?? reportedContextLength
    }

    /// A new request, now the one waited for.
    mutating func start() -> RequestID {
        let id = RequestID(nextRequestNumber)
        nextRequestNumber += 1
        active = ActiveReply(id: id)
        return id
    }

    /// Whether a request is in flight: a reply, or a side of a compare.
    package var isBusy: Bool {
        active != nil || comparison?.isStreaming == true
    }

    /// Two new requests, one per side of a compare: `sides` gives each its label, the message
    /// its reply goes into and its changes.
    mutating func startComparison(
        _ sides: [(label: String, message: ConversationTree.MessageID, changes: String)], seed: Int, differing: Set<String>
    ) -> [RequestID] {
        let ids = sides.map { _ in
            defer { nextRequestNumber += 1 }
            return RequestID(nextRequestNumber)
        }
        let compared = zip(ids, sides).map { Comparison.Side(label: $1.label, request: $0, message: $1.message, changes: $1.changes) }
        comparison = Comparison(sides: compared, seed: seed, differing: differing)
        return ids
    }

    /// A side of the compare ended (finished, failed or stopped).
    mutating func endComparedReply(_ id: RequestID) {
        comparison?.end(id)
    }

    /// The compare leaves the screen.
    mutating func closeComparison() {
        comparison = nil
    }

    /// A seed for "new seed each request".
    mutating func nextSeed() -> Int {
        seeds.next()
    }

    /// Takes in `event` if it belongs to the reply waited for (false otherwise): a retry is
    /// remembered until the next event, the worker generation for good.
    mutating func accept(_ event: CompletionEvent, for id: RequestID, now: ContinuousClock.Instant) -> Bool {
        guard var reply = active, reply.id == id else { return false }
        switch event {
        case .retrying(let reason, let delay): reply.retry(PendingRetry(reason: reason, at: now.advanced(by: delay)))
        case .generation(let generation):
            workerGeneration = generation
            reply.retry(nil)
        case .queued, .started, .delta, .replaced, .reasoning, .reasoningReplaced, .logprobs, .usage, .executionTime, .exchanges, .finished:
            reply.retry(nil)
        }
        active = reply
        return true
    }

    /// A failure of the reply waited for; a refusal that named the context length teaches it.
    mutating func accept(_ failure: CompletionFailure, for id: RequestID) -> Bool {
        guard active?.id == id || comparison?.side(for: id)?.hasEnded == false else { return false }
        if let overflow = failure.contextOverflow { reportedContextLength = overflow.contextLength }
        return true
    }

    /// The reply is no longer waited for.
    mutating func end() {
        active = nil
    }

    /// True the first time: the model is asked about after the first reply, when a worker is
    /// warm, so the question costs no cold start.
    mutating func shouldAskForModelInfo() -> Bool {
        defer { hasAskedForModelInfo = true }
        return !hasAskedForModelInfo
    }

    mutating func learn(_ info: ModelInfo?) {
        if let info { modelInfo = info }
    }

    mutating func report(_ load: EndpointLoad?) {
        endpointLoad = load
    }

    /// How long until `/warm` may send again, or nil when it may now.
    func warmWait(now: ContinuousClock.Instant) -> Duration? {
        guard let warmedAt, now - warmedAt < Self.warmInterval else { return nil }
        return Self.warmInterval - (now - warmedAt)
    }

    /// `/warm`'s job leaves now.
    mutating func startWarming(now: ContinuousClock.Instant) {
        warmedAt = now
        isWarming = true
    }

    /// `/warm`'s job answered.
    mutating func finishWarming() {
        isWarming = false
    }

    /// Whether to ask for the load now: once at start, then every few seconds while a reply
    /// waits for a worker (`isQueued`), which is when the queue and the workers explain the
    /// wait. Asking is remembered.
    mutating func checksLoad(now: ContinuousClock.Instant, isQueued: Bool) -> Bool {
        if let last = loadCheckedAt {
            guard isBusy, isQueued, now - last >= Self.loadCheckInterval else { return false }
        }
        loadCheckedAt = now
        return true
    }
}
