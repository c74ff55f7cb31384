/// Seeds for "new seed each request", drawn without reading randomness inside the state:
/// SplitMix64 from a starting value the program picks once at start-up, so tests that give
/// the same start get the same seeds.
package struct SeedGenerator: Sendable, Equatable {
    private var state: UInt64

    package init(start: UInt64) {
        state = start
    }

    /// The next seed, in 0 ..< 2³⁰: short enough to read in a footer and to retype.
    package mutating func next() -> Int {
        Int(nextBits() >> 34)
    }

    /// The next 64 bits of the SplitMix64 sequence.
    package mutating func nextBits() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
