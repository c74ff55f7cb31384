/// The `[[sim:badutf8]]` fault: a marker character in the reply's text that becomes bytes
/// which are not UTF-8 when an answer is written (a `String` cannot hold such bytes).
enum BrokenUTF8 {
    /// A private-use character, which no simulated reply contains.
    static let marker: Unicode.Scalar = "\u{10FFFD}"
    /// What the marker becomes: a stray 0xFF, then "中" without its last byte.
    static let bytes: [UInt8] = [0xFF, 0xE4, 0xB8]

    /// `json` with every marker replaced by the broken bytes.
    static func applied(to json: [UInt8]) -> [UInt8] {
        let pattern = Array(String(Character(marker)).utf8)
        var result: [UInt8] = []
        result.reserveCapacity(json.count)
        var index = json.startIndex
        while index < json.endIndex {
            if json[index...].starts(with: pattern) {
                result += bytes
                index += pattern.count
            } else {
                result.append(json[index])
                index += 1
            }
        }
        return result
    }
}
