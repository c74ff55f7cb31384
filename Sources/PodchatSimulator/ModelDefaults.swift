/// The simulated model's own generation defaults, as a `generation_config.json` sets them; they
/// differ from vLLM's documented defaults on purpose, so a test can tell which one a reply used.
/// vLLM's OpenAI server (the proxy worker) takes a value left out of a request from here, then
/// from OpenAI's defaults; the legacy worker's `SamplingParams` ignores it.
package struct ModelDefaults: Sendable, Equatable {
    package var temperature: Double
    package var topP: Double
    package var topK: Int

    /// 0.6, 0.95 and 20: what many reasoning models (Qwen3, DeepSeek-R1 distills) ship.
    package init(temperature: Double = 0.6, topP: Double = 0.95, topK: Int = 20) {
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
    }
}
