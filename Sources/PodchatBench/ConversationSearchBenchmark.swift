import Foundation
import PodchatCore
import PodchatStorage

extension Benchmark {
    /// How many stored conversations the search benchmark looks through: some years of daily use.
    static let searchedConversationCount = 10_000
    /// Conversations whose text holds the word typed in the picker.
    static let conversationsWithTheRareWord = 10

    /// Searching 10,000 stored conversations of a realistic size (20 messages, replies of about
    /// 2,000 characters: 10 exchanges of some 400-token replies) the way the picker does, in a
    /// fresh process: it opens with a listing, then every keystroke is one query. The index is
    /// built once, by a first process, as after an upgrade; the measured process finds it there.
    static let searchManyConversations = Benchmark(
        name: "search-conversations",
        measures: "the picker's listing and searches over 10,000 conversations of 20 messages, in a fresh process (files in the page cache)"
    ) { scratch in
        let dataHome = scratch.appendingPathComponent("data")
        let directory = dataHome.appendingPathComponent("podchat/conversations")
        try FixtureConversation.writePickerSet(searchedConversationCount, in: directory) { number, record in
            if number % (searchedConversationCount / conversationsWithTheRareWord) == 0 {
                record.messages[4].content += " Would an avocado keep in the fridge?"
            }
        }
        let megabytes =
            try FileManager.default.contentsOfDirectory(atPath: directory.path).reduce(0.0) { total, name in
                total + Double(try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.size] as? Int ?? 0)
            } / 1_000_000
        let built = try ChildMeasurement.run([SearchMeasurement.commandName, "--directory", directory.path, "--build-only"])
        return {
            let figures = try ChildMeasurement.run([SearchMeasurement.commandName, "--directory", directory.path])
            let command = try CommandTiming.podchat(["conversations", "search", "avocado fridge"], dataHome: dataHome)
            return [Figure(name: "files, all together", value: megabytes, unit: .megabytes)] + built + figures + command
        }
    }
}
