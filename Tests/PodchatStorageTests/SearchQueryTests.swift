import PodchatStorage
import Testing

@Suite struct SearchQueryTests {
    typealias Term = SearchQuery.Term

    @Test(
        arguments: [
            // Words in any order; the last one, still being typed, is a prefix.
            ("leek", [Term("leek", isPrefix: true)], []),
            ("leek ", [Term("leek")], []),
            ("leek soup", [Term("leek"), Term("soup", isPrefix: true)], []),
            ("  soup   leek  ", [Term("soup"), Term("leek")], []),
            // Explicit prefixes.
            ("leek* soup ", [Term("leek", isPrefix: true), Term("soup")], []),
            ("leek * soup ", [Term("leek"), Term("soup")], []),
            // Phrases: words that follow each other; never a prefix unless marked.
            ("\"pea soup\"", [Term("pea soup")], []),
            ("\"pea soup\"*", [Term("pea soup", isPrefix: true)], []),
            ("\"pea soup\" leek ", [Term("pea soup"), Term("leek")], []),
            ("\"pea sou", [Term("pea sou")], []),
            ("leek\"pea soup\"", [Term("leek"), Term("pea soup")], []),
            // Exclusions, of words or phrases, never a prefix while typed.
            ("-soup", [], [Term("soup")]),
            ("leek -soup", [Term("leek")], [Term("soup")]),
            ("-\"pea soup\" leek", [Term("leek", isPrefix: true)], [Term("pea soup")]),
            ("-soup* leek ", [Term("leek")], [Term("soup", isPrefix: true)]),
            // A hyphen inside a word, or punctuation, splits it into a phrase.
            ("sous-vide", [Term("sous vide", isPrefix: true)], []),
            ("don't ", [Term("don t")], []),
            ("c++ ", [Term("c")], []),
            // Letters of every script, numbers, case kept (the index ignores it).
            ("ÉCOLE дом 日本", [Term("ÉCOLE"), Term("дом"), Term("日本", isPrefix: true)], []),
            ("gpt 4o ", [Term("gpt"), Term("4o")], []),
            ("line\nbreak", [Term("line"), Term("break", isPrefix: true)], []),
        ] as [(String, [Term], [Term])])
    func understands(text: String, included: [Term], excluded: [Term]) {
        let query = SearchQuery(parsing: text)
        #expect(query.included == included)
        #expect(query.excluded == excluded)
    }

    @Test(arguments: ["", "   ", "-", "*", "\"\"", "\"", "- * \"\"", "👩‍👩‍👧", "-!!", "+++ ..."])
    func nothingToLookForIsAnEmptyQuery(text: String) {
        #expect(SearchQuery(parsing: text).isEmpty)
    }

    @Test func excludingAloneIsAQuery() {
        #expect(!SearchQuery(parsing: "-soup").isEmpty)
        #expect(SearchQuery(parsing: "-soup").included.isEmpty)
    }
}
