import Foundation
import PodchatTestSupport
import Testing

/// How podchat reaches the model: straight to llama.cpp's OpenAI-compatible server, or as a
/// Runpod job through the SDK's local test server and the worker handler.
enum Transport: String, CaseIterable, CustomTestStringConvertible {
    case openAI = "OpenAI-compatible"
    case runpodJob = "Runpod job API"

    var testDescription: String { rawValue }

    func arguments(_ servers: RealServers) -> [String] {
        switch self {
        case .openAI: ["--openai-base-url", servers.openAIBaseURL]
        case .runpodJob: ["--endpoint-url", servers.workerURL]
        }
    }
}

/// `podchat ask --json`, the real binary, and what it printed.
struct PodchatAsk {
    var status: Int32
    var json: [String: Any]
    var standardError: String

    var text: String { (json["text"] as? String) ?? "" }
    var finishReason: String { (json["finish_reason"] as? String) ?? "" }
    var choiceCount: Int { (json["choices"] as? [Any])?.count ?? 0 }

    /// Asks `question` over `transport` with `settings` as `--set NAME=VALUE` and `options`
    /// (e.g. `--no-stream`, `--prompt-mode`) in a fresh home, from a reset prompt cache (so
    /// greedy text compares with a direct request's).
    static func run(
        _ transport: Transport, _ question: String, settings: [(String, String)] = [], options: [String] = []
    ) async throws -> PodchatAsk {
        let servers = try RealServers.required()
        try await DirectRequest.resetPromptCache(servers)
        let sets = settings.flatMap { ["--set", "\($0.0)=\($0.1)"] }
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "ask", "--json"] + transport.arguments(servers) + sets + options + [question],
            environment: Executables.isolatedEnvironment(configHome: try Executables.temporaryDirectory()),
            timeout: .seconds(240))
        let json = (try? JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8))) as? [String: Any]
        return PodchatAsk(status: outcome.status, json: json ?? [:], standardError: outcome.standardError)
    }
}
