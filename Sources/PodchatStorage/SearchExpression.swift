/// A ``SearchQuery``'s terms as an FTS5 query: each term a quoted string (so no word is read as
/// an operator), `*` after a prefix, implicit AND between terms.
enum SearchExpression {
    /// Matches a text that contains every term.
    static func allOf(_ terms: [SearchQuery.Term]) -> String {
        terms.map(rendered).joined(separator: " ")
    }

    /// Matches a text that contains, for every group, one of its terms.
    static func allOf(alternatives groups: [[SearchQuery.Term]]) -> String {
        // AND spelled out: FTS5 takes no implicit AND before a parenthesis.
        groups.map { $0.count == 1 ? rendered($0[0]) : "(" + anyOf($0) + ")" }.joined(separator: " AND ")
    }

    /// Matches a text that contains any of the terms.
    static func anyOf(_ terms: [SearchQuery.Term]) -> String {
        terms.map(rendered).joined(separator: " OR ")
    }

    /// The words hold only letters and digits (``SearchQuery``), so need no escaping. A prefix
    /// of one letter is searched as that word: the index keeps words by their first two and
    /// three letters, and merging every word that begins with one letter took 45 s over 10,000
    /// conversations.
    private static func rendered(_ term: SearchQuery.Term) -> String {
        let isPrefix = term.isPrefix && (term.words.split(separator: " ").last?.count ?? 0) > 1
        return "\"\(term.words)\"" + (isPrefix ? " *" : "")
    }
}
