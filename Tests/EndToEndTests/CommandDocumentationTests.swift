import Foundation
import PodchatCore
import PodchatTestSupport
import Testing

/// The shell completions and the man page that `make install` installs are generated from the
/// command definitions; each must know every command the parser knows.
@Suite struct CommandDocumentationTests {
    @Test func everyCommandIsInTheBashZshAndFishCompletions() async throws {
        let commands = try await commandPaths()
        #expect(commands.contains(["conversations", "list"]) && commands.contains(["jobs", "purge-queue"]))
        let bash = try await podchat("--generate-completion-script", "bash")
        let zsh = try await podchat("--generate-completion-script", "zsh")
        let fish = try await podchat("--generate-completion-script", "fish")
        for path in commands {
            let function = (["_podchat"] + path).joined(separator: "_")
            #expect(bash.contains("\(function)()"), "bash lacks \(path)")
            #expect(zsh.contains("\(function)()"), "zsh lacks \(path)")
            let parent = (["podchat"] + path.dropLast()).joined(separator: " ")
            let offered = fish.split(separator: "\n").contains { $0.contains("\"\(parent)\"") && $0.contains("-fa '\(path.last ?? "")'") }
            #expect(offered, "fish lacks \(path)")
        }
    }

    @Test func everyCommandHasASectionInTheManPage() async throws {
        let page = try await podchat("_manual")
        #expect(page.hasPrefix(".TH PODCHAT 1 "))
        for path in try await commandPaths() {
            #expect(page.contains(".SS \"\((["podchat"] + path).joined(separator: " ").replacingOccurrences(of: "-", with: "\\-"))\"\n"), "\(path)")
        }
        #expect(!page.contains("_save"), "a hidden command is in the page")
    }

    /// Every command shown in help, as the words that name it (`["conversations", "list"]`),
    /// from the parser's own description of the commands.
    private func commandPaths() async throws -> [[String]] {
        let description = try #require(JSONValue(parsing: try await podchat("--experimental-dump-help")))
        func paths(_ command: JSONValue, _ prefix: [String]) -> [[String]] {
            (command["subcommands"]?.arrayValue ?? []).flatMap { child -> [[String]] in
                guard child["shouldDisplay"]?.boolValue != false, let name = child["commandName"]?.stringValue, name != "help" else { return [] }
                return [prefix + [name]] + paths(child, prefix + [name])
            }
        }
        return paths(try #require(description["command"]), [])
    }

    private func podchat(_ arguments: String...) async throws -> String {
        let home = try Executables.temporaryDirectory()
        let outcome = try await ChildProcess.run([Executables.podchat] + arguments, environment: Executables.isolatedEnvironment(configHome: home))
        try #require(outcome.status == 0, "\(arguments): \(outcome.standardError)")
        return outcome.standardOutput
    }
}
