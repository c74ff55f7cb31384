import NIOCore
import NIOHTTP1
import NIOPosix
import PodchatCore

/// A loopback HTTP server that behaves like a production Runpod Serverless endpoint running
/// worker-vllm (protocol.md): the job API under `/v2/{endpointID}/` with drain-once `/stream`,
/// `/runsync?wait=`, cancel, retry, health, and the OpenAI route. Replies are deterministic;
/// ``SimulatedFaults`` lists the markers that make a job misbehave.
package final class SimulatorServer: Sendable {
    private typealias Connection = AcceptedConnections.Connection

    /// The port the server listens on, 127.0.0.1 only.
    package let port: Int
    private let queue: JobQueue
    private let log: RequestLog
    private let serving: Task<Void, any Error>
    /// The listening socket; closing it is how the server stops (see ``stop()``).
    private let listener: any Channel

    private init(port: Int, queue: JobQueue, log: RequestLog, serving: Task<Void, any Error>, listener: any Channel) {
        self.port = port
        self.queue = queue
        self.log = log
        self.serving = serving
        self.listener = listener
    }

    /// Starts listening on 127.0.0.1:`port` (0 = any free port).
    /// - Parameter clock: the time source job states are computed from; a ``ManualSimulatorClock``
    ///   makes them deterministic.
    package static func start(
        port: Int = 0, options: SimulatorOptions = SimulatorOptions(), clock: any SimulatorClock = SystemSimulatorClock()
    ) async throws -> SimulatorServer {
        let accepted = AcceptedConnections()
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    let connection = try Connection(wrappingChannelSynchronously: channel)
                    accepted.adopt(connection)
                    return connection
                }
            }
        guard let boundPort = listener.channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
        let log = RequestLog()
        let queue = JobQueue(options: options, clock: clock, log: log)
        let router = SimulatorRouter(queue: queue, log: log)
        // Never cancelled from outside: every accepted connection must reach `serve()`, whose
        // `executeThenClose` finishes it (NIO traps on an async channel dropped unfinished).
        // Closing the listener ends the loop; only then are the open connections cancelled, and
        // those accepted but never read from the listener closed.
        let serving = Task {
            defer { accepted.closeAll() }
            try await listener.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        let taken = accepted.take(connection)
                        group.addTask { await HTTPConnection(channel: taken, router: router).serve() }
                    }
                    group.cancelAll()
                }
            }
        }
        return SimulatorServer(port: boundPort, queue: queue, log: log, serving: serving, listener: listener.channel)
    }

    /// Runs `body` against a server started as ``start(port:options:clock:)`` does, and stops the
    /// server afterwards, also when `body` throws.
    package static func serving<Result>(
        options: SimulatorOptions = SimulatorOptions(), clock: any SimulatorClock = SystemSimulatorClock(),
        _ body: (SimulatorServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(options: options, clock: clock)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try await server.stop()
            throw error
        }
    }

    /// "http://127.0.0.1:PORT"; podchat's endpoint URL in the ``SimulatorDialect/sdkLocalServer``
    /// dialect, whose routes are at the root.
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// "http://127.0.0.1:PORT/v2/<id>": what podchat uses as its endpoint URL.
    package func endpointURL(id: String = "demo") -> String {
        "\(baseURL)/v2/\(id)"
    }

    /// The options the server was started with.
    package var options: SimulatorOptions { queue.options }

    /// Every request received, in order.
    package var requests: [RecordedRequest] { log.all }

    /// Every job created, in order, with what the worker made of it (route, effective sampling
    /// values, thinking): one per `/run`, `/runsync` and OpenAI-route POST, however the answer fared.
    package var jobs: [JobRecord] { log.jobs }

    /// When each output of job `id` becomes available to `/stream`, in order, on the server's
    /// clock; nil when there is no such job. For measuring how long a client takes to pick
    /// output up (`podchat-bench`); a job cancelled since stops short of the later outputs,
    /// and a retried job has a new schedule.
    package func outputSchedule(ofJob id: String) -> [ScheduledOutput]? {
        queue.withJob(id) { job, _ in job.schedule }
    }

    /// Job `id`'s status now, as `/status` would answer it; nil when there is no such job.
    package func status(ofJob id: String) -> JobStatus? {
        queue.withJob(id) { job, now in job.progress(at: now).status }
    }

    /// Makes the next job submitted misbehave, as if its message held the matching markers.
    package func injectFaults(_ faults: SimulatedFaults) {
        queue.inject(faults)
    }

    /// Stops listening and closes every connection.
    package func stop() async throws {
        listener.close(promise: nil)
        try await waitForServing()
    }

    /// Suspends until the server stops, for running it in the foreground (`podchat simulate`).
    /// Cancelling the waiting task stops the server.
    package func waitUntilStopped() async throws {
        try await withTaskCancellationHandler {
            try await waitForServing()
        } onCancel: { [listener] in
            listener.close(promise: nil)
        }
    }

    private func waitForServing() async throws {
        do {
            try await serving.value
        } catch is CancellationError {
            // A connection ended by the stop.
        } catch let error as ChannelError where error == .alreadyClosed {
            // Stopped twice.
        }
    }
}
