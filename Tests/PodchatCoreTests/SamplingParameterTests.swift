import PodchatCore
import Testing

@Suite struct SamplingParameterTests {
    @Test(arguments: [
        ("temperature", "0.7", JSONValue.number(0.7)),
        ("temperature", " 2 ", .number(2)),
        ("top_k", "40", .number(40)),
        ("max_tokens", "512", .number(512)),
        ("ignore_eos", "true", .bool(true)),
        ("skip_special_tokens", "no", .bool(false)),
        ("stop", "END", .array([.string("END")])),
        ("stop", "[\"###\", \"\\n\\n\"]", .array([.string("###"), .string("\n\n")])),
        ("stop_token_ids", "1, 2,3", .array([.number(1), .number(2), .number(3)])),
        ("stop_token_ids", "[7]", .array([.number(7)])),
        ("seed", "42", .number(42)),
    ])
    func parsesWhatAPersonTypes(name: String, text: String, expected: JSONValue) throws {
        let parameter = try #require(SamplingParameter.named(name))
        #expect(try parameter.parse(text).get() == expected)
    }

    @Test(arguments: [
        ("temperature", "hot", "temperature must be a number in 0.00…2.00 (got hot)"),
        ("temperature", "2.5", "temperature must be a number in 0.00…2.00 (got 2.5)"),
        ("top_p", "0", "top_p must be a number in 0.01…1.00 (got 0)"),
        ("max_tokens", "1.5", "max_tokens must be a whole number in 1…1048576 (got 1.5)"),
        ("n", "0", "n must be a whole number in 1…16 (got 0)"),
        ("ignore_eos", "maybe", "ignore_eos must be true or false (got maybe)"),
        ("stop_token_ids", "1,x", "stop_token_ids must be a list of whole numbers (got 1,x)"),
        ("stop", "[1, 2]", "stop must be a string or a list of strings (got [1, 2])"),
    ])
    func refusesInvalidValuesWithTheReason(name: String, text: String, message: String) throws {
        let parameter = try #require(SamplingParameter.named(name))
        #expect(throws: SamplingParameterError.self) { try parameter.parse(text).get() }
        if case .failure(let error) = parameter.parse(text) { #expect(error.description == message) }
    }

    @Test func everyParameterHasAUniqueNameAndAValidDefault() {
        let names = SamplingParameter.all.map(\.name)
        #expect(Set(names).count == names.count)
        for parameter in SamplingParameter.all {
            #expect(parameter.problem(with: parameter.documentedDefault) == nil, "\(parameter.name)")
        }
    }

    @Test func formatsValuesForThePanel() {
        #expect(SamplingParameter.temperature.format(.number(0.7)) == "0.70")
        #expect(SamplingParameter.maxTokens.format(.number(512)) == "512")
        #expect(SamplingParameter.seed.format(.null) == "none")
        #expect(SamplingParameter.ignoreEOS.format(.bool(true)) == "true")
        #expect(SamplingParameter.stop.format(.array(["END"])) == #"["END"]"#)
    }

    @Test func nullUnsetsButADocumentedDefaultIsSetAndSent() throws {
        var parameters = SamplingParameters()
        try parameters.set(.seed, exactly: 7)
        #expect(parameters.isSet(.seed))
        try parameters.set(.seed, exactly: .null)
        #expect(!parameters.isSet(.seed))
        try parameters.set(.skipSpecialTokens, exactly: true)
        #expect(parameters.wireValues.contains { $0.name == "skip_special_tokens" && $0.value == true })
        try parameters.set(.temperature, exactly: 1)
        #expect(parameters.wireValues.contains { $0.name == "temperature" && $0.value == 1 })
        #expect(throws: SamplingParameterError.self) { try parameters.set(.n, exactly: 0) }
    }

    @Test func configOverridesApplyAndTheWireCarriesThem() {
        let parameters = SamplingParameters(overrides: ["temperature": 0.3, "stop": .array(["###"]), "max_tokens": 64])
        #expect(parameters.wireValues.map(\.name) == ["max_tokens", "stop", "temperature"])
        #expect(parameters.value(of: .stop) == .array(["###"]))
    }
}
