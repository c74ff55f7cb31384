import CDisplayWidth

/// The one gate between text and the terminal: characters that could steer the terminal
/// (escape sequences, C0 and C1 controls, bidi overrides) are replaced by visible placeholders,
/// so model output can never move the cursor, set the clipboard or hide text.
package enum TerminalText {
    /// Sets the process locale from the environment, falling back to `C.UTF-8` for `LC_CTYPE`.
    /// Returns whether the locale is UTF-8. Call once before measuring any width.
    @discardableResult
    package static func useUTF8Locale() -> Bool {
        CDisplayWidth_useUTF8Locale()
    }

    /// Whether `character` may be sent to the terminal as it is.
    package static func isSafe(_ character: Character) -> Bool {
        for scalar in character.unicodeScalars where isUnsafe(scalar.value) {
            return false
        }
        return true
    }

    /// The character to draw instead of `character`: itself when safe, else a placeholder.
    package static func drawable(_ character: Character) -> Character {
        guard !isSafe(character), let first = character.unicodeScalars.first else { return character }
        switch first.value {
        case 0x00...0x1F: return Character(Unicode.Scalar(0x2400 + first.value) ?? "?")  // ␀ … ␟, ␛ for ESC
        case 0x7F: return "␡"
        default: return "�"
        }
    }

    private static func isUnsafe(_ value: UInt32) -> Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL and C1 controls
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidi embeddings, overrides, isolates
        default: return false
        }
    }
}
