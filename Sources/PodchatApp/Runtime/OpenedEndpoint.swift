import PodchatCore

/// An endpoint ready for requests: its client and what the window shows of it.
package struct OpenedEndpoint: Sendable {
    package let backend: any CompletionBackend
    package let identity: EndpointIdentity

    package init(backend: any CompletionBackend, identity: EndpointIdentity) {
        self.backend = backend
        self.identity = identity
    }
}

/// Opens the config's endpoint called by its name: resolves its key (which may run a command,
/// so it is called off the loop's thread) and builds its client. Throws an error whose
/// description says why it cannot be used.
package typealias EndpointOpener = @Sendable (_ name: String) async throws -> OpenedEndpoint
