import PodchatCore

/// `/warm`: a one-token job that wakes a scaled-to-zero endpoint while the user types, so the
/// next real question finds a worker up. It is never part of the conversation.
extension AppState {
    /// The words `/warm` sends: any will do, the reply is one token and is dropped.
    static let warmPrompt = "Hi"

    /// Sends the job unless one left less than a minute ago or a reply is on its way (which
    /// wakes the endpoint already).
    mutating func runWarm() -> CommandOutcome {
        if reply.isBusy { return refuse("A reply is on its way: the endpoint is waking already", for: .seconds(4)) }
        if let wait = reply.warmWait(now: window.now) {
            return refuse("/warm sends at most one job a minute: again in \(Int(wait.seconds.rounded(.up)))s", for: .seconds(4))
        }
        reply.startWarming(now: window.now)
        var parameters = SamplingParameters()
        parameters.set(.maxTokens, to: 1)
        let settings = conversation.settings
        let request = CompletionRequest(
            messages: [Message(role: .user, content: Self.warmPrompt)], mode: settings.mode, applyChatTemplate: settings.applyChatTemplate,
            parameters: parameters, stream: settings.stream, inputFormat: settings.inputFormat)
        return .done([.endpoint(.warm(request))])
    }

    /// The job answered: the endpoint is awake, or the notice says why not.
    mutating func finishWarming(_ failure: String?) {
        reply.finishWarming()
        if let failure {
            show("Warming failed: \(failure)", expiresIn: .seconds(8), isError: true)
        } else {
            show("The endpoint is awake", expiresIn: .seconds(3))
        }
    }
}
