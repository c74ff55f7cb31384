/// A command typed in the input box: dispatch, completion, the inline hint and help all read
/// this table, so a command cannot be listed without being run or run without being listed.
package struct SlashCommand: Sendable, Equatable {
    package let name: String
    /// The arguments, as help shows them.
    package let arguments: String
    package let summary: String
    /// What the command does to the state.
    let run: @Sendable (inout AppState, CommandArguments) -> CommandOutcome

    init(_ name: String, _ arguments: String, _ summary: String, run: @escaping @Sendable (inout AppState, CommandArguments) -> CommandOutcome) {
        self.name = name
        self.arguments = arguments
        self.summary = summary
        self.run = run
    }

    /// `/name arguments`.
    package var usage: String { arguments.isEmpty ? name : "\(name) \(arguments)" }

    package static func == (left: SlashCommand, right: SlashCommand) -> Bool {
        left.name == right.name
    }

    package static let all: [SlashCommand] = [
        SlashCommand("/set", "NAME VALUE", "set a sampling parameter or setting for the next request (VALUE model: unset)") { $0.runSet($1.text) },
        SlashCommand("/reset", "[NAME]", "back to the starting value (all without NAME)") { $0.runReset($1.text) },
        SlashCommand("/system", "[TEXT]", "set the system prompt; without TEXT, edit it") { $0.runSystem($1.text) },
        SlashCommand("/mode", "chat|prompt", "send messages, or the conversation as one raw prompt") { $0.runMode($1.text) },
        SlashCommand("/raw", "", "show replies as raw text or as Markdown") { state, _ in .done(state.toggleRawText()) },
        SlashCommand("/shade", "", "shade replies by token probability (needs logprobs set), or not (F7)") { state, _ in
            .done(state.toggleProbabilities())
        },
        SlashCommand("/thinking", "", "show every reply's thinking in full, or folded to one line") { state, _ in .done(state.toggleThinking()) },
        SlashCommand("/regen", "", "regenerate the reply (at the cursor, else the last) as a new branch") { state, _ in state.regenerate() },
        SlashCommand("/rerun", "", "re-run the reply (at the cursor, else the last) with its own parameters and seed, as a new branch") { state, _ in
            state.rerun()
        },
        SlashCommand("/edit", "", "edit your message (at the cursor, else the last) and send it as a new branch") { state, _ in state.editMessage() },
        SlashCommand("/copy", "[code N]", "copy the last reply, or its code block N, to the clipboard") { $0.runCopy($1.words) },
        SlashCommand("/choose", "N", "the choice of the last reply that continues the conversation") { $0.runChoose($1.text) },
        SlashCommand("/compare", "NAME=VALUE …", "ask twice at once: A with the panel, B with these changes, one seed") { $0.runCompare($1.text) },
        SlashCommand("/pick", "A|B", "keep one side of a compare; the other stays a branch") { $0.pick(String($1.text)) },
        SlashCommand("/request", "", "the next request as sent (method, URL, headers, body), and the reply's at the cursor (F6)") { state, _ in
            .done(state.openInspector())
        },
        SlashCommand("/tree", "", "the conversation's map: every branch, jump to any (F5)") { state, _ in state.openMap() },
        SlashCommand("/branch", "next|previous|delete", "follow another branch at the cursor's message (or the newest fork), or delete this one") {
            $0.runBranch($1.words)
        },
        SlashCommand(
            "/warm", "",
            "wake a scaled-to-zero endpoint while you type: a one-token job (max_tokens 1), at most once a minute; it costs"
                + " about a second of GPU time, plus the worker's start-up and idle time that any first request costs"
        ) { state, _ in state.runWarm() },
        SlashCommand("/endpoint", "[NAME]", "send the next requests to another endpoint the config names (Tab completes); without NAME, say which") {
            $0.runEndpoint($1.text)
        },
        SlashCommand("/preset", "save|load NAME, list", "named sets of sampling parameters") { $0.runPreset($1.words) },
        SlashCommand("/new", "", "start a new conversation (this one is saved)") { state, _ in .done(state.runNew()) },
        SlashCommand("/save", "[NAME]", "save now, and name the conversation") { $0.runSave($1.text) },
        SlashCommand("/load", "NAME", "open a saved conversation (Tab completes, Ctrl-O lists)") { $0.runLoad($1.text) },
        SlashCommand("/title", "TEXT", "rename the conversation") { $0.runTitle($1.text) },
        SlashCommand("/export", "[md|json] [FILE]", "write the conversation to a file") { $0.runExport($1.words) },
        SlashCommand("/help", "", "keys and commands") { state, _ in .done(state.showHelp()) },
        SlashCommand("/quit", "", "save and quit") { state, _ in .done(state.quit()) },
    ]

    /// The commands whose names start with `prefix`.
    static func matching(_ prefix: some StringProtocol) -> [SlashCommand] {
        all.filter { $0.name.hasPrefix(prefix) }
    }

    /// The command called exactly `name`.
    static func named(_ name: some StringProtocol) -> SlashCommand? {
        all.first { $0.name == name }
    }
}
