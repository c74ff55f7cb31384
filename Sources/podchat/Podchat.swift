import ArgumentParser
import CMallocArena
import PodchatVersion

/// The `podchat` command: the chat window by default, `ask` for one question from a script,
/// `conversations` and `export` for the saved conversations, `simulate` for the loopback endpoint.
@main
struct Podchat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podchat",
        abstract: "A terminal chat client for LLMs on Runpod Serverless vLLM endpoints.",
        discussion: """
            With no endpoint configured, podchat chats with its built-in simulator (demo mode), so it \
            works with no key and no network. Configure an endpoint with --endpoint ID, or \
            "endpoint_id" (or several, named, in "endpoints"; then --endpoint NAME picks one) in \
            $XDG_CONFIG_HOME/podchat/config.json; the API key is read from \
            RUNPOD_API_KEY, else from the config's "api_key_command" or "api_key".
            """,
        version: PodchatVersion.description,
        subcommands: [
            Chat.self, Ask.self, Conversations.self, Export.self, Jobs.self, EndpointsCommand.self, UsageCommand.self, Simulate.self,
            Manual.self,
        ],
        defaultSubcommand: Chat.self
    )

    /// Every command, after choosing one malloc arena for all threads, before any starts: an
    /// arena per thread (NIO's event loops, the concurrency pool) held about 2 MiB of podchat's
    /// 4 MiB of its own memory (BENCHMARKS.md, "Memory").
    static func main() {
        _ = podchat_use_one_malloc_arena()
        main(nil)
    }
}
