/// The same question asked with two (or more) parameter sets, each the base parameters with
/// one side's changes. So that only the changed parameters differ, every side shares one
/// seed: the base's, or, when the base sets none, one drawn at random; a side that sets its
/// own seed uses that instead.
package struct ParameterComparison: Sendable, Equatable {
    /// One labelled parameter set.
    package struct Side: Sendable, Equatable {
        /// "A", "B", … in the order the changes were given.
        package var label: String
        package var changes: ParameterChanges
        /// The base with the changes and the seed: what this side's request carries.
        package var parameters: SamplingParameters
        package var seed: Int
    }

    package let sides: [Side]

    /// - Parameter drawSeed: where the shared seed comes from when the base sets none.
    package init(base: SamplingParameters, changes: [ParameterChanges], drawSeed: () -> UInt32 = { UInt32.random(in: .min ... .max) }) {
        let sharedSeed = base.number(of: .seed).map { Int($0) } ?? Int(drawSeed())
        sides = changes.enumerated().map { index, changes in
            var parameters = changes.applied(to: base)
            let seed = parameters.number(of: .seed).map { Int($0) } ?? sharedSeed
            parameters.set(.seed, to: Double(seed))
            return Side(label: Self.label(index), changes: changes, parameters: parameters, seed: seed)
        }
    }

    private static func label(_ index: Int) -> String {
        String(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(index % 26))))
    }
}
