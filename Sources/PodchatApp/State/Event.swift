import PodchatCore

/// Identifies one request for a reply, so events of an abandoned request can be ignored.
package struct RequestID: Sendable, Hashable, CustomStringConvertible {
    package let value: Int

    package init(_ value: Int) {
        self.value = value
    }

    package var description: String { "#\(value)" }
}

/// Something that happened. The only input to ``AppState/handle(_:)``.
package enum Event: Sendable, Equatable {
    case keyPressed(Key)
    case resized(Size)
    /// The time now; every batch of events starts with one, so the state never reads a clock.
    case clockTicked(ContinuousClock.Instant)
    case completionReceived(RequestID, CompletionEvent)
    case completionFailed(RequestID, message: String)
    /// The process was asked to end (SIGTERM, SIGHUP).
    case terminationRequested
    case presetSaved(name: String)
    /// A preset's values as stored; the state validates them.
    case presetLoaded(name: String, values: [String: JSONValue])
    case presetsListed([String])
    /// A preset could not be saved, loaded or listed (`name` is empty for a listing).
    case presetFailed(name: String, message: String)
}

/// Something the app wants done outside itself. The only output of ``AppState/handle(_:)``.
package enum Effect: Sendable, Equatable {
    case startCompletion(RequestID, CompletionRequest)
    case cancelCompletion(RequestID)
    /// Store the parameters that are set under `name`, replacing a preset of that name.
    case savePreset(name: String, values: [String: JSONValue])
    case loadPreset(name: String)
    case listPresets
}
