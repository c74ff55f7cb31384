import Foundation
import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Synchronization
import Testing

/// Preset effects performed by the runner against real files.
@Suite struct PresetRunnerTests {
    private struct NoBackend: CompletionBackend {
        func complete(_ request: CompletionRequest) -> AsyncThrowingStream<CompletionEvent, any Error> {
            AsyncThrowingStream { $0.finish() }
        }
        func settle() async {}
    }

    /// The events a runner posted.
    private final class Posted: Sendable {
        private let events = Mutex<[Event]>([])
        func append(_ event: Event) { events.withLock { $0.append(event) } }
        var all: [Event] { events.withLock { $0 } }
    }

    private func runner(presets: (any PresetStore)?) -> (EffectRunner, Posted) {
        let posted = Posted()
        return (EffectRunner(backend: NoBackend(), presets: presets, post: posted.append), posted)
    }

    @Test func savesListsAndLoadsJSONFiles() throws {
        let store = FilePresetStore.standard(environment: ["XDG_CONFIG_HOME": try Executables.temporaryDirectory()])
        let (runner, events) = runner(presets: store)
        runner.perform(.preset(.list))
        runner.perform(.preset(.save(name: "calm", values: ["temperature": 0.2, "stop": ["END"]])))
        runner.perform(.preset(.list))
        runner.perform(.preset(.load(name: "calm")))
        runner.perform(.preset(.load(name: "missing")))
        runner.finishDiskWork()
        let posted = events.all
        #expect(posted.count == 5)
        #expect(
            posted.prefix(4) == [
                .preset(.listed([])), .preset(.saved(name: "calm")), .preset(.listed(["calm"])),
                .preset(.loaded(name: "calm", values: ["temperature": 0.2, "stop": ["END"]])),
            ])
        guard case .preset(.failed(let name, let message)) = posted[4] else {
            Issue.record("expected a failure, got \(posted[4])")
            return
        }
        #expect(name == "missing")
        #expect(message.hasPrefix("no preset file ") && message.hasSuffix("/podchat/presets/missing.json"))
    }

    @Test func withoutAStorePresetsAreReportedUnavailable() {
        let (runner, events) = runner(presets: nil)
        runner.perform(.preset(.load(name: "calm")))
        runner.finishDiskWork()
        #expect(events.all == [.preset(.failed(name: "calm", message: "presets are not available here"))])
    }
}
