import PodchatApp
import Testing

@Suite struct LineEditorWordTests {
    private func editor(_ text: String, caret: Int) -> LineEditor {
        var editor = LineEditor(text)
        for _ in 0..<(text.count - caret) { editor.moveLeft() }
        return editor
    }

    @Test(arguments: [
        ("hello brave world", 17, 12), ("hello brave world", 12, 6), ("hello brave world", 6, 0),
        ("a, b", 4, 3), ("  lead", 2, 0), ("snake_case x", 10, 0),
    ])
    func wordLeft(text: String, caret: Int, expected: Int) {
        var subject = editor(text, caret: caret)
        subject.moveWordLeft()
        #expect(subject.caret == expected)
    }

    @Test(arguments: [("hello brave world", 0, 5), ("hello brave world", 5, 11), ("x, y", 1, 4), ("end", 3, 3)])
    func wordRight(text: String, caret: Int, expected: Int) {
        var subject = editor(text, caret: caret)
        subject.moveWordRight()
        #expect(subject.caret == expected)
    }

    @Test func ctrlWDeletesTheWordBefore() {
        var subject = editor("one two three", caret: 13)
        subject.deleteWordBackward()
        #expect(subject.text == "one two ")
        subject.deleteWordBackward()
        #expect(subject.text == "one ")
    }

    @Test func altDDeletesTheWordAfter() {
        var subject = editor("one two three", caret: 3)
        subject.deleteWordForward()
        #expect(subject.text == "one three")
    }

    @Test func ctrlKDeletesToTheLineEndThenTheNewline() {
        var subject = editor("first line\nsecond", caret: 5)
        subject.deleteToLineEnd()
        #expect(subject.text == "first\nsecond")
        subject.deleteToLineEnd()
        #expect(subject.text == "firstsecond")
    }

    @Test func upAndDownMoveBetweenLinesKeepingTheColumn() {
        var subject = editor("abcdef\nxy\nlonger line", caret: 20)
        #expect(subject.isOnLastLine && !subject.isOnFirstLine)
        subject.moveLineUp()
        #expect(subject.caret == 9)
        subject.moveLineUp()
        #expect(subject.caret == 2)
        #expect(subject.isOnFirstLine)
        subject.moveLineDown()
        #expect(subject.caret == 9)
        subject.moveLineDown()
        #expect(subject.caret == 12)
    }
}
