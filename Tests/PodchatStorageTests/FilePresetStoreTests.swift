import Foundation
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// Presets as JSON files, one per name, in the config's `"sampling"` shape.
@Suite struct FilePresetStoreTests {
    private let store: FilePresetStore

    init() throws {
        store = FilePresetStore.standard(environment: ["XDG_CONFIG_HOME": try Executables.temporaryDirectory()])
    }

    @Test func savesPrettyJSONThatLoadsBackAndIsListedByName() throws {
        #expect(try store.names() == [], "no directory yet is no presets")
        try store.save(["temperature": 0.2, "stop": ["END"]], as: "calm")
        try store.save(["temperature": 1.2], as: "bold")
        #expect(try store.names() == ["bold", "calm"])
        #expect(try store.load("calm") == ["temperature": 0.2, "stop": ["END"]])
        let text = try String(contentsOf: store.directory.appendingPathComponent("calm.json"), encoding: .utf8)
        #expect(text.contains("\"temperature\" : 0.2"))
    }

    @Test func aMissingPresetIsNamedWithItsFile() {
        let error = #expect(throws: PresetStoreError.self) { try store.load("missing") }
        #expect(error?.description.hasPrefix("no preset file ") == true)
        #expect(error?.description.hasSuffix("/podchat/presets/missing.json") == true)
    }

    @Test func aFileThatIsNotAnObjectIsRefused() throws {
        try FileManager.default.createDirectory(at: store.directory, withIntermediateDirectories: true)
        try Data("[0.2]".utf8).write(to: store.directory.appendingPathComponent("list.json"))
        let error = #expect(throws: PresetStoreError.self) { try store.load("list") }
        #expect(error?.description.hasSuffix("list.json must hold a JSON object of parameter names to values") == true)
    }

    @Test func theStandardPlaceFollowsXDG() {
        #expect(FilePresetStore.standard(environment: ["XDG_CONFIG_HOME": "/config", "HOME": "/home/u"]).directory.path == "/config/podchat/presets")
        #expect(FilePresetStore.standard(environment: ["HOME": "/home/u"]).directory.path == "/home/u/.config/podchat/presets")
    }
}
