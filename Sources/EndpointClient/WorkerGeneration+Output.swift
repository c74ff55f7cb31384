import PodchatCore

extension WorkerGeneration {
    /// The generation a worker's first yield reveals by its shape, or nil when the shape is
    /// the same on both (protocol-2026.md; protocol.md §7.2).
    ///
    /// To a native input (`messages` or `prompt`) the legacy worker answers with objects
    /// holding `choices[].tokens`, the proxy worker with raw SSE text when streaming and with
    /// one OpenAI object (`chat.completion`, `text_completion`) when not: the legacy worker
    /// never writes an OpenAI object for a native input, so one means the proxy worker.
    /// To an OpenAI pass-through input both answer in OpenAI's shapes (the legacy worker also
    /// streams SSE text), except that only the legacy worker, with `RAW_OPENAI_OUTPUT=0`,
    /// yields a list of chunk objects. An error object reveals nothing.
    package init?(revealedBy output: JSONValue, inputFormat: WorkerInputFormat) {
        switch (output, inputFormat) {
        case (.string, .native):
            self = .proxy
        case (.string, .openAI), (.object, .openAI):
            return nil
        case (.array(let yields), _):
            guard let first = yields.first, first.objectValue != nil, !Self.isError(first) else { return nil }
            self = .legacy
        case (.object, .native):
            guard let choices = output["choices"]?.arrayValue, !Self.isError(output) else { return nil }
            self = choices.contains { $0["tokens"] != nil } ? .legacy : .proxy
        case (.null, _), (.bool, _), (.number, _):
            return nil
        }
    }

    private static func isError(_ output: JSONValue) -> Bool {
        output["error"].map { $0 != .null } ?? false
    }
}
