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
    static let searchManyConversations = searchConversations(searchedConversationCount, name: "search-conversations")

    /// The same at a tenth of the count, so the memory figures show whether podchat's memory
    /// grows with the number of conversations.
    static let searchFewerConversations = searchConversations(1_000, name: "search-conversations-1000")

    private static func searchConversations(_ count: Int, name: String) -> Benchmark {
        Benchmark(
            name: name,
            measures:
                "the picker's listing and searches over \(count.formatted()) conversations of 20 messages, in a fresh process (files in the page cache)"
        ) { scratch in try prepareSearch(count, in: scratch) }
    }

    private static func prepareSearch(_ count: Int, in scratch: URL) throws -> Repetition {
        let dataHome = scratch.appendingPathComponent("data")
        let directory = dataHome.appendingPathComponent("podchat/conversations")
        try FixtureConversation.writePickerSet(count, in: directory) { number, record in
            if number % (count / conversationsWithTheRareWord) == 0 {
                record.messages[4].content += " Would an avocado keep in the fridge?"
            }
        }
        let megabytes =
            try FileManager.default.contentsOfDirectory(atPath: directory.path).reduce(0.0) { total, name in
                total + Double(try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.size] as? Int ?? 0)
            } / 1_000_000
        let measure = [SearchMeasurement.commandName, "--directory", directory.path, "--count", String(count)]
        let built = try ChildMeasurement.run(measure + ["--build-only"])
        return {
            let figures = try ChildMeasurement.run(measure)
            let command = try CommandTiming.podchat(["conversations", "search", "avocado fridge"], dataHome: dataHome)
            return [Figure(name: "files, all together", value: megabytes, unit: .megabytes)] + built + figures + command
        }
    }
}
