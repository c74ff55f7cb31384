import PodchatCore

/// Decides which failed OpenAI-compatible requests are worth retrying, and words every failure
/// so a person knows what to do about it.
///
/// A completion request is never sent a second time once it may have reached the server: on
/// Runpod's OpenAI route every POST becomes a queued, billed job that runs even if its answer
/// is lost, so a 5xx or a broken connection ends the reply with a message saying so (the
/// person can regenerate it). Only a 429 or a request that certainly never reached the server
/// is retried. A streamed completion cannot be resumed either, so a failure in the middle of
/// one ends the reply with the text it already has. Messages name where the API key came from
/// but never contain the key.
struct OpenAIFailurePolicy: Sendable {
    /// What to do about one failed request.
    enum Verdict: Sendable, Equatable {
        /// Send it again; `retryAfter` is the server's wish, if it stated one.
        case retry(reason: String, retryAfter: Duration?)
        /// Give up on the reply with this failure.
        case fail(CompletionFailure)
    }

    /// The environment variable to suggest when no key is sent, e.g. `RUNPOD_API_KEY`.
    var apiKeyVariable: String
    /// Where the key requests carry came from; nil when they carry none.
    var keySource: APIKeySource?

    /// The verdict on `error`, which answered the request to `url` before any reply text.
    ///
    /// - Parameters:
    ///   - createsWork: Whether the request may start work on the server (a completion POST);
    ///     such a request is retried only on 429 or when it never left. A `GET /models` is
    ///     retried on 408 and 5xx too.
    ///   - report: The server's error body, read, for the message of a rejected request.
    func verdict(on error: RunpodRequestError, url: String, createsWork: Bool, report: WorkerErrorMessage? = nil)
        -> Verdict
    {
        switch error {
        case .status(let code, _, _) where code == 401 || code == 403:
            return .fail(CompletionFailure(keyRejected(code: code)))
        case .status(429, let retryAfter, _):
            return .retry(reason: "rate limited (HTTP 429)", retryAfter: retryAfter)
        case .status(let code, _, _) where (code == 408 || code >= 500) && createsWork:
            return .fail(CompletionFailure(mayHaveRun("The request reached the server, which answered \(error).")))
        case .status(let code, _, _) where code == 408 || code >= 500:
            return .retry(reason: "the server answered \(error)", retryAfter: nil)
        case .status(let code, _, let message):
            let lead = "The server rejected the request to \(url) (HTTP \(code))"
            guard let report else { return .fail(CompletionFailure(lead + (message.isEmpty ? "." : ": \(message)"))) }
            return .fail(
                CompletionFailure(lead + ": " + report.message, detail: report.detail, contextOverflow: report.contextOverflow))
        case .transport(let transport) where transport.kind == .notSent:
            return .retry(reason: transport.description, retryAfter: nil)
        case .transport where createsWork:
            return .fail(CompletionFailure(mayHaveRun("The \(error) after the request was sent.")))
        case .transport, .malformedResponse:
            return .fail(CompletionFailure("The request to \(url) failed before the reply started (\(error))."))
        }
    }

    /// The readable error in an error response's body: OpenAI's `{"error": {"message": …}}`,
    /// older vLLM's flat `{"object": "error", "message": …}`, FastAPI's `{"detail": …}`, or
    /// the start of the body as it is.
    static func report(in body: [UInt8]) -> WorkerErrorMessage {
        if let json = try? JSONValue(parsing: body), json.objectValue != nil {
            if let error = json["error"], error != .null { return WorkerErrorMessage(error) }
            if json["message"] != nil { return WorkerErrorMessage(json) }
            if let text = json["detail"]?.stringValue { return WorkerErrorMessage(text: text) }
        }
        return WorkerErrorMessage(text: RunpodRequestError.excerpt(body))
    }

    /// `what` happened to a completion request that may have started work: why it is not sent again.
    private func mayHaveRun(_ what: String) -> String {
        what + " The server may have run it anyway (on Runpod every request is a queued, billed job), so podchat "
            + "did not send it again; r regenerates the reply."
    }

    // MARK: - Messages

    /// The connection broke while the reply was arriving.
    func interrupted(_ error: TransportError, afterText: Bool) -> String {
        guard afterText else { return mayHaveRun("The connection broke before the reply started (\(error)).") }
        return "The connection broke in the middle of the reply (\(error)). A streamed reply cannot be resumed, "
            + "so the text so far is all there is."
    }

    /// The stream ended without `[DONE]` or a finish reason.
    func endedEarly(afterText: Bool) -> String {
        afterText
            ? "The server ended the stream before the reply was complete."
            : "The server ended the stream without sending a reply."
    }

    /// An error the server sent inside the stream or as the whole answer.
    func streamError(_ report: WorkerErrorMessage) -> CompletionFailure {
        CompletionFailure(
            "The server reported an error: \(report.message)", detail: report.detail, contextOverflow: report.contextOverflow)
    }

    /// A response podchat cannot use, such as a choice number no reply can have.
    func unusableAnswer(_ problem: String) -> String {
        "The server's answer could not be used: \(problem)."
    }

    /// A success answer that is not an OpenAI response.
    func unexpectedBody(_ excerpt: String) -> String {
        "The server sent an unexpected answer: \(excerpt)"
    }

    /// The last of too many consecutive failures.
    func gaveUp(after failures: Int, reason: String) -> String {
        "Gave up after \(failures) failed requests in a row; the last: \(reason)."
    }

    private func keyRejected(code: Int) -> String {
        guard let keySource else {
            return "The server requires an API key (HTTP \(code)). Set the environment variable \(apiKeyVariable) to it."
        }
        return "The server rejected the API key (HTTP \(code)). podchat reads it from \(keySource); check that it "
            + "holds a valid key for this endpoint."
    }
}
