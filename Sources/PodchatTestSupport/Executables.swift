import Foundation

/// Where the package's built programs are, for tests that run them.
package enum Executables {
    /// The `podchat` binary built beside the running test bundle.
    package static var podchat: String {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return testBinary.deletingLastPathComponent().appendingPathComponent("podchat").path
    }

    /// An environment for a child podchat: UTF-8, no user config, no inherited key.
    package static func isolatedEnvironment(configHome: String, extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": configHome,
            "XDG_CONFIG_HOME": configHome,
            "XDG_DATA_HOME": configHome,
            "LANG": "C.UTF-8",
        ]
        environment.merge(extra) { $1 }
        return environment
    }

    /// A fresh empty directory under the system's temporary directory.
    package static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "podchat-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
