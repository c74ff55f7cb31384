import ArgumentParser
import EndpointClient
import Foundation
import PodchatCore

/// `ask --dry-run`: the request `ask` would send, as a `curl` command on standard output.
extension Ask {
    /// Prints the command for the request the same flags would send, built by the client code
    /// that sends it; standard error says what follows it. Nothing is sent.
    func printDryRun(question: String, session: Session) throws {
        let request = try makeRequest(question: question, session: session)
        guard let preview = try dryRunPreview(of: request, session: session) else {
            StandardError.write("podchat: this endpoint cannot show its requests")
            throw ExitCode.failure
        }
        StandardOutput.write(exactly: Data((preview.curlCommand + "\n").utf8))
        for note in preview.notes { StandardError.write("podchat: \(note)") }
        if session.isDemo {
            StandardError.write(
                "podchat: demo mode: the command targets the built-in simulator, which runs only while a podchat "
                    + "command does (configure an endpoint, or give --endpoint-url)")
        }
    }

    private func dryRunPreview(of request: CompletionRequest, session: Session) throws -> RequestPreview? {
        guard runsync else { return session.backend.preview(request) }
        guard let backend = session.backend as? RunpodBackend else {
            StandardError.write("podchat: --runsync needs a Runpod endpoint, not an OpenAI-compatible server")
            throw ExitCode(CommandFailure.configurationExitCode)
        }
        return backend.preview(request, submission: .runSync(wait: RunpodBackend.defaultRunSyncWait))
    }
}
