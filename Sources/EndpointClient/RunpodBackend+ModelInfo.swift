import PodchatCore

/// The served model and its context length, asked through the job API.
extension RunpodBackend {
    /// The job input that asks the worker for its `/v1/models` list: the proxy worker GETs the
    /// route of a bare `openai_route` from vLLM (protocol-2026.md); the legacy worker (v2.23)
    /// answers it from its own engine in the same shape.
    static let modelListInput = JSONValue.object(["input": .object(["openai_route": .string("/v1/models")])])

    /// The served model and its `max_model_len`, asked once with a small `/runsync` job and
    /// remembered for this backend and its copies.
    ///
    /// A job that is still queued when `/runsync` returns (a cold start) is followed on
    /// `/status` for up to the first-token timeout. Nil when the worker's answer holds no
    /// model list (an older worker); that is remembered too. Nil without remembering when the
    /// endpoint could not be asked (a failed request, a job that outlasted the wait), so a
    /// later call asks again. The job is a real one, which Runpod bills like any other.
    package func modelInfo() async -> ModelInfo? {
        if let known = servedModel.value { return known }
        guard let job = await finishedModelListJob() else { return nil }
        let output = job.output?.arrayValue?.first ?? job.output
        let info =
            job.status == .completed
            ? output.flatMap(ModelInfo.listed(in:)).flatMap { ModelInfo.serving(configuredModel, among: $0) }
            : nil
        servedModel.store(info)
        return info
    }

    /// The model named in the configured OpenAI input format, if any.
    private var configuredModel: String? {
        if case .openAI(let model) = options.inputFormat { return model }
        return nil
    }

    /// The model-list job once it has ended, or nil when it could not be followed to its end.
    private func finishedModelListJob() async -> JobResponse? {
        let started = options.now()
        let patience = options.firstTokenTimeout ?? .seconds(300)
        guard var job = try? await jobs.runSync(Self.modelListInput, wait: .seconds(90)) else { return nil }
        while !job.status.isTerminal {
            guard !job.id.isEmpty, options.now() - started < patience else { return nil }
            do {
                try await options.sleep(.seconds(1))
                job = try await jobs.status(jobID: job.id)
            } catch {
                return nil
            }
        }
        return job
    }
}
