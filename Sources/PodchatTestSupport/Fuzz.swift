import Foundation

/// Runs property tests: a fixed number of iterations by default, so CI takes about a second
/// per target and always tries the same inputs; more for a long hunt.
///
/// - `PODCHAT_FUZZ_SCALE=N` multiplies every target's iterations by N (see docs/fuzzing.md).
/// - `PODCHAT_FUZZ_SEED=S` starts from another seed, to try inputs CI never has.
///
/// Every iteration gets its own generator, derived from the seed and its number, so a
/// failure message's "seed S, iteration I" is enough to make the input again.
package enum Fuzz {
    /// The seed CI uses.
    package static let defaultSeed: UInt64 = 0x5EED_0F_C0DE

    package static var seed: UInt64 {
        ProcessInfo.processInfo.environment["PODCHAT_FUZZ_SEED"].flatMap { UInt64($0) } ?? defaultSeed
    }

    package static var scale: Int {
        max(1, ProcessInfo.processInfo.environment["PODCHAT_FUZZ_SCALE"].flatMap { Int($0) } ?? 1)
    }

    /// Calls `body` for `iterations` × the scale, each time with a fresh generator and a label
    /// such as `seed 1, iteration 7` for messages. With a scale above 1 it prints how many
    /// inputs ran and how long that took, for docs/fuzzing.md.
    package static func run(
        _ target: String, iterations: Int, _ body: (inout FuzzRandom, _ label: String) async throws -> Void
    ) async rethrows {
        let (seed, count) = (self.seed, iterations * scale)
        let started = ContinuousClock.now
        for iteration in 0..<count {
            var random = FuzzRandom(seed: seed &+ UInt64(iteration) &* 0x2545_F491_4F6C_DD1D)
            try await body(&random, "seed \(seed), iteration \(iteration)")
        }
        if scale > 1 {
            let seconds = started.duration(to: .now).components
            print("fuzz: \(target): \(count) inputs in \(seconds.seconds).\(seconds.attoseconds / 100_000_000_000_000_000) s (seed \(seed))")
        }
    }
}
