import PodchatCore
import Testing

@Suite struct ParameterComparisonTests {
    private func changes(_ specs: String...) throws -> [ParameterChanges] {
        try specs.map { try ParameterChanges(parsing: $0) }
    }

    @Test func bothSidesShareOneDrawnSeedWhenNoneIsSet() throws {
        var draws = 0
        let comparison = ParameterComparison(base: SamplingParameters(), changes: try changes("temperature=0.2", "temperature=1.2")) {
            draws += 1
            return 4_000_000_000
        }
        #expect(draws == 1)
        #expect(comparison.sides.map(\.label) == ["A", "B"])
        #expect(comparison.sides.map(\.seed) == [4_000_000_000, 4_000_000_000])
        #expect(comparison.sides.map { $0.parameters.value(of: .seed) } == [.number(4_000_000_000), .number(4_000_000_000)])
        #expect(comparison.sides.map { $0.parameters.value(of: .temperature) } == [.number(0.2), .number(1.2)])
    }

    @Test func theBaseSeedIsSharedAndNothingIsDrawn() throws {
        var base = SamplingParameters()
        base.set(.seed, to: 99)
        let comparison = ParameterComparison(base: base, changes: try changes("top_p=0.5", "")) {
            Issue.record("drew a seed though the base sets one")
            return 1
        }
        #expect(comparison.sides.map(\.seed) == [99, 99])
    }

    @Test func aSideThatSetsItsSeedUsesIt() throws {
        let comparison = ParameterComparison(base: SamplingParameters(), changes: try changes("seed=5", "temperature=1")) { 77 }
        #expect(comparison.sides.map(\.seed) == [5, 77])
        #expect(comparison.sides[0].parameters.value(of: .seed) == .number(5))
        #expect(comparison.sides[1].parameters.value(of: .seed) == .number(77))
    }

    @Test func onlyTheChangedParametersDiffer() throws {
        var base = SamplingParameters()
        base.set(.topK, to: 40)
        let sides = ParameterComparison(base: base, changes: try changes("temperature=0.2", "temperature=1.2")) { 3 }.sides
        var a = sides[0].parameters.setValues
        var b = sides[1].parameters.setValues
        #expect(a.removeValue(forKey: "temperature") == .number(0.2))
        #expect(b.removeValue(forKey: "temperature") == .number(1.2))
        #expect(a == b)
        #expect(a["top_k"] == .number(40))
    }
}
