import EndpointClient
import PodchatCore

/// What a list of decoder items adds up to, so differently split inputs can be compared.
struct DecodedReply: Equatable, CustomStringConvertible {
    var texts: [Int: String] = [:]
    var reasonings: [Int: String] = [:]
    var logprobs: [Int: [TokenLogprob]] = [:]
    var usage: Usage?
    var finishReasons: [Int: FinishReason] = [:]
    var errors: [String] = []

    init(_ items: [WorkerOutputItem]) {
        for item in items {
            switch item {
            case .delta(let choice, let text): texts[choice, default: ""] += text
            case .reasoning(let choice, let text): reasonings[choice, default: ""] += text
            case .logprobs(let choice, let tokens): logprobs[choice, default: []] += tokens
            case .usage(let usage): self.usage = usage
            case .finished(let choice, let reason): finishReasons[choice] = reason
            case .error(let report): errors.append(report.message)
            case .malformed(let problem): errors.append(problem)
            }
        }
    }

    var description: String {
        "texts \(texts), reasonings \(reasonings), logprobs \(logprobs), usage \(String(describing: usage)), finish \(finishReasons), errors \(errors)"
    }

    /// Decodes `outputs` in order with one decoder, then flushes it.
    static func decoding(_ outputs: [JSONValue]) -> (DecodedReply, WorkerOutputDecoder) {
        var decoder = WorkerOutputDecoder()
        var items: [WorkerOutputItem] = []
        for output in outputs { items += decoder.decode(output) }
        items += decoder.finish()
        return (DecodedReply(items), decoder)
    }
}
