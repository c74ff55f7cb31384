import ArgumentParser
import Foundation
import PodchatCore
import PodchatVersion

/// For `make install`: prints podchat(1), the man page, generated from the same command
/// definitions as `--help` and the shell completions, so none of them can fall behind.
struct Manual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_manual", abstract: "Print the man page podchat(1) (for make install).", shouldDisplay: false)

    func run() throws {
        guard let command = (try? JSONValue(parsing: Podchat._dumpHelp().utf8))?["command"] else {
            StandardError.write("podchat: the argument parser's description of the commands is not JSON")
            throw ExitCode.failure
        }
        StandardOutput.write(exactly: Data(ManualPage(command: command, version: PodchatVersion.description).text.utf8))
    }
}
