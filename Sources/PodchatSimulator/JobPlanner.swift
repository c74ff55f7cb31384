import PodchatCore

/// Turns a job's request and faults into its plan.
enum JobPlanner {
    /// The plan for `request` on the worker `options` describe.
    /// - Parameters:
    ///   - completionID: the id of OpenAI response objects, e.g. `chatcmpl-…`.
    ///   - created: the Unix time OpenAI response objects carry.
    static func plan(
        for request: WorkerRequest, options: SimulatorOptions, faults: SimulatedFaults, completionID: String, created: Int
    ) -> JobPlan {
        if faults.noReply { return JobPlan(yields: [], endStep: 0) }
        var plan = basePlan(for: request, options: options, faults: faults, completionID: completionID, created: created)
        if faults.dropsChunk { plan = plan.droppingChunk() }
        if faults.fails { return plan.interrupted(by: .failed(simulatedFailure(request, format: options.outputFormat))) }
        if faults.raisesInHandler { return plan.interrupted(by: .failed(handlerFailure(request, format: options.outputFormat))) }
        if faults.timesOut { return plan.interrupted(by: .timedOut) }
        return plan
    }

    private static func basePlan(
        for request: WorkerRequest, options: SimulatorOptions, faults: SimulatedFaults, completionID: String, created: Int
    ) -> JobPlan {
        switch request {
        case .legacy(let generationRequest, let batching):
            let generation = Generation(generationRequest, faults: faults)
            return LegacyChunkWriter.plan(generation, batching: batching, stream: generationRequest.stream)
        case .chatCompletion(let generationRequest):
            let writer = writer(.chat, generationRequest, options: options, faults: faults, id: "chatcmpl-" + completionID, created: created)
            return openAIPlan(writer, stream: generationRequest.stream, format: options.outputFormat)
        case .textCompletion(let generationRequest):
            let writer = writer(.text, generationRequest, options: options, faults: faults, id: "cmpl-" + completionID, created: created)
            return openAIPlan(writer, stream: generationRequest.stream, format: options.outputFormat)
        case .models:
            return JobPlan(yields: [JobPlan.Yield(step: 0, output: modelList(options, created: created))], endStep: 0)
        case .rejected(let error):
            return JobPlan(yields: [], endStep: 0, outcome: .failed(error))
        }
    }

    /// The writer of an OpenAI-shaped reply; only the proxy worker's vLLM has a reasoning parser.
    private static func writer(
        _ kind: OpenAIResponseWriter.Kind, _ request: GenerationRequest, options: SimulatorOptions, faults: SimulatedFaults,
        id: String, created: Int
    ) -> OpenAIResponseWriter {
        let reasons = options.outputFormat == .proxy
        let thinking = reasons ? request.thinkingTokens(base: faults.thinkingTokens ?? options.thinkingTokens) : 0
        return OpenAIResponseWriter(
            kind: kind, generation: Generation(request, faults: faults, thinkingTokens: thinking), model: request.model,
            includeUsage: request.includeUsage, id: id, created: created, reasoningField: reasons ? options.reasoningField : nil,
            logprobs: request.logprobs, llamaCppStyle: faults.llamaCppStream)
    }

    private static func openAIPlan(_ writer: OpenAIResponseWriter, stream: Bool, format: WorkerOutputFormat) -> JobPlan {
        let steps = writer.generation.steps
        guard stream else {
            return JobPlan(yields: [JobPlan.Yield(step: steps, output: writer.completion())], endStep: steps)
        }
        let events = writer.events()
        let yields = format == .legacy ? SSEYields.batched(events) : SSEYields.split(events)
        return JobPlan(yields: yields, endStep: steps)
    }

    /// vLLM's `/v1/models` answer: one `ModelCard` with its default permission.
    private static func modelList(_ options: SimulatorOptions, created: Int) -> JSONValue {
        let permission: JSONValue = .object([
            "id": .string("modelperm-simulated"), "object": .string("model_permission"), "created": .number(Double(created)),
            "allow_create_engine": .bool(false), "allow_sampling": .bool(true), "allow_logprobs": .bool(true),
            "allow_search_indices": .bool(false), "allow_view": .bool(true), "allow_fine_tuning": .bool(false),
            "organization": .string("*"), "group": .null, "is_blocking": .bool(false),
        ])
        let model = options.servedModel
        let entry: JSONValue = .object([
            "id": .string(model), "object": .string("model"), "created": .number(Double(created)), "owned_by": .string("vllm"),
            "root": .string(model), "parent": .null, "max_model_len": .number(Double(options.maxModelLen)),
            "permission": .array([permission]),
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

    /// The `error` string of a `[[sim:traceback]]` job.
    private static func handlerFailure(_ request: WorkerRequest, format: WorkerOutputFormat) -> String {
        switch format {
        case .legacy: HandlerException.legacyMessage
        case .proxy: HandlerException.proxyError(streaming: request.generationRequest?.stream ?? false)
        }
    }
}
