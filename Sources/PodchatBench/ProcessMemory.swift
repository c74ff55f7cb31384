import Foundation

/// This process's memory use as Linux reports it in /proc/self/status.
enum ProcessMemory {
    /// The peak resident set size so far (`VmHWM`), in MiB; nil where /proc does not say.
    static var peakResidentMebibytes: Double? { mebibytes("VmHWM") }

    /// The resident set size now (`VmRSS`), in MiB; nil where /proc does not say.
    static var residentMebibytes: Double? { mebibytes("VmRSS") }

    private static func mebibytes(_ field: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let kibibytes = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
            return kibibytes.map { $0 / 1024 }
        }
        return nil
    }
}
