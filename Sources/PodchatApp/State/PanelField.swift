import PodchatCore

/// One row of the side panel that can be selected: a sampling parameter, or one of the
/// request settings. Each has the name `/set` and `/reset` know it by.
package enum PanelField: Sendable, Equatable {
    case parameter(SamplingParameter)
    case mode
    case applyChatTemplate
    case systemPrompt
    case inputFormat
    case stream

    /// The name shown in the panel and typed after `/set`.
    package var name: String {
        switch self {
        case .parameter(let parameter): return parameter.name
        case .mode: return "mode"
        case .applyChatTemplate: return "apply_chat_template"
        case .systemPrompt: return "system_prompt"
        case .inputFormat: return "input_format"
        case .stream: return "stream"
        }
    }

    /// The heading the field is listed under.
    package var heading: String {
        switch self {
        case .parameter(let parameter): return parameter.group.rawValue
        case .stream: return SamplingParameter.Group.streaming.rawValue
        case .mode, .applyChatTemplate, .systemPrompt, .inputFormat: return "conversation"
        }
    }

    /// What the panel's detail area says about a setting; parameters describe themselves.
    var settingDescription: String {
        switch self {
        case .parameter(let parameter): return parameter.note ?? ""
        case .mode: return "chat sends messages; prompt sends the conversation as one text"
        case .applyChatTemplate:
            return
                "boolean · prompt mode: on, the prompt goes as one user message so the model's chat template wraps it (the proxy worker ignores apply_chat_template)"
        case .systemPrompt: return "text · leads every request; Enter edits it in the input box"
        case .inputFormat: return "native (messages, sampling_params) or openai (openai_route + openai_input)"
        case .stream: return "boolean · on: text arrives as it is generated; off: all at the end"
        }
    }

    /// Every field in panel order: grouped, the request settings with their groups, beam search last.
    package static let all: [PanelField] = {
        let parameters = SamplingParameter.all.map(PanelField.parameter)
        func group(_ group: SamplingParameter.Group) -> [PanelField] {
            parameters.filter { $0.heading == group.rawValue }
        }
        var fields = group(.core) + group(.penalties) + group(.stopping)
        fields += group(.output) + [.stream] + group(.streaming)
        fields += [.mode, .applyChatTemplate, .systemPrompt, .inputFormat]
        return fields + group(.reasoning) + group(.beamSearch)
    }()

    /// The field called `name`, if any.
    package static func named(_ name: String) -> PanelField? {
        all.first { $0.name == name }
    }
}
