import PodchatCore

/// The bottom row: where replies come from, what the current reply is doing (or the latest
/// notice), and the keys that matter now.
struct StatusBarView {
    let state: AppState

    func render(in area: Rect, on screen: inout Screen) {
        screen.fill(area, style: .statusBar)
        var x = area.x
        let endpoint = state.endpoints.current
        let badge = endpoint.isDemo ? " DEMO " : " \(endpoint.name ?? endpoint.label) "
        x += screen.write(badge, at: Point(x: x, y: area.y), width: area.width, style: .statusBarAccent)
        let (message, style) = self.message
        let hints = " " + keyHints.joined(separator: " · ") + " "
        let hintsWidth = DisplayWidth.of(hints)
        let room = area.maxX - x
        // An error is worth more than the hints: it gets the whole bar.
        let showsHints = room - hintsWidth >= 20 && state.window.notice?.isError != true
        x += screen.write(" " + message, at: Point(x: x, y: area.y), width: showsHints ? room - hintsWidth : room, style: style)
        if showsHints {
            screen.write(hints, at: Point(x: area.maxX - hintsWidth, y: area.y), width: hintsWidth, style: .statusBar)
        }
    }

    private var message: (String, Style) {
        let endpoint = state.endpoints.current
        if let notice = state.window.notice { return (notice.text, notice.isError ? .statusBarError : .statusBar) }
        if let switching = state.endpoints.switching { return ("opening \(switching)…", .statusBar) }
        let load = state.reply.endpointLoad.map { " · \($0.summary)" } ?? ""
        if let comparison = state.reply.comparison { return (comparing(comparison) + load, .statusBar) }
        guard let active = state.reply.active, let reply = state.activeReplyEntry else {
            let generation = state.reply.workerGeneration.map { " · \($0.label)" } ?? ""
            // `/warm`'s job is no reply: the bar says so until it answers.
            let idle = state.reply.isWarming ? "warming…" : "ready"
            let ready = endpoint.isDemo ? "simulator \(endpoint.label) · \(idle)" : idle
            return (ready + contextMeter + spent + generation + load, .statusBar)
        }
        let elapsed = Formatting.elapsed(state.window.now - (reply.requestedAt ?? state.window.now))
        if let retry = active.retry {
            return ("retrying in \(Formatting.elapsed(retry.at - state.window.now)): \(retry.reason)", .statusBarError)
        }
        // An OpenAI-compatible server names no job: its reply is "sending…" until it starts.
        guard let jobID = reply.jobID else {
            guard reply.startedAt != nil else { return ("sending…", .statusBar) }
            return ("\(activity) \(elapsed)", .statusBar)
        }
        let job = "job \(Formatting.shortJobID(jobID))"
        if reply.startedAt == nil { return ("IN_QUEUE \(elapsed) · \(job)\(load)", .statusBar) }
        return ("\(activity) \(elapsed) · \(job)", .statusBar)
    }

    /// "comparing · A streaming · B done".
    private func comparing(_ comparison: Comparison) -> String {
        let sides = comparison.sides.map { side in
            let entry = state.conversation.tree.entry(of: side.message)
            let doing = side.hasEnded ? "done" : entry?.startedAt == nil ? "queued" : entry?.isThinking == true ? "thinking" : "streaming"
            return "\(side.label) \(doing)"
        }
        return (["comparing"] + sides).joined(separator: " · ")
    }

    private var activity: String {
        state.conversation.entries.last?.isThinking == true ? "thinking" : "streaming"
    }

    /// " · context 1.2k/8.2k": how full the model's context was at the last reply.
    private var contextMeter: String {
        guard let length = state.reply.contextLength, let used = state.contextUsed else { return "" }
        return " · context \(Formatting.tokenCount(used))/\(Formatting.tokenCount(length))"
    }

    /// " · spent $0.0021": what the conversation's replies cost, when the price is known.
    private var spent: String {
        state.conversationCost.map { " · spent \(GPUPrice.formatted($0))" } ?? ""
    }

    /// The keys that matter in the focused area.
    private var keyHints: [String] {
        if state.window.helpScroll != nil { return ["↑↓ scroll", "any key closes"] }
        if state.window.inspector != nil { return ["↑↓ scroll", "c copy curl", "Esc close"] }
        if state.browser.picker != nil { return ["Enter open", "Esc close"] }
        if state.panel.editing != nil { return ["Enter set", "Esc cancel"] }
        if let comparison = state.reply.comparison { return comparison.isStreaming ? ["Esc stop both"] : ["1 keep A", "2 keep B", "Esc close"] }
        switch state.window.focus {
        case .panel: return ["←→ adjust", "Enter edit", "u unset", "r reset", "Tab"]
        case .transcript: return ["↑↓ scroll", "r regen", "y copy", "t thinking", "F1 help"]
        case .input:
            return state.reply.active == nil ? ["Enter send", "Tab panel", "F1 help", "Ctrl-Q quit"] : ["Esc stop", "F1 help", "Ctrl-Q quit"]
        }
    }
}
