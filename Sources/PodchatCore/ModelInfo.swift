/// What the server says about the model it serves, from its OpenAI `/v1/models` list.
package struct ModelInfo: Sendable, Equatable, Codable {
    /// The served model id, the name requests use.
    package var id: String
    /// The longest conversation plus reply the model takes, in tokens (vLLM's
    /// `max_model_len`); nil when the server does not list it (llama.cpp's server).
    package var maxModelLength: Int?

    package init(id: String, maxModelLength: Int? = nil) {
        self.id = id
        self.maxModelLength = maxModelLength
    }
}
