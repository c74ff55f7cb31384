import Foundation
import PodchatCore

/// What podchat learned about each endpoint, kept between runs in
/// `$XDG_STATE_HOME/podchat/endpoints.json` (`~/.local/state/podchat/endpoints.json`): the
/// worker generation its output showed, so the first request of the next run is already shaped
/// for it. Keyed by the endpoint's label (an endpoint id or a host, never a key).
///
/// It is a cache: a file that cannot be read is treated as empty and never overwritten, so a
/// damaged file is left for the user to look at rather than lost.
struct EndpointMemory {
    let file: URL

    /// The memory file for this user, from the environment.
    static func standard(environment: [String: String]) -> EndpointMemory {
        let stateHome =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return EndpointMemory(file: URL(fileURLWithPath: stateHome).appendingPathComponent("podchat/endpoints.json"))
    }

    /// The generation remembered for `endpoint`, if any.
    func generation(of endpoint: String) -> WorkerGeneration? {
        guard case .readable(let entries) = contents else { return nil }
        return entries[endpoint]?["worker_generation"]?.stringValue.flatMap(WorkerGeneration.init(rawValue:))
    }

    /// Remembers `generation` for `endpoint`; writes only when that changes what is stored, and
    /// never over a file it cannot read.
    func remember(_ generation: WorkerGeneration, for endpoint: String) {
        guard case .readable(var entries) = contents, self.generation(of: endpoint) != generation else { return }
        entries[endpoint, default: [:]]["worker_generation"] = .string(generation.rawValue)
        let json = JSONValue.object(entries.mapValues(JSONValue.object))
        let directory = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Data((json.encodedText + "\n").utf8).write(to: file, options: .atomic)
    }

    private enum Contents {
        case readable([String: [String: JSONValue]])
        case unreadable
    }

    private var contents: Contents {
        guard let data = try? Data(contentsOf: file) else {
            return FileManager.default.fileExists(atPath: file.path) ? .unreadable : .readable([:])
        }
        guard let object = JSONValue(parsing: String(decoding: data, as: UTF8.self))?.objectValue else { return .unreadable }
        return .readable(object.compactMapValues(\.objectValue))
    }
}
