import Synchronization

/// The characters of more than one code point a ``Cell`` has shown (`é` written as `e` and an
/// accent, a flag, a family emoji), each given a number above every code point, so a cell stays
/// plain bytes. Numbers are never reused: a session meets few such characters, each kept once.
/// Any thread may draw (tests render screens concurrently), so the table is behind a lock;
/// cells of one code point never touch it.
package final class GraphemeClusters: Sendable {
    /// The number of the first cluster: one past the largest code point.
    package static let firstCode: UInt32 = 0x11_0000

    /// The one table every cell uses.
    package static let shared = GraphemeClusters()

    private struct Table {
        var characters: [Character] = []
        var codes: [Character: UInt32] = [:]
    }

    private let table = Mutex(Table())

    /// The number standing for `character`, given it the first time.
    func code(for character: Character) -> UInt32 {
        table.withLock { table in
            if let code = table.codes[character] { return code }
            let code = Self.firstCode + UInt32(table.characters.count)
            table.characters.append(character)
            table.codes[character] = code
            return code
        }
    }

    /// The character `code` stands for; a replacement character for a number never given.
    func character(for code: UInt32) -> Character {
        table.withLock { table in
            let index = Int(code - Self.firstCode)
            return table.characters.indices.contains(index) ? table.characters[index] : "\u{FFFD}"
        }
    }
}
