import NIOHTTP1
import PodchatCore

/// A ``CompletionBackend`` for an OpenAI-compatible API: a Runpod endpoint's OpenAI route
/// (`https://api.runpod.ai/v2/ID/openai/v1`) or any vLLM, llama.cpp or Ollama server
/// (`http://host:port/v1`).
///
/// ``complete(_:into:)`` (or ``complete(_:)``) posts to `/chat/completions` (chat mode) or
/// `/completions` (prompt mode) and reads the Server-Sent Events as they arrive. A completion
/// request is sent again only when it certainly never reached the server or got a 429, with the
/// ``Backoff``, reported as `.retrying`: on Runpod's OpenAI route every POST is a queued,
/// billed job, so after a 5xx or a broken connection the reply ends saying the server may have
/// run it. A stream that breaks later ends the reply with the text it has, because it cannot be
/// resumed. Abandoning the reply closes the connection, which is how the server learns to stop.
///
/// ```swift
/// let backend = OpenAIBackend(baseURL: "http://127.0.0.1:8000", apiKey: nil, model: nil)
/// for try await event in backend.complete(request) { … }
/// ```
package struct OpenAIBackend: CompletionBackend {
    /// How long to wait for the response head, and then for each next piece of a reply. On
    /// Runpod the first token waits for the queue and maybe a cold start, so it is generous.
    static let streamTimeout: Duration = .seconds(600)

    /// The API base the operations are appended to, normalised to end in `/v1`.
    package let baseURL: String
    let transport: any HTTPTransport
    let options: RunpodOptions
    let failures: OpenAIFailurePolicy
    /// The variable the key's placeholder names in prepared requests; nil without a key.
    let keyVariable: String?
    let configuredModel: String?
    let discoveredModel = Remembered<String>()
    /// The answer of ``modelInfo()`` once the server gave one; a stored nil means it has none.
    let servedModel = Remembered<ModelInfo?>()
    /// Put in requests as they are sent (``PreparedRequest/authorized(with:timeout:)``), and
    /// scrubbed out of messages that quote the server.
    let apiKey: APIKey?

    /// - Parameters:
    ///   - baseURL: The API base as given: a server root, `…/v1`, a full `…/chat/completions`
    ///     URL or a Runpod endpoint URL `…/v2/ID` (see ``OpenAIBaseURL/normalized(_:)``).
    ///   - apiKey: The bearer token, or nil to send no `Authorization` header.
    ///   - apiKeyVariable: The environment variable to suggest when the server wants a key and
    ///     was sent none; a rejected key is blamed on its own source.
    ///   - model: The served model name to request; nil asks `GET /models` once and uses the first.
    ///   - transport: Sends the HTTP requests; by default an ``AsyncHTTPTransport`` with the
    ///     options' connect timeout.
    ///   - options: Backoff, retry limits, the connect timeout, sleeping and jitter; the poll,
    ///     job and per-request timeout settings do not apply (see ``streamTimeout``).
    package init(
        baseURL: String,
        apiKey: APIKey?,
        apiKeyVariable: String = "RUNPOD_API_KEY",
        model: String?,
        transport: (any HTTPTransport)? = nil,
        options: RunpodOptions = RunpodOptions()
    ) {
        self.baseURL = OpenAIBaseURL.normalized(baseURL)
        self.transport = transport ?? AsyncHTTPTransport(connectTimeout: options.connectTimeout)
        self.options = options
        self.apiKey = apiKey
        configuredModel = model.flatMap { $0.isEmpty ? nil : $0 }
        failures = OpenAIFailurePolicy(apiKeyVariable: apiKeyVariable, keySource: apiKey?.source)
        keyVariable = apiKey == nil ? nil : apiKeyVariable
    }

    /// Streams the reply to `request`.
    package func complete(_ request: CompletionRequest) -> AsyncThrowingStream<CompletionEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: CompletionEvent.self)
        let task = Task {
            do {
                try await drive(request) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Streams the reply to `request` into `receive`, from the network's thread as each piece
    /// of the answer is read.
    package func complete(_ request: CompletionRequest, into receive: @escaping @Sendable (CompletionEvent) -> Void) async throws {
        try await drive(request, deliver: receive)
    }

    /// The ids of the models the server serves (`GET /models`), in its order.
    ///
    /// - Throws: ``CompletionFailure`` with a message for people when the list cannot be read.
    package func models() async throws -> [String] {
        switch try await fetchModels() {
        case .success(let models):
            return models.map(\.id)
        case .failure(let error):
            switch failures.verdict(on: error, url: url("/models"), createsWork: false) {
            case .fail(let failure): throw redacted(failure)
            case .retry(let reason, _): throw CompletionFailure(redacted("Listing the models failed: \(reason)."))
            }
        }
    }

    /// The served model (the configured one, else the first listed) and its context length
    /// (vLLM lists `max_model_len`; llama.cpp's server does not), from `GET /models`, asked
    /// once and remembered for this backend and its copies; the discovery of the model name
    /// for a completion fills it in too. Nil when the list could not be read, which is not
    /// remembered, so a later call asks again.
    package func modelInfo() async -> ModelInfo? {
        if let known = servedModel.value { return known }
        guard case .success(let models) = try? await fetchModels() else { return nil }
        let info = ModelInfo.serving(configuredModel, among: models)
        servedModel.store(info)
        return info
    }

    /// The completion request ``complete(_:)`` would post for `request` now, key left out. The
    /// model is the configured or already discovered one; when neither is known yet, the first
    /// request asks `GET /models` and names the model it lists first, which a note says.
    package func preview(_ request: CompletionRequest) -> RequestPreview? {
        let model = configuredModel ?? discoveredModel.value
        let notes = model == nil ? ["first GET /models: the body then names the first model listed (none when it lists none)"] : []
        return prepare(request, model: model).preview(notes: notes)
    }

    /// The completion request for `request` naming `model`, key left out.
    func prepare(_ request: CompletionRequest, model: String?) -> PreparedRequest {
        let call = OpenAIRequest(request, model: model)
        return prepared(.POST, call.route, accept: request.stream ? "text/event-stream" : "application/json", body: call.body.encodedBytes)
    }

    /// `method` `operation` with `body`, key left out.
    func prepared(_ method: HTTPMethod, _ operation: String, accept: String, body: [UInt8]? = nil) -> PreparedRequest {
        PreparedRequest(
            method: method, url: url(operation), headers: ["User-Agent": "podchat", "Accept": accept], keyVariable: keyVariable,
            body: body)
    }

    /// Nothing to wait for: an abandoned reply is stopped by closing its connection, which
    /// happens when the reply's task ends.
    package func settle() async {}

    /// The URL of `operation`, e.g. `/chat/completions`.
    func url(_ operation: String) -> String {
        baseURL + operation
    }

    /// `message` with the API key blacked out, in case a server echoed it.
    func redacted(_ message: String) -> String {
        apiKey?.redacting(message) ?? message
    }

    /// `failure` with the API key blacked out of its message and detail.
    func redacted(_ failure: CompletionFailure) -> CompletionFailure {
        apiKey?.redacting(failure) ?? failure
    }
}

extension OpenAIBackend: CustomStringConvertible, CustomReflectable {
    /// Names the server but never shows the key.
    package var description: String { "OpenAIBackend(\(baseURL))" }

    /// Keeps `dump` from printing the `Authorization` header.
    package var customMirror: Mirror { Mirror(self, children: ["baseURL": baseURL]) }
}
