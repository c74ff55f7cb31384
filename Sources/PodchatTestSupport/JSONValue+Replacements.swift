import PodchatCore

extension JSONValue {
    /// Values of every kind, including ones at the edges of what decoders accept: what a
    /// field can hold when a server or a hand edit gets it wrong.
    package static let wrongValues: [JSONValue] = [
        .null, .bool(true), .number(0), .number(-1), .number(0.5), .number(1e300), .number(-1e16),
        .string(""), .string("x"), .string("\u{1B}]52;c;\u{07}"), .array([]), .array([.null]), .object([:]),
    ]

    /// Every document made from this one by a single change at any depth: one value replaced
    /// by each of `replacements`, or one object key left out.
    package func everySingleChange(replacements: [JSONValue] = wrongValues) -> [JSONValue] {
        var changed = replacements.filter { $0 != self }
        switch self {
        case .object(let fields):
            for (key, value) in fields {
                var without = fields
                without[key] = nil
                changed.append(.object(without))
                for variant in value.everySingleChange(replacements: replacements) {
                    var edited = fields
                    edited[key] = variant
                    changed.append(.object(edited))
                }
            }
        case .array(let items):
            for (index, item) in items.enumerated() {
                for variant in item.everySingleChange(replacements: replacements) {
                    var edited = items
                    edited[index] = variant
                    changed.append(.array(edited))
                }
            }
        case .null, .bool, .number, .string:
            break
        }
        return changed
    }
}
