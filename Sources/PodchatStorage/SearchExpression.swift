/// A ``SearchQuery``'s terms as an FTS5 query: each term a quoted string (so no word is read as
/// an operator), `*` after a prefix, implicit AND between terms.
enum SearchExpression {
    /// Matches a text that contains every term.
    static func allOf(_ terms: [SearchQuery.Term]) -> String {
        terms.map(rendered).joined(separator: " ")
    }

    /// Matches a text that contains any of the terms.
    static func anyOf(_ terms: [SearchQuery.Term]) -> String {
        terms.map(rendered).joined(separator: " OR ")
    }

    /// The words hold only letters and digits (``SearchQuery``), so need no escaping.
    private static func rendered(_ term: SearchQuery.Term) -> String {
        "\"\(term.words)\"" + (term.isPrefix ? " *" : "")
    }
}
