import PodchatCore

/// Where named presets of sampling parameters live. Called by the app's `EffectRunner` only,
/// never by the state; errors carry a message for the status bar.
package protocol PresetStore: Sendable {
    /// Stores `values` under `name`, replacing a preset of that name.
    func save(_ values: [String: JSONValue], as name: String) throws
    /// The values stored under `name`.
    func load(_ name: String) throws -> [String: JSONValue]
    /// The names of the stored presets, sorted.
    func names() throws -> [String]
}
