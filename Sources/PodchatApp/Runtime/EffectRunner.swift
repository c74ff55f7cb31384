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
    private let backend: any CompletionBackend
    private let presets: (any PresetStore)?
    let conversations: (any ConversationStore)?
    let post: @Sendable (Event) -> Void
    private let replies = Mutex<[RequestID: Task<Void, Never>]>([:])
    private let disk = DiskWorker()

    /// - Parameters:
    ///   - presets: where `/preset` keeps its files; nil reports presets as unavailable.
    ///   - conversations: where conversations are saved; nil reports saving as unavailable.
    ///   - post: delivers an event to the loop; called from any thread.
    package init(
        backend: any CompletionBackend, presets: (any PresetStore)? = nil, conversations: (any ConversationStore)? = nil,
        post: @escaping @Sendable (Event) -> Void
    ) {
        self.backend = backend
        self.presets = presets
        self.conversations = conversations
        self.post = post
    }

    package func perform(_ effect: Effect) {
        switch effect {
        case .startCompletion(let id, let request): start(id, request)
        case .cancelCompletion(let id): replies.withLock { $0[id] }?.cancel()
        case .savePreset, .loadPreset, .listPresets: disk.enqueue { [self] in post(presetResult(of: effect)) }
        case .checkLoad: Task { [backend, post] in post(.loadReported(await backend.load())) }
        case .fetchModelInfo: Task { [backend, post] in post(.modelInfoReported(await backend.modelInfo())) }
        case .saveConversation, .loadConversation, .loadConversationPreview, .listConversations, .searchConversations,
            .renameConversation, .deleteConversation, .exportConversation:
            disk.enqueue { [self] in
                if let result = conversationResult(of: effect) { post(result) }
            }
        case .copyToClipboard, .editExternally:
            break  // The terminal's to do: the event loop performs them before effects reach here.
        }
    }

    /// Runs a preset effect, on the disk worker; the result arrives as an event like any other.
    private func presetResult(of effect: Effect) -> Event {
        let name: String
        switch effect {
        case .savePreset(let preset, _), .loadPreset(let preset): name = preset
        default: name = ""
        }
        guard let presets else { return .presetFailed(name: name, message: "presets are not available here") }
        do {
            switch effect {
            case .savePreset(_, let values):
                try presets.save(values, as: name)
                return .presetSaved(name: name)
            case .loadPreset:
                return .presetLoaded(name: name, values: try presets.load(name))
            default:
                return .presetsListed(try presets.names())
            }
        } catch let error as PresetStoreError {
            return .presetFailed(name: name, message: error.description)
        } catch {
            return .presetFailed(name: name, message: "\(error)")
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
        await backend.settle()
    }

    private func start(_ id: RequestID, _ request: CompletionRequest) {
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
        to post: @Sendable (Event) -> Void
    ) async {
        do {
            for try await event in backend.complete(request) {
                post(.completionReceived(id, event))
            }
        } catch is CancellationError {
            // The app asked for this and already shows the reply as stopped.
        } catch {
            if !Task.isCancelled { post(.completionFailed(id, error as? CompletionFailure ?? CompletionFailure("\(error)"))) }
        }
    }
}
