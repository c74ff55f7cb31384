import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// The request inspector in the real binary against the simulator: the body it shows for the
/// next message is the one the simulator then receives, and `c` copies a `curl` command that,
/// run by a shell, submits that same body with the key from the environment.
@Suite(.serialized) struct RequestInspectorChatWindowTests {
    private let key = "inspector-key-" + UUID().uuidString

    /// The pretty-printed body on `screen`: the rows from the first `{` to the first `}` at the
    /// inspector's indent, two columns, with rows cut at the inspector's `width` joined again
    /// (this test's text is one column per character).
    private static func body(on screen: String, width: Int) throws -> String {
        var rows: [String] = []
        var continues = false
        for row in screen.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = String(row.dropFirst(2).reversed().drop { $0 == " " }.reversed())
            if continues { rows[rows.count - 1] += text } else { rows.append(text) }
            continues = text.count == width
        }
        let start = try #require(rows.firstIndex(of: "{"), "no body on the screen")
        let end = try #require(rows[start...].firstIndex(of: "}"), "the body does not end on the screen")
        return rows[start...end].joined(separator: "\n")
    }

    @Test func theInspectorShowsTheBodyTheSimulatorThenReceives() async throws {
        let simulator = try await SimulatorServer.start(
            port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), requiredAPIKey: key))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let chat = try await TmuxSession.podchat(
            ["--endpoint-url", simulator.endpointURL()], home: home, width: 130, height: 60, extraEnvironment: ["RUNPOD_API_KEY": key])
        defer { Task { await chat.close() } }
        try await chat.acceptClipboardWrites()
        try await chat.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await chat.type("/set temperature 0.3")
        try await chat.press("Enter")
        try await chat.send("Hello there")

        let message = #"It's "quoted" & $HOME — ünïcödé"#
        try await chat.type(message)
        try await chat.press("F6")
        // The reply's own request shows "then GET /stream/" too: wait until the next one is built.
        let screen = try await chat.waitForScreen("the next request") {
            $0.contains("Next request") && !$0.contains("Building the request") && $0.contains("then GET /stream/")
        }
        #expect(screen.contains("POST \(simulator.endpointURL())/run"))
        #expect(screen.contains("Authorization: Bearer $RUNPOD_API_KEY"))
        #expect(screen.contains("Reply 2 (the last one)"))
        let shown = try Self.body(on: screen, width: 130 - 4)
        try await chat.press("c")
        try await chat.waitForScreen("the copy") { $0.contains("Copied the next request") }
        let copied = try await chat.clipboard()
        try await chat.press("Escape")
        try await chat.waitForScreen("the inspector to close") { !$0.contains("Next request") }
        try await chat.press("Enter")
        try await chat.waitForScreen("the reply") { $0.contains("You wrote") && $0.contains("ünïcödé") && $0.contains("Enter send") }

        let runs = simulator.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/run") }
        try #require(runs.count == 2)
        let received = try #require(runs[1].json, "the simulator got no JSON")
        #expect(shown == received.prettyText, "the inspector showed another body than was sent")
        #expect(!screen.contains(key) && !copied.contains(key))

        // The copied command, run with the key in the environment, submits the same bytes.
        #expect(copied.hasPrefix("curl -sS"))
        let curl = try await ChildProcess.run(
            ["/bin/sh", "-c", copied], environment: Executables.isolatedEnvironment(configHome: home, extra: ["RUNPOD_API_KEY": key]))
        #expect(JSONValue(parsing: curl.standardOutput)?["id"] != nil, "curl: \(curl.standardOutput) \(curl.standardError)")
        let all = simulator.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/run") }
        #expect(all.count == 3 && all[2].body == runs[1].body)

        // The reply at the cursor shows the request it was sent with.
        try await chat.press("Tab")
        try await chat.press("Tab")
        try await chat.press("k")
        try await chat.press("i")
        let inspected = try await chat.waitForScreen("the reply's request") { $0.contains("Reply 4 (at the cursor)") }
            .replacingOccurrences(of: "\u{A0}", with: " ")
        #expect(inspected.contains("status: complete"))
        #expect(inspected.filter { $0 == "{" }.count >= 2, "both the next request's and the reply's bodies")
        // And what the job API answered it last: the status of the finished job, named above
        // the answer, whose cut at 6,000 characters may fall before its own `status`.
        var pages: [String] = []
        for _ in 0..<8 {
            try await chat.press("NPage")
            pages.append(try await chat.waitForScreen("a page down") { $0 != pages.last })
            if pages.last?.contains("Last answer, to") == true { break }
        }
        let answers = pages.joined(separator: "\n")
        #expect(answers.contains("Job API requests: POST /run ×1"))
        #expect(answers.contains(/Last answer, to GET \/status\/\S+, job COMPLETED:/))
        try await chat.press("Escape")
        try await chat.press("C-q")
        try await chat.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
    }
}
