import ArgumentParser
import Foundation
import PodchatCore
import PodchatSimulator

/// The loopback simulator of a Runpod worker-vllm endpoint, in the foreground.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the built-in simulator of a Runpod vLLM endpoint on 127.0.0.1.",
        discussion: "Point podchat at it with --endpoint-url http://127.0.0.1:PORT/v2/sim."
    )

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8000

    @Option(name: .customLong("token-delay-ms"), help: "Milliseconds between generated tokens.")
    var tokenDelayMilliseconds: Int = 25

    @Option(help: "The worker-vllm generation to imitate: proxy (v2.24 and later, today's) or legacy (v2.23 and earlier).")
    var format: String = "proxy"

    @Option(name: .customLong("max-model-len"), help: "The model's context length in tokens, as /v1/models lists it.")
    var maxModelLength: Int = 8192

    @Option(
        name: .customLong("thinking-tokens"),
        help: "Make the model a reasoning model that thinks this many tokens before each chat answer (proxy only).")
    var thinkingTokens: Int?

    @Option(help: "serverless (Runpod's /v2/{id}/… job API) or sdk-local (the SDK's `--rp_serve_api` test server).")
    var dialect: String = "serverless"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard tokenDelayMilliseconds >= 0 else { throw ValidationError("--token-delay-ms must not be negative") }
        guard WorkerOutputFormat(rawValue: format) != nil else { throw ValidationError("--format must be legacy or proxy") }
        guard Self.dialects[dialect] != nil else { throw ValidationError("--dialect must be serverless or sdk-local") }
        guard maxModelLength >= 16 else { throw ValidationError("--max-model-len must be at least 16") }
        guard (thinkingTokens ?? 0) >= 0 else { throw ValidationError("--thinking-tokens must not be negative") }
    }

    private static let dialects: [String: SimulatorDialect] = ["serverless": .serverless, "sdk-local": .sdkLocalServer]

    func run() throws {
        let options = SimulatorOptions(
            tokenDelay: .milliseconds(tokenDelayMilliseconds),
            outputFormat: WorkerOutputFormat(rawValue: format) ?? .proxy,
            dialect: Self.dialects[dialect] ?? .serverless,
            maxModelLen: maxModelLength,
            thinkingTokens: thinkingTokens
        )
        try CommandFailure.reporting {
            try runBlocking { [port] in
                let server = try await SimulatorServer.start(port: port, options: options)
                let url = server.options.dialect == .sdkLocalServer ? server.baseURL : server.endpointURL(id: "sim")
                // Written unbuffered: a script reading the port must see it while the server runs.
                FileHandle.standardOutput.write(Data("podchat simulator listening: endpoint URL \(url)\n".utf8))
                try await server.waitUntilStopped()
            }
        }
    }
}
