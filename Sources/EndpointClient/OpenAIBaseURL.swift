/// The base URL of an OpenAI-compatible API (the part before `/chat/completions`), from what a
/// person is likely to paste.
package enum OpenAIBaseURL {
    /// `url` ending in `/v1`, whichever of these it was given as:
    ///
    /// - a server root, `http://host:8000` (vLLM, llama.cpp, Ollama) → `http://host:8000/v1`;
    /// - the API base itself, `…/v1` or Runpod's `…/v2/ID/openai/v1`, kept;
    /// - a full operation URL, `…/v1/chat/completions`, `…/v1/completions` or `…/v1/models`;
    /// - a Runpod endpoint's job API base, `https://api.runpod.ai/v2/ID`, which serves the
    ///   OpenAI route under `/openai/v1` (protocol.md §4.1).
    package static func normalized(_ url: String) -> String {
        var base = url.trimmingWhitespace()
        while base.hasSuffix("/") { base.removeLast() }
        for operation in ["/chat/completions", "/completions", "/models"] where base.hasSuffix(operation) {
            base.removeLast(operation.count)
            break
        }
        if base.hasSuffix("/v1") { return base }
        return base + (isRunpodEndpoint(base) ? "/openai/v1" : "/v1")
    }

    /// Whether the path of `url` ends in `/v2/<endpoint id>`.
    private static func isRunpodEndpoint(_ url: String) -> Bool {
        guard let schemeEnd = url.firstRange(of: "://") else { return false }
        let segments = url[schemeEnd.upperBound...].split(separator: "/").dropFirst()  // the host
        return segments.count >= 2 && segments[segments.endIndex - 2] == "v2"
    }
}
