import PodchatCore

/// Decides which failed Runpod requests are worth retrying, and words every failure so a
/// person knows what to do about it.
///
/// Messages name where the API key came from but never contain the key.
package struct RunpodFailurePolicy: Sendable, Equatable {
    /// What to do about one failed request.
    package enum Verdict: Sendable, Equatable {
        /// Send it again; `retryAfter` is the server's wish, if it stated one.
        case retry(reason: String, retryAfter: Duration?)
        /// Give up on the reply with this message.
        case fail(String)
    }

    /// The environment variable to suggest when no key is sent, e.g. `RUNPOD_API_KEY`.
    package var apiKeyVariable: String
    /// Where the key requests carry came from; nil when they carry none.
    package var keySource: APIKeySource?

    /// A policy for requests that carry a key from `keySource`, or none (nil).
    package init(apiKeyVariable: String, keySource: APIKeySource?) {
        self.apiKeyVariable = apiKeyVariable
        self.keySource = keySource
    }

    /// The verdict on `error`, which answered `operation`.
    ///
    /// Polls are idempotent, so 429, 408, 5xx, network failures and malformed answers are
    /// retried. A submission is retried only when no job can have been created: on 429 or when
    /// no connection was made.
    package func verdict(
        on error: RunpodRequestError,
        operation: RunpodJobPoller.Operation,
        source: RunpodJobPoller.Source
    ) -> Verdict {
        let isSubmission = operation == .submit
        switch error {
        case .status(let code, _, _) where code == 401 || code == 403:
            return .fail(keyRejected(code: code))
        case .status(404, _, _):
            return .fail(isSubmission ? endpointNotFound(source: source) : jobGone(operation))
        case .status(429, let retryAfter, _):
            return .retry(reason: "rate limited (HTTP 429)", retryAfter: retryAfter)
        case .status(let code, _, _) where (code == 408 || code >= 500) && !isSubmission:
            return .retry(reason: "the endpoint answered \(error)", retryAfter: nil)
        case .transport(let transport) where transport.kind == .notSent || !isSubmission:
            return .retry(reason: transport.description, retryAfter: nil)
        case .malformedResponse where !isSubmission:
            // A truncated or garbled answer says nothing about the job; asking again does.
            return .retry(reason: "the endpoint sent a malformed answer", retryAfter: nil)
        case .status, .transport, .malformedResponse:
            return .fail(unrecoverable(error, operation: operation, source: source))
        }
    }

    // MARK: - Messages

    /// A FAILED job, with the readable part of its `error` and the whole of it as the detail.
    package func jobFailed(_ error: JSONValue?) -> CompletionFailure {
        guard let error else { return CompletionFailure("The job failed; the endpoint gave no reason.") }
        // How the SDK's local test server answers for a job it does not have (protocol.md §5.2):
        // not a failure of the job, which may never have existed there.
        if error == .string("Job ID not found") {
            return CompletionFailure(
                "The job expired or is unknown to the endpoint (\"Job ID not found\"). A local test server "
                    + "(--rp_serve_api) forgets a job once it has returned its output.")
        }
        return failure("The job failed: ", WorkerErrorMessage(error))
    }

    /// An error the worker put in its output (the SDK's local test server keeps it there,
    /// in a COMPLETED job).
    package func workerError(_ report: WorkerErrorMessage) -> CompletionFailure {
        failure("The worker reported an error: ", report)
    }

    private func failure(_ lead: String, _ report: WorkerErrorMessage) -> CompletionFailure {
        CompletionFailure(lead + report.message, detail: report.detail, contextOverflow: report.contextOverflow)
    }

    /// Output podchat cannot use, such as a choice number no reply can have.
    package func malformedOutput(_ problem: String) -> String {
        "The worker's output could not be used: \(problem)."
    }

    /// A submission answer without a job id.
    package var missingJobID: String {
        "The endpoint accepted the job but returned no job id."
    }

    /// The last of too many consecutive failures. A job that was submitted is left alone,
    /// because its result can still be fetched once the endpoint recovers.
    package func gaveUp(after failures: Int, reason: String, operation: RunpodJobPoller.Operation) -> String {
        let summary = "Gave up after \(failures) failed requests in a row \(doing(operation)); the last: \(reason)."
        switch operation {
        case .submit:
            return summary
        case .poll(let jobID), .fetchError(let jobID), .reconcile(let jobID):
            return summary + " The job may still be running on the endpoint; its id is \(jobID)."
        }
    }

    /// A job podchat cancelled because it ran out of time.
    package func expired(_ expiry: ReplyWatchdog.Expiry, jobID: String) -> String {
        switch expiry {
        case .queue(let limit):
            return "Job \(jobID) waited in the queue for \(limit.readable) without a worker taking it (the queue "
                + "timeout), so podchat cancelled it."
        case .firstToken(let limit):
            return "A worker started job \(jobID) but sent no text within \(limit.readable) (the first-token "
                + "timeout), so podchat cancelled the job."
        case .idle(let limit):
            return "No new text arrived for \(limit.readable) while job \(jobID) was still in progress (the idle "
                + "timeout), so podchat cancelled the job. The text received so far is kept."
        }
    }

    /// A job that COMPLETED without a single yield: the worker answered nothing at all. The
    /// Runpod SDK's local server running a proxy handler did that when llama.cpp's server
    /// refused a too-long prompt inside an empty event stream.
    package func completedWithoutOutput(jobID: String) -> String {
        "The job \(jobID) completed without any output: the worker sent no reply and no error. Its server may have "
            + "refused the request (a prompt longer than the model's context, say); the worker's log says why."
    }

    private func keyRejected(code: Int) -> String {
        guard let keySource else {
            return "The endpoint requires an API key (HTTP \(code)). Set the environment variable \(apiKeyVariable) "
                + "to your Runpod API key."
        }
        return "The endpoint rejected the API key (HTTP \(code)). podchat reads it from \(keySource); check that "
            + "it holds a valid Runpod API key with access to this endpoint."
    }

    private func endpointNotFound(source: RunpodJobPoller.Source) -> String {
        "The endpoint was not found (HTTP 404 on \(submitPath(source))): check the endpoint id or URL."
    }

    private func jobGone(_ operation: RunpodJobPoller.Operation) -> String {
        "The job is gone (HTTP 404 \(doing(operation))): the job expired or the endpoint id is wrong."
    }

    private func unrecoverable(
        _ error: RunpodRequestError,
        operation: RunpodJobPoller.Operation,
        source: RunpodJobPoller.Source
    ) -> String {
        switch (operation, error) {
        case (.submit, .status(let code, _, _)) where code >= 500 || code == 408:
            return "The job could not be submitted (\(error)). It was not sent again, because the endpoint may "
                + "have queued it anyway."
        case (.submit, .transport):
            return "The connection failed while submitting the job (\(error)). It was not sent again, because "
                + "the endpoint may have queued it anyway."
        case (.submit, .status):
            return "The endpoint rejected the request to \(submitPath(source)) (\(error))."
        case (.submit, .malformedResponse):
            return "The endpoint's answer to \(submitPath(source)) could not be read (\(error)). It was not sent "
                + "again, because the endpoint may have queued the job anyway."
        case (.fetchError, _):
            return "The job failed; its error could not be read (\(error))."
        case (.reconcile(let jobID), _):
            return "Job \(jobID) ended, but an answer was lost on the way and the text could not be checked "
                + "against the job's output (\(error)). The text received so far is kept and may have gaps."
        case (.poll, _):
            return "Polling the job failed (\(error))."
        }
    }

    private func submitPath(_ source: RunpodJobPoller.Source) -> String {
        source == .stream ? "/run" : "/runsync"
    }

    private func doing(_ operation: RunpodJobPoller.Operation) -> String {
        switch operation {
        case .submit: "while submitting the job"
        case .poll(let jobID), .fetchError(let jobID): "while polling job \(jobID)"
        case .reconcile(let jobID): "while reading the output of job \(jobID)"
        }
    }
}
