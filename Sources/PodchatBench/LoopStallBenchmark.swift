import Foundation
import PodchatApp
import PodchatStorage

extension Benchmark {
    /// How many conversations the picker lists in the loop-stall benchmark.
    static let listedConversationCount = 1_000

    /// How long disk effects keep the event loop from drawing, measured on the loop's side: the
    /// time `EffectRunner.perform` takes to return is time the loop thread cannot read a key or
    /// draw a frame; the time until the result is in is what the user waits for either way.
    static let loopStall = Benchmark(
        name: "loop-stall",
        measures:
            "the loop thread's stall in EffectRunner.perform, and the time to the result, for the picker's first listing of 1,000 conversations (a new store: cold index) and a save of a 10,000-message conversation"
    ) { scratch in
        let listed = scratch.appendingPathComponent("listed")
        try FixtureConversation.savePickerSet(listedConversationCount, in: listed)
        // The chat window's own store wrote the file before, as an autosave after a reply finds it.
        let saved = FileConversationStore(directory: scratch.appendingPathComponent("saved"))
        let record = FixtureConversation.large(id: largeConversationID)
        try saved.save(record)
        return {
            let first = Effect.Storage.list(offset: 0, limit: ConversationPicker.windowSize)
            let (listing, event) = try EffectTiming.untilPosted(.storage(first), conversations: FileConversationStore(directory: listed))
            guard case .store(.listed(let found)) = event, found.total == listedConversationCount else {
                throw BenchmarkFailure("the listing posted \(event)")
            }
            let save = try EffectTiming.untilDrained(.storage(.save(record)), conversations: saved)
            return [
                Figure(name: "first listing: perform returns (loop stalled)", value: listing.performReturned * 1000, unit: .microseconds),
                Figure(name: "first listing: listing posted", value: listing.resultIn, unit: .milliseconds),
                Figure(name: "save 10,000 messages: perform returns (loop stalled)", value: save.performReturned * 1000, unit: .microseconds),
                Figure(name: "save 10,000 messages: on disk (drain returned)", value: save.resultIn, unit: .milliseconds),
            ]
        }
    }
}
