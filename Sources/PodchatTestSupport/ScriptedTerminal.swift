import Dispatch
import PodchatApp
import PodchatCore
import Synchronization

/// A terminal for tests, driven by a ``LoopDriver`` with no tmux: keys in, screens out.
///
/// Input comes in the batches the test queues and from background work through ``post(_:)``
/// from any thread; waiting for it honours the loop's timeout in real time. Every frame drawn,
/// clipboard copy and editor run is recorded. A loop left waiting for `patience` with nothing
/// to read is ended as a hung-up terminal would end it, so a test that forgot its input fails
/// instead of hanging.
package final class ScriptedTerminal: TerminalDevice, Sendable {
    package let size: Size
    private let patience: Duration
    private let framesKept: Int
    private let record = Mutex(Record())
    /// Signalled on every queued batch and post, to wake a waiting loop.
    private let arrivals = DispatchSemaphore(value: 0)

    private struct Record {
        var queued: [[Event]] = []
        var posted: [Event] = []
        var idleSince: ContinuousClock.Instant?
        var hasRunDry = false
        var timeouts: [Duration?] = []
        var frames: [Screen] = []
        var frameCount = 0
        var clipboard: [String] = []
        var editedTexts: [String] = []
        var editorAnswers: [Event] = []
    }

    /// - Parameters:
    ///   - patience: how long the loop may wait with nothing to read before the terminal ends
    ///     it (``hasRunDry``).
    ///   - framesKept: how many of the latest frames ``frames`` keeps; a long run keeps few.
    package init(size: Size = Size(width: 80, height: 24), patience: Duration = .seconds(10), framesKept: Int = .max) {
        self.size = size
        self.patience = patience
        self.framesKept = framesKept
    }

    // MARK: - Input

    /// Queues `batch` as the input of one wake-up, as keys typed faster than a frame arrive.
    package func queue(_ batch: [Event]) {
        record.withLock { $0.queued.append(batch) }
        arrivals.signal()
    }

    /// Delivers `event` as a background task does, from any thread: it joins the next batch.
    package func post(_ event: Event) {
        record.withLock { $0.posted.append(event) }
        arrivals.signal()
    }

    /// What the editor hands back on its next run; by default it leaves the text as it was.
    package func answerNextEdit(with event: Event) {
        record.withLock { $0.editorAnswers.append(event) }
    }

    // MARK: - What happened

    /// The latest frames drawn, oldest first (at most `framesKept`).
    package var frames: [Screen] { record.withLock { $0.frames } }
    /// How many frames were drawn in all.
    package var frameCount: Int { record.withLock { $0.frameCount } }
    /// What is on screen now.
    package var lastFrame: Screen? { record.withLock { $0.frames.last } }
    /// Every text put on the clipboard, in order.
    package var clipboard: [String] { record.withLock { $0.clipboard } }
    /// The texts the editor was run on, in order.
    package var editedTexts: [String] { record.withLock { $0.editedTexts } }
    /// The timeout of every wait the loop asked for, in order (nil: none).
    package var requestedTimeouts: [Duration?] { record.withLock { $0.timeouts } }
    /// Whether the loop waited `patience` for input that never came, and was ended.
    package var hasRunDry: Bool { record.withLock { $0.hasRunDry } }

    /// The first frame kept that `matches`, waiting for it up to `timeout`; nil if none came.
    package func frame(within timeout: Duration, where matches: (Screen) -> Bool) async -> Screen? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            if let found = frames.first(where: matches) { return found }
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    // MARK: - TerminalDevice

    package func nextEvents(waitingAtMost timeout: Duration?) -> [Event] {
        record.withLock { $0.timeouts.append(timeout) }
        let timesOut = timeout.map { ContinuousClock.now.advanced(by: $0) }
        while true {
            if let ready = takeReady() { return ready }
            let givesUp = record.withLock { $0.idleSince ?? .now }.advanced(by: patience)
            let wakes = min(timesOut ?? givesUp, givesUp)
            let left = ContinuousClock.now.duration(to: wakes)
            if left <= .zero { return wakes == givesUp ? runDry() : [] }
            _ = arrivals.wait(timeout: .now() + .nanoseconds(Int(left.nanoseconds)))
        }
    }

    /// The next queued batch with everything posted, or everything posted; nil (and the idle
    /// time counting) when there is nothing.
    private func takeReady() -> [Event]? {
        record.withLock { record in
            guard !record.queued.isEmpty || !record.posted.isEmpty else {
                if record.idleSince == nil { record.idleSince = .now }
                return nil
            }
            let batch = record.queued.isEmpty ? [] : record.queued.removeFirst()
            defer { record.posted = [] }
            record.idleSince = nil
            return batch + record.posted
        }
    }

    private func runDry() -> [Event] {
        record.withLock { $0.hasRunDry = true }
        return [.terminationRequested]
    }

    package func draw(_ screen: Screen) {
        record.withLock { record in
            record.frames.append(screen)
            if record.frames.count > framesKept { record.frames.removeFirst() }
            record.frameCount += 1
        }
    }

    package func copyToClipboard(_ text: String) {
        record.withLock { $0.clipboard.append(text) }
    }

    package func editExternally(_ text: String) -> Event {
        record.withLock { record in
            record.editedTexts.append(text)
            return record.editorAnswers.isEmpty ? .externalEdit(.finished(text)) : record.editorAnswers.removeFirst()
        }
    }
}
