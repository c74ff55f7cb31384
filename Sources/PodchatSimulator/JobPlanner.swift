import PodchatCore

/// Turns a job's request and faults into its plan.
enum JobPlanner {
    /// The plan for `request` on a worker of generation `format`.
    /// - Parameters:
    ///   - completionID: the id of OpenAI response objects, e.g. `chatcmpl-…`.
    ///   - created: the Unix time OpenAI response objects carry.
    static func plan(
        for request: WorkerRequest, format: WorkerOutputFormat, faults: SimulatedFaults, servedModel: String,
        completionID: String, created: Int
    ) -> JobPlan {
        let plan: JobPlan
        switch request {
        case .legacy(let generationRequest, let batching):
            let generation = Generation(generationRequest, faults: faults)
            plan = LegacyChunkWriter.plan(generation, batching: batching, stream: generationRequest.stream)
        case .chatCompletion(let generationRequest):
            plan = openAIPlan(.chat, generationRequest, format: format, faults: faults, id: "chatcmpl-" + completionID, created: created)
        case .textCompletion(let generationRequest):
            plan = openAIPlan(.text, generationRequest, format: format, faults: faults, id: "cmpl-" + completionID, created: created)
        case .models:
            plan = JobPlan(yields: [JobPlan.Yield(step: 0, output: modelList(servedModel, created: created))], endStep: 0)
        case .rejected(let error):
            plan = JobPlan(yields: [], endStep: 0, outcome: .failed(error))
        }
        if faults.fails { return plan.interrupted(by: .failed(simulatedFailure(request, format: format))) }
        if faults.timesOut { return plan.interrupted(by: .timedOut) }
        return plan
    }

    private static func openAIPlan(
        _ kind: OpenAIResponseWriter.Kind, _ request: GenerationRequest, format: WorkerOutputFormat, faults: SimulatedFaults,
        id: String, created: Int
    ) -> JobPlan {
        let generation = Generation(request, faults: faults)
        let writer = OpenAIResponseWriter(
            kind: kind, generation: generation, model: request.model, includeUsage: request.includeUsage, id: id, created: created)
        guard request.stream else {
            return JobPlan(yields: [JobPlan.Yield(step: generation.steps, output: writer.completion())], endStep: generation.steps)
        }
        let events = writer.events()
        let yields = format == .legacy ? SSEYields.batched(events) : SSEYields.split(events)
        return JobPlan(yields: yields, endStep: generation.steps)
    }

    /// vLLM's `/v1/models` answer.
    private static func modelList(_ model: String, created: Int) -> JSONValue {
        let entry: JSONValue = .object([
            "id": .string(model), "object": .string("model"), "created": .number(Double(created)), "owned_by": .string("vllm"),
            "root": .string(model), "parent": .null, "max_model_len": .number(8192),
        ])
        return .object(["object": .string("list"), "data": .array([entry])])
    }

    /// The `error` string of a `[[sim:fail]]` job, in the shape its worker and input path produce.
    private static func simulatedFailure(_ request: WorkerRequest, format: WorkerOutputFormat) -> String {
        let error = VLLMError.simulatedFailure
        switch (request, format) {
        case (.legacy, _): return error.legacyEngineText
        case (_, .legacy): return error.legacyRouteText
        case (_, .proxy): return error.proxyText
        }
    }
}
