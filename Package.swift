// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "podchat",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "podchat", targets: ["podchat"]),
        .executable(name: "podchat-bench", targets: ["PodchatBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Only for the SQLite (with FTS5) it compiles in; see DECISIONS.md 2026-12-04.
        .package(url: "https://github.com/vapor/sqlite-nio", exact: "1.13.2"),
    ],
    targets: [
        // The release number and the commit built (baked in by GitCommitPlugin).
        .target(name: "PodchatVersion", plugins: ["GitCommitPlugin"]),
        .plugin(name: "GitCommitPlugin", capability: .buildTool()),
        // Pure domain: messages, conversations, sampling parameters, configuration.
        .target(name: "PodchatCore", dependencies: ["PodchatVersion"]),
        // The internal endpoint client: Runpod job API and worker-vllm formats over HTTP.
        .target(
            name: "EndpointClient",
            dependencies: [
                "PodchatCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // libc wcwidth under _XOPEN_SOURCE, which Glibc does not expose to Swift.
        .target(name: "CDisplayWidth"),
        // Conversations and presets on disk: the stores, their index and search, and export.
        .target(
            name: "PodchatStorage",
            dependencies: ["PodchatCore", .product(name: "SQLiteNIO", package: "sqlite-nio")]
        ),
        // Pure app layer: state, events, effects, view -> screen grid.
        .target(name: "PodchatApp", dependencies: ["PodchatCore", "PodchatStorage", "CDisplayWidth"]),
        // The wide-character ncurses API (Debian libncurses-dev).
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // Signals as bytes on a pipe, for the event loop's poll(2).
        .target(name: "CSignalPipe"),
        // glibc's mallopt(M_ARENA_MAX), which Glibc does not expose to Swift.
        .target(name: "CMallocArena"),
        // The only code that talks to the terminal.
        .target(name: "PodchatTerminal", dependencies: ["PodchatApp", "PodchatCore", "CNcursesw", "CSignalPipe"]),
        // A loopback Runpod vLLM endpoint with production semantics.
        .target(
            name: "PodchatSimulator",
            dependencies: [
                "PodchatCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "podchat",
            dependencies: [
                "PodchatVersion", "PodchatCore", "PodchatStorage", "EndpointClient", "PodchatApp", "PodchatTerminal",
                "PodchatSimulator", "CMallocArena", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: figures for BENCHMARKS.md, never assertions (`swift run -c release podchat-bench`).
        .executableTarget(
            name: "PodchatBench",
            dependencies: [
                "PodchatCore", "PodchatStorage", "PodchatApp", "EndpointClient", "PodchatSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "PodchatTestSupport",
            dependencies: ["PodchatCore", "PodchatStorage", "PodchatApp", "EndpointClient", "PodchatSimulator"]
        ),
        .testTarget(name: "PodchatCoreTests", dependencies: ["PodchatCore", "PodchatTestSupport"]),
        .testTarget(
            name: "EndpointClientTests",
            dependencies: ["EndpointClient", "PodchatSimulator", "PodchatTestSupport"]
        ),
        .testTarget(
            name: "PodchatSimulatorTests",
            dependencies: [
                "PodchatSimulator", "PodchatTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "PodchatAppTests",
            dependencies: ["PodchatApp", "PodchatStorage", "PodchatTestSupport"],
            exclude: ["Snapshots"]
        ),
        // The stores on real files; the two suites that also open what they read in the chat
        // window (the format document's example, damaged files) need the app as well.
        .testTarget(name: "PodchatStorageTests", dependencies: ["PodchatStorage", "PodchatApp", "PodchatTestSupport"]),
        .testTarget(name: "PodchatTerminalTests", dependencies: ["PodchatTerminal", "PodchatApp", "PodchatCore", "CNcursesw", "CSignalPipe"]),
        .testTarget(
            name: "SoakTests",
            dependencies: ["PodchatApp", "PodchatCore", "PodchatStorage", "EndpointClient", "PodchatSimulator", "PodchatTestSupport"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["podchat", "PodchatVersion", "PodchatCore", "PodchatStorage", "PodchatApp", "PodchatSimulator", "PodchatTestSupport"]
        ),
        // The real binary against real third-party servers: llama.cpp's OpenAI-compatible
        // server and the Runpod SDK's local test server running handler/handler.py
        // (Scripts/real-servers.sh installs them; PODCHAT_SKIP_REAL_SERVERS=1 skips the lane).
        .testTarget(
            name: "RealServerTests",
            dependencies: ["podchat", "PodchatCore", "PodchatTestSupport"],
            exclude: ["handler"]
        ),
    ]
)

// The same settings for every target of this package, so no module drifts. A warning in our
// code fails the build, in CI and at the desk alike; a dependency's warnings do not, since a
// package's settings never reach the packages it depends on.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),  // SE-0335: existentials are spelled `any P`.
    .enableUpcomingFeature("MemberImportVisibility"),  // SE-0444: members need their module imported.
    .treatAllWarnings(as: .error),
]
for target in package.targets where target.type != .system && target.type != .plugin {
    if ["CDisplayWidth", "CSignalPipe", "CMallocArena"].contains(target.name) {
        target.cSettings = (target.cSettings ?? []) + [.treatAllWarnings(as: .error)]
    } else {
        target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
    }
}
