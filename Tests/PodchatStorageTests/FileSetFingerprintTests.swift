import Testing

@testable import PodchatStorage

/// The two numbers that sum up a set of files: the same for the same files in any order,
/// different when a file is added, removed, renamed or changed, and stable across versions,
/// since the index stores them.
@Suite struct FileSetFingerprintTests {
    private let files = [("c1.json", "10:200:1.5:1.5"), ("c2.json", "11:300:2.0:2.0"), ("c3.json", "12:400:3.25:3.25")]

    private func fingerprint(_ files: [(String, String)]) -> FileSetFingerprint {
        files.reduce(into: FileSetFingerprint()) { $0.insert(name: $1.0, signature: $1.1) }
    }

    @Test func isTheSameInAnyOrder() {
        #expect(fingerprint(files) == fingerprint(files.reversed()))
        #expect(fingerprint(files) == fingerprint([files[1], files[2], files[0]]))
        #expect(fingerprint(files).files == 3)
    }

    @Test func changesWithAnyFile() {
        let whole = fingerprint(files)
        #expect(fingerprint(Array(files.dropLast())) != whole)
        #expect(fingerprint(files.dropLast() + [("c4.json", files[2].1)]) != whole)
        #expect(fingerprint(files.dropLast() + [("c3.json", "12:400:3.25:3.26")]) != whole)
        #expect(FileSetFingerprint.hash(name: "c1.json", signature: "1:2") != FileSetFingerprint.hash(name: "c1.json1", signature: ":2"))
    }

    @Test func isStableAcrossVersions() {
        // Worked out apart from this code: FNV-1a of "c1.json", a zero byte and "10:200:1.5:1.5",
        // then MurmurHash3's 64-bit finalizer, as a signed 64-bit integer.
        #expect(FileSetFingerprint.hash(name: "c1.json", signature: "10:200:1.5:1.5") == 9_070_006_139_931_901_931)
    }
}
