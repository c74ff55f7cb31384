import Foundation
import PodchatCore
import Testing

@Suite struct SamplingParametersTests {
    @Test func defaultsSendOnlyPodchatsMaxTokens() {
        let parameters = SamplingParameters()
        #expect(parameters.wireValues.map(\.name) == ["max_tokens"])
        #expect(parameters.number(of: .maxTokens) == 1024)
        #expect(parameters.number(of: .temperature) == nil, "unset: the model decides")
        #expect(!parameters.isSet(.temperature))
    }

    @Test func configValuesCountAsSetEvenAtADocumentedDefault() {
        let parameters = SamplingParameters(overrides: ["temperature": 1, "top_p": 1, "seed": .null])
        #expect(parameters.wireValues.map(\.name) == ["max_tokens", "temperature", "top_p"])
        #expect(!parameters.isSet(.seed))
    }

    @Test func setValuesAreClampedAndADocumentedDefaultIsStillSent() {
        var parameters = SamplingParameters()
        parameters.set(.temperature, to: 5)
        #expect(parameters.number(of: .temperature) == 2)
        parameters.set(.temperature, to: 1.0)
        #expect(parameters.isSet(.temperature))
        parameters.set(.topK, to: 40.4)
        #expect(parameters.wireValues.map(\.name) == ["max_tokens", "temperature", "top_k"])
        #expect(parameters.number(of: .topK) == 40)
    }

    @Test func steppedValuesStayExact() {
        var parameters = SamplingParameters()
        parameters.set(.temperature, to: 0.7)
        #expect(parameters.number(of: .temperature) == 0.7)
        parameters.set(.topP, to: 0.95)
        #expect(parameters.number(of: .topP) == 0.95)
    }

    @Test(arguments: [(0.7, "0.70"), (1, "1.00"), (0.005, "0.01"), (-0.25, "-0.25"), (12.5, "12.50")])
    func formatsDecimals(value: Double, text: String) {
        #expect(formatDecimal(value, places: 2) == text)
    }

    @Test func wholeNumbersGoOnTheWireAsIntegers() throws {
        let data = try JSONEncoder().encode(JSONValue.object(["max_tokens": .number(512), "temperature": .number(0.5)]))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"max_tokens\":512"))
        #expect(text.contains("\"temperature\":0.5"))
    }
}
