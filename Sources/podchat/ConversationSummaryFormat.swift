import Foundation
import PodchatCore
import PodchatStorage

/// Conversations as `conversations list` and `search` print them: an aligned table for people,
/// or a JSON array for programs.
enum ConversationSummaryFormat {
    /// Ids are shown this long at least, and longer where two of them would look alike.
    static let shortestID = 8

    /// One row a conversation, under a header: id prefix, last update (local time), message
    /// count, title; with `snippets`, the text around the match on an indented line below, the
    /// matching words between `[` and `]` (stdout may be a pipe, and on a terminal escape
    /// sequences in stored text are shown, not obeyed, so brackets work in both).
    static func table(_ summaries: [ConversationSummary], snippets: Bool) -> String {
        let length = abbreviationLength(of: summaries.map(\.id))
        let ids = summaries.map { String($0.id.prefix(length)) }
        let idWidth = max("ID".count, ids.map(\.count).max() ?? 0)
        let counts = summaries.map { String($0.messageCount) }
        let countWidth = max("MESSAGES".count, counts.map(\.count).max() ?? 0)
        func row(_ id: String, _ updated: String, _ count: String, _ title: String) -> String {
            [padded(id, to: idWidth), padded(updated, to: 16), String(repeating: " ", count: countWidth - count.count) + count, title]
                .joined(separator: "  ")
        }
        let localTime = DateFormatter()
        localTime.locale = Locale(identifier: "en_US_POSIX")
        localTime.dateFormat = "yyyy-MM-dd HH:mm"  // in the local time zone ($TZ)
        var lines = [row("ID", "UPDATED", "MESSAGES", "TITLE")]
        for (index, summary) in summaries.enumerated() {
            let updated = localTime.string(from: Date(timeIntervalSince1970: summary.updatedAt))
            lines.append(row(ids[index], updated, counts[index], summary.title))
            if snippets { lines.append("    " + marked(summary)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `summary`'s snippet with its highlighted words marked.
    private static func marked(_ summary: ConversationSummary) -> String {
        var characters = Array(summary.snippet)
        for match in summary.highlights.reversed() where match.upperBound <= characters.count {
            characters.insert("]", at: match.upperBound)
            characters.insert("[", at: match.lowerBound)
        }
        return String(characters)
    }

    /// An array: per conversation its id, title, `created_at` and `updated_at` (ISO 8601,
    /// UTC), `message_count`, and with `snippets` the `snippet` around the match.
    static func json(_ summaries: [ConversationSummary], snippets: Bool) -> JSONValue {
        let utc = ISO8601DateFormatter()
        func utcTime(_ seconds: Double) -> String { utc.string(from: Date(timeIntervalSince1970: seconds.rounded(.down))) }
        let objects = summaries.map { summary -> JSONValue in
            var fields: [String: JSONValue] = [
                "id": .string(summary.id),
                "title": .string(summary.title),
                "created_at": .string(utcTime(summary.createdAt)),
                "updated_at": .string(utcTime(summary.updatedAt)),
                "message_count": .number(Double(summary.messageCount)),
            ]
            if snippets { fields["snippet"] = .string(summary.snippet) }
            return .object(fields)
        }
        return .array(objects)
    }

    /// How long an id prefix must be for every id in `ids` to be told apart, and no shorter
    /// than ``shortestID``.
    private static func abbreviationLength(of ids: [String]) -> Int {
        let sorted = ids.sorted()
        let longestShared =
            zip(sorted, sorted.dropFirst()).map { pair in
                zip(pair.0, pair.1).prefix { $0 == $1 }.count
            }.max() ?? 0
        return max(shortestID, longestShared + 1)
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
