import PodchatCore

/// The legacy worker builds vLLM's `SamplingParams(**sampling_params)` from the job input, a
/// msgspec struct that refuses any keyword it lacks with a `TypeError`; the worker's handler
/// catches it and fails the job with its message (worker-vllm v2.23.0 `src/utils.py`, `src/handler.py`).
enum LegacySamplingParams {
    /// The keywords `SamplingParams` takes (vLLM of worker-vllm v2.23.0: no `best_of`, no beam search).
    static let fields: Set<String> = [
        "n", "presence_penalty", "frequency_penalty", "repetition_penalty", "temperature", "top_p", "top_k", "min_p", "seed",
        "stop", "stop_token_ids", "ignore_eos", "max_tokens", "min_tokens", "logprobs", "prompt_logprobs", "detokenize",
        "skip_special_tokens", "spaces_between_special_tokens", "logits_processors", "include_stop_str_in_output",
        "truncate_prompt_tokens", "output_kind", "structured_outputs", "logit_bias", "allowed_token_ids", "extra_args",
        "bad_words",
    ]

    /// The job's `error` for `sampling`, or nil when every field is known. Python reports the
    /// first unknown keyword in the order sent; the simulator, which does not keep that order,
    /// the first alphabetically.
    static func problem(with sampling: [String: JSONValue]) -> String? {
        guard let unknown = sampling.keys.filter({ !fields.contains($0) }).min() else { return nil }
        return "Unexpected keyword argument '\(unknown)'"
    }
}
