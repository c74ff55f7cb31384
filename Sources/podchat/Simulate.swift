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

    @Option(help: "The worker-vllm output generation to imitate: legacy or proxy.")
    var format: String = "legacy"

    @Option(help: "serverless (Runpod's /v2/{id}/… job API) or sdk-local (the SDK's `--rp_serve_api` test server).")
    var dialect: String = "serverless"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard tokenDelayMilliseconds >= 0 else { throw ValidationError("--token-delay-ms must not be negative") }
        guard WorkerOutputFormat(rawValue: format) != nil else { throw ValidationError("--format must be legacy or proxy") }
        guard Self.dialects[dialect] != nil else { throw ValidationError("--dialect must be serverless or sdk-local") }
    }

    private static let dialects: [String: SimulatorDialect] = ["serverless": .serverless, "sdk-local": .sdkLocalServer]

    func run() throws {
        let options = SimulatorOptions(
            tokenDelay: .milliseconds(tokenDelayMilliseconds),
            outputFormat: WorkerOutputFormat(rawValue: format) ?? .legacy,
            dialect: Self.dialects[dialect] ?? .serverless
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
