/// Token counts reported by the server.
package struct Usage: Sendable, Equatable, Codable {
    package var promptTokens: Int
    package var completionTokens: Int

    package init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
    }
}

/// Why a reply ended.
package enum FinishReason: Sendable, Equatable, Codable {
    /// The model stopped by itself (or the worker does not say why).
    case completed
    /// The reply hit `max_tokens`.
    case length
    case cancelled
    case timedOut
}

/// One thing that happened to a completion, in order. A stream of these ends after `finished`,
/// or by throwing a ``CompletionFailure``.
package enum CompletionEvent: Sendable, Equatable {
    /// The job was accepted and waits for a worker.
    case queued(jobID: String)
    /// A worker took the job.
    case started
    /// New answer text for choice `choice`.
    case delta(choice: Int, text: String)
    /// New thinking text for choice `choice`: a reasoning model's `reasoning` (or older vLLM's
    /// `reasoning_content`), which arrives apart from the answer and before it.
    case reasoning(choice: Int, text: String)
    /// Log probabilities of the tokens just delivered for choice `choice`, in order.
    case logprobs(choice: Int, [TokenLogprob])
    /// The whole text of choice `choice` so far, replacing what was delivered: sent when the
    /// client found a gap (a lost poll response) and recovered the full text from the server.
    case replaced(choice: Int, text: String)
    /// The whole thinking text of choice `choice` so far, replacing what was delivered, for the
    /// same reason as ``replaced(choice:text:)``.
    case reasoningReplaced(choice: Int, text: String)
    /// The worker generation the output's shape revealed; sent once, before the first text.
    case generation(WorkerGeneration)
    /// Cumulative token counts.
    case usage(Usage)
    /// How long a worker ran the job, as Runpod's job answers report it (`executionTime`):
    /// the time Runpod bills. Sent once, before `.finished`, when an answer carried it; an
    /// OpenAI-compatible server never reports one.
    case executionTime(Duration)
    /// The job API requests the reply took and the last answer, for the request inspector;
    /// sent once, as the reply ends (finished or failed), by the job API's backend only.
    case exchanges(JobExchanges)
    /// A request failed in a way worth retrying; the next try starts in `delay`.
    case retrying(reason: String, delay: Duration)
    /// The reply is complete.
    case finished(FinishReason)
}

/// A completion that could not finish, with a message a person can act on.
package struct CompletionFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// One or two plain lines for the chat screen and standard error.
    package var message: String
    /// The server's whole report when `message` shortens it (a Python traceback, a wrapped
    /// vLLM error), for `jobs status` and `ask --json`; never drawn on the chat screen.
    package var detail: String?
    /// The numbers of a request that did not fit in the model's context, when that is why it failed.
    package var contextOverflow: ContextOverflow?

    package init(_ message: String, detail: String? = nil, contextOverflow: ContextOverflow? = nil) {
        self.message = message
        self.detail = detail
        self.contextOverflow = contextOverflow
    }

    package var description: String { message }
}

/// Something that turns a request into a stream of completion events.
///
/// Contract: the stream yields events in order, ends right after `.finished` or by throwing a
/// ``CompletionFailure``, and when the consuming task is cancelled it stops promptly and asks
/// the server to cancel the job too.
package protocol CompletionBackend: Sendable {
    func complete(_ request: CompletionRequest) -> AsyncThrowingStream<CompletionEvent, any Error>

    /// The same reply handed to `receive` event by event, in order and one at a time, from
    /// whichever thread the backend reads it on; returns after `.finished`, throws the
    /// ``CompletionFailure`` that ended it, or `CancellationError` when the calling task is
    /// cancelled, after which nothing more is handed on. A backend that decodes on its network
    /// thread hands each event on from there, with no task woken per event (the default reads
    /// ``complete(_:)`` in the calling task).
    func complete(_ request: CompletionRequest, into receive: @escaping @Sendable (CompletionEvent) -> Void) async throws

    /// Waits for clean-up the backend does on its own after a reply was abandoned (such as
    /// cancelling the job on the server), so a process can finish it before exiting.
    func settle() async

    /// The endpoint's queue and worker counts, or nil when the backend has no such view (an
    /// OpenAI-compatible server) or the endpoint did not answer.
    func load() async -> EndpointLoad?

    /// The served model and its context length, asked once and then remembered; nil when the
    /// server does not say (or could not be asked).
    func modelInfo() async -> ModelInfo?

    /// The request that would start the reply to `request` now, key left out, built by the
    /// code that sends it; nil when the backend cannot say. Pure: it sends nothing.
    func preview(_ request: CompletionRequest) -> RequestPreview?
}

extension CompletionBackend {
    /// Reads ``complete(_:)`` in the calling task.
    package func complete(_ request: CompletionRequest, into receive: @escaping @Sendable (CompletionEvent) -> Void) async throws {
        for try await event in complete(request) {
            try Task.checkCancellation()
            receive(event)
        }
        try Task.checkCancellation()
    }

    /// Backends without a queue have no load to report.
    package func load() async -> EndpointLoad? { nil }

    /// Backends that cannot list models know nothing about them.
    package func modelInfo() async -> ModelInfo? { nil }

    /// Backends that do not build HTTP requests have none to show.
    package func preview(_ request: CompletionRequest) -> RequestPreview? { nil }
}
