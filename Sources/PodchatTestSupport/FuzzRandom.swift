/// SplitMix64, a tiny seeded generator: property tests draw from it so that any failing input
/// can be made again from the seed and iteration the failure names.
package struct FuzzRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A number in `range`.
    package mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// True with probability `chance`.
    package mutating func chance(_ chance: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < chance
    }

    /// One element of `choices`, which must not be empty.
    package mutating func pick<Element>(_ choices: [Element]) -> Element {
        choices[int(0...choices.count - 1)]
    }

    /// `bytes` cut into pieces of random sizes (empty ones included), in order.
    package mutating func split<Element>(_ bytes: [Element]) -> [[Element]] {
        var pieces: [[Element]] = []
        var start = 0
        while start < bytes.count {
            let length = min(bytes.count - start, chance(0.1) ? 0 : int(1...max(1, bytes.count / 3)))
            pieces.append(Array(bytes[start..<start + length]))
            start += length
        }
        return pieces
    }
}
