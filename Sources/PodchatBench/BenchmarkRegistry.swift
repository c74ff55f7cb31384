/// Every benchmark `podchat-bench` knows, in the order they run.
enum BenchmarkRegistry {
    static let all: [Benchmark] = [
        .openLargeConversation,
        .searchManyConversations,
        .loopStall,
        .frameCost,
        .decoding,
        .polling,
    ]
}
