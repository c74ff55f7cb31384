import PodchatCore
import Testing

/// The parameter model as the side panel and the wire use it: groups, steps, placement.
@Suite struct SamplingParameterModelTests {
    @Test func everyGroupHasItsParametersInPanelOrder() {
        let byGroup = Dictionary(grouping: SamplingParameter.all, by: \.group).mapValues { $0.map(\.name) }
        #expect(byGroup[.core] == ["temperature", "top_p", "top_k", "min_p", "max_tokens"])
        #expect(byGroup[.penalties] == ["presence_penalty", "frequency_penalty", "repetition_penalty"])
        #expect(byGroup[.stopping] == ["stop", "stop_token_ids", "min_tokens", "ignore_eos"])
        #expect(byGroup[.streaming] == ["max_batch_size", "min_batch_size", "batch_size_growth_factor"])
        #expect(byGroup[.reasoning] == ["reasoning_effort", "enable_thinking"])
        #expect(byGroup[.beamSearch] == ["best_of", "use_beam_search", "length_penalty", "early_stopping"])
        #expect(byGroup[.output]?.count == 8)
    }

    @Test func kindsRangesAndSteps() {
        #expect(SamplingParameter.temperature.kind == .decimal)
        #expect(SamplingParameter.temperature.range == 0...2)
        #expect(SamplingParameter.temperature.coarseStep == 0.5)
        #expect(SamplingParameter.maxTokens.coarseStep == 640)
        #expect(SamplingParameter.useBeamSearch.kind == .boolean)
        #expect(SamplingParameter.maxBatchSize.placement == .jobInput)
        #expect(SamplingParameter.enableThinking.placement == .chatTemplateKwargs)
        #expect(SamplingParameter.reasoningEffort.kind == .choice(["low", "medium", "high"]))
        #expect(!SamplingParameter.lengthPenalty.legacyWorkerAccepts && SamplingParameter.temperature.legacyWorkerAccepts)
    }

    @Test(arguments: [
        ("max_batch_size", "0", "max_batch_size must be a whole number in 1…10000 (got 0)"),
        ("batch_size_growth_factor", "0.5", "batch_size_growth_factor must be a number in 1.00…100.00 (got 0.5)"),
        ("best_of", "17", "best_of must be a whole number in 1…16 (got 17)"),
        ("use_beam_search", "sure", "use_beam_search must be true or false (got sure)"),
    ])
    func newParametersExplainInvalidValues(name: String, text: String, message: String) throws {
        let parameter = try #require(SamplingParameter.named(name))
        guard case .failure(let error) = parameter.parse(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(error.description == message)
    }

    @Test func adjustingMovesByTheStepAndStaysInRange() {
        var parameters = SamplingParameters()
        parameters.adjust(.temperature, bySteps: -1)
        #expect(parameters.number(of: .temperature) == 0.95, "an unset value starts from the documented 1.0")
        parameters.adjust(.temperature, bySteps: 1, stepSize: SamplingParameter.temperature.coarseStep)
        #expect(parameters.number(of: .temperature) == 1.45)
        parameters.adjust(.temperature, bySteps: 20)
        #expect(parameters.number(of: .temperature) == 2)
        parameters.adjust(.ignoreEOS, bySteps: 1)
        #expect(!parameters.isSet(.ignoreEOS))
    }

    @Test func anUnsetNumberStartsAtTheBottomAndGoesBackToUnset() {
        var parameters = SamplingParameters()
        parameters.adjust(.seed, bySteps: -1)
        #expect(!parameters.isSet(.seed))
        parameters.adjust(.seed, bySteps: 1)
        #expect(parameters.value(of: .seed) == 0)
        parameters.adjust(.seed, bySteps: -1)
        #expect(parameters.value(of: .seed) == nil)
    }

    @Test func anUnsetNumberWithADocumentedDefaultStartsThere() {
        var parameters = SamplingParameters()
        parameters.adjust(.topP, bySteps: -1)
        #expect(parameters.number(of: .topP) == 0.99)
        parameters.unset(.topP)
        parameters.adjust(.topP, bySteps: 1)
        #expect(parameters.number(of: .topP) == 1, "clamped at the top, and set: 1.0 is sent")
        #expect(parameters.wireValues.contains { $0.name == "top_p" && $0.value == 1 })
    }

    @Test func togglingFlipsABooleanAndEveryFlipIsSent() {
        var parameters = SamplingParameters()
        parameters.toggle(.skipSpecialTokens)
        #expect(parameters.wireValues.contains { $0.name == "skip_special_tokens" && $0.value == false })
        parameters.toggle(.skipSpecialTokens)
        #expect(parameters.wireValues.contains { $0.name == "skip_special_tokens" && $0.value == true })
        parameters.unset(.skipSpecialTokens)
        #expect(!parameters.isSet(.skipSpecialTokens))
    }

    @Test func aChoiceCyclesThroughItsOptionsAndBackToUnset() {
        var parameters = SamplingParameters()
        let seen = (0..<4).map { _ in
            parameters.cycle(.reasoningEffort)
            return parameters.value(of: .reasoningEffort)?.stringValue ?? "unset"
        }
        #expect(seen == ["low", "medium", "high", "unset"])
        parameters.cycle(.reasoningEffort, forward: false)
        #expect(parameters.value(of: .reasoningEffort) == "high")
        #expect(SamplingParameter.reasoningEffort.parse("High") == .success("high"))
        #expect(throws: SamplingParameterError.self) { try SamplingParameter.reasoningEffort.parse("max").get() }
    }

    @Test func beamSearchParametersAreSentWhenSetWhateverTheirValue() throws {
        var parameters = SamplingParameters()
        #expect(parameters.wireValues.map(\.name) == ["max_tokens"])
        try parameters.set(.useBeamSearch, exactly: false)
        try parameters.set(.lengthPenalty, exactly: 1)
        #expect(parameters.wireValues.map(\.name) == ["length_penalty", "max_tokens", "use_beam_search"])
        try parameters.set(.bestOf, exactly: 3)
        #expect(parameters.wireValues.map(\.name) == ["best_of", "length_penalty", "max_tokens", "use_beam_search"])
    }

    @Test func theThinkingSwitchGoesIntoTheChatTemplateArguments() throws {
        var parameters = SamplingParameters()
        try parameters.set(.enableThinking, exactly: false)
        #expect(parameters.templateValues.map(\.name) == ["enable_thinking"])
        #expect(!parameters.wireValues.contains { $0.name == "enable_thinking" })
    }

    @Test func batchingFieldsGoBesideTheSamplingParams() throws {
        var parameters = SamplingParameters()
        try parameters.set(.maxBatchSize, exactly: 4)
        try parameters.set(.batchSizeGrowthFactor, exactly: 2)
        try parameters.set(.temperature, exactly: 0.5)
        #expect(parameters.wireValues.map(\.name) == ["max_tokens", "temperature"])
        #expect(parameters.batchingValues.map(\.name) == ["batch_size_growth_factor", "max_batch_size"])
        let request = CompletionRequest(messages: [Message(role: .user, content: "Hi")], parameters: parameters, inputFormat: .openai)
        #expect(request.batching == ["max_batch_size": 4, "batch_size_growth_factor": 2])
        #expect(request.inputFormat == .openai)
        #expect(CompletionRequest(messages: []).batching.isEmpty)
        #expect(CompletionRequest(messages: []).inputFormat == nil)
    }

    @Test func restoringTakesTheOtherValueSetOrNot() throws {
        let start = SamplingParameters(overrides: ["temperature": 0.3])
        var parameters = start
        try parameters.set(.temperature, exactly: 1.5)
        parameters.unset(.maxTokens)
        parameters.restore(.temperature, from: start)
        parameters.restore(.maxTokens, from: start)
        #expect(parameters == start)
    }

    @Test func exactValuesForPresetsRoundTripAndAreChecked() throws {
        var parameters = SamplingParameters()
        parameters.unset(.maxTokens)
        try parameters.set(.stop, exactly: ["END"])
        #expect(try SamplingParameters.exactly(parameters.setValues) == parameters)
        #expect(throws: SamplingParameterError.self) { try SamplingParameters.exactly(["top_p": 7]) }
        #expect(throws: SamplingParameterError.self) { try SamplingParameters.exactly(["warmth": 1]) }
    }
}
