import EndpointClient
import PodchatCore
import Testing

@Suite struct WorkerErrorMessageTests {
    /// Job `error` strings as a FAILED job carries them (protocol.md §1.3, §1.9, §3.5).
    static let jobErrors: [(error: String, message: String)] = [
        (
            "{'error': {'message': 'prompt or messages is required', 'type': 'BadRequestError', 'param': None, "
                + "'code': 400}}",
            "prompt or messages is required"
        ),
        (
            "{'message': 'The model `x` does not exist.', 'type': 'NotFoundError', 'param': 'model', 'code': 404}",
            "The model `x` does not exist."
        ),
        (
            #"{'message': 'vLLM returned HTTP 404: {"error": {"message": "The model `nope` does not exist."}}', "#
                + "'type': 'worker_error', 'code': None}",
            "The model `nope` does not exist."
        ),
        (#"{'message': "the model doesn't exist", 'code': None}"#, "the model doesn't exist"),
        (#"{'message': 'both \' and " quotes\nsecond line', 'code': None}"#, "both ' and \" quotes\nsecond line"),
        ("Unexpected keyword argument 'use_beam_search'", "Unexpected keyword argument 'use_beam_search'"),
        (
            #"{"error_type": "<class 'ValueError'>", "error_message": "boom", "error_traceback": "Traceback …", "#
                + #""hostname": "h", "worker_id": "w", "runpod_version": "1.12.0"}"#,
            "boom"
        ),
        ("handler: boom \ntraceback: File …", "boom"),
        ("{'message': 'cut off", "{'message': 'cut off"),
        ("  CUDA out of memory\n", "CUDA out of memory"),
    ]

    @Test(arguments: jobErrors.indices)
    func extractsTheMessageFromAJobErrorString(_ index: Int) {
        let fixture = Self.jobErrors[index]
        #expect(WorkerErrorMessage(text: fixture.error).message == fixture.message)
    }

    @Test func showsAnObjectWithoutMessageAsJSON() {
        #expect(WorkerErrorMessage(.object(["code": .number(7)])).message == #"{"code":7}"#)
    }

    // MARK: - worker-vllm's wrapped vLLM errors (protocol-2026.md)

    /// The proxy worker's `str()` of `{"error": {"message": "vLLM returned HTTP 400: <body>"}}`:
    /// the body holds both quote kinds, so Python quotes with `'` and escapes the inner ones.
    static let wrapped400 =
        #"{'message': 'vLLM returned HTTP 400: {"error":{"message":"The model\'s \\"chat template\\" rejected role \'tool\'","#
        + #""type":"BadRequestError","param":null,"code":400}}', 'type': 'worker_error', 'code': None}"#

    @Test func showsTheInnerVLLMMessageOfAWrappedErrorAndKeepsTheWholeAsDetail() {
        let report = WorkerErrorMessage(text: Self.wrapped400)
        #expect(report.message == #"The model's "chat template" rejected role 'tool'"#)
        #expect(report.detail == Self.wrapped400)
        #expect(report.contextOverflow == nil)
    }

    @Test func readsOlderVLLMsFlatErrorBodyInsideTheWrapper() {
        let text =
            #"{'message': 'vLLM returned HTTP 400: {"object":"error","message":"n must be at most 16","type":"BadRequestError","code":400}', 'type': 'worker_error', 'code': None}"#
        #expect(WorkerErrorMessage(text: text).message == "n must be at most 16")
    }

    @Test func keepsAWrapperWhoseBodyIsNotJSON() {
        let text = "{'message': 'vLLM returned HTTP 502: Bad Gateway', 'type': 'worker_error', 'code': None}"
        #expect(WorkerErrorMessage(text: text).message == "vLLM returned HTTP 502: Bad Gateway")
    }

    @Test func showsTheFirstLineOfATracebackAndKeepsTheWholeAsDetail() {
        let text =
            "handler: CUDA error: an illegal memory access was encountered \ntraceback: Traceback (most recent call last):\n"
            + "  File \"/src/handler.py\", line 12, in handler\n    async for batch in results_generator:\nRuntimeError: CUDA error"
        let report = WorkerErrorMessage(.string(text))
        #expect(report.message == "CUDA error: an illegal memory access was encountered")
        #expect(report.detail == text)
    }

    @Test func keepsTheSDKsTracebackBesideItsErrorMessage() {
        let text =
            #"{"error_type": "<class 'ValueError'>", "error_message": "boom", "error_traceback": "Traceback (most recent call last):\n  File x\nValueError: boom", "hostname": "h"}"#
        let report = WorkerErrorMessage(text: text)
        #expect(report.message == "boom")
        #expect(report.detail == "Traceback (most recent call last):\n  File x\nValueError: boom")
    }

    @Test func anErrorObjectYieldedInACompletedOutputReadsTheSame() {
        let yielded = WorkerFixtures.json(
            #"{"message":"vLLM returned HTTP 400: {\"error\":{\"message\":\"bad top_logprobs\"}}","type":"worker_error","code":null}"#)
        #expect(WorkerErrorMessage(yielded).message == "bad top_logprobs")
        #expect(WorkerErrorMessage(yielded).detail == yielded.encodedText)
    }

    @Test func givesNoDetailWhenTheMessageIsTheWholeText() {
        #expect(WorkerErrorMessage(text: "CUDA out of memory").detail == nil)
    }

    // MARK: - Context length

    static let overflows: [(text: String, overflow: ContextOverflow)] = [
        (
            "This model's maximum context length is 8192 tokens. However, you requested 9216 tokens (8192 in the "
                + "messages, 1024 in the completion). Please reduce the length of the messages or completion.",
            ContextOverflow(contextLength: 8192, promptTokens: 8192, requestedCompletionTokens: 1024)
        ),
        (
            "This model's maximum context length is 8192 tokens. However, you requested 7000 tokens (6000 in the "
                + "messages, 1000 in the completion). Please reduce the length of the messages or completion.",
            ContextOverflow(contextLength: 8192, promptTokens: 6000, requestedCompletionTokens: 1000)
        ),
        (
            "'max_tokens' or 'max_completion_tokens' is too large: 4096. This model's maximum context length is 8192 "
                + "tokens and your request has 6000 input tokens (4096 > 8192 - 6000).",
            ContextOverflow(contextLength: 8192, promptTokens: 6000, requestedCompletionTokens: 4096)
        ),
        (
            "This model's maximum context length is 32768 tokens. However, your request has 40000 input tokens. "
                + "Please reduce the length of the input messages.",
            ContextOverflow(contextLength: 32768, promptTokens: 40000)
        ),
        (
            "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens in the messages, "
                + "Please reduce the length of the messages.",
            ContextOverflow(contextLength: 4096, promptTokens: 5000)
        ),
        (
            "You passed 27905 input tokens and requested 4096 output tokens. However, the model's context length is "
                + "only 32000 tokens, resulting in a maximum input length of 27904 tokens. Please reduce the length of "
                + "the input prompt. (parameter=input_tokens, value=27905)",
            ContextOverflow(contextLength: 32000, promptTokens: 27905, requestedCompletionTokens: 4096)
        ),
        (
            "max_tokens=8192 cannot be greater than max_model_len=max_total_tokens=4096. Please request fewer output "
                + "tokens. (parameter=max_tokens, value=8192)",
            ContextOverflow(contextLength: 4096, requestedCompletionTokens: 8192)
        ),
    ]

    @Test(arguments: overflows.indices)
    func readsTheNumbersOfEveryContextLengthWording(_ index: Int) {
        let fixture = Self.overflows[index]
        let body = #"{"error":{"message":"\#(fixture.text)","type":"BadRequestError","param":null,"code":400}}"#
        let wrapped =
            "{'message': 'vLLM returned HTTP 400: " + body.replacing("'", with: "\\'")
            + "', 'type': 'worker_error', 'code': None}"
        let report = WorkerErrorMessage(text: wrapped)
        #expect(report.contextOverflow == fixture.overflow)
        #expect(report.detail == wrapped)
        #expect(WorkerErrorMessage(text: fixture.text).contextOverflow == fixture.overflow)
    }

    @Test func tellsWhatToLowerMaxTokensToWhenOnlyTheReplyDoesNotFit() {
        let message = WorkerErrorMessage(text: Self.overflows[2].text).message
        #expect(
            message
                == "The reply does not fit in the model's context: the conversation takes 6000 of its 8192 tokens, "
                + "leaving 2192 for the reply, but max_tokens asks for 4096. Lower max_tokens to 2192 or less, or start "
                + "a new conversation or leave older turns out.")
    }

    @Test func saysToLowerMaxTokensWhenItAloneIsLargerThanTheContext() {
        let message = WorkerErrorMessage(text: Self.overflows[6].text).message
        #expect(message.hasPrefix("max_tokens (8192) is more than the model's whole context of 4096 tokens: lower max_tokens"))
    }

    @Test(arguments: [0, 3, 4])
    func saysToLeaveOlderTurnsOutWhenTheConversationAloneIsTooLong(_ index: Int) {
        let message = WorkerErrorMessage(text: Self.overflows[index].text).message
        #expect(message.hasPrefix("The conversation is too long for the model (it takes "))
        #expect(message.hasSuffix("Start a new conversation, or leave older turns out."))
        #expect(!message.contains("max_tokens"))
    }

    @Test func isNoOverflowWithoutTheContextLength() {
        #expect(WorkerErrorMessage(text: "max_tokens must be at least 1, got 0.").contextOverflow == nil)
    }
}
