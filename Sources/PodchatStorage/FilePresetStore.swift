import Foundation
import PodchatCore

/// Presets as JSON files, one per name: `<directory>/<name>.json` holding an object of
/// parameter names to values, the same shape as the config's `"sampling"`.
package struct FilePresetStore: PresetStore {
    /// Where the files are; created by the first save.
    package let directory: URL

    package init(directory: URL) {
        self.directory = directory
    }

    /// `$XDG_CONFIG_HOME/podchat/presets`, else `~/.config/podchat/presets`.
    package static func standard(environment: [String: String]) -> FilePresetStore {
        let configHome =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return FilePresetStore(directory: URL(fileURLWithPath: configHome).appendingPathComponent("podchat/presets"))
    }

    package func save(_ values: [String: JSONValue], as name: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(JSONValue.object(values)).write(to: file(name), options: .atomic)
    }

    package func load(_ name: String) throws -> [String: JSONValue] {
        let path = file(name).path
        guard FileManager.default.fileExists(atPath: path) else { throw PresetStoreError("no preset file \(path)") }
        guard let values = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: file(name))).objectValue else {
            throw PresetStoreError("\(path) must hold a JSON object of parameter names to values")
        }
        return values
    }

    package func names() throws -> [String] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(".json".count)) }
            .sorted()
    }

    private func file(_ name: String) -> URL {
        directory.appendingPathComponent("\(name).json")
    }
}
