import PodchatCore

/// Named presets of sampling parameters. The files are the effect runner's business: the
/// state asks with an effect and hears back with an event.
extension AppState {
    /// `/preset save NAME`, `/preset load NAME`, `/preset list`.
    mutating func runPreset(_ words: [String]) -> CommandOutcome {
        switch (words.first, words.count) {
        case ("list", 1): return .done([.preset(.list)])
        case ("save", 2), ("load", 2):
            let name = words[1]
            guard Self.isValidPresetName(name) else { return refuse("A preset name is letters, digits, '-', '_' or '.' (got \(name))") }
            return .done([.preset(words[0] == "save" ? .save(name: name, values: conversation.parameters.setValues) : .load(name: name))])
        default:
            return refuse("Usage: /preset save NAME, /preset load NAME, /preset list")
        }
    }

    mutating func handlePresetResult(_ result: Event.Preset) {
        switch result {
        case .saved(let name):
            show("Saved preset \(name)", expiresIn: .seconds(3))
        case .loaded(let name, let values):
            do {
                conversation.replaceParameters(with: try SamplingParameters.exactly(values))
                show(
                    "Loaded preset \(name): \(Formatting.changedParameters(conversation.parameters).joined(separator: " · "))", expiresIn: .seconds(5)
                )
            } catch {
                show("Preset \(name) was not loaded: \(error)", expiresIn: .seconds(8), isError: true)
            }
        case .listed(let names):
            show(names.isEmpty ? "No presets yet: /preset save NAME" : "Presets: \(names.joined(separator: ", "))", expiresIn: .seconds(8))
        case .failed(let name, let message):
            show(name.isEmpty ? "Presets: \(message)" : "Preset \(name): \(message)", expiresIn: .seconds(8), isError: true)
        }
    }

    /// Names become file names, so nothing that could leave the presets directory.
    static func isValidPresetName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy {
                ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
            }
    }
}
