import EndpointClient
import PodchatCore
import PodchatSimulator

extension Benchmark {
    /// Tokens in the reply whose `/stream` answers are decoded.
    static let decodedReplyTokens = 2_000
    /// About how many bytes each throughput figure is measured over.
    static let decodedVolume = 16_000_000

    /// How fast podchat turns what comes over the wire into reply text: `SSEParser` alone over
    /// the SSE stream vLLM writes, and the `/stream` answers of a 2,000-token reply from each
    /// worker generation (legacy token chunks, the proxy's raw SSE text), both from the parsed
    /// `output` values (`WorkerOutputDecoder` alone) and from the answers' bytes (the JSON parse
    /// of the answer as `RunpodJobClient` does it, then the decoder). The answers come from the
    /// simulator; the throughput is in MB of the bytes fed in.
    static let decoding = Benchmark(
        name: "decoding",
        measures: "MB/s of SSEParser and of decoding the /stream answers of a 2,000-token reply (legacy and proxy worker)"
    ) { _ in
        let answers = try runBlocking {
            [
                try await StreamAnswers.fetch(format: .legacy, tokens: decodedReplyTokens),
                try await StreamAnswers.fetch(format: .proxy, tokens: decodedReplyTokens),
            ]
        }
        let legacy = answers[0]
        let proxy = answers[1]
        let proxyOutputs = try proxy.bodies.flatMap { try StreamAnswers.job(in: $0).streamOutputs }
        let legacyOutputs = try legacy.bodies.flatMap { try StreamAnswers.job(in: $0).streamOutputs }
        let sse = Array(proxyOutputs.compactMap(\.stringValue).joined().utf8)
        let reply = replyText(decoding: legacyOutputs)
        guard reply.count > decodedReplyTokens, replyText(decoding: proxyOutputs) == reply else {
            throw BenchmarkFailure("the legacy and proxy answers do not hold the same reply")
        }
        let eventCount = parsedEventCount(sse)
        return {
            let parsing = try timePasses(over: sse.count) {
                guard parsedEventCount(sse) == eventCount else { throw BenchmarkFailure("SSEParser found other events") }
            }
            var figures = [
                Figure(name: "SSEParser: vLLM's SSE stream in 4 KiB reads", value: megabytesPerSecond(sse.count, parsing), unit: .megabytesPerSecond)
            ]
            for (answers, outputs) in [(legacy, legacyOutputs), (proxy, proxyOutputs)] {
                let name = answers.format == .legacy ? "legacy" : "proxy"
                let decoding = try timePasses(over: answers.byteCount) {
                    guard replyText(decoding: outputs) == reply else { throw BenchmarkFailure("the \(name) outputs decoded differently") }
                }
                let whole = try timePasses(over: answers.byteCount) {
                    let outputs = try answers.bodies.flatMap { try StreamAnswers.job(in: $0).streamOutputs }
                    guard replyText(decoding: outputs) == reply else { throw BenchmarkFailure("the \(name) answers decoded differently") }
                }
                figures += [
                    Figure(name: "\(name) worker: bytes of the answers", value: Double(answers.byteCount), unit: .count),
                    Figure(
                        name: "\(name) worker: WorkerOutputDecoder (parsed outputs in)", value: megabytesPerSecond(answers.byteCount, decoding),
                        unit: .megabytesPerSecond),
                    Figure(
                        name: "\(name) worker: answer bytes to text (JSON + decoder)", value: megabytesPerSecond(answers.byteCount, whole),
                        unit: .megabytesPerSecond),
                    Figure(name: "\(name) worker: answer bytes to text, one reply", value: whole, unit: .milliseconds),
                ]
            }
            return figures
        }
    }

    /// The events `SSEParser` finds in `bytes`, fed to it 4 KiB at a time as socket reads come.
    private static func parsedEventCount(_ bytes: [UInt8]) -> Int {
        var parser = SSEParser()
        var count = 0
        for start in stride(from: 0, to: bytes.count, by: 4096) {
            count += parser.consume(bytes[start..<min(start + 4096, bytes.count)]).count
        }
        return count + parser.finish().count
    }

    /// The text of choice 0 in `outputs`, decoded in order by a fresh decoder, as a reply is.
    private static func replyText(decoding outputs: [JSONValue]) -> String {
        var decoder = WorkerOutputDecoder()
        var text = ""
        for item in outputs.flatMap({ decoder.decode($0) }) + decoder.finish() {
            if case .delta(0, let delta) = item { text += delta }
        }
        return text
    }

    /// Runs `pass` (work over `bytes` bytes) often enough to cover about ``decodedVolume``
    /// bytes and returns the milliseconds one pass took on average.
    private static func timePasses(over bytes: Int, _ pass: () throws -> Void) throws -> Double {
        let passes = max(1, decodedVolume / max(1, bytes))
        let (_, milliseconds) = try Stopwatch.time { for _ in 0..<passes { try pass() } }
        return milliseconds / Double(passes)
    }

    private static func megabytesPerSecond(_ bytes: Int, _ milliseconds: Double) -> Double {
        Double(bytes) / 1e6 / (milliseconds / 1000)
    }
}
