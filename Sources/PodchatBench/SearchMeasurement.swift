import ArgumentParser
import Foundation
import PodchatApp
import PodchatCore
import PodchatStorage

/// The child process of ``Benchmark/searchManyConversations``: lists and searches the stored
/// conversations the way the picker does and prints how long each step took and the memory.
/// With `--build-only`, the first process ever: it builds the index and reports that alone.
struct SearchMeasurement: ParsableCommand {
    static let commandName = "_search-conversations"
    static let configuration = CommandConfiguration(commandName: commandName, shouldDisplay: false)

    @Option(help: "The conversations directory.") var directory: String
    @Option(help: "How many conversations it holds.") var count: Int
    @Flag(help: "Only build the index, as the first podchat with one does.") var buildOnly = false

    func run() throws {
        let store = FileConversationStore(directory: URL(fileURLWithPath: directory))
        let residentBefore = ProcessMemory.residentMebibytes ?? 0
        // What podchat does on its disk worker as it starts, before any Ctrl-O.
        let (_, prepared) = Stopwatch.time { buildOnly ? () : store.prepare() }
        let residentPrepared = ProcessMemory.residentMebibytes ?? 0
        // The picker holds one window of the listing at a time, as `window` does here.
        let size = ConversationPicker.windowSize
        var (window, listed) = Stopwatch.time { store.listWindow(offset: 0, limit: size) }
        guard window.total == count, window.conversations.count == min(size, count) else {
            throw BenchmarkFailure("listed \(window.conversations.count) of \(window.total) conversations")
        }
        guard !buildOnly else {
            return ChildMeasurement.print([
                Figure(name: "first window ever: the index built from every file (once)", value: listed, unit: .milliseconds),
                Figure(name: "peak RSS of that process (VmHWM)", value: ProcessMemory.peakResidentMebibytes ?? 0, unit: .mebibytes),
            ])
        }
        let relisted: Double
        (window, relisted) = Stopwatch.time { store.listWindow(offset: 0, limit: size) }
        let last: Double
        (window, last) = Stopwatch.time { store.listWindow(offset: count - size, limit: size) }
        guard window.conversations.count == size else { throw BenchmarkFailure("the last window held \(window.conversations.count)") }
        var keystrokes: [Double] = []
        var found: [ConversationSummary] = []
        for length in 1..."avocado".count {
            let (results, elapsed) = Stopwatch.time { store.search(String("avocado".prefix(length))).conversations }
            keystrokes.append(elapsed)
            found = results
        }
        guard found.count == Benchmark.conversationsWithTheRareWord else { throw BenchmarkFailure("\"avocado\" found \(found.count) conversations") }
        let (everywhere, common) = Stopwatch.time { store.search("memory").conversations }
        let (nowhere, missing) = Stopwatch.time { store.search("zyzzyva").conversations }
        guard everywhere.count == FileConversationStore.searchResultLimit, nowhere.isEmpty else {
            throw BenchmarkFailure("\"memory\" found \(everywhere.count), \"zyzzyva\" \(nowhere.count)")
        }
        ChildMeasurement.print([
            Figure(name: "start-up, on the disk worker: the index compared with the directory", value: prepared, unit: .milliseconds),
            Figure(name: "then Ctrl-O: the newest \(size) and the count", value: listed, unit: .milliseconds),
            Figure(name: "open it again (unchanged files)", value: relisted, unit: .milliseconds),
            Figure(name: "End: the oldest \(size)", value: last, unit: .milliseconds),
            Figure(name: "typing \"avocado\": mean per keystroke", value: keystrokes.reduce(0, +) / Double(keystrokes.count), unit: .milliseconds),
            Figure(name: "typing \"avocado\": slowest keystroke", value: keystrokes.max() ?? 0, unit: .milliseconds),
            Figure(name: "\"memory\" (in every conversation; the newest 100)", value: common, unit: .milliseconds),
            Figure(name: "\"zyzzyva\" (in none)", value: missing, unit: .milliseconds),
            Figure(name: "RSS growth over the start-up's comparison (VmRSS)", value: residentPrepared - residentBefore, unit: .mebibytes),
            Figure(
                name: "RSS growth over start-up, listing and searches (VmRSS)", value: (ProcessMemory.residentMebibytes ?? 0) - residentBefore,
                unit: .mebibytes),
            Figure(name: "peak RSS (VmHWM)", value: ProcessMemory.peakResidentMebibytes ?? 0, unit: .mebibytes),
        ])
    }
}
