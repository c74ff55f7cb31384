import PodchatCore
import Testing
@testable import PodchatSimulator

@Suite("Legacy batch sizes")
struct BatchPolicyTests {
    /// Chunk sizes from the running ends `chunkEnds` returns.
    private func sizes(_ policy: BatchPolicy, _ count: Int) -> [Int] {
        let ends = policy.chunkEnds(count: count)
        return zip(ends, [0] + ends).map { $0 - $1 }
    }

    @Test("defaults grow 1, 3, 9, 27, then 50 at a time, with a partial last chunk")
    func defaults() {
        #expect(sizes(BatchPolicy(), 60) == [1, 3, 9, 27, 20])
        #expect(sizes(BatchPolicy(), 140) == [1, 3, 9, 27, 50, 50])
        #expect(sizes(BatchPolicy(), 40) == [1, 3, 9, 27])
    }

    @Test("per-request sizes, and no growth when it cannot apply")
    func perRequest() {
        let input: [String: JSONValue] = ["max_batch_size": .number(4), "min_batch_size": .number(2), "batch_size_growth_factor": .number(2)]
        #expect(sizes(BatchPolicy(input: input), 12) == [2, 4, 4, 2])
        #expect(sizes(BatchPolicy(input: ["max_batch_size": .number(1)]), 3) == [1, 1, 1])
        #expect(sizes(BatchPolicy(input: ["min_batch_size": .null, "max_batch_size": .number(0)]), 5) == [1, 3, 1])
    }
}
