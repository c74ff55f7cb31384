/// Every benchmark `podchat-bench` knows, in the order they run.
enum BenchmarkRegistry {
    static let all: [Benchmark] = [
        .openLargeConversation,
        .searchManyConversations,
        .searchFewerConversations,
        .loopStall,
        .frameCost,
        .decoding,
        .polling,
    ]
}
