/// What the ``LoopDriver`` needs from a terminal: the ncurses terminal in the program, a
/// scripted one in tests, a measuring one in benchmarks.
///
/// Only the loop's thread calls these, one at a time. Events from background tasks reach the
/// loop through the terminal too: whoever makes a terminal gives those tasks its way of
/// posting, and the next batch carries what they posted.
package protocol TerminalDevice: AnyObject {
    /// The size to draw at now.
    var size: Size { get }

    /// Sleeps until there is input, a posted event or a signal, or until `timeout` has passed
    /// (nil: no timeout), then returns everything that is ready as one batch, in order: keys,
    /// mouse actions, pastes and resizes, ``Event/terminationRequested`` for a signal that ends
    /// podchat or a terminal that hung up, then the posted events. Empty when the time ran out.
    func nextEvents(waitingAtMost timeout: Duration?) -> [Event]

    /// Shows `screen`.
    func draw(_ screen: Screen)

    /// Puts `text` on the clipboard (OSC 52).
    func copyToClipboard(_ text: String)

    /// Gives the terminal to the user's editor on `text` until it exits, then takes it back;
    /// the event says what came back (``Event/externalEditFinished(_:)`` or
    /// ``Event/externalEditFailed(_:)``).
    func editExternally(_ text: String) -> Event
}
