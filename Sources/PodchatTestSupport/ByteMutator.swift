/// Damages a valid document the ways bytes get damaged in practice and the ways a parser is
/// most likely to mishandle: flipped bits, lost or repeated stretches, a cut-off end, and
/// tokens spliced in that are valid elsewhere (brackets, escapes, extreme numbers, bytes that
/// are not UTF-8, terminal escapes).
package enum ByteMutator {
    static let tokens: [[UInt8]] =
        [
            "{", "}", "[", "]", "\"", "\\", ":", ",", "null", "true", "-0", "1e309", "-1e309", "1e-400", "0.5",
            "123456789012345678901234567890", "\"\\ud800\"", "\"\\u0000\"", "\\u", "[[[[[[[[", "]]]]", "\n", "\r", "\r\n",
            "data: ", "data: [DONE]\n\n", ": ping\n", "\"index\":-1", "\"index\":99999999999", "\u{1B}[2J", "\u{202E}",
            "\"status\":\"COMPLETED\"", "\"output\":", "\"choices\":[", "\"tokens\":[\"x\"]", "\"error\":\"boom\"",
        ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0x00]]

    /// `bytes` with one to four random edits.
    package static func mutate(_ bytes: [UInt8], using random: inout FuzzRandom) -> [UInt8] {
        var result = bytes
        for _ in 0..<random.int(1...4) {
            let position = random.int(0...result.count)
            switch random.int(0...6) {
            case 0 where position < result.count:
                result[position] ^= UInt8(1) << UInt8(random.int(0...7))
            case 1 where position < result.count:
                result[position] = UInt8(truncatingIfNeeded: random.next())
            case 2:
                result.insert(contentsOf: random.pick(tokens), at: position)
            case 3 where position < result.count:
                result.removeSubrange(position..<min(result.count, position + random.int(1...16)))
            case 4 where position < result.count:
                let slice = result[position..<min(result.count, position + random.int(1...32))]
                result.insert(contentsOf: slice, at: random.int(0...result.count))
            case 5:
                result.removeSubrange(position...)
            default:
                result.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
            }
        }
        return result
    }
}
