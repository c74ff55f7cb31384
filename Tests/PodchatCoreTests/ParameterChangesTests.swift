import PodchatCore
import Testing

@Suite struct ParameterChangesTests {
    @Test(arguments: [
        ("temperature=0.2", "temperature", JSONValue.number(0.2)),
        ("top_p=0.9", "top_p", .number(0.9)),
        ("max_tokens=512", "max_tokens", .number(512)),
        ("stop=END", "stop", .array(["END"])),
        ("stop=[\"END\", \"###\"]", "stop", .array(["END", "###"])),
        ("stop=a=b", "stop", .array(["a=b"])),
        ("stop_token_ids=1,2,3", "stop_token_ids", .array([1, 2, 3])),
        ("ignore_eos=yes", "ignore_eos", .bool(true)),
        ("reasoning_effort=HIGH", "reasoning_effort", .string("high")),
        ("seed=42", "seed", .number(42)),
    ])
    func parsesOneAssignment(text: String, name: String, value: JSONValue) throws {
        let assignment = try ParameterChanges.assignment(text)
        #expect(assignment.parameter.name == name)
        #expect(assignment.value == value)
        #expect(assignment.text == text)
    }

    /// The error `body` throws, if it is a parameter change's.
    private func error(_ body: () throws -> Void) -> ParameterChangeError? {
        do {
            try body()
            return nil
        } catch {
            return error as? ParameterChangeError
        }
    }

    @Test(arguments: [
        ("temperature", "temperature: write NAME=VALUE, e.g. temperature=0.7"),
        ("", ": write NAME=VALUE, e.g. temperature=0.7"),
        ("temperature=9", "temperature=9: temperature must be a number in 0.00…2.00 (got 9)"),
        ("temperature=hot", "temperature=hot: temperature must be a number in 0.00…2.00 (got hot)"),
        ("n=1.5", "n=1.5: n must be a whole number in 1…16 (got 1.5)"),
        ("ignore_eos=maybe", "ignore_eos=maybe: ignore_eos must be true or false (got maybe)"),
        ("stop=[1]", "stop=[1]: stop must be a string or a list of strings (got [1])"),
        ("reasoning_effort=max", "reasoning_effort=max: reasoning_effort must be one of low, medium, high (got max)"),
    ])
    func refusesABadAssignmentSayingWhy(text: String, message: String) {
        #expect(error { _ = try ParameterChanges.assignment(text) }?.description == message)
    }

    @Test(arguments: ["tempreature=0.2", "=0.2", "Temperature=1"])
    func anUnknownNameListsTheKnownOnes(text: String) throws {
        let refusal = try #require(error { _ = try ParameterChanges.assignment(text) })
        let name = String(text.prefix { $0 != "=" })
        #expect(refusal.problem == .unknownName(name))
        #expect(refusal.description.hasPrefix("\(text): \(name) is not a sampling parameter (known: temperature, top_p, "))
        #expect(refusal.description.hasSuffix(", early_stopping)"))
    }

    @Test func theExampleCanNameTheFlag() throws {
        let refusal = try #require(error { _ = try ParameterChanges.assignment("heat") })
        #expect(refusal.problem == .missingEquals)
        #expect(refusal.reason(examplePrefix: "--set ") == "write NAME=VALUE, e.g. --set temperature=0.7")
    }

    @Test(arguments: [
        ("temperature=1.2 top_p=0.9", ["temperature": JSONValue.number(1.2), "top_p": .number(0.9)]),
        ("temperature=1.2,top_p=0.9", ["temperature": .number(1.2), "top_p": .number(0.9)]),
        ("  temperature=1.2 ,  top_p=0.9 , ", ["temperature": .number(1.2), "top_p": .number(0.9)]),
        ("temperature=1.2\ttop_k=40", ["temperature": .number(1.2), "top_k": .number(40)]),
        ("stop_token_ids=1,2,3 seed=7", ["stop_token_ids": .array([1, 2, 3]), "seed": .number(7)]),
        ("stop_token_ids=1, 2, 3", ["stop_token_ids": .array([1, 2, 3])]),
        ("stop='[\"END\", \"###\"]' temperature=0", ["stop": .array(["END", "###"]), "temperature": .number(0)]),
        ("stop=[\"a b\", \"c,d\"] n=2", ["stop": .array(["a b", "c,d"]), "n": .number(2)]),
        ("stop=\"two words\" top_p=0.5", ["stop": .array(["two words"]), "top_p": .number(0.5)]),
        ("stop='x=1 y' top_p=0.5", ["stop": .array(["x=1 y"]), "top_p": .number(0.5)]),
        ("stop=two words", ["stop": .array(["two words"])]),
        ("", [:]),
        (" , ", [:]),
    ])
    func parsesASideSpec(spec: String, values: [String: JSONValue]) throws {
        #expect(try ParameterChanges(parsing: spec).values == values)
    }

    @Test func keepsTheAssignmentsAsTypedAndInOrder() throws {
        let changes = try ParameterChanges(parsing: "top_p=0.9,  temperature=1.20 stop='[\"END\"]'")
        #expect(changes.assignments.map(\.parameter.name) == ["top_p", "temperature", "stop"])
        #expect(changes.text == "top_p=0.9 temperature=1.20 stop='[\"END\"]'")
        #expect(try ParameterChanges(parsing: "").text.isEmpty)
    }

    @Test(arguments: [
        ("temperature=0.2 heat=1", "heat=1", "heat is not a sampling parameter"),
        ("temperature=0.2 0.3", "temperature=0.2 0.3", "temperature must be a number in 0.00…2.00 (got 0.2 0.3)"),
        ("hot temperature=0.2", "hot", "write NAME=VALUE"),
        ("temperature=0.2 temperature=0.3", "temperature=0.3", "temperature is given more than once"),
        ("top_p=0 temperature=1", "top_p=0", "top_p must be a number in 0.01…1.00 (got 0)"),
        ("stop='END temperature=1", "stop='END temperature=1", "a quote is not closed"),
        ("stop=[\"END temperature=1", "stop=[\"END temperature=1", "a quote is not closed"),
    ])
    func refusesABadSpecNamingTheAssignment(spec: String, assignment: String, reason: String) throws {
        let refusal = try #require(error { _ = try ParameterChanges(parsing: spec) })
        #expect(refusal.assignment == assignment)
        #expect(refusal.reason().hasPrefix(reason))
    }

    @Test func appliesTheChangesOverTheBase() throws {
        var base = SamplingParameters()
        base.set(.temperature, to: 0.7)
        base.set(.topK, to: 20)
        let changed = try ParameterChanges(parsing: "temperature=1.2 stop=END").applied(to: base)
        #expect(changed.value(of: .temperature) == .number(1.2))
        #expect(changed.value(of: .topK) == .number(20))
        #expect(changed.value(of: .stop) == .array(["END"]))
        #expect(changed.value(of: .maxTokens) == .number(SamplingParameters.defaultMaxTokens))
    }

    @Test func aLaterAssignmentOfTheSameParameterWinsWhenBuiltFromSeveral() throws {
        let changes = ParameterChanges([try ParameterChanges.assignment("seed=1"), try ParameterChanges.assignment("seed=2")])
        #expect(changes.applied(to: SamplingParameters()).value(of: .seed) == .number(2))
        #expect(changes.value(of: .seed) == .number(2))
        #expect(changes.value(of: .temperature) == nil)
    }
}
