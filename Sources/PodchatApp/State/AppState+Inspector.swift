import PodchatCore

/// The request inspector (F6, `i` in the transcript, `/request`): the request the next message
/// would send, asked of the backend as an effect so the state never builds HTTP, and the
/// request and answer of the reply at the cursor (else the last).
extension AppState {
    /// What the next request carries in place of the message while the input holds none.
    package static let placeholderMessage = "(your next message)"

    mutating func openInspector() -> [Effect] {
        let (request, usesPlaceholder) = previewedRequest()
        let entries = conversation.entries
        let cursorReply = viewport.cursor.flatMap { entries.indices.contains($0) && entries[$0].role == .assistant ? $0 : nil }
        let index = cursorReply ?? entries.lastIndex { $0.role == .assistant }
        window.openInspector(RequestInspector(usesPlaceholder: usesPlaceholder, replyIndex: index, replyIsAtCursor: cursorReply != nil))
        return [.completion(.preview(request))]
    }

    /// The request sending the input now would start, worked out on a copy of the state so
    /// nothing changes: the same message, fitting and seed as ``send()``. A placeholder stands
    /// in for a message when the input is empty or a command.
    private func previewedRequest() -> (CompletionRequest, usesPlaceholder: Bool) {
        let typed = composer.input.text
        let usesPlaceholder = composer.input.isBlank || (typed.hasPrefix("/") && !typed.hasPrefix("//"))
        var scratch = self
        scratch.conversation.appendMessage(usesPlaceholder ? Self.placeholderMessage : Self.message(typed: typed), at: window.wallTime)
        return (scratch.nextRequest(with: nil), usesPlaceholder)
    }

    /// The reply the open inspector shows.
    package var inspectedReply: TranscriptEntry? {
        guard let index = window.inspector?.replyIndex, conversation.entries.indices.contains(index) else { return nil }
        return conversation.entries[index]
    }

    mutating func perform(_ action: KeyAction.Inspector) -> [Effect] {
        switch action {
        case .scrollUp: scrollInspector(by: -1)
        case .scrollDown: scrollInspector(by: 1)
        case .pageUp: scrollInspector(by: -pageRows)
        case .pageDown: scrollInspector(by: pageRows)
        case .scrollToTop: window.updateInspector { $0.scrollToTop() }
        case .copyCurl: return copyCurlCommand()
        case .close: window.closeInspector()
        }
        return []
    }

    mutating func scrollInspector(by rows: Int) {
        guard let inspector = window.inspector else { return }
        let count = InspectorText.lines(inspector, reply: inspectedReply, width: window.size.width - 4).count
        let visible = InspectorText.visibleRows(height: window.size.height)
        window.updateInspector { $0.scroll(by: rows, lineCount: count, visible: visible) }
    }

    private mutating func copyCurlCommand() -> [Effect] {
        switch window.inspector?.next {
        case .shown(let preview):
            show("Copied the next request as a curl command; the key stays in its variable", expiresIn: .seconds(4))
            return [.terminal(.copyToClipboard(preview.curlCommand))]
        case .waiting, nil:
            show("The request is still being built", expiresIn: .seconds(3), isError: true)
        case .unavailable:
            show("This endpoint cannot show its requests", expiresIn: .seconds(3), isError: true)
        }
        return []
    }

    /// The request that started reply `id`, kept on its message for the inspector.
    mutating func record(_ request: RequestPreview, for id: RequestID) {
        if let side = reply.comparison?.side(for: id) {
            conversation.record(request, toMessage: side.message)
        } else if reply.active?.id == id {
            conversation.record(request)
        }
    }
}
