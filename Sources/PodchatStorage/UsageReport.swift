import Foundation
import PodchatCore

/// What saved conversations' replies used, per endpoint and day (UTC), for `podchat usage`:
/// every reply of every branch counts, since each was a job someone paid for.
package struct UsageReport: Sendable, Equatable {
    /// The totals of one endpoint on one day, or of everything (`endpoint` and `day` empty).
    package struct Row: Sendable, Equatable {
        /// The endpoint that wrote the replies: a configured name, an endpoint id or a host,
        /// `demo` for the simulator.
        package var endpoint: String
        /// `YYYY-MM-DD`, in UTC.
        package var day: String
        package var replies = 0
        package var promptTokens = 0
        package var completionTokens = 0
        /// From each request to a worker taking its job, as podchat measured it.
        package var queueMilliseconds = 0
        /// What the jobs ran, as Runpod reported it: the billed time.
        package var executionMilliseconds = 0

        package init(endpoint: String, day: String) {
            self.endpoint = endpoint
            self.day = day
        }

        mutating func add(_ reply: ConversationRecord.ReplyInfo) {
            replies += 1
            promptTokens += reply.usage?.promptTokens ?? 0
            completionTokens += reply.usage?.completionTokens ?? 0
            queueMilliseconds += reply.queueMilliseconds ?? 0
            executionMilliseconds += reply.executionMilliseconds ?? 0
        }
    }

    /// By endpoint, then day.
    package private(set) var rows: [Row]
    package private(set) var total = Row(endpoint: "", day: "")

    /// The replies in `records` requested at or after `since` (seconds since 1970; nil: all).
    package init(records: [ConversationRecord], since: Double?) {
        var byKey: [String: Row] = [:]
        for record in records {
            for message in record.messages where message.time >= since ?? -.infinity {
                guard let reply = message.reply else { continue }
                let day = Self.day(of: message.time)
                // Since version 5 each reply names its endpoint; before, the conversation's wrote them all.
                let endpoint = reply.endpoint ?? record.endpoint
                byKey["\(endpoint)\u{0}\(day)", default: Row(endpoint: endpoint, day: day)].add(reply)
                total.add(reply)
            }
        }
        rows = byKey.values.sorted { ($0.endpoint, $0.day) < ($1.endpoint, $1.day) }
    }

    /// The moment `text` names, in seconds since 1970: `7d` and `24h` back from `now`, or
    /// `2026-12-01` (midnight UTC). Nil for anything else.
    package static func since(_ text: String, now: Double) -> Double? {
        if let count = Int(text.dropLast()), count >= 0 {
            switch text.last {
            case "d": return now - Double(count) * 86_400
            case "h": return now - Double(count) * 3_600
            default: break
            }
        }
        guard text.count == 10 else { return nil }
        return Self.dayFormatter.date(from: text)?.timeIntervalSince1970
    }

    /// `YYYY-MM-DD` of `seconds` since 1970, in UTC.
    private static func day(of seconds: Double) -> String {
        dayFormatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    private static var dayFormatter: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }
}
