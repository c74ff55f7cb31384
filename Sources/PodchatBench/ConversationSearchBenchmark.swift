import Foundation
import PodchatCore

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
        try FixtureConversation.savePickerSet(searchedConversationCount, in: directory) { number, record in
            if number % (searchedConversationCount / conversationsWithTheRareWord) == 0 {
                record.messages[4].content += " Would an avocado keep in the fridge?"
            }
        }
        let megabytes =
            try FileManager.default.contentsOfDirectory(atPath: directory.path).reduce(0.0) { total, name in
                total + Double(try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.size] as? Int ?? 0)
            } / 1_000_000
        return {
            let figures = try ChildMeasurement.run([SearchMeasurement.commandName, "--directory", directory.path])
            return [Figure(name: "files, all together", value: megabytes, unit: .megabytes)] + figures
        }
    }
}
