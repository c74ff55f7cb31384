import PodchatCore

/// Decides which failed OpenAI-compatible requests are worth retrying, and words every failure
/// so a person knows what to do about it.
///
/// Only a request that produced no text can be sent again: a streamed completion cannot be
/// resumed, so a failure in the middle of one ends the reply with the text it already has.
/// Messages name where the API key came from but never contain the key.
struct OpenAIFailurePolicy: Sendable {
    /// What to do about one failed request.
    enum Verdict: Sendable, Equatable {
        /// Send it again; `retryAfter` is the server's wish, if it stated one.
        case retry(reason: String, retryAfter: Duration?)
        /// Give up on the reply with this message.
        case fail(String)
    }

    /// The environment variable to suggest when no key is sent, e.g. `RUNPOD_API_KEY`.
    var apiKeyVariable: String
    /// Where the key requests carry came from; nil when they carry none.
    var keySource: APIKeySource?

    /// The verdict on `error`, which answered the request to `url` before any reply text.
    ///
    /// 429, 408 and 5xx are retried, as is a request that never reached the server. A
    /// connection that failed after sending is not: it may have been a long timeout.
    func verdict(on error: RunpodRequestError, url: String) -> Verdict {
        switch error {
        case .status(let code, _, _) where code == 401 || code == 403:
            return .fail(keyRejected(code: code))
        case .status(429, let retryAfter, _):
            return .retry(reason: "rate limited (HTTP 429)", retryAfter: retryAfter)
        case .status(let code, _, _) where code == 408 || code >= 500:
            return .retry(reason: "the server answered \(error)", retryAfter: nil)
        case .status(let code, _, let message):
            return .fail("The server rejected the request to \(url) (HTTP \(code))" + (message.isEmpty ? "." : ": \(message)"))
        case .transport(let transport) where transport.kind == .notSent:
            return .retry(reason: transport.description, retryAfter: nil)
        case .transport, .malformedResponse:
            return .fail("The request to \(url) failed before the reply started (\(error)).")
        }
    }

    /// The readable error in an error response's body: OpenAI's `{"error": {"message": …}}`,
    /// older vLLM's flat `{"object": "error", "message": …}`, FastAPI's `{"detail": …}`, or
    /// the start of the body as it is.
    static func message(in body: [UInt8]) -> String {
        if let json = try? JSONValue(parsing: body), json.objectValue != nil {
            if let error = json["error"], error != .null { return WorkerErrorMessage.readable(error) }
            if let text = (json["message"] ?? json["detail"])?.stringValue { return text }
        }
        return RunpodRequestError.excerpt(body)
    }

    // MARK: - Messages

    /// The connection broke while the reply was arriving.
    func interrupted(_ error: TransportError, afterText: Bool) -> String {
        guard afterText else { return "The connection broke before the reply started (\(error))." }
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
    func streamError(_ message: String) -> String {
        "The server reported an error: \(message)"
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
