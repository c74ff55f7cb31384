import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Requests the tests make to the real servers themselves, as curl would, to know what the
/// model says without podchat in between.
enum DirectRequest {
    struct Answer {
        var status: Int
        var body: Data
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    }

    static func get(_ url: String) async throws -> Answer {
        try await send(URLRequest(url: URL(string: url)!))
    }

    static func post(_ url: String, json: [String: Any]) async throws -> Answer {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: json)
        request.timeoutInterval = 300
        return try await send(request)
    }

    /// Puts llama.cpp's prompt cache in the same state before every request whose text is
    /// compared. The server reuses the longest prefix the previous request shares with the new
    /// one and evaluates only the rest, and a prompt evaluated in other pieces gives slightly
    /// other numbers: the same greedy request after a different chat request ("What is the
    /// capital of France?" after "Hi") continues " wnętr", after itself " mendatang". After
    /// this one-token completion of "0", every test prompt shares only the BOS token with the
    /// cache, so the same request always gets the same text.
    static func resetPromptCache(_ servers: RealServers) async throws {
        let answer = try await post(servers.openAIBaseURL + "/completions", json: ["prompt": "0", "max_tokens": 1, "model": RealServers.model])
        guard answer.status == 200 else { throw LaneFailure("resetting the prompt cache: HTTP \(answer.status)") }
    }

    /// The text of a non-streamed `/v1/chat/completions` answer (with `parameters` in the body)
    /// and its finish reason, from a reset prompt cache.
    static func chat(
        _ servers: RealServers, messages: [[String: String]], parameters: [String: Any]
    ) async throws -> (text: String, finishReason: String) {
        try await resetPromptCache(servers)
        let answer = try await post(
            servers.openAIBaseURL + "/chat/completions", json: parameters.merging(["messages": messages, "model": RealServers.model]) { $1 })
        let choice = try firstChoice(answer)
        let message = choice["message"] as? [String: Any]
        return ((message?["content"] as? String) ?? "", (choice["finish_reason"] as? String) ?? "")
    }

    /// The text of a non-streamed `/v1/completions` answer, from a reset prompt cache.
    static func completion(_ servers: RealServers, prompt: String, parameters: [String: Any]) async throws -> String {
        try await resetPromptCache(servers)
        let answer = try await post(
            servers.openAIBaseURL + "/completions", json: parameters.merging(["prompt": prompt, "model": RealServers.model]) { $1 })
        return (try firstChoice(answer)["text"] as? String) ?? ""
    }

    /// The text of a streamed `/v1/chat/completions` answer, from a reset prompt cache, and the
    /// raw event stream.
    static func streamedChat(
        _ servers: RealServers, messages: [[String: String]], parameters: [String: Any]
    ) async throws -> (text: String, raw: String) {
        try await resetPromptCache(servers)
        let body = parameters.merging(["messages": messages, "model": RealServers.model, "stream": true]) { $1 }
        let answer = try await post(servers.openAIBaseURL + "/chat/completions", json: body)
        let raw = String(decoding: answer.body, as: UTF8.self)
        var text = ""
        for line in raw.split(separator: "\n") where line.hasPrefix("data: {") {
            let event = try JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any]
            let choice = (event?["choices"] as? [[String: Any]])?.first
            text += ((choice?["delta"] as? [String: Any])?["content"] as? String) ?? ""
        }
        return (text, raw)
    }

    private static func firstChoice(_ answer: Answer) throws -> [String: Any] {
        guard answer.status == 200, let choice = (answer.json?["choices"] as? [[String: Any]])?.first else {
            throw LaneFailure("the server answered \(answer.status): \(String(decoding: answer.body, as: UTF8.self))")
        }
        return choice
    }

    private static func send(_ request: URLRequest) async throws -> Answer {
        let (data, response) = try await URLSession.shared.data(for: request)
        return Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
    }
}
