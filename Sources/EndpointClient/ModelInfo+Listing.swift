import PodchatCore

extension ModelInfo {
    /// The models in an OpenAI `/v1/models` answer, `{"data": [{"id", "max_model_len"?}]}`, in
    /// its order; nil when `list` is not such an answer. vLLM lists `max_model_len` with each
    /// model; llama.cpp's server and others do not.
    static func listed(in list: JSONValue) -> [ModelInfo]? {
        guard let models = list["data"]?.arrayValue else { return nil }
        return models.compactMap { model in
            model["id"]?.stringValue.map { ModelInfo(id: $0, maxModelLength: model["max_model_len"]?.intValue) }
        }
    }

    /// The model requests go to among `models`: the one named `preferred`, else the first
    /// (the base model; a LoRA adapter is listed after it).
    static func serving(_ preferred: String?, among models: [ModelInfo]) -> ModelInfo? {
        models.first { $0.id == preferred } ?? models.first
    }
}
