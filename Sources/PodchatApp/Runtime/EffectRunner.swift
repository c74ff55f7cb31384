import PodchatCore
import PodchatStorage
import Synchronization

/// Performs effects off the loop's thread and reports what happens as events: `perform`
/// returns at once.
///
/// Completions and endpoint checks are tasks on the global executor. Effects that touch the
/// disk (conversations and presets) run one at a time, in the order performed, on one
/// ``DiskWorker``; before the process exits, ``finishDiskWork()`` or ``drain()`` waits for
/// them, so a save made on the way out reaches the disk.
///
/// Deliberately not on the main actor: the main thread is parked in `poll(2)`, so a task that
/// inherited the main actor would never run (see DECISIONS.md). Work started here only ever
/// talks back through `post`.
package final class EffectRunner: Sendable {
    /// Every endpoint opened so far by recorded name, and the one requests go to.
    private let endpoints: Mutex<(current: any CompletionBackend, opened: [String: OpenedEndpoint])>
    private let opener: EndpointOpener?
    private let presets: (any PresetStore)?
    let conversations: (any ConversationStore)?
    let post: @Sendable (Event) -> Void
    private let replies = Mutex<[RequestID: Task<Void, Never>]>([:])
    private let disk = DiskWorker()

    /// - Parameters:
    ///   - backend: the endpoint requests go to first.
    ///   - endpoint: what the window shows of it, so `/endpoint` can come back to it unopened.
    ///   - opener: opens the config's other endpoints for `/endpoint NAME`; nil refuses switching.
    ///   - presets: where `/preset` keeps its files; nil reports presets as unavailable.
    ///   - conversations: where conversations are saved; nil reports saving as unavailable.
    ///   - post: delivers an event to the loop; called from any thread.
    package init(
        backend: any CompletionBackend, endpoint: EndpointIdentity? = nil, opener: EndpointOpener? = nil,
        presets: (any PresetStore)? = nil, conversations: (any ConversationStore)? = nil, post: @escaping @Sendable (Event) -> Void
    ) {
        let first = endpoint.map { [$0.recordedName: OpenedEndpoint(backend: backend, identity: $0)] } ?? [:]
        endpoints = Mutex((backend, first))
        self.opener = opener
        self.presets = presets
        self.conversations = conversations
        self.post = post
    }

    /// The endpoint requests go to now.
    private var backend: any CompletionBackend {
        endpoints.withLock { $0.current }
    }

    /// Has the conversation store get ready on the disk worker, so that opening the picker
    /// later costs only the listing (the file store compares its index with the directory).
    package func prepareConversations() {
        guard let conversations else { return }
        disk.enqueue { conversations.prepare() }
    }

    package func perform(_ effect: Effect) {
        let backend = self.backend
        switch effect {
        case .completion(.start(let id, let request)): start(id, request, on: backend)
        case .completion(.cancel(let id)): replies.withLock { $0[id] }?.cancel()
        // Built here, not in a task: it is pure and quick, and its answer then follows every
        // earlier one in order.
        case .completion(.preview(let request)): post(.previewed(backend.preview(request)))
        case .endpoint(.checkLoad): Task { [backend, post] in post(.endpoint(.loadReported(await backend.load()))) }
        case .endpoint(.fetchModelInfo): Task { [backend, post] in post(.endpoint(.modelInfoReported(await backend.modelInfo()))) }
        case .endpoint(.warm(let request)): Task { [backend, post] in post(.endpoint(.warmed(failure: await Self.warm(backend, request)))) }
        case .endpoint(.open(let name)): open(name)
        case .endpoint(.use(let name)): endpoints.withLock { $0.current = $0.opened[name]?.backend ?? $0.current }
        case .preset(let preset): disk.enqueue { [self] in post(.preset(presetResult(of: preset))) }
        case .storage(let storage):
            disk.enqueue { [self] in
                if let result = conversationResult(of: storage) { post(result) }
            }
        case .terminal:
            break  // The terminal's to do: the event loop performs them before effects reach here.
        }
    }

    /// Runs `/warm`'s job to its end, its text unread: only waking the worker matters. Nil when
    /// it finished, else why it failed.
    private static func warm(_ backend: any CompletionBackend, _ request: CompletionRequest) async -> String? {
        do {
            for try await _ in backend.complete(request) {}
            return nil
        } catch let failure as CompletionFailure {
            return failure.message
        } catch {
            return "\(error)"
        }
    }

    /// Runs a preset effect, on the disk worker; the result arrives as an event like any other.
    private func presetResult(of effect: Effect.Preset) -> Event.Preset {
        let name: String
        switch effect {
        case .save(let preset, _), .load(let preset): name = preset
        case .list: name = ""
        }
        guard let presets else { return .failed(name: name, message: "presets are not available here") }
        do {
            switch effect {
            case .save(_, let values):
                try presets.save(values, as: name)
                return .saved(name: name)
            case .load: return .loaded(name: name, values: try presets.load(name))
            case .list: return .listed(try presets.names())
            }
        } catch let error as PresetStoreError {
            return .failed(name: name, message: error.description)
        } catch {
            return .failed(name: name, message: "\(error)")
        }
    }

    /// Blocks until every disk effect performed so far has run and posted its result. The
    /// program calls this after the loop ends, so the quit's save is on disk before it exits.
    package func finishDiskWork() {
        disk.waitUntilIdle()
    }

    /// Waits until every disk effect performed so far has run, every reply task has ended and
    /// the backend has finished its clean-up, so the last save is on disk and the cancel of an
    /// abandoned reply reaches the server before the process exits.
    package func drain() async {
        await disk.idle()
        let tasks = replies.withLock { Array($0.values) }
        for task in tasks { await task.value }
        let backends = endpoints.withLock { [$0.current] + $0.opened.values.map(\.backend) }
        for backend in backends { await backend.settle() }
    }

    /// Opens endpoint `name` in a task (its key may come from a command), or answers at once
    /// with one opened before.
    private func open(_ name: String) {
        if let known = endpoints.withLock({ $0.opened[name] }) { return post(.endpoint(.opened(known.identity))) }
        guard let opener else {
            return post(.endpoint(.openFailed(name: name, message: "switching endpoints is not available here")))
        }
        Task { [post] in
            do {
                let opened = try await opener(name)
                self.endpoints.withLock { $0.opened[opened.identity.recordedName] = opened }
                post(.endpoint(.opened(opened.identity)))
            } catch {
                post(.endpoint(.openFailed(name: name, message: "\(error)")))
            }
        }
    }

    private func start(_ id: RequestID, _ request: CompletionRequest, on backend: any CompletionBackend) {
        // The task is registered under the lock it also takes to unregister itself, so it
        // cannot finish before it is registered.
        replies.withLock { replies in
            replies[id] = Task { [backend, post] in
                await Self.stream(request, id: id, from: backend, to: post)
                _ = self.replies.withLock { $0.removeValue(forKey: id) }
            }
        }
    }

    private static func stream(
        _ request: CompletionRequest,
        id: RequestID,
        from backend: any CompletionBackend,
        to post: @escaping @Sendable (Event) -> Void
    ) async {
        if let sent = backend.preview(request) { post(.reply(id, .sent(sent))) }
        do {
            // Each event is posted from wherever the backend read it: no task hop per token.
            try await backend.complete(request) { event in post(.reply(id, .received(event))) }
        } catch is CancellationError {
            // The app asked for this and already shows the reply as stopped.
        } catch {
            if !Task.isCancelled { post(.reply(id, .failed(error as? CompletionFailure ?? CompletionFailure("\(error)")))) }
        }
    }
}
