import PodchatCore
import PodchatStorage

/// The conversation as it is stored: derived as a ``ConversationRecord`` for saving, and
/// rebuilt from one, so the next message continues the same conversation.
extension Conversation {
    /// The conversation as stored: messages with how each reply was made and went, the panel's
    /// settings and parameters for the next request, and where replies came from (never a key).
    package var record: ConversationRecord {
        ConversationRecord(
            id: id, title: title, createdAt: createdAt, updatedAt: updatedAt, endpoint: endpoint,
            settings: ConversationRecord.Settings(
                mode: settings.mode, applyChatTemplate: settings.applyChatTemplate, systemPrompt: settings.systemPrompt,
                inputFormat: settings.inputFormat.rawValue, stream: settings.stream, newSeedEachRequest: settings.newSeedEachRequest),
            parameters: parameters.setValues,
            messages: tree.allMessages.map { Self.storedMessage($0.entry, id: $0.id, parent: $0.parent) },
            current: tree.path.last)
    }

    private static func storedMessage(_ entry: TranscriptEntry, id: Int, parent: Int?) -> ConversationRecord.StoredMessage {
        let hasChoices = entry.choices.count > 1
        let thought = !entry.reasonings.allSatisfy(\.isEmpty)
        return ConversationRecord.StoredMessage(
            id: id, parent: parent, role: entry.role, content: entry.text, time: entry.time,
            choices: hasChoices ? entry.choices : nil, chosenChoice: hasChoices ? entry.chosenChoice : nil,
            reasoning: entry.reasoning.isEmpty ? nil : entry.reasoning, reasoningChoices: hasChoices && thought ? entry.reasonings : nil,
            reply: entry.role == .assistant ? replyInfo(entry) : nil)
    }

    private static func replyInfo(_ entry: TranscriptEntry) -> ConversationRecord.ReplyInfo {
        func milliseconds(to end: ContinuousClock.Instant?) -> Int? {
            guard let start = entry.requestedAt, let end else { return nil }
            return Int((end - start).milliseconds)
        }
        let (status, error) = storedStatus(entry.status)
        return ConversationRecord.ReplyInfo(
            status: status, error: error, parameters: entry.parameters?.setValues ?? [:], usage: entry.usage, jobID: entry.jobID,
            queueMilliseconds: milliseconds(to: entry.startedAt), timeToFirstTokenMilliseconds: milliseconds(to: entry.firstTokenAt),
            durationMilliseconds: milliseconds(to: entry.finishedAt),
            thinkingMilliseconds: entry.thinkingDuration.map { Int($0.milliseconds) }, executionMilliseconds: entry.executionMilliseconds,
            logprobs: entry.logprobs.allSatisfy(\.isEmpty) ? nil : entry.logprobs,
            endpoint: entry.endpoint, workerGeneration: entry.workerGeneration, repaired: entry.wasRepaired ? true : nil)
    }

    /// A reply still streaming is stored as cancelled: that is what it is if podchat stops now.
    private static func storedStatus(_ status: TranscriptEntry.Status) -> (String, String?) {
        switch status {
        case .complete: return ("completed", nil)
        case .truncated: return ("truncated", nil)
        case .streaming, .cancelled: return ("cancelled", nil)
        case .timedOut: return ("timed_out", nil)
        case .failed(let message): return ("failed", message)
        }
    }

    // MARK: - Record to conversation

    /// Becomes `record`: its messages in every branch, following its current one, its settings
    /// and parameters. A file from before branches (version 1 or 2) is one path. Reply timings come back as
    /// instants measured from `now`, so their durations (all that is shown and stored) are the
    /// same. Nothing changes when the record cannot be used.
    mutating func restore(_ record: ConversationRecord, now: ContinuousClock.Instant) throws(ConversationStoreError) {
        func invalid(_ reason: String) -> ConversationStoreError { ConversationStoreError(path: record.id, reason: reason) }
        guard let inputFormat = InputFormat(rawValue: record.settings.inputFormat) else {
            throw invalid("input_format must be native or openai (got \(record.settings.inputFormat))")
        }
        let restoredParameters: SamplingParameters
        do { restoredParameters = try SamplingParameters.exactly(record.parameters) } catch { throw invalid(error.description) }
        let links: [ConversationRecord.Link]
        do { links = try record.links() } catch { throw invalid(error.description) }
        var restoredMessages: [(id: Int, parent: Int?, entry: TranscriptEntry)] = []
        for (link, message) in zip(links, record.messages) {
            restoredMessages.append((link.id, link.parent, try Self.restoredEntry(message, of: record.id, now: now)))
        }
        let stored = record.settings
        let restoredSettings = RequestSettings(
            mode: stored.mode, applyChatTemplate: stored.applyChatTemplate, systemPrompt: stored.systemPrompt,
            inputFormat: inputFormat, stream: stored.stream, newSeedEachRequest: stored.newSeedEachRequest)
        let tree = ConversationTree(restoring: restoredMessages, current: record.currentID(in: links))
        become(record, tree: tree, settings: restoredSettings, parameters: restoredParameters)
    }

    private static func restoredEntry(
        _ message: ConversationRecord.StoredMessage, of id: String, now: ContinuousClock.Instant
    ) throws(ConversationStoreError) -> TranscriptEntry {
        let choices = message.choices ?? [message.content]
        var entry = TranscriptEntry(
            role: message.role, choices: choices, chosenChoice: min(max(0, message.chosenChoice ?? 0), choices.count - 1), status: .complete)
        entry.time = message.time
        let reasonings = message.reasoningChoices ?? message.reasoning.map { [$0] } ?? []
        entry.restore(reasonings: reasonings, logprobs: message.reply?.logprobs ?? [])
        guard let reply = message.reply else { return entry }
        guard let status = status(stored: reply.status, error: reply.error) else {
            throw ConversationStoreError(path: id, reason: "unknown reply status \(reply.status)")
        }
        entry.status = status
        do {
            entry.parameters = try SamplingParameters.exactly(reply.parameters)
        } catch {
            throw ConversationStoreError(path: id, reason: "a reply's parameters: \(error.description)")
        }
        entry.usage = reply.usage
        entry.jobID = reply.jobID
        entry.requestedAt = now
        entry.startedAt = reply.queueMilliseconds.map { now.advanced(by: .milliseconds($0)) }
        entry.firstTokenAt = reply.timeToFirstTokenMilliseconds.map { now.advanced(by: .milliseconds($0)) }
        entry.finishedAt = reply.durationMilliseconds.map { now.advanced(by: .milliseconds($0)) }
        if let first = entry.firstTokenAt, let thinking = reply.thinkingMilliseconds {
            entry.firstAnswerAt = first.advanced(by: .milliseconds(thinking))
        }
        entry.executionMilliseconds = reply.executionMilliseconds
        entry.endpoint = reply.endpoint
        entry.workerGeneration = reply.workerGeneration
        entry.wasRepaired = reply.repaired ?? false
        return entry
    }

    private static func status(stored: String, error: String?) -> TranscriptEntry.Status? {
        switch stored {
        case "completed": return .complete
        case "truncated": return .truncated
        case "cancelled": return .cancelled
        case "timed_out": return .timedOut
        case "failed": return .failed(error ?? "failed")
        default: return nil
        }
    }
}
