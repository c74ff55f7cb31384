#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension StringProtocol {
    /// Whether the text's UTF-8 begins with `prefix`'s: `utf8.starts(with: prefix.utf8)`,
    /// compared with `memcmp` when both are stored contiguously (native strings are). A
    /// streaming reply checks its laid-out start on every frame, and the generic comparison,
    /// a byte at a time through two index types, was most of a frame late in a long reply.
    func hasUTF8Prefix(_ prefix: some StringProtocol) -> Bool {
        let fast: Bool?? = utf8.withContiguousStorageIfAvailable { text in
            prefix.utf8.withContiguousStorageIfAvailable { start in
                guard let textBytes = text.baseAddress, let startBytes = start.baseAddress else { return start.isEmpty }
                return start.count <= text.count && memcmp(textBytes, startBytes, start.count) == 0
            }
        }
        guard let known = fast.flatMap({ $0 }) else { return utf8.starts(with: prefix.utf8) }
        return known
    }
}
