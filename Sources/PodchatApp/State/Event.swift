import PodchatCore
import PodchatStorage

/// Something that happened. The only input to ``AppState/handle(_:)``: what the user and the
/// terminal did comes as the plain cases, what background work reports comes grouped by the
/// part of podchat that asked for it.
package enum Event: Sendable, Equatable {
    case keyPressed(Key)
    /// Text the terminal delivered as one paste (bracketed paste): inserted, never sent.
    case pasted(String)
    case mouse(MouseEvent)
    case resized(Size)
    /// The time now; every batch of events starts with one, so the state never reads a clock.
    case clockTicked(ContinuousClock.Instant)
    /// The process was asked to end (SIGTERM, SIGHUP).
    case terminationRequested
    /// How the external editor (Ctrl-X Ctrl-E) went.
    case externalEdit(ExternalEdit)
    /// A piece or the end of the reply asked for with ``Effect/Completion/start(_:_:)``.
    case reply(RequestID, Reply)
    /// The request asked for with ``Effect/Completion/preview(_:)``; nil when the backend
    /// builds none it could show.
    case previewed(RequestPreview?)
    /// What the endpoint said about itself.
    case endpoint(Endpoint)
    case preset(Preset)
    /// What the conversation store answered.
    case store(Store)
}
