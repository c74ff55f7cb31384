import PodchatCore

/// What the next request is made with: the request settings and the sampling parameters, as
/// the panel shows them, with the values podchat started with for `r`, `R` and `/reset`.
/// Every change goes through here, so a value that is set is always a valid one.
package struct RequestValues: Sendable, Equatable {
    package private(set) var settings: RequestSettings
    /// The sampling parameters the next request carries.
    package private(set) var parameters: SamplingParameters {
        // Whenever a seed is fixed it is remembered, so Space can come back to it after
        // `server` and `each turn` have unset it.
        didSet { lastFixedSeed = parameters.number(of: .seed).map(Int.init) ?? lastFixedSeed }
    }
    /// The seed that was fixed last, if any: where Space on the seed row goes after `each turn`.
    private(set) var lastFixedSeed: Int?
    /// What `r`, `R` and `/reset` go back to: the values podchat started with (the config's,
    /// else podchat's defaults), not necessarily the worker's.
    package private(set) var initialSettings: RequestSettings
    package let initialParameters: SamplingParameters

    init(settings: RequestSettings, parameters: SamplingParameters) {
        self.settings = settings
        self.parameters = parameters
        initialSettings = settings
        initialParameters = parameters
        lastFixedSeed = parameters.number(of: .seed).map(Int.init)
    }

    /// The seed row's state, read from the stored pair: `new_seed_each_request` wins, then a
    /// `seed` among the parameters; see ``chooseSeed(_:)`` for why they never disagree.
    package var seedChoice: SeedChoice {
        if settings.newSeedEachRequest { return .eachTurn }
        return parameters.number(of: .seed).map { .fixed(Int($0)) } ?? .server
    }

    // MARK: - Changing values

    /// Sets `field` from `text` as a person typed it, or returns why it cannot. For parameters
    /// an empty text, `model` or `none` unsets it: nothing is sent and the model's default applies.
    mutating func assign(_ text: String, to field: PanelField) -> String? {
        let trimmed = text.trimmingWhitespace
        switch field {
        case .parameter(.seed): return assignSeed(trimmed)
        case .parameter(let parameter):
            if SamplingParameter.unsetWords.contains(trimmed.lowercased()) {
                parameters.unset(parameter)
                return nil
            }
            switch parameter.parse(text) {
            case .success(let value):
                do { try parameters.set(parameter, exactly: value) } catch { return error.description }
            case .failure(let error): return error.description
            }
        case .mode:
            guard let mode = ConversationMode(rawValue: trimmed) else { return "mode must be chat or prompt (got \(text))" }
            settings.mode = mode
        case .inputFormat:
            guard let format = InputFormat(rawValue: trimmed) else { return "input_format must be native or openai (got \(text))" }
            settings.inputFormat = format
        case .systemPrompt:
            settings.systemPrompt = text
        case .applyChatTemplate, .stream:
            guard let flag = Self.flag(of: field), let value = Self.parseFlag(trimmed) else { return "\(field.name) must be on or off (got \(text))" }
            settings[keyPath: flag] = value
        }
        return nil
    }

    /// `/set seed each`, `/set seed server` (or any word that unsets a parameter), `/set seed 1234`.
    private mutating func assignSeed(_ text: String) -> String? {
        let word = text.lowercased()
        if SeedChoice.eachTurnWords.contains(word) {
            chooseSeed(.eachTurn)
        } else if SeedChoice.serverWords.contains(word) || SamplingParameter.unsetWords.contains(word) {
            chooseSeed(.server)
        } else {
            switch SamplingParameter.seed.parse(text) {
            case .success(let value):
                do { try parameters.set(.seed, exactly: value) } catch { return error.description }
                settings.newSeedEachRequest = false
            case .failure(let error): return "\(error.description); or server (none sent), or each (a new one each turn)"
            }
        }
        return nil
    }

    /// Sets the seed row's state. `each turn` unsets the stored seed, so the file never holds a
    /// seed that is not sent; the last fixed one is remembered for Space to return to.
    mutating func chooseSeed(_ choice: SeedChoice) {
        settings.newSeedEachRequest = choice == .eachTurn
        switch choice {
        case .server, .eachTurn: parameters.unset(.seed)
        case .fixed(let seed): parameters.set(.seed, to: Double(seed))
        }
    }

    /// Why `text` is not a valid value for `field`, or nil when it is.
    func problem(with text: String, for field: PanelField) -> String? {
        var trial = self
        return trial.assign(text, to: field)
    }

    /// Left/Right: numbers move by their step (×10 when coarse); word choices move through
    /// their options; switches flip.
    mutating func adjust(_ field: PanelField, by direction: Double, coarse: Bool) {
        // Stepping the seed means a number: `each turn` stops, going on from the last fixed seed.
        if field == .parameter(.seed), seedChoice == .eachTurn { chooseSeed(lastFixedSeed.map(SeedChoice.fixed) ?? .server) }
        guard case .parameter(let parameter) = field, parameter.kind != .boolean else {
            flip(field)
            return
        }
        if parameter.kind.isChoice {
            parameters.cycle(parameter, forward: direction > 0)
        } else {
            parameters.adjust(parameter, bySteps: direction, stepSize: coarse ? parameter.coarseStep : nil)
        }
    }

    /// Toggles a boolean or moves a choice to its next option; false for other fields.
    @discardableResult
    mutating func flip(_ field: PanelField) -> Bool {
        switch field {
        case .parameter(let parameter) where parameter.kind == .boolean: parameters.toggle(parameter)
        case .parameter(let parameter) where parameter.kind.isChoice: parameters.cycle(parameter)
        case .parameter: return false
        case .mode: settings.mode = settings.mode == .chat ? .prompt : .chat
        case .inputFormat: settings.inputFormat = settings.inputFormat == .native ? .openai : .native
        case .systemPrompt: return false
        case .applyChatTemplate, .stream:
            guard let flag = Self.flag(of: field) else { return false }
            settings[keyPath: flag].toggle()
        }
        return true
    }

    /// `u` and `/set NAME model`: the parameter is no longer sent, so the model decides (for
    /// the seed, the server: `each turn` stops too).
    mutating func unset(_ parameter: SamplingParameter) {
        if parameter == .seed { settings.newSeedEachRequest = false }
        parameters.unset(parameter)
    }

    /// `r` and `/reset NAME`: back to the value podchat started with.
    mutating func reset(_ field: PanelField) {
        switch field {
        case .parameter(.seed):
            parameters.restore(.seed, from: initialParameters)
            settings.newSeedEachRequest = initialSettings.newSeedEachRequest
        case .parameter(let parameter): parameters.restore(parameter, from: initialParameters)
        case .mode: settings.mode = initialSettings.mode
        case .systemPrompt: settings.systemPrompt = initialSettings.systemPrompt
        case .inputFormat: settings.inputFormat = initialSettings.inputFormat
        case .applyChatTemplate, .stream:
            if let flag = Self.flag(of: field) { settings[keyPath: flag] = initialSettings[keyPath: flag] }
        }
    }

    /// `R`, `/reset` and a new conversation: every field back to the value podchat started with.
    mutating func resetAll() {
        parameters = initialParameters
        settings = initialSettings
    }

    mutating func setMode(_ mode: ConversationMode) {
        settings.mode = mode
    }

    /// Another endpoint takes the requests: its jobs' input format is the one to send, and the
    /// one a reset or a new conversation goes back to.
    mutating func adopt(_ format: InputFormat) {
        settings.inputFormat = format
        initialSettings.inputFormat = format
    }

    /// A loaded preset's parameters, already validated; a preset's seed is fixed, so it ends
    /// `each turn`.
    mutating func replaceParameters(with loaded: SamplingParameters) {
        parameters = loaded
        if loaded.isSet(.seed) { settings.newSeedEachRequest = false }
    }

    /// A stored conversation's settings and parameters, already validated. An older file may
    /// hold a seed beside `new_seed_each_request`; each turn wins, as it did, and the seed is
    /// remembered rather than kept.
    mutating func restore(settings stored: RequestSettings, parameters storedParameters: SamplingParameters) {
        settings = stored
        parameters = storedParameters
        if stored.newSeedEachRequest { parameters.unset(.seed) }
    }

    /// The on/off setting behind `field`, if it is one.
    static func flag(of field: PanelField) -> WritableKeyPath<RequestSettings, Bool>? {
        switch field {
        case .applyChatTemplate: \.applyChatTemplate
        case .stream: \.stream
        case .parameter, .mode, .systemPrompt, .inputFormat: nil
        }
    }

    private static func parseFlag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "on", "true", "yes", "1": return true
        case "off", "false", "no", "0": return false
        default: return nil
        }
    }
}
