#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension JSONValue {
    /// The JSON document in `bytes`, accepted and rejected as `JSONDecoder` would (see
    /// ``JSONParser``, which reads it about ten times faster).
    ///
    /// - Throws: ``JSONParser/Failure`` when the bytes are not JSON.
    package init(parsing bytes: some Collection<UInt8>) throws {
        self = try JSONParser.parse(bytes)
    }

    /// The JSON document in `bytes`, with only the top-level members whose names `isKept`
    /// accepts when it is an object; nil for exactly the bytes that the throwing
    /// `init(parsing:)` rejects. For documents read often of which little is used, such as a
    /// stream's chunks.
    package init?(parsing bytes: some Collection<UInt8>, keepingMembers isKept: (String) -> Bool) {
        guard let value = try? JSONParser.parse(bytes, keepingMembers: isKept) else { return nil }
        self = value
    }

    /// The JSON document in `text`, or nil when it is not JSON.
    package init?(parsing text: String) {
        guard let value = try? JSONValue(parsing: text.utf8) else { return nil }
        self = value
    }

    /// This value as compact JSON with sorted keys, so the same value always has the same bytes.
    package var encodedBytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only a NaN or infinite number can make this fail; podchat's values are clamped into
        // finite ranges, so `null` is a fallback that should never be sent.
        return (try? encoder.encode(self)).map { Array($0) } ?? Array("null".utf8)
    }

    /// This value as compact JSON text.
    package var encodedText: String {
        String(decoding: encodedBytes, as: UTF8.self)
    }
}

extension JSONValue {
    /// This value as indented JSON with sorted keys, for people to read; the same value always
    /// has the same text.
    package var prettyText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
