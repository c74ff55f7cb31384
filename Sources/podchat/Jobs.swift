import ArgumentParser
import EndpointClient
import Foundation
import PodchatCore

/// The Runpod job API's maintenance operations, one request each, printed as JSON.
struct Jobs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect and manage jobs on a Runpod endpoint: status, cancel, retry, health, purge-queue.",
        subcommands: [Status.self, Cancel.self, Retry.self, Health.self, PurgeQueue.self]
    )

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A job's status, timings and output (/status/{id}).")
        @OptionGroup var options: EndpointOptions
        @Argument(help: "The job id.") var id: String

        func run() throws {
            try Jobs.perform(options) { jobs, _ in try await jobs.status(jobID: id).json }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a queued or running job (/cancel/{id}).")
        @OptionGroup var options: EndpointOptions
        @Argument(help: "The job id.") var id: String

        func run() throws {
            try Jobs.perform(options) { jobs, _ in try await jobs.cancel(jobID: id).json }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Re-queue a FAILED or TIMED_OUT job under the same id (/retry/{id}).")
        @OptionGroup var options: EndpointOptions
        @Argument(help: "The job id.") var id: String

        func run() throws {
            try Jobs.perform(options) { jobs, _ in try await jobs.retry(jobID: id).json }
        }
    }

    struct Health: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The endpoint's queue and worker counts (/health).")
        @OptionGroup var options: EndpointOptions

        func run() throws {
            try Jobs.perform(options) { jobs, generation in
                var health = try await jobs.health().json.objectValue ?? [:]
                // Known from an earlier reply's output: /health itself does not say.
                health["worker_generation"] = generation.map { .string($0.rawValue) } ?? .null
                return .object(health)
            }
        }
    }

    struct PurgeQueue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge-queue", abstract: "Remove every queued job; running jobs go on (/purge-queue).")
        @OptionGroup var options: EndpointOptions

        func run() throws {
            try Jobs.perform(options) { jobs, _ in
                .object(["removed": try await jobs.purgeQueue().map { .number(Double($0)) } ?? .null])
            }
        }
    }

    /// Runs one operation against the endpoint the options name and prints its answer.
    static func perform(
        _ options: EndpointOptions, _ operation: @escaping @Sendable (RunpodJobClient, WorkerGeneration?) async throws -> JSONValue
    ) throws {
        let environment = ProcessInfo.processInfo.environment
        let session = try CommandFailure.reporting { try Session.open(options, environment: environment) }
        defer { session.close() }
        guard let jobs = session.jobs, !session.isDemo else {
            let path = options.configPath(environment: environment).path
            StandardError.write(
                "podchat: jobs needs a Runpod endpoint: pass --endpoint NAME (one of the config's \"endpoints\") "
                    + "or --endpoint ID or --endpoint-url URL, or set \"endpoint_id\" in \(path)")
            throw ExitCode(CommandFailure.configurationExitCode)
        }
        let generation = session.workerGeneration
        let answer = try CommandFailure.reporting { try runBlocking { try await operation(jobs, generation) } }
        FileHandle.standardOutput.write(Data((answer.encodedText + "\n").utf8))
    }
}
