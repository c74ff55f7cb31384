/// Case-insensitive matching that keeps byte offsets: every letter becomes its lowercase form
/// when that is a single letter of the same UTF-8 length (A → a, É → é, Д → д, Σ → σ); the few
/// others (İ, the Kelvin sign) stay as they are. A match found in folded text is therefore at
/// the same bytes in the original, so search can cut its snippet from the original text.
enum CaseFolding {
    /// `scalar` folded.
    static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII { return Unicode.Scalar(asciiFolded(UInt8(scalar.value))) }
        guard scalar.properties.changesWhenLowercased else { return scalar }
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        guard mapping.count == 1, let lower = mapping.first, UTF8.width(lower) == UTF8.width(scalar) else { return scalar }
        return lower
    }

    /// `text` folded, as UTF-8.
    static func folded(_ text: String) -> [UInt8] {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(folded(scalar)) }
        return Array(String(scalars).utf8)
    }

    /// An ASCII byte in lowercase; any other byte as it is.
    @inline(__always)
    static func asciiFolded(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }
}
