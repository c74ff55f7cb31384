import CSignalPipe
import Glibc
import PodchatApp
import PodchatCore
import Testing

@testable import PodchatTerminal

/// The loop's mailbox: every event posted from any thread is drained once, in each poster's
/// order, and a burst of posts costs one byte in the wake-up pipe, not one per event; streamed
/// text that comes within a frame pace of the last frame waits for the timer instead.
@Suite struct MailboxTests {
    private static let moreText = Event.reply(RequestID(1), .received(.delta(choice: 0, text: "more")))
    private static let end = Event.reply(RequestID(1), .received(.finished(.completed)))

    /// Nanoseconds until `mailbox`'s timer fires; 0 when it is not armed.
    static func timerRemaining(_ mailbox: Mailbox) -> Int {
        var remaining = itimerspec()
        precondition(CSignalPipe_readTimer(mailbox.timerDescriptor, &remaining) == 0)
        return remaining.it_value.tv_sec * 1_000_000_000 + remaining.it_value.tv_nsec
    }

    /// The bytes waiting in `mailbox`'s wake-up pipe, read without draining the events.
    static func wakeUpBytes(_ mailbox: Mailbox) -> Int {
        var pending: Int32 = 0
        _ = ioctl(mailbox.readDescriptor, UInt(FIONREAD), &pending)
        return Int(pending)
    }

    @Test func aBurstWakesTheLoopOnceAndDrainsWhole() {
        let mailbox = Mailbox()
        for text in ["a", "b", "c"] { mailbox.post(.pasted(text)) }
        #expect(Self.wakeUpBytes(mailbox) == 1)
        #expect(mailbox.drain() == [.pasted("a"), .pasted("b"), .pasted("c")])
        #expect(Self.wakeUpBytes(mailbox) == 0)
        #expect(mailbox.drain().isEmpty)
    }

    @Test func aPostAfterADrainWakesTheLoopAgain() {
        let mailbox = Mailbox()
        mailbox.post(.pasted("first"))
        _ = mailbox.drain()
        mailbox.post(.pasted("second"))
        #expect(Self.wakeUpBytes(mailbox) == 1)
        #expect(mailbox.drain() == [.pasted("second")])
    }

    @Test func streamedTextRightAfterAFrameWaitsForTheTimerNotThePipe() {
        let mailbox = Mailbox()
        mailbox.framed()
        mailbox.post(Self.moreText)
        mailbox.post(Self.moreText)
        #expect(Self.wakeUpBytes(mailbox) == 0)
        let remaining = Self.timerRemaining(mailbox)
        #expect(remaining > 0 && remaining <= Int(Mailbox.framePace.nanoseconds))
        // The timer wakes the loop by the pace's end, with both pieces.
        var descriptor = pollfd(fd: mailbox.timerDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&descriptor, 1, 5_000) == 1)
        #expect(mailbox.drain(pipeIsReadable: false, timerFired: true) == [Self.moreText, Self.moreText])
        #expect(poll(&descriptor, 1, 0) == 0, "the timer was cleared")
    }

    @Test func streamedTextLongAfterTheLastFrameWakesTheLoopAtOnce() {
        let mailbox = Mailbox()
        mailbox.post(Self.moreText)
        #expect(Self.wakeUpBytes(mailbox) == 1)
        #expect(Self.timerRemaining(mailbox) == 0)
    }

    @Test(arguments: [end, .pasted("typed"), .reply(RequestID(1), .failed(CompletionFailure("lost")))])
    func anEventThatCannotWaitWakesTheLoopAtOnceEvenBehindWaitingText(_ event: Event) {
        let mailbox = Mailbox()
        mailbox.framed()
        mailbox.post(Self.moreText)
        mailbox.post(event)
        #expect(Self.wakeUpBytes(mailbox) == 1)
        #expect(mailbox.drain(pipeIsReadable: true, timerFired: false) == [Self.moreText, event])
        #expect(Self.timerRemaining(mailbox) == 0, "the timer would only wake the loop for nothing")
    }

    @Test func postsFromManyThreadsAllArriveInEachThreadsOrder() async {
        let mailbox = Mailbox()
        let threads = 4
        let perThread = 2_000
        // Drains as the loop does; an event found after the pipe stayed quiet was a lost wake-up.
        async let drained: (events: [Event], lostWakeUps: Int) = Task.detached {
            var events: [Event] = []
            var lostWakeUps = 0
            while events.count < threads * perThread {
                var descriptor = pollfd(fd: mailbox.readDescriptor, events: Int16(POLLIN), revents: 0)
                let woken = poll(&descriptor, 1, 500) > 0
                let taken = mailbox.drain()
                if !woken && !taken.isEmpty { lostWakeUps += 1 }
                events += taken
            }
            return (events, lostWakeUps)
        }.value
        await withTaskGroup(of: Void.self) { group in
            for thread in 0..<threads {
                group.addTask { for number in 0..<perThread { mailbox.post(.pasted("\(thread) \(number)")) } }
            }
        }
        let (events, lostWakeUps) = await drained
        #expect(lostWakeUps == 0)
        for thread in 0..<threads {
            let numbers = events.compactMap { event -> Int? in
                guard case .pasted(let text) = event, text.hasPrefix("\(thread) ") else { return nil }
                return Int(text.dropFirst("\(thread) ".count))
            }
            #expect(numbers == Array(0..<perThread))
        }
    }
}
