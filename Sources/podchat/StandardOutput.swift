import Foundation
import Glibc
import PodchatApp

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

    /// Writes `bytes` as they are: JSON and exports, which must stay exact.
    static func write(exactly bytes: Data) {
        FileHandle.standardOutput.write(bytes)
    }
}
