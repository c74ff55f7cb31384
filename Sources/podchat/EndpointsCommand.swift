import ArgumentParser
import Foundation
import PodchatCore

/// `podchat endpoints`: the endpoints the config names and, unless offline, how each is doing.
struct EndpointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endpoints",
        abstract: "List the configured endpoints with their queue, workers, worker generation, served model and context length.",
        discussion: """
            Lists the top-level endpoint (when the config has one) and each named endpoint in \
            "endpoints"; * marks the one used without --endpoint. Each is asked at the same time: a \
            Runpod endpoint's /health and its /openai/v1/models route, an OpenAI-compatible server's \
            /models. The worker generation is what an earlier run saw. An endpoint that cannot be \
            asked shows why, and the others are still listed.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The config file to read.", valueName: "file"))
    var config: String?

    @Flag(help: "List the endpoints without asking them anything.")
    var offline = false

    @Flag(
        help: """
            Print JSON instead: podchat, and endpoints: name (null for the top level), default, kind, target, \
            health, worker_generation, model, context_length, error.
            """)
    var json = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let (file, path) = try CommandFailure.reporting { try EndpointOptions.loadConfig(explicit: config, environment: environment) }
        let listed = file.configuredEndpoints
        let reports = offline ? listed.map(EndpointReport.init) : try Self.ask(listed, configPath: path, environment: environment)
        if json {
            StandardOutput.write(json: ["endpoints": .array(reports.map(\.json))])
        } else if reports.isEmpty {
            StandardOutput.write("No endpoints in \(path): podchat runs its demo. See \"endpoints\" in config.example.json.\n")
        } else {
            StandardOutput.write(reports.flatMap { $0.lines(asked: !offline) }.joined(separator: "\n") + "\n")
        }
    }

    /// Every endpoint's report, keys looked up one at a time, then all asked at once.
    private static func ask(_ listed: [ConfiguredEndpoint], configPath: String, environment: [String: String]) throws -> [EndpointReport] {
        let prepared = listed.map { endpoint -> (EndpointReport, EndpointProbe?) in
            var report = EndpointReport(endpoint: endpoint)
            do {
                return (report, try EndpointProbe.prepare(endpoint, configPath: configPath, environment: environment))
            } catch {
                report.error = "\(error)"
                return (report, nil)
            }
        }
        return try runBlocking {
            await withTaskGroup(of: (Int, EndpointReport).self) { group in
                for (index, (report, probe)) in prepared.enumerated() {
                    guard let probe else { continue }
                    group.addTask { (index, await probe.ask(into: report)) }
                }
                var reports = prepared.map(\.0)
                for await (index, report) in group { reports[index] = report }
                return reports
            }
        }
    }
}
