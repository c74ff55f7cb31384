import Foundation
import Glibc
import PodchatApp
import PodchatCore
import PodchatVersion

/// What commands print on stdout.
enum StandardOutput {
    /// Whether stdout is a terminal, where stored text is shown rather than passed on.
    private static let isTerminal = isatty(STDOUT_FILENO) == 1

    /// Writes `text` for a person to read. On a terminal, control characters and bidi overrides
    /// (a model's reply may hold escape sequences) become visible placeholders, as in the chat
    /// window; lines and tabs stay. Piped or redirected, every character is kept.
    static func write(_ text: String) {
        guard isTerminal else { return write(exactly: Data(text.utf8)) }
        let safe = text.map { character -> Character in
            if character.isNewline { return "\n" }
            return character == "\t" ? character : TerminalText.drawable(character)
        }
        write(exactly: Data(String(safe).utf8))
    }

    /// Writes one `--json` answer: the object `fields` with, in every command's answer alike,
    /// `podchat`: the version and commit that printed it, so a kept answer says what made it.
    static func write(json fields: [String: JSONValue]) {
        var fields = fields
        fields["podchat"] = .object(["version": .string(PodchatVersion.number), "commit": .string(PodchatVersion.commit)])
        write(exactly: Data((JSONValue.object(fields).encodedText + "\n").utf8))
    }

    /// Writes `bytes` as they are: JSON and exports, which must stay exact.
    static func write(exactly bytes: Data) {
        FileHandle.standardOutput.write(bytes)
    }
}
