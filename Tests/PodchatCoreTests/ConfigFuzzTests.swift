import Foundation
import PodchatCore
import PodchatTestSupport
import Testing

/// The config parser against damaged versions of the example config: it never crashes, and
/// every error and warning is one line that starts with the file's name.
@Suite struct ConfigFuzzTests {
    static let example: [UInt8] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config.example.json")
        return (try? Array(Data(contentsOf: url))) ?? []
    }()

    /// Parses `text` and checks that what comes back is fit to print.
    private static func expectOneLineMessages(parsing text: String, label: String) {
        do {
            let config = try Config.parse(text, path: "c.json")
            for warning in config.unknownKeyWarnings(path: "c.json") {
                #expect(warning.hasPrefix("c.json: unknown key \""), "\(label)")
                #expect(isOneLine(warning), "\(label): \(warning.debugDescription)")
            }
        } catch {
            #expect(error.description.hasPrefix("c.json: "), "\(label)")
            #expect(isOneLine(error.description), "\(label): \(error.description.debugDescription)")
        }
    }

    /// No line break, no other control character and no bidi override: nothing from the file
    /// can split the message or steer the terminal.
    private static func isOneLine(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || [0x2028, 0x2029, 0x202E].contains(scalar.value)
        }
    }

    @Test func damagedConfigFilesParseOrSayWhatIsWrongOnOneLine() async {
        #expect(Self.example.count > 1000)
        await Fuzz.run("config, damaged bytes", iterations: 2500) { random, label in
            // The program refuses text that is not UTF-8 before parsing, so only text reaches the parser.
            let text = String(decoding: ByteMutator.mutate(Self.example, using: &random), as: UTF8.self)
            Self.expectOneLineMessages(parsing: text, label: label)
        }
    }

    @Test func aWrongValueAnywhereInTheExampleIsNamedOnOneLine() throws {
        let example = try #require(JSONValue(parsing: String(decoding: Self.example, as: UTF8.self)))
        let variants = example.everySingleChange()
        for (index, variant) in variants.enumerated() {
            Self.expectOneLineMessages(parsing: variant.encodedText, label: "variant \(index): \(variant.encodedText.prefix(200))")
        }
        #expect(variants.count > 200)
    }

    @Test func keysFromTheFileCannotBreakTheLineOrSteerTheTerminal() throws {
        let keys = ["a\nb", "\u{1B}]52;c;aGk=\u{07}", "x\u{202E}y", "q\"uote\\", "nel\u{85}"]
        for key in keys {
            let unknown = try Config.parse(JSONValue.object([key: .number(1)]).encodedText, path: "c.json")
            #expect(unknown.unknownKeyWarnings(path: "c.json").allSatisfy(Self.isOneLine))
            for section in ["sampling", "policy", "timeouts"] {
                #expect(throws: ConfigError.self) {
                    try Config.parse(JSONValue.object([section: .object([key: .number(1)])]).encodedText, path: "c.json")
                }
                Self.expectOneLineMessages(parsing: JSONValue.object([section: .object([key: .number(1)])]).encodedText, label: key)
            }
        }
        #expect("a\nb\u{1B}\"\\".quotedForMessage == #""a\u{A}b\u{1B}\"\\""#)
    }
}
