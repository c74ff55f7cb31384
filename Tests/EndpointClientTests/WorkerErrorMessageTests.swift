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
            #"vLLM returned HTTP 404: {"error": {"message": "The model `nope` does not exist."}}"#
        ),
        (#"{'message': "the model doesn't exist", 'code': None}"#, "the model doesn't exist"),
        (#"{'message': 'both \' and " quotes\nsecond line', 'code': None}"#, "both ' and \" quotes\nsecond line"),
        ("Unexpected keyword argument 'use_beam_search'", "Unexpected keyword argument 'use_beam_search'"),
        (
            #"{"error_type": "<class 'ValueError'>", "error_message": "boom", "error_traceback": "Traceback …", "#
                + #""hostname": "h", "worker_id": "w", "runpod_version": "1.12.0"}"#,
            "boom"
        ),
        ("handler: boom \ntraceback: File …", "handler: boom \ntraceback: File …"),
        ("{'message': 'cut off", "{'message': 'cut off"),
        ("  CUDA out of memory\n", "CUDA out of memory"),
    ]

    @Test(arguments: jobErrors.indices)
    func extractsTheMessageFromAJobErrorString(_ index: Int) {
        let fixture = Self.jobErrors[index]
        #expect(WorkerErrorMessage.readable(fixture.error) == fixture.message)
    }

    @Test func showsAnObjectWithoutMessageAsJSON() {
        #expect(WorkerErrorMessage.readable(.object(["code": .number(7)])) == #"{"code":7}"#)
    }
}
