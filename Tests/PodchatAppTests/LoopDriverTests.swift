import Dispatch
import Foundation
import PodchatApp
import PodchatCore
import PodchatTestSupport
import Synchronization
import Testing

/// The effects a loop handed to `perform`, in order; safe from any thread.
private final class PerformedEffects: Sendable {
    private let effects = Mutex<[Effect]>([])
    func append(_ effect: Effect) { effects.withLock { $0.append(effect) } }
    var all: [Effect] { effects.withLock { $0 } }
}

@Suite struct LoopDriverTests {
    private static let start = ContinuousClock.now
    /// How long a test with the loop on its own thread waits for a frame, or the loop for
    /// input: the whole suite runs in parallel on a busy machine, and a passing test never
    /// waits this long.
    private static let patience = Duration.seconds(60)

    private static func state(size: Size = Size(width: 80, height: 24)) -> AppState {
        TestLocale.useUTF8()
        return AppState(endpoint: EndpointIdentity(label: "loop"), size: size, now: start)
    }

    private static func keys(_ text: String) -> [Event] {
        text.map { .keyPressed(.character($0)) }
    }

    /// A loop on `terminal` at a clock that stands still, started.
    private static func startedLoop(on terminal: ScriptedTerminal, performed: PerformedEffects = PerformedEffects()) -> LoopDriver {
        var loop = LoopDriver(state: state(size: terminal.size), terminal: terminal, perform: performed.append, now: { start })
        loop.start()
        return loop
    }

    @Test func eachBatchIsAppliedInOrderAndDrawnOnce() {
        let terminal = ScriptedTerminal()
        var loop = Self.startedLoop(on: terminal)
        terminal.queue(Self.keys("hel"))
        terminal.queue(Self.keys("lo"))
        terminal.queue([.terminationRequested])
        loop.run()
        #expect(terminal.frameCount == 4)
        let inputs = terminal.frames.map { $0.lines.contains { $0.contains("hello") } }
        #expect(inputs == [false, false, true, true])
        #expect(terminal.frames[1].lines.contains { $0.contains("hel") })
    }

    @Test func theEditorsAnswerJoinsTheBatchThatAskedForIt() {
        let terminal = ScriptedTerminal()
        var loop = Self.startedLoop(on: terminal)
        terminal.answerNextEdit(with: .externalEdit(.finished("edited\nin vi")))
        terminal.queue(Self.keys("draft") + [.keyPressed(.control("x")), .keyPressed(.control("e"))])
        terminal.queue([.terminationRequested])
        loop.run()
        #expect(terminal.editedTexts == ["draft"])
        #expect(loop.state.composer.input.text == "edited\nin vi")
        #expect(terminal.frameCount == 3)
    }

    @Test func theTerminalsOwnEffectsGoToTheTerminalTheRestToPerform() throws {
        let terminal = ScriptedTerminal()
        let performed = PerformedEffects()
        var loop = Self.startedLoop(on: terminal, performed: performed)
        terminal.queue(Self.keys("code please") + [.keyPressed(.enter)])
        loop.run(until: { $0.reply.active != nil })
        let id = try #require(loop.state.reply.active).id
        terminal.post(.reply(id, .received(.delta(choice: 0, text: "```\nb()\n```"))))
        terminal.post(.reply(id, .received(.finished(.completed))))
        loop.run(until: { $0.reply.active == nil })
        terminal.queue(Self.keys("/copy code") + [.keyPressed(.enter)])
        terminal.queue([.terminationRequested])
        loop.run()
        #expect(terminal.clipboard == ["b()"])
        #expect(!performed.all.contains(.terminal(.copyToClipboard("b()"))))
        #expect(performed.all.contains { if case .completion(.start) = $0 { true } else { false } })
    }

    @Test func theLoopSleepsUntilTheStatesNextWakeUp() {
        let terminal = ScriptedTerminal()
        var loop = Self.startedLoop(on: terminal)
        terminal.queue(Self.keys("hi") + [.keyPressed(.enter)])
        terminal.queue([.terminationRequested])
        loop.run()
        // Idle, it sleeps until input; while a reply is coming, until its elapsed time changes.
        #expect(terminal.requestedTimeouts == [nil, .milliseconds(250)])
    }

    @Test func theWakeUpTimeoutCountsFromTheClockAndIsNeverNegative() {
        let terminal = ScriptedTerminal()
        let clock = Mutex(Self.start)
        var loop = LoopDriver(state: Self.state(), terminal: terminal, perform: { _ in }, now: { clock.withLock { $0 } })
        loop.start()
        #expect(loop.wakeUpTimeout == nil)
        loop.process(Self.keys("hi") + [.keyPressed(.enter)])
        clock.withLock { $0 = Self.start.advanced(by: .milliseconds(100)) }
        #expect(loop.wakeUpTimeout == .milliseconds(150))
        clock.withLock { $0 = Self.start.advanced(by: .seconds(1)) }
        #expect(loop.wakeUpTimeout == .zero)
    }

    @Test func terminationEndsTheLoopAfterTheQuitsSaveIsAskedFor() {
        let terminal = ScriptedTerminal()
        let performed = PerformedEffects()
        var loop = Self.startedLoop(on: terminal, performed: performed)
        terminal.queue(Self.keys("remember this") + [.keyPressed(.enter)])
        terminal.queue([.terminationRequested])
        terminal.queue(Self.keys("never read"))
        loop.run()
        #expect(loop.state.isFinished)
        #expect(terminal.frameCount == 3)
        #expect(performed.all.contains { if case .completion(.cancel) = $0 { true } else { false } })
        let saved = performed.all.compactMap { if case .storage(.save(let record)) = $0 { record } else { nil } }
        #expect(saved.last?.messages.first?.content == "remember this")
        #expect(!terminal.hasRunDry)
    }

    @Test func aPostFromAnotherThreadWakesTheSleepingLoop() async throws {
        let terminal = ScriptedTerminal(patience: Self.patience)
        let loop = DedicatedThread {
            var loop = Self.startedLoop(on: terminal)
            loop.run()
            return loop.state
        }
        _ = await terminal.frame(within: Self.patience) { _ in true }
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.05)
            terminal.post(.preset(.listed(["alpha", "beta"])))
        }
        let listed = await terminal.frame(within: Self.patience) { $0.lines.contains { $0.contains("Presets: alpha, beta") } }
        #expect(listed != nil)
        terminal.post(.terminationRequested)
        let state = try await loop.value
        #expect(state.isFinished)
        // Asleep with no timeout until the post; then until the notice it caused expires.
        #expect(terminal.requestedTimeouts.prefix(2) == [nil, .seconds(8)])
        #expect(!terminal.hasRunDry)
    }

    @Test func framesAreDrawnWhileASlowEffectIsStillPending() async throws {
        let terminal = ScriptedTerminal(patience: Self.patience)
        let gate = DispatchSemaphore(value: 0)
        // The performer returns at once; its work waits on another thread, then posts.
        let perform: @Sendable (Effect) -> Void = { effect in
            guard case .completion(.start(let id, _)) = effect else { return }
            Thread.detachNewThread {
                gate.wait()
                terminal.post(.reply(id, .received(.delta(choice: 0, text: "The slow answer"))))
                terminal.post(.reply(id, .received(.finished(.completed))))
            }
        }
        terminal.queue(Self.keys("question") + [.keyPressed(.enter)])
        let loop = DedicatedThread {
            var loop = LoopDriver(state: Self.state(), terminal: terminal, perform: perform)
            loop.start()
            loop.run()
            return loop.state
        }
        let pending = await terminal.frame(within: Self.patience) { $0.lines.contains { $0.contains("sending…") } }
        #expect(pending?.lines.contains { $0.contains("question") } == true)
        #expect(!terminal.frames.contains { $0.lines.contains { $0.contains("The slow answer") } })
        gate.signal()
        let answered = await terminal.frame(within: Self.patience) { $0.lines.contains { $0.contains("The slow answer") } }
        #expect(answered != nil)
        terminal.queue([.terminationRequested])
        let state = try await loop.value
        #expect(state.conversation.entries.last?.text == "The slow answer")
    }

    @Test func aLoopLeftWithoutInputIsEndedAsAHungUpTerminalWouldBe() {
        let terminal = ScriptedTerminal(patience: .milliseconds(50))
        var loop = Self.startedLoop(on: terminal)
        loop.run()
        #expect(terminal.hasRunDry)
        #expect(loop.state.isFinished)
    }
}
