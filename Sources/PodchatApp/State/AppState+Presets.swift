import PodchatCore

/// Named presets of sampling parameters. The files are the ``EffectRunner``'s business: the
/// state asks with an effect and hears back with an event.
extension AppState {
    /// `/preset save NAME`, `/preset load NAME`, `/preset list`; nil after a usage error.
    mutating func runPreset(_ words: [String]) -> [Effect]? {
        switch (words.first, words.count) {
        case ("list", 1): return [.listPresets]
        case ("save", 2), ("load", 2):
            let name = words[1]
            guard Self.isValidPresetName(name) else {
                show("A preset name is letters, digits, '-', '_' or '.' (got \(name))", expiresIn: .seconds(5), isError: true)
                return nil
            }
            return words[0] == "save" ? [.savePreset(name: name, values: parameters.setValues)] : [.loadPreset(name: name)]
        default:
            show("Usage: /preset save NAME, /preset load NAME, /preset list", expiresIn: .seconds(5), isError: true)
            return nil
        }
    }

    mutating func handlePresetResult(_ event: Event) {
        switch event {
        case .presetSaved(let name):
            show("Saved preset \(name)", expiresIn: .seconds(3))
        case .presetLoaded(let name, let values):
            do {
                parameters = try SamplingParameters.exactly(values)
                show("Loaded preset \(name): \(Formatting.changedParameters(parameters).joined(separator: " · "))", expiresIn: .seconds(5))
            } catch {
                show("Preset \(name) was not loaded: \(error)", expiresIn: .seconds(8), isError: true)
            }
        case .presetsListed(let names):
            show(names.isEmpty ? "No presets yet: /preset save NAME" : "Presets: \(names.joined(separator: ", "))", expiresIn: .seconds(8))
        case .presetFailed(let name, let message):
            show(name.isEmpty ? "Presets: \(message)" : "Preset \(name): \(message)", expiresIn: .seconds(8), isError: true)
        default:
            break
        }
    }

    /// Names become file names, so nothing that could leave the presets directory.
    static func isValidPresetName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
    }
}
