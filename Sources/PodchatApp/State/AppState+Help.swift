/// The help overlay (F1, `/help`): every key from the keymap and every command, scrolled with
/// the arrows and the wheel, closed by any other key.
extension AppState {
    mutating func showHelp() -> [Effect] {
        helpScroll = 0
        return []
    }

    mutating func handleHelpKey(_ key: Key) -> [Effect] {
        switch key {
        case .up: scrollHelp(by: -1)
        case .down: scrollHelp(by: 1)
        case .pageUp: scrollHelp(by: -pageRows)
        case .pageDown, .character(" "): scrollHelp(by: pageRows)
        case .home: helpScroll = 0
        default: helpScroll = nil
        }
        return []
    }

    mutating func scrollHelp(by rows: Int) {
        guard let current = helpScroll else { return }
        let lines = HelpView.lines(width: size.width - 4).count
        let visible = max(1, size.height - 3)
        helpScroll = max(0, min(current + rows, lines - visible))
    }
}
