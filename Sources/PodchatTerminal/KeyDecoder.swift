import PodchatApp

/// Turns what `get_wch` returned into keys. Pure, so it is tested without a terminal.
package enum KeyDecoder {
    /// One `get_wch` result: a character (`isKeyCode` false) or an ncurses key code.
    package struct RawKey: Sendable, Equatable {
        package var code: UInt32
        package var isKeyCode: Bool

        package init(code: UInt32, isKeyCode: Bool) {
            self.code = code
            self.isKeyCode = isKeyCode
        }
    }

    /// ncurses key codes (curses.h), repeated here so the decoder stays pure, and the codes
    /// podchat binds to sequences ncurses does not name (``customSequences``).
    package enum Code {
        package static let down: UInt32 = 0o402
        package static let up: UInt32 = 0o403
        package static let left: UInt32 = 0o404
        package static let right: UInt32 = 0o405
        package static let home: UInt32 = 0o406
        package static let backspace: UInt32 = 0o407
        package static let function0: UInt32 = 0o410
        package static let delete: UInt32 = 0o512
        package static let pageDown: UInt32 = 0o522
        package static let pageUp: UInt32 = 0o523
        package static let enter: UInt32 = 0o527
        package static let end: UInt32 = 0o550
        package static let backTab: UInt32 = 0o541
        package static let shiftLeft: UInt32 = 0o611
        package static let shiftRight: UInt32 = 0o622
        package static let mouse: UInt32 = 0o631
        package static let pasteStart: UInt32 = 0x1000
        package static let pasteEnd: UInt32 = 0x1001
        package static let controlLeft: UInt32 = 0x1002
        package static let controlRight: UInt32 = 0x1003
    }

    /// Sequences the terminal layer binds to podchat's own codes with `define_key`: bracketed
    /// paste's markers, and Ctrl (or Alt) with an arrow as xterm, tmux and rxvt send them.
    package static let customSequences: [(sequence: String, code: UInt32)] = [
        ("\u{1B}[200~", Code.pasteStart), ("\u{1B}[201~", Code.pasteEnd),
        ("\u{1B}[1;5D", Code.controlLeft), ("\u{1B}[1;5C", Code.controlRight),
        ("\u{1B}[1;3D", Code.controlLeft), ("\u{1B}[1;3C", Code.controlRight),
        ("\u{1B}Od", Code.controlLeft), ("\u{1B}Oc", Code.controlRight),
    ]

    /// The keys in one burst of input. Terminals send Alt as an Esc prefix: Esc directly
    /// followed by Enter in the same burst is Alt-Enter, by Backspace Alt-Backspace, by a
    /// character Alt with that character; by another key, that key alone.
    package static func keys(from burst: [RawKey]) -> [Key] {
        var keys: [Key] = []
        var pendingEscape = false
        for raw in burst {
            guard let key = decode(raw) else { continue }
            if pendingEscape {
                pendingEscape = false
                if key == .enter || key == .backspace {
                    keys.append(key == .enter ? .altEnter : .altBackspace)
                    continue
                }
                if case .character(let character) = key {
                    keys.append(.alt(character))
                    continue
                }
                if key == .escape { keys.append(.escape) }
            }
            if key == .escape { pendingEscape = true; continue }
            keys.append(key)
        }
        if pendingEscape { keys.append(.escape) }
        return keys
    }

    /// One key, or nil for codes podchat does not use.
    package static func decode(_ raw: RawKey) -> Key? {
        raw.isKeyCode ? decodeKeyCode(raw.code) : decodeCharacter(raw.code)
    }

    private static func decodeCharacter(_ code: UInt32) -> Key? {
        switch code {
        case 13: return .enter  // with nonl(), Enter arrives as CR
        case 9: return .tab
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(code + 96) ?? "?"))
        case 0, 28...31: return nil
        default: return Unicode.Scalar(code).map { .character(Character($0)) }
        }
    }

    private static func decodeKeyCode(_ code: UInt32) -> Key? {
        switch code {
        case Code.up: return .up
        case Code.down: return .down
        case Code.left: return .left
        case Code.right: return .right
        case Code.home: return .home
        case Code.end: return .end
        case Code.backspace: return .backspace
        case Code.delete: return .delete
        case Code.pageUp: return .pageUp
        case Code.pageDown: return .pageDown
        case Code.enter: return .enter
        case Code.backTab: return .backTab
        case Code.shiftLeft: return .shiftLeft
        case Code.shiftRight: return .shiftRight
        case Code.controlLeft: return .controlLeft
        case Code.controlRight: return .controlRight
        case Code.function0 + 1...Code.function0 + 12: return .function(Int(code - Code.function0))
        default: return nil
        }
    }
}
