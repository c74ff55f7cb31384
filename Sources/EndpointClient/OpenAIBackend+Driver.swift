import NIOHTTP1
import PodchatCore

/// The async loop behind ``OpenAIBackend/complete(_:into:)``: model discovery, the request, reading
/// the stream, and retries of requests that failed before any text.
extension OpenAIBackend {
    /// How one attempt at the reply ended.
    private enum Outcome {
        case finished
        case failed(CompletionFailure)
        case retry(reason: String, retryAfter: Duration?, rateLimited: Bool)
    }

    func drive(_ request: CompletionRequest, deliver: @escaping @Sendable (CompletionEvent) -> Void) async throws {
        let failure: CompletionFailure?
        do {
            failure = try await attempts(request, deliver: deliver)
        } catch {
            // Only cancellation lands here: failed requests become outcomes.
            throw CancellationError()
        }
        if let failure { throw failure }
    }

    /// Attempts until the reply finishes (nil) or fails (its failure), retrying what may be retried.
    private func attempts(_ request: CompletionRequest, deliver: @escaping @Sendable (CompletionEvent) -> Void) async throws
        -> CompletionFailure?
    {
        var consecutiveFailures = 0
        while true {
            switch try await attempt(request, deliver: deliver) {
            case .finished:
                return nil
            case .failed(let failure):
                return redacted(failure)
            case .retry(let reason, let retryAfter, let rateLimited):
                consecutiveFailures += 1
                guard options.backoff.allowsRetry(afterFailures: consecutiveFailures) else {
                    return CompletionFailure(redacted(failures.gaveUp(after: consecutiveFailures, reason: reason)))
                }
                let delay = options.backoff.delay(
                    afterFailures: consecutiveFailures, jitter: options.random(),
                    retryAfter: retryAfter.map { min($0, options.maximumRetryAfter) }, rateLimited: rateLimited)
                deliver(.retrying(reason: redacted(reason), delay: delay))
                try await options.sleep(delay)
            }
        }
    }

    /// One request for the reply, with the model discovered first if need be. The answer is
    /// read on the network's thread (``OpenAIAnswerReceiver``), which delivers a streamed
    /// reply's events as they arrive.
    private func attempt(_ request: CompletionRequest, deliver: @escaping @Sendable (CompletionEvent) -> Void) async throws
        -> Outcome
    {
        let model: String?
        switch try await modelName() {
        case .success(let name): model = name
        case .failure(let error): return outcome(of: error, url: url("/models"), createsWork: false)
        }
        let outgoing = prepare(request, model: model).authorized(with: apiKey, timeout: Self.streamTimeout)
        let target = outgoing.url
        let receiver = OpenAIAnswerReceiver(reader: OpenAIStreamReader(failures: failures), streams: request.stream, deliver: deliver)
        var broken: TransportError?
        do {
            try await withTaskCancellationHandler {
                try await transport.stream(outgoing, into: receiver)
            } onCancel: {
                receiver.stop()
            }
        } catch {
            broken = try Self.transportError(error)
        }
        guard let head = receiver.head else {
            return outcome(of: .transport(broken ?? TransportError(.interrupted, detail: "no answer")), url: target, createsWork: true)
        }
        guard (200..<300).contains(head.status.code) else {
            // The body only words the failure, so a broken one still leaves the status to report.
            try Task.checkCancellation()
            let report = OpenAIFailurePolicy.report(in: receiver.body)
            let error = RunpodRequestError.status(
                code: Int(head.status.code), retryAfter: RunpodJobClient.retryAfter(head.headers), body: report.message)
            return outcome(of: error, url: target, createsWork: true, report: report)
        }
        if let end = receiver.end { return Self.outcome(of: end) }
        if let broken { return .failed(receiver.interrupted(broken)) }
        // A cancelled reader's body ends quietly; that is not the server ending the stream.
        try Task.checkCancellation()
        let ending = receiver.finish()
        for event in ending.events { deliver(event) }
        return Self.outcome(of: ending.end)
    }

    private static func outcome(of end: OpenAIStreamReader.End) -> Outcome {
        switch end {
        case .finished: .finished
        case .failed(let message): .failed(message)
        }
    }

    /// The outcome of a request that failed before any text.
    private func outcome(of error: RunpodRequestError, url: String, createsWork: Bool, report: WorkerErrorMessage? = nil)
        -> Outcome
    {
        switch failures.verdict(on: error, url: url, createsWork: createsWork, report: report) {
        case .retry(let reason, let retryAfter): .retry(reason: reason, retryAfter: retryAfter, rateLimited: error.isRateLimited)
        case .fail(let failure): .failed(failure)
        }
    }

    // MARK: - Models

    /// The model to request: the configured one, else the first the server lists (asked once).
    private func modelName() async throws -> Result<String?, RunpodRequestError> {
        if let name = configuredModel ?? discoveredModel.value { return .success(name) }
        return try await fetchModels().map { models in
            // A server that lists no model takes requests without one (llama.cpp serves just one).
            guard let first = models.first else { return nil }
            discoveredModel.store(first.id)
            servedModel.store(first)
            return first.id
        }
    }

    /// `GET /models`: the models of the answer, with their context lengths when listed.
    func fetchModels() async throws -> Result<[ModelInfo], RunpodRequestError> {
        // Runpod runs this as a queue job, so it may wait for a cold start like a completion.
        let request = prepared(.GET, "/models", accept: "application/json").authorized(with: apiKey, timeout: Self.streamTimeout)
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch {
            return .failure(.transport(try Self.transportError(error)))
        }
        guard (200..<300).contains(response.status.code) else {
            return .failure(
                .status(
                    code: Int(response.status.code),
                    retryAfter: RunpodJobClient.retryAfter(response.headers),
                    body: OpenAIFailurePolicy.report(in: response.body).message
                ))
        }
        guard let list = try? JSONValue(parsing: response.body), let models = ModelInfo.listed(in: list) else {
            return .failure(.malformedResponse(RunpodRequestError.excerpt(response.body)))
        }
        return .success(models)
    }

    /// The transport failure in `error`; cancellation is rethrown instead.
    private static func transportError(_ error: any Error) throws -> TransportError {
        if error is CancellationError || Task.isCancelled { throw CancellationError() }
        if let transportError = error as? TransportError { return transportError }
        // A transport that broke its contract; treat it like any network failure.
        return TransportError(.interrupted, detail: "\(error)")
    }
}
