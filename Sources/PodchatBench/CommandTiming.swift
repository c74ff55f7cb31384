import Foundation

/// How long a whole `podchat` process takes, started as a person starts it from a shell.
enum CommandTiming {
    /// Runs the `podchat` built beside this benchmark with `arguments` and its data in
    /// `dataHome`, and reports its wall time; nothing when that binary was not built.
    static func podchat(_ arguments: [String], dataHome: URL) throws -> [Figure] {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(
            "podchat")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else { return [] }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ["XDG_DATA_HOME": dataHome.path, "HOME": dataHome.path, "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        let (_, elapsed) = try Stopwatch.time {
            try process.run()
            process.waitUntilExit()
        }
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure("podchat \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return [Figure(name: "`podchat \(arguments.joined(separator: " "))`, the whole process", value: elapsed, unit: .milliseconds)]
    }
}
