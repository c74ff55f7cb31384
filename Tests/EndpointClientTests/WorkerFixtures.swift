import EndpointClient
import PodchatCore

/// Worker outputs as protocol.md §3 and §6 show them, for decoder and poller tests.
enum WorkerFixtures {
    /// Legacy streaming, n=1, `max_tokens` 20: chunk sizes 1, 3, 9, 7 (§6.1).
    static let legacyChunks = [
        #"{"choices":[{"tokens":["Runpod"]}],"usage":{"input":4,"output":1}}"#,
        #"{"choices":[{"tokens":[" serverless"," returns"," generated"]}],"usage":{"input":4,"output":4}}"#,
        #"{"choices":[{"tokens":[" text"," in"," chunks"," ."," Each"," chunk"," lists"," the"," new"]}],"#
            + #""usage":{"input":4,"output":13}}"#,
        #"{"choices":[{"tokens":[" text"," pieces"," for"," every"," choice"," and"," a"]}],"#
            + #""usage":{"input":4,"output":20}}"#,
    ].map(json)
    static let legacyText =
        "Runpod serverless returns generated text in chunks . Each chunk lists the new text pieces "
        + "for every choice and a"

    /// Legacy streaming, n=2, `max_tokens` 6: an empty token list and an empty piece (§3.2, §6.3).
    static let legacyTwoChoiceChunks = [
        #"{"choices":[{"tokens":["Runpod"]},{"tokens":[]}],"usage":{"input":1,"output":1}}"#,
        #"{"choices":[{"tokens":[" serverless",""]},{"tokens":["generated"," text"]}],"usage":{"input":1,"output":4}}"#,
        #"{"choices":[{"tokens":[" returns"," généré"," text"," in"]},{"tokens":[" in"," chunks"," ."," Each"]}],"#
            + #""usage":{"input":1,"output":12}}"#,
    ].map(json)
    static let legacyTwoChoiceTexts = [
        0: "Runpod serverless returns généré text in", 1: "generated text in chunks . Each",
    ]

    /// Proxy chat streaming with `include_usage`: role delta, content, `length`, usage, `[DONE]` (§6.4).
    static let proxyChatSSE =
        sse(chatChunk(#"{"role":"assistant","content":""}"#, finish: nil))
        + sse(chatChunk(#"{"content":"Runpod"}"#, finish: nil))
        + sse(chatChunk(#"{"content":" serverless 中文"}"#, finish: nil))
        + sse(chatChunk(#"{"content":" returns 😀"}"#, finish: "\"length\""))
        + sse(
            #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"#
                + #""usage":{"prompt_tokens":5,"total_tokens":9,"completion_tokens":4}}"#)
        + sse("[DONE]")
    static let proxyChatText = "Runpod serverless 中文 returns 😀"

    /// Proxy prompt streaming, n=2: `text_completion` chunks interleaved by index (§6.6).
    static let proxyTextSSE =
        sse(textChunk(index: 0, text: "Runpod", finish: nil))
        + sse(textChunk(index: 1, text: "generated", finish: nil))
        + sse(textChunk(index: 0, text: " serverless", finish: "\"stop\""))
        + sse(textChunk(index: 1, text: " text", finish: "\"stop\""))
        + sse("[DONE]")

    /// Proxy non-streaming chat reply (§6.4).
    static let chatCompletion = json(
        #"{"id":"chatcmpl-f20f","object":"chat.completion","created":1795571797,"model":"fake-org/fake-model","#
            + #""choices":[{"index":0,"message":{"role":"assistant","content":"Runpod serverless returns generated","#
            + #""tool_calls":[]},"logprobs":null,"finish_reason":"length","stop_reason":null}],"#
            + #""usage":{"prompt_tokens":5,"total_tokens":9,"completion_tokens":4}}"#
    )

    /// Proxy non-streaming prompt reply.
    static let textCompletion = json(
        #"{"id":"cmpl-1","object":"text_completion","created":1,"model":"m","#
            + #""choices":[{"index":0,"text":"Runpod serverless","logprobs":null,"finish_reason":"stop"}],"#
            + #""usage":{"prompt_tokens":2,"total_tokens":4,"completion_tokens":2}}"#
    )

    /// Legacy OpenAI route with `RAW_OPENAI_OUTPUT=0`: one yield is a list of chunk objects (§4.3).
    static let rawOpenAIList = json(
        "[" + chatChunk(#"{"role":"assistant","content":""}"#, finish: nil) + ","
            + chatChunk(#"{"content":"Hi"}"#, finish: nil) + ","
            + chatChunk(#"{"content":" there"}"#, finish: "\"stop\"") + "]"
    )

    static func json(_ text: String) -> JSONValue {
        guard let value = JSONValue(parsing: text) else { fatalError("fixture is not JSON: \(text)") }
        return value
    }

    static func sse(_ data: String) -> String {
        "data: \(data)\n\n"
    }

    static func chatChunk(_ delta: String, finish: String?, logprobs: String = "null") -> String {
        #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"#
            + #""delta":\#(delta),"logprobs":\#(logprobs),"finish_reason":\#(finish ?? "null")}]}"#
    }

    static func textChunk(index: Int, text: String, finish: String?, logprobs: String = "null") -> String {
        #"{"id":"cmpl-1","object":"text_completion","created":1,"model":"m","choices":[{"index":\#(index),"#
            + #""text":"\#(text)","logprobs":\#(logprobs),"finish_reason":\#(finish ?? "null")}]}"#
    }

    // MARK: - Thinking and log probabilities (protocol-2026.md)

    /// A reasoning model streaming on the proxy worker: thinking in `delta.reasoning` (older
    /// vLLM: `reasoning_content`, named by `key`), then the answer, then usage.
    static func reasoningChatSSE(key: String = "reasoning") -> String {
        sse(chatChunk(#"{"role":"assistant","content":""}"#, finish: nil))
            + sse(chatChunk(#"{"\#(key)":"Let me think"}"#, finish: nil))
            + sse(chatChunk(#"{"\#(key)":" about «it»."}"#, finish: nil))
            + sse(chatChunk(#"{"content":"Forty-two."}"#, finish: "\"stop\""))
            + sse(#"{"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":7}}"#)
            + sse("[DONE]")
    }
    static let reasoningText = "Let me think about «it»."

    /// A non-streamed reasoning reply: `message.reasoning` (or `reasoning_content`).
    static func reasoningCompletion(key: String = "reasoning") -> JSONValue {
        json(
            #"{"id":"chatcmpl-2","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","#
                + #""\#(key)":"Let me think about «it».","content":"Forty-two."},"logprobs":null,"finish_reason":"stop"}],"#
                + #""usage":{"prompt_tokens":9,"completion_tokens":7}}"#)
    }

    /// Chat `logprobs.content` for one token with two alternatives.
    static func chatLogprobs(_ token: String, _ logprob: Double, alternative: String, _ alternativeLogprob: Double) -> String {
        #"{"content":[{"token":"\#(token)","logprob":\#(logprob),"bytes":[72],"top_logprobs":["#
            + #"{"token":"\#(token)","logprob":\#(logprob),"bytes":[72]},"#
            + #"{"token":"\#(alternative)","logprob":\#(alternativeLogprob),"bytes":null}]}]}"#
    }

    /// A streamed chat reply with log probabilities on each token (`logprobs: true, top_logprobs: 2`).
    static let logprobsChatSSE =
        sse(chatChunk(#"{"role":"assistant","content":""}"#, finish: nil))
        + sse(chatChunk(#"{"content":"Hi"}"#, finish: nil, logprobs: chatLogprobs("Hi", -0.25, alternative: "Hello", -1.5)))
        + sse(chatChunk(#"{"content":" there"}"#, finish: "\"stop\"", logprobs: chatLogprobs(" there", -0.5, alternative: "!", -2)))
        + sse("[DONE]")
    static let logprobsChatTokens = [
        TokenLogprob(token: "Hi", logprob: -0.25, alternatives: [.init(token: "Hi", logprob: -0.25), .init(token: "Hello", logprob: -1.5)]),
        TokenLogprob(token: " there", logprob: -0.5, alternatives: [.init(token: " there", logprob: -0.5), .init(token: "!", logprob: -2)]),
    ]

    /// A streamed completions reply with `logprobs: 2`: parallel lists, alternatives as an object.
    static let logprobsTextSSE =
        sse(
            textChunk(
                index: 0, text: " a", finish: nil,
                logprobs: #"{"text_offset":[0],"token_logprobs":[-0.5],"tokens":[" a"],"top_logprobs":[{" the":-1.25," a":-0.5}]}"#))
        + sse(
            textChunk(
                index: 0, text: " cat", finish: "\"length\"",
                logprobs: #"{"text_offset":[2],"token_logprobs":[-3],"tokens":[" cat"],"top_logprobs":[{" dog":-1," cat":-3}]}"#))
        + sse("[DONE]")
    static let logprobsTextTokens = [
        TokenLogprob(token: " a", logprob: -0.5, alternatives: [.init(token: " a", logprob: -0.5), .init(token: " the", logprob: -1.25)]),
        TokenLogprob(token: " cat", logprob: -3, alternatives: [.init(token: " dog", logprob: -1), .init(token: " cat", logprob: -3)]),
    ]
}
