import PodchatCore

/// `/endpoint NAME`: requests go to another of the config's named endpoints from the next one
/// on. podchat opens it first (its key may come from a command), so a name that cannot be
/// used leaves everything as it was; the conversation goes on, each reply recording its own.
extension AppState {
    mutating func runEndpoint(_ argument: Substring) -> CommandOutcome {
        let name = argument.trimmingWhitespace
        guard !name.isEmpty else {
            let others = endpoints.names.isEmpty ? "the config names no others" : "named: " + endpoints.names.joined(separator: ", ")
            show("Requests go to \(endpoints.current.recordedName) (\(endpoints.current.label)); \(others)", expiresIn: .seconds(6))
            return .done
        }
        guard endpoints.names.contains(name) else { return refuse(unknownEndpointProblem(name), for: .seconds(6)) }
        guard name != endpoints.current.name else { return refuse("Requests already go to \(name)", for: .seconds(3)) }
        guard !reply.isBusy, !reply.isWarming else {
            return refuse("A reply is still coming: switch when it ends, or press Esc to stop it", for: .seconds(4))
        }
        window.clearNotice()
        endpoints.beginSwitch(to: name)
        return .done([.endpoint(.open(name: name))])
    }

    private func unknownEndpointProblem(_ name: String) -> String {
        guard !endpoints.names.isEmpty else {
            return #"No endpoint is named \#(name): name them in the config's "endpoints" (see config.example.json)"#
        }
        return "No endpoint is named \(name) (Tab completes; known: \(endpoints.names.joined(separator: ", ")))"
    }

    /// Tab after `/endpoint `: the config's names that start with what is typed.
    mutating func completeEndpointName() {
        let prefix = "/endpoint "
        let partial = composer.input.text.dropFirst(prefix.count)
        let names = endpoints.names.filter { $0.hasPrefix(partial) }
        complete(String(partial), from: names.map { prefix + $0 }, what: "endpoint", then: "")
    }

    /// The endpoint asked for is open: it takes over now, or when the reply in flight ends.
    mutating func endpointOpened(_ opened: EndpointIdentity) -> [Effect] {
        endpoints.open(opened)
        return reply.isBusy ? [] : takeOverEndpoint()
    }

    mutating func endpointFailed(name: String, message: String) {
        endpoints.failSwitch()
        show("Could not switch to \(name): \(message)", expiresIn: .seconds(10), isError: true)
    }

    /// Makes the opened endpoint current, once nothing is in flight: later requests, the
    /// inspector and the status bar use it, and what the old one showed about itself is dropped.
    mutating func takeOverEndpoint() -> [Effect] {
        guard !reply.isBusy, let opened = endpoints.takeOver() else { return [] }
        reply.forgetEndpoint()
        conversation.moveTo(opened.recordedName, format: opened.inputFormat)
        show("Requests now go to \(opened.recordedName) (\(opened.label))", expiresIn: .seconds(4))
        return [.endpoint(.use(name: opened.recordedName))]
    }
}
