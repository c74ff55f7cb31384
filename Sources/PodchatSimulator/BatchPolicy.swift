import PodchatCore

/// The legacy worker's chunk sizing (protocol.md §3.2): the first chunk closes after `minimum`
/// updates, each next one after `growth` times more, up to `maximum`; 1, 3, 9, 27, 50, 50… by default.
struct BatchPolicy: Sendable {
    var minimum: Double = 1
    var maximum: Double = 50
    var growth: Double = 3

    /// The worker's defaults, which the OpenAI route always uses.
    init() {}

    /// The defaults overridden by the input's `min_batch_size`, `max_batch_size` and
    /// `batch_size_growth_factor`; a falsy value (0, null) keeps the default, as in the worker.
    init(input: [String: JSONValue]) {
        if let value = input["min_batch_size"]?.numberValue, value != 0 { minimum = value }
        if let value = input["max_batch_size"]?.numberValue, value != 0 { maximum = value }
        if let value = input["batch_size_growth_factor"]?.numberValue, value != 0 { growth = value }
    }

    /// The running counts at which chunks close, for `count` updates in all; the last one may be
    /// a partial chunk holding the remainder.
    func chunkEnds(count: Int) -> [Int] {
        let grows = growth > 1 && minimum >= 1 && maximum > minimum
        var size = grows ? minimum : maximum
        var ends: [Int] = []
        var inChunk = 0
        for index in stride(from: 1, through: count, by: 1) {
            inChunk += 1
            if Double(inChunk) >= size {
                ends.append(index)
                inChunk = 0
                if grows { size = min(size * growth, maximum) }
            }
        }
        if inChunk > 0 { ends.append(count) }
        return ends
    }
}
