import Foundation

/// The clipboard through the terminal: OSC 52 asks the terminal itself to set it, which works
/// over SSH and inside tmux (with `set-clipboard on`). Terminals do not answer, so podchat
/// cannot know whether it worked; the notice says what to check.
package enum Clipboard {
    /// The escape sequence that puts `text` on the system clipboard.
    package static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
    }
}
