import Foundation
import PodchatApp
import Testing

/// Compares `screen` with `Snapshots/<name>.txt` beside the calling test file.
///
/// The file holds the rows as drawn between `|` marks (so trailing spaces are visible), then
/// where the style changes, then the cursor. Run with `RECORD_SNAPSHOTS=1` to write the
/// reference; recording always records an issue, so a fresh snapshot can never pass by itself.
package func expectSnapshot(
    of screen: Screen,
    named name: String,
    filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent("\(name).txt")
    let actual = snapshotText(of: screen)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: file)
        Issue.record("Recorded snapshot \(name); run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("No snapshot \(file.path); run with RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        Issue.record("Snapshot \(name) differs:\n\(lineDiff(expected: expected, actual: actual))", sourceLocation: sourceLocation)
    }
}

/// The text form of a screen that snapshot files hold.
package func snapshotText(of screen: Screen) -> String {
    let rows = screen.lines.map { "|\($0)|" }
    let cursor = screen.cursor.map { "(\($0.x),\($0.y))" } ?? "hidden"
    return (rows + ["-- styles --"] + screen.styleChanges + ["-- cursor --", cursor]).joined(separator: "\n") + "\n"
}

private func lineDiff(expected: String, actual: String) -> String {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var report: [String] = []
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let old = index < expectedLines.count ? String(expectedLines[index]) : "(none)"
        let new = index < actualLines.count ? String(actualLines[index]) : "(none)"
        if old != new { report += ["line \(index + 1):", "- \(old)", "+ \(new)"] }
    }
    return report.joined(separator: "\n")
}
