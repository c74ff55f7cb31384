import Foundation
import Glibc
import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// A save killed at any moment leaves the conversation as it was before that save or after
/// it, never torn or empty. The real binary saves a growing conversation in a loop through the
/// file store (`podchat conversations _save-loop`); the test SIGKILLs it inside a save (when its
/// temporary file appears), as the conversation's file changes, or at a moment drawn from a
/// fixed seed, and reads what is on disk.
@Suite struct CrashSafetyTests {
    private let environment: [String: String]

    init() throws {
        environment = Executables.isolatedEnvironment(configHome: try Executables.temporaryDirectory())
    }

    @Test func aSaveKilledAtAnyMomentLeavesAWholeConversationOrNone() async throws {
        let store = FileConversationStore.standard(environment: environment)
        let file = store.directory.appendingPathComponent("crash.json").path
        // PodchatApp's SplitMix64: the same moments on every run.
        var moments = SeedGenerator(start: 20_261_125)
        var onDisk = 0
        for kill in 1...20 {
            let saver = try ChildProcess(
                [Executables.podchat, "conversations", "_save-loop", "--id", "crash", "--count", "1000000"], environment: environment)
            switch kill % 3 {
            case 0:
                // Inside a save: as soon as its temporary file exists, before the rename.
                await waitUntil { names in names.contains { $0.hasPrefix(".crash.\(saver.pid).") } }
            case 1:
                // As soon as the conversation's file changes: a store writing in place would
                // be caught halfway.
                let before = Self.version(of: file)
                await waitUntil { _ in Self.version(of: file) != before }
            default:
                try await Task.sleep(for: .milliseconds(moments.next() % 150))
            }
            #expect(Glibc.kill(saver.pid, SIGKILL) == 0)
            let outcome = await saver.wait()
            #expect(outcome.status == 128 + SIGKILL, "kill \(kill): the loop ended by itself: \(outcome.standardError)")
            // `saved N` is printed after the save's rename: a conversation of N messages was on disk.
            let reported = outcome.standardOutput.split(separator: "\n").last.flatMap { Int($0.dropFirst("saved ".count)) } ?? onDisk
            guard FileManager.default.fileExists(atPath: file) else {
                #expect(reported == 0, "kill \(kill): a save was reported but there is no file")
                continue
            }
            let record = try store.load(id: "crash")
            // The reported save, or the next one if it finished before its line was printed.
            #expect(
                (reported...reported + 1).contains(record.messages.count), "kill \(kill): \(record.messages.count) messages, \(reported) reported")
            let inOrder = record.messages.enumerated().allSatisfy { $0.element.content.hasPrefix("message \($0.offset + 1): ") }
            #expect(inOrder, "kill \(kill): a message is missing or out of order")
            let listing = store.list()
            #expect(listing.conversations.map(\.id) == ["crash"], "kill \(kill): a temporary file was taken for a conversation")
            #expect(listing.unreadable.isEmpty)
            onDisk = record.messages.count
        }
        #expect(onDisk > 0, "no kill came after the first save, so nothing was tested")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(!leftovers.isEmpty, "no kill landed between a temporary file and its rename")
    }

    /// The file's inode, size and modification time; nil when there is none.
    private static func version(of path: String) -> [Int]? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return [Int(status.st_ino), Int(status.st_size), status.st_mtim.tv_sec, status.st_mtim.tv_nsec]
    }

    /// Returns as soon as `condition` holds for the names in the conversations directory, or
    /// after 2 s; it looks again at once, so a kill follows within microseconds.
    private func waitUntil(_ condition: ([String]) -> Bool) async {
        let directory = FileConversationStore.standard(environment: environment).directory.path
        let deadline = ContinuousClock.now.advanced(by: .seconds(2))
        while ContinuousClock.now < deadline {
            if condition((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []) { return }
            await Task.yield()
        }
    }
}
