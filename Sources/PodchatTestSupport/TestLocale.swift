import PodchatApp

/// Makes the process locale UTF-8 once, before any width is measured (wcwidth answers -1 for
/// every non-ASCII character in the C locale).
package enum TestLocale {
    private static let isUTF8: Bool = TerminalText.useUTF8Locale()

    /// Call at the start of every test that measures text.
    package static func useUTF8() {
        precondition(isUTF8, "tests need a UTF-8 locale (C.UTF-8)")
    }
}
