/// The help overlay (F1, `/help`): every key from the keymap and every command, scrolled with
/// the arrows and the wheel, closed by any other key.
extension AppState {
    mutating func showHelp() -> [Effect] {
        window.openHelp()
        return []
    }

    mutating func handleHelpKey(_ key: Key) -> [Effect] {
        if key == .up {
            scrollHelp(by: -1)
        } else if key == .down {
            scrollHelp(by: 1)
        } else if key == .pageUp {
            scrollHelp(by: -pageRows)
        } else if key == .pageDown || key == .character(" ") {
            scrollHelp(by: pageRows)
        } else if key == .home {
            window.scrollHelpToTop()
        } else {
            window.closeHelp()
        }
        return []
    }

    mutating func scrollHelp(by rows: Int) {
        window.scrollHelp(by: rows, lineCount: HelpText.lines(width: window.size.width - 4).count)
    }
}
