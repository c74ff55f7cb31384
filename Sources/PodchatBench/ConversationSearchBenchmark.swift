import Foundation
import PodchatCore
import PodchatStorage

extension Benchmark {
    /// How many stored conversations the search benchmark looks through.
    static let searchedConversationCount = 1_000
    /// Conversations whose text holds the word typed in the picker.
    static let conversationsWithTheRareWord = 10

    /// Searching 1,000 stored conversations of a realistic size (20 messages, replies of about
    /// 2,000 characters: 10 exchanges of some 400-token replies) the way the picker does, in a
    /// fresh process: it opens with a listing, then every keystroke is one query.
    static let searchManyConversations = Benchmark(
        name: "search-conversations",
        measures: "the picker's listing and searches over 1,000 conversations of 20 messages, in a fresh process (files in the page cache)"
    ) { scratch in
        let directory = scratch.appendingPathComponent("conversations")
        let store = FileConversationStore(directory: directory)
        var text = FixtureText(seed: 1_000)
        for number in 0..<searchedConversationCount {
            var record = FixtureConversation.make(
                id: String(format: "%016x", number * 7_919 + 1), title: "Conversation \(number)", updatedAt: 1_795_000_000 + Double(number) * 60,
                messageCount: 20, questionLength: 200, replyLength: 2_000, text: &text)
            if number % (searchedConversationCount / conversationsWithTheRareWord) == 0 {
                record.messages[4].content += " Would an avocado keep in the fridge?"
            }
            try store.save(record)
        }
        let megabytes = try FileManager.default.contentsOfDirectory(atPath: directory.path).reduce(0.0) { total, name in
            total + Double(try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.size] as? Int ?? 0)
        } / 1_000_000
        return {
            let figures = try ChildMeasurement.run([SearchMeasurement.commandName, "--directory", directory.path])
            return [Figure(name: "files, all together", value: megabytes, unit: .megabytes)] + figures
        }
    }
}
