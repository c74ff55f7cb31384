import NIOHTTP1
import PodchatCore

/// The async loop behind ``OpenAIBackend/complete(_:)``: model discovery, the request, reading
/// the stream, and retries of requests that failed before any text.
extension OpenAIBackend {
    /// How one attempt at the reply ended.
    private enum Outcome {
        case finished
        case failed(CompletionFailure)
        case retry(reason: String, retryAfter: Duration?, rateLimited: Bool)
    }

    func drive(_ request: CompletionRequest, continuation: AsyncThrowingStream<CompletionEvent, any Error>.Continuation)
        async
    {
        var consecutiveFailures = 0
        do {
            while true {
                switch try await attempt(request, continuation: continuation) {
                case .finished:
                    return continuation.finish()
                case .failed(let failure):
                    return continuation.finish(throwing: redacted(failure))
                case .retry(let reason, let retryAfter, let rateLimited):
                    consecutiveFailures += 1
                    guard options.backoff.allowsRetry(afterFailures: consecutiveFailures) else {
                        let message = failures.gaveUp(after: consecutiveFailures, reason: reason)
                        return continuation.finish(throwing: CompletionFailure(redacted(message)))
                    }
                    let delay = options.backoff.delay(
                        afterFailures: consecutiveFailures, jitter: options.random(),
                        retryAfter: retryAfter.map { min($0, options.maximumRetryAfter) }, rateLimited: rateLimited)
                    continuation.yield(.retrying(reason: redacted(reason), delay: delay))
                    try await options.sleep(delay)
                }
            }
        } catch {
            // Only cancellation lands here: failed requests become outcomes.
            continuation.finish(throwing: CancellationError())
        }
    }

    /// One request for the reply, with the model discovered first if need be.
    private func attempt(
        _ request: CompletionRequest, continuation: AsyncThrowingStream<CompletionEvent, any Error>.Continuation
    ) async throws -> Outcome {
        let model: String?
        switch try await modelName() {
        case .success(let name): model = name
        case .failure(let error): return outcome(of: error, url: url("/models"), createsWork: false)
        }
        let outgoing = prepare(request, model: model).authorized(with: apiKey, timeout: Self.streamTimeout)
        let target = outgoing.url
        let response: StreamingResponse
        do {
            response = try await transport.stream(outgoing)
        } catch {
            return outcome(of: .transport(try Self.transportError(error)), url: target, createsWork: true)
        }
        guard (200..<300).contains(response.status.code) else {
            // The body only words the failure, so a broken one still leaves the status to report.
            let body = (try? await response.collectBody()) ?? []
            try Task.checkCancellation()
            let report = OpenAIFailurePolicy.report(in: body)
            let error = RunpodRequestError.status(
                code: Int(response.status.code), retryAfter: RunpodJobClient.retryAfter(response.headers), body: report.message)
            return outcome(of: error, url: target, createsWork: true, report: report)
        }
        var reader = OpenAIStreamReader(failures: failures)
        guard request.stream else {
            let body: [UInt8]
            do {
                body = try await response.collectBody(upTo: 64 << 20)
            } catch {
                return .failed(reader.interrupted(try Self.transportError(error)))
            }
            return deliver(reader.complete(body), to: continuation)
        }
        return try await read(response.body, with: &reader, continuation: continuation)
    }

    /// Reports the stream's events as its bytes arrive, until the reply ends.
    private func read(
        _ body: AsyncThrowingStream<[UInt8], any Error>,
        with reader: inout OpenAIStreamReader,
        continuation: AsyncThrowingStream<CompletionEvent, any Error>.Continuation
    ) async throws -> Outcome {
        do {
            for try await piece in body {
                let step = reader.consume(piece)
                for event in step.events { continuation.yield(event) }
                if let end = step.end { return Self.outcome(of: end) }
            }
        } catch {
            return .failed(reader.interrupted(try Self.transportError(error)))
        }
        // A cancelled reader's body ends quietly; that is not the server ending the stream.
        try Task.checkCancellation()
        return deliver(reader.end(), to: continuation)
    }

    private func deliver(
        _ ending: OpenAIStreamReader.Ending, to continuation: AsyncThrowingStream<CompletionEvent, any Error>.Continuation
    ) -> Outcome {
        for event in ending.events { continuation.yield(event) }
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
