import PodchatCore

/// `/compare`: the conversation asked twice at once, side A with the panel's values and side
/// B with the changes typed, one seed for both; each reply a sibling in the tree, both shown
/// side by side until one is kept.
extension AppState {
    /// `/compare NAME=VALUE …`.
    mutating func runCompare(_ text: Substring) -> CommandOutcome {
        guard !reply.isBusy else { return refuse("A reply is still coming: wait, or press Esc to stop it", for: .seconds(3)) }
        let spec = text.trimmingWhitespace
        guard !spec.isEmpty else { return compareFromPanel() }
        // Changes typed win over a side B being edited in the panel: A's values come back.
        if let kept = panel.endSideB() { conversation.replaceValues(with: kept) }
        return compare(spec)
    }

    private mutating func compare(_ spec: String) -> CommandOutcome {
        let changes: ParameterChanges
        do { changes = try ParameterChanges(parsing: spec) } catch { return refuse("/compare: \(error)", for: .seconds(8)) }
        let entries = conversation.entries
        if entries.last?.role == .assistant { _ = conversation.rewindForRegeneration(at: entries.count - 1) }
        guard conversation.entries.last?.role == .user else { return refuse("Nothing to compare yet: send a message first", for: .seconds(3)) }
        return .done(startComparison(changes))
    }

    /// `v` and `/compare` alone: the panel starts editing side B (it shows B; side A keeps the
    /// panel's values), or, when it already does, the compare of A and B starts.
    mutating func compareFromPanel() -> CommandOutcome {
        guard let kept = panel.sideA else { return beginSideB() }
        let spec: String
        switch Self.spec(from: kept, to: conversation.values) {
        case .success(let changes): spec = changes
        case .failure(let problem): return refuse(problem.description, for: .seconds(6))
        }
        guard !spec.isEmpty else { return refuse("Side B is the same as A: change a value first (Esc cancels)", for: .seconds(4)) }
        _ = panel.endSideB()
        conversation.replaceValues(with: kept)
        window.focus(on: .input)
        return compare(spec)
    }

    private mutating func beginSideB() -> CommandOutcome {
        guard !reply.isBusy else { return refuse("A reply is still coming: wait, or press Esc to stop it", for: .seconds(3)) }
        guard conversation.entries.contains(where: { $0.role == .user }) else {
            return refuse("Nothing to compare yet: send a message first", for: .seconds(3))
        }
        guard isPanelVisible else { return refuse("The panel is hidden (F2) or the terminal too narrow: /compare NAME=VALUE … works without it") }
        panel.beginSideB(keeping: conversation.values)
        window.focus(on: .panel)
        show("Side B: change values here (the panel shows B, A keeps yours), then v asks both; Esc cancels", expiresIn: nil)
        return .done
    }

    /// Esc, or sending a message, while the panel edits side B: the panel's values come back.
    mutating func cancelSideB() {
        guard let kept = panel.endSideB() else { return }
        conversation.replaceValues(with: kept)
        show("Compare cancelled: the panel's values are as they were", expiresIn: .seconds(3))
    }

    /// What the panel changed for side B, as `/compare` takes it: `temperature=1.2 top_p=0.9`.
    /// A compare varies sampling parameters only, and a parameter B leaves unset that A sets
    /// cannot be written as a change, so both are refused with what to do.
    private static func spec(from sideA: RequestValues, to sideB: RequestValues) -> Result<String, CompareSetupProblem> {
        guard sideA.settings == sideB.settings else {
            return .failure(CompareSetupProblem("A compare varies sampling parameters only: put the settings back (or Esc)"))
        }
        var parts: [String] = []
        for parameter in SamplingParameter.all {
            let (a, b) = (sideA.parameters.value(of: parameter), sideB.parameters.value(of: parameter))
            guard a != b else { continue }
            guard let b else { return .failure(CompareSetupProblem("B cannot leave \(parameter.name) unset while A sets it: give it a value")) }
            parts.append("\(parameter.name)=\(b.encodedText)")
        }
        return .success(parts.joined(separator: " "))
    }

    private mutating func startComparison(_ changes: ParameterChanges) -> [Effect] {
        window.clearNotice()
        let drawn = reply.nextSeed()
        let plan = ParameterComparison(
            base: conversation.parameters, changes: [ParameterChanges(), changes], drawSeed: { UInt32(truncatingIfNeeded: drawn) })
        let requests = plan.sides.map { request(with: $0.parameters) }
        let messages = conversation.appendComparedReplies(
            parameters: requests.map(\.parameters), requestedAt: window.now, endpoint: endpoints.current.recordedName, at: window.wallTime)
        let sides = zip(plan.sides, messages).map { (label: $0.label, message: $1, changes: $0.changes.text) }
        let ids = reply.startComparison(sides, seed: plan.sides[0].seed, differing: Self.differing(requests.map(\.parameters)))
        viewport.dropCursor()
        viewport.followNewestText()
        return zip(ids, requests).map { .completion(.start($0, $1)) }
    }

    /// The parameters whose sent values differ between the sides, by wire name.
    private static func differing(_ sides: [SamplingParameters]) -> Set<String> {
        let values = sides.map(\.setValues)
        let names = Set(values.flatMap(\.keys))
        return names.filter { name in Set(values.map { $0[name]?.encodedText ?? "" }).count > 1 }
    }

    /// A piece of a compared reply: applied to its side's message, shown or not.
    mutating func receive(_ event: CompletionEvent, for side: Comparison.Side) -> [Effect] {
        guard case .finished(let reason) = event else {
            conversation.apply(event, toMessage: side.message, at: window.now)
            return []
        }
        conversation.finish(message: side.message, Self.status(for: reason), at: window.now, wallTime: window.wallTime)
        return endComparedReply(side)
    }

    mutating func fail(_ side: Comparison.Side, _ failure: CompletionFailure) -> [Effect] {
        conversation.finish(message: side.message, .failed(failure.message), at: window.now, wallTime: window.wallTime)
        show("\(side.label) failed: \(failure.message)", expiresIn: .seconds(8), isError: true)
        return endComparedReply(side)
    }

    private mutating func endComparedReply(_ side: Comparison.Side) -> [Effect] {
        reply.endComparedReply(side.request)
        guard reply.comparison?.isStreaming == false else { return [] }
        show("Both replies are in: 1 keeps A, 2 keeps B (the other stays a branch), Esc closes", expiresIn: .seconds(8))
        return saveEffects() + askForModelInfoOnce()
    }

    /// `1`, `2` and `/pick A|B`: side `label`'s reply continues the conversation; the other
    /// stays a sibling, a `[` away.
    mutating func pick(_ label: String) -> CommandOutcome {
        guard let comparison = reply.comparison else { return refuse("No compare to pick from: /compare NAME=VALUE … starts one") }
        guard let side = comparison.side(labelled: label) else { return refuse("Usage: /pick A or /pick B") }
        guard !comparison.isStreaming else { return refuse("Both replies are still coming: wait, or Esc stops them", for: .seconds(3)) }
        _ = conversation.show(message: side.message)
        reply.closeComparison()
        show("Kept \(side.label); the other reply stays a branch ([ ] switch to it)", expiresIn: .seconds(5))
        return .done(saveEffects())
    }

    /// Esc in a compare: stops both jobs while they stream; once ended, closes the compare and
    /// keeps the reply shown (B), with A a branch.
    mutating func stopOrCloseComparison() -> [Effect] {
        guard let comparison = reply.comparison else { return [] }
        if comparison.isStreaming { return stopComparison() }
        reply.closeComparison()
        show("Compare closed: B continues, A stays a branch ([ ] switch to it)", expiresIn: .seconds(5))
        return []
    }

    /// Both sides still streaming are cancelled on the server and kept as they stand.
    mutating func stopComparison() -> [Effect] {
        guard let comparison = reply.comparison else { return [] }
        var effects: [Effect] = []
        for side in comparison.sides where !side.hasEnded {
            conversation.finish(message: side.message, .cancelled, at: window.now, wallTime: window.wallTime)
            reply.endComparedReply(side.request)
            effects.append(.completion(.cancel(side.request)))
        }
        show("Compare stopped: 1 keeps A, 2 keeps B, Esc closes", expiresIn: .seconds(5))
        return effects + saveEffects()
    }

    /// A key while a compare is on screen: its own keys, the keys that work anywhere, and a
    /// reminder for the rest.
    mutating func handleComparisonKey(_ key: Key) -> [Effect] {
        if let action = Keymap.action(for: [key], in: .compare) ?? Keymap.action(for: [key], in: .anywhere) { return perform(action) }
        show("Comparing: 1 keeps A, 2 keeps B, Esc stops or closes", expiresIn: .seconds(3))
        return []
    }

    mutating func perform(_ action: KeyAction.Compare) -> [Effect] {
        switch action {
        case .keepA: return pick("A").effects
        case .keepB: return pick("B").effects
        case .stopOrClose: return stopOrCloseComparison()
        }
    }
}
