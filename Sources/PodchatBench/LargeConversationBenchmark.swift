import Foundation
import PodchatCore
import PodchatStorage

extension Benchmark {
    /// The conversation a 10,000-message benchmark opens.
    static let largeConversationID = "0123456789abcdef"

    /// Opening a 10,000-message conversation, as `podchat --resume ID` does: in a fresh
    /// process, read and decode the file, rebuild the chat window's state, draw the first frame.
    static let openLargeConversation = Benchmark(
        name: "open-large-conversation",
        measures: "a 10,000-message conversation from its file to the first frame, in a fresh process"
    ) { scratch in
        let directory = scratch.appendingPathComponent("conversations")
        try FileConversationStore(directory: directory).save(FixtureConversation.large(id: largeConversationID))
        let file = directory.appendingPathComponent("\(largeConversationID).json").path
        let megabytes = Double(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0) / 1_000_000
        return {
            let figures = try ChildMeasurement.run([
                OpenConversationMeasurement.commandName, "--directory", directory.path, "--id", largeConversationID,
            ])
            return [Figure(name: "file size", value: megabytes, unit: .megabytes)] + figures
        }
    }
}
