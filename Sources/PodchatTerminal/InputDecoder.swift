import PodchatApp

/// Turns the terminal's input, in order, into events: keys (``KeyDecoder``), mouse actions,
/// resizes, and pastes. A bracketed paste may span several reads; its text is collected until
/// the end marker and delivered as one ``Event/pasted(_:)``, so pasted newlines never send.
package struct InputDecoder {
    /// One thing read from the terminal.
    package enum RawInput: Sendable, Equatable {
        case key(KeyDecoder.RawKey)
        case mouse(MouseEvent)
        case resized(Size)
    }

    /// The text of a paste still arriving.
    private var paste: String?
    /// The paste's last character was a carriage return, so a line feed after it adds nothing.
    private var pasteEndsInReturn = false

    package init() {}

    package var isInPaste: Bool { paste != nil }

    package mutating func events(from inputs: [RawInput]) -> [Event] {
        var events: [Event] = []
        var burst: [KeyDecoder.RawKey] = []
        func flushKeys() {
            events += KeyDecoder.keys(from: burst).map(Event.keyPressed)
            burst = []
        }
        for input in inputs {
            if paste != nil, case .key(let raw) = input {
                collect(raw, into: &events)
                continue
            }
            switch input {
            case .key(let raw) where raw.isKeyCode && raw.code == KeyDecoder.Code.pasteStart:
                flushKeys()
                paste = ""
            case .key(let raw): burst.append(raw)
            case .mouse(let mouse):
                flushKeys()
                events.append(.mouse(mouse))
            case .resized(let size):
                flushKeys()
                events.append(.resized(size))
            }
        }
        flushKeys()
        return events
    }

    /// Adds one key of a paste to its text; the end marker delivers it.
    private mutating func collect(_ raw: KeyDecoder.RawKey, into events: inout [Event]) {
        if raw.isKeyCode {
            if raw.code == KeyDecoder.Code.pasteEnd, let text = paste {
                events.append(.pasted(text))
                paste = nil
            } else if raw.code == KeyDecoder.Code.enter {
                paste?.append("\n")
            }
            return
        }
        guard let scalar = Unicode.Scalar(raw.code) else { return }
        defer { pasteEndsInReturn = raw.code == 13 }
        switch raw.code {
        case 13: paste?.append("\n")
        case 10 where pasteEndsInReturn: break
        default: paste?.append(Character(scalar))
        }
    }
}
