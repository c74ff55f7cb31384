import Foundation
import PodchatCore
import PodchatStorage

extension FixtureConversation {
    /// `count` conversations as the picker benchmarks read them, saved in `directory`: 20
    /// messages each, questions of about 200 characters and replies of about 2,000 (10 exchanges
    /// of some 400-token replies), one a minute. `adjust` may change each before it is saved.
    static func savePickerSet(
        _ count: Int, in directory: URL, adjust: (_ number: Int, _ record: inout ConversationRecord) -> Void = { _, _ in }
    ) throws {
        let store = FileConversationStore(directory: directory)
        var text = FixtureText(seed: 1_000)
        for number in 0..<count {
            var record = pickerRecord(number, text: &text)
            adjust(number, &record)
            try store.save(record)
        }
    }

    /// ``savePickerSet(_:in:adjust:)``'s conversations written as plain files, without the
    /// store's two flushes per file and without its index: as conversations a podchat without
    /// the index saved, found by the first podchat that has one.
    static func writePickerSet(
        _ count: Int, in directory: URL, adjust: (_ number: Int, _ record: inout ConversationRecord) -> Void = { _, _ in }
    ) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var text = FixtureText(seed: 1_000)
        for number in 0..<count {
            var record = pickerRecord(number, text: &text)
            adjust(number, &record)
            try FileConversationStore.encode(record).write(to: directory.appendingPathComponent("\(record.id).json"))
        }
    }

    private static func pickerRecord(_ number: Int, text: inout FixtureText) -> ConversationRecord {
        make(
            id: String(format: "%016x", number * 7_919 + 1), title: "Conversation \(number)", updatedAt: 1_795_000_000 + Double(number) * 60,
            messageCount: 20, questionLength: 200, replyLength: 2_000, text: &text)
    }
}
