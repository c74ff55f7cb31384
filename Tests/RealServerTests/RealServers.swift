import Foundation
import Glibc
import PodchatTestSupport

/// The lane's real servers on loopback: llama.cpp's OpenAI-compatible server (llama-cpp-python)
/// serving Gemma 3 270M, and the Runpod SDK's local test server running the worker handler in
/// `handler/handler.py`. Both come from `Scripts/real-servers.sh`, which installs them into
/// `.build/real-servers` the first time (a failed install fails the lane with pip's message: a
/// missing venv is never a reason to skip) and stops them if this process dies.
final class RealServers: Sendable {
    /// The servers of the running suite (set by `RealServerScope`).
    @TaskLocal static var current: RealServers?

    /// What `PODCHAT_SKIP_REAL_SERVERS=1` does: skip the whole lane, saying so (once: the
    /// condition is read for every test).
    static let areWanted: Bool = {
        guard ProcessInfo.processInfo.environment["PODCHAT_SKIP_REAL_SERVERS"] == "1" else { return true }
        print("RealServerTests skipped: PODCHAT_SKIP_REAL_SERVERS=1 (the lane against llama.cpp and the Runpod SDK did not run)")
        return false
    }()

    /// The model's name on the server (`--model_alias`).
    static let model = "gemma-3-270m"

    let llamaPort: Int
    let workerPort: Int
    private let process: ChildProcess
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    private static let script = repository + "/Scripts/real-servers.sh"
    private static let logDirectory = repository + "/.build/real-servers/logs"

    /// `--openai-base-url` for llama.cpp's server.
    var openAIBaseURL: String { "http://127.0.0.1:\(llamaPort)/v1" }
    /// `--endpoint-url` for the SDK's local test server.
    var workerURL: String { "http://127.0.0.1:\(workerPort)" }

    private init(llamaPort: Int, workerPort: Int, process: ChildProcess) {
        self.llamaPort = llamaPort
        self.workerPort = workerPort
        self.process = process
    }

    /// Installs (when needed) and starts both servers, and returns once both answer and the
    /// model has served one request.
    static func start() async throws -> RealServers {
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": NSHomeDirectory()]
        let install = try await ChildProcess.run(["/bin/bash", script, "install"], environment: environment, timeout: .seconds(1_800))
        guard install.status == 0 else {
            throw LaneFailure("Scripts/real-servers.sh install failed (exit \(install.status)):\n\(install.standardError)")
        }
        let ports = try freePorts(2)
        let process = try ChildProcess(["/bin/bash", script, "serve", "\(ports[0])", "\(ports[1])"], environment: environment)
        let servers = RealServers(llamaPort: ports[0], workerPort: ports[1], process: process)
        do {
            try await servers.waitUntilReady()
            // The first request after start can decode differently from later ones (llama.cpp's
            // prompt cache is empty then): one request first, so every test sees a warm server.
            _ = try await DirectRequest.chat(
                servers, messages: [["role": "user", "content": "Hello"]], parameters: ["max_tokens": 4, "temperature": 0])
        } catch {
            await servers.stop()
            throw error
        }
        return servers
    }

    func stop() async {
        kill(process.pid, SIGTERM)
        _ = await process.wait(timeout: .seconds(20))
    }

    private func waitUntilReady() async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        var ready: Set<Int> = []
        while ready.count < 2 {
            guard process.isRunning else {
                throw LaneFailure("the real servers stopped while starting; logs in \(Self.logDirectory):\n\(await process.wait().standardError)")
            }
            guard ContinuousClock.now < deadline else {
                throw LaneFailure("the real servers did not answer within 120 s; logs in \(Self.logDirectory)")
            }
            for (port, path) in [(llamaPort, "/v1/models"), (workerPort, "/openapi.json")] where !ready.contains(port) {
                if (try? await DirectRequest.get("http://127.0.0.1:\(port)\(path)").status) == 200 { ready.insert(port) }
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    /// How many streams llama.cpp's server has seen its client close before the end (it logs
    /// "Disconnected from client" and stops generating; an interrupted generation logs no timings).
    func serverDisconnects() throws -> Int {
        try serverLog().components(separatedBy: "Disconnected from client").count - 1
    }

    private func serverLog() throws -> String {
        try String(contentsOfFile: Self.logDirectory + "/llama-\(llamaPort).log", encoding: .utf8)
    }

    /// What llama.cpp itself reports for each generation so far, oldest first: from its log's
    /// `eval time = … ms / N runs (… ms per token, R tokens per second)` line, the decode runs
    /// (the tokens after the first) and their rate; from the `total time = T ms` line after it,
    /// the whole request's time, sampling and the server's Python work included.
    func serverTimings() throws -> [(tokens: Int, tokensPerSecond: Double, totalSeconds: Double)] {
        var timings: [(tokens: Int, tokensPerSecond: Double, totalSeconds: Double)] = []
        for line in try serverLog().split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == "," })
            if line.contains(" eval time =") && !line.contains("prompt eval"), let runs = words.firstIndex(of: "runs"),
                let per = words.lastIndex(of: "tokens"), let tokens = Int(words[runs - 1]), let rate = Double(words[per - 1])
            {
                timings.append((tokens, rate, 0))
            } else if line.contains(" total time ="), !timings.isEmpty, let equals = words.firstIndex(of: "="),
                let milliseconds = Double(words[equals + 1])
            {
                timings[timings.count - 1].totalSeconds = milliseconds / 1000
            }
        }
        return timings
    }

    /// `count` distinct ports nobody listens on now.
    private static func freePorts(_ count: Int) throws -> [Int] {
        var sockets: [Int32] = []
        defer { for descriptor in sockets { close(descriptor) } }
        return try (0..<count).map { _ in
            // Each stays bound until all are found, so no two are the same.
            guard let bound = LoopbackSocket.bind() else { throw LaneFailure("could not find a free port: \(errno)") }
            sockets.append(bound.descriptor)
            return bound.port
        }
    }
}

/// The lane could not run, and why.
struct LaneFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
