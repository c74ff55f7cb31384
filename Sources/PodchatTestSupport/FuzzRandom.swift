import PodchatApp

/// SplitMix64 (the app's ``SeedGenerator``) as a random number generator: property tests draw
/// from it so that any failing input can be made again from the seed and iteration the failure
/// names.
package struct FuzzRandom: RandomNumberGenerator, Sendable {
    private var generator: SeedGenerator

    package init(seed: UInt64) {
        generator = SeedGenerator(start: seed)
    }

    package mutating func next() -> UInt64 {
        generator.nextBits()
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
