import PodchatCore

/// Where named presets of sampling parameters live. Called by the ``EffectRunner`` only, never
/// by the state; errors carry a message for the status bar.
package protocol PresetStore: Sendable {
    func save(_ values: [String: JSONValue], as name: String) throws
    func load(_ name: String) throws -> [String: JSONValue]
    /// The names of the stored presets, sorted.
    func names() throws -> [String]
}
