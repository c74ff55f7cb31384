import PodchatApp
import PodchatTestSupport
import Testing

@Suite struct LineEditorTests {
    init() { TestLocale.useUTF8() }

    @Test func insertsAtTheCaret() {
        var editor = LineEditor("ac")
        editor.moveLeft()
        editor.insert("b")
        #expect(editor.text == "abc")
        #expect(editor.caret == 2)
    }

    @Test func deletesBackwardAndForward() {
        var editor = LineEditor("abc")
        editor.deleteBackward()
        #expect(editor.text == "ab")
        editor.moveLeft()
        editor.moveLeft()
        editor.deleteForward()
        #expect(editor.text == "b")
        editor.moveLeft()
        editor.deleteBackward()
        #expect(editor.text == "b")
    }

    @Test func movesToLineStartAndEndWithinMultipleLines() {
        var editor = LineEditor("first\nsecond")
        editor.moveToLineStart()
        #expect(editor.caret == 6)
        editor.moveLeft()
        editor.moveToLineStart()
        #expect(editor.caret == 0)
        editor.moveToLineEnd()
        #expect(editor.caret == 5)
    }

    @Test func deletesToLineStart() {
        var editor = LineEditor("keep\ndrop this")
        editor.deleteToLineStart()
        #expect(editor.text == "keep\n")
    }

    @Test func takeEmptiesTheEditor() {
        var editor = LineEditor("hello")
        #expect(editor.take() == "hello")
        #expect(editor.text.isEmpty && editor.caret == 0)
    }

    @Test func layoutHardWrapsAndPlacesTheCaretInColumns() {
        let editor = LineEditor("日本語abc\nxy")
        let layout = editor.layout(width: 5)
        #expect(layout.rows == ["日本", "語abc", "xy"])
        #expect(layout.caretRow == 2)
        #expect(layout.caretColumn == 2)
    }

    @Test func caretAfterAFullRowMovesToTheNextRow() {
        let layout = LineEditor("abcd").layout(width: 4)
        #expect(layout.rows == ["abcd", ""])
        #expect(layout.caretRow == 1 && layout.caretColumn == 0)
    }

    @Test func caretInTheMiddleIsMeasuredInColumns() {
        var editor = LineEditor("中文x")
        editor.moveLeft()
        let layout = editor.layout(width: 10)
        #expect(layout.caretRow == 0 && layout.caretColumn == 4)
    }
}

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

@Suite struct InputHistoryTests {
    @Test func upGoesBackDownComesForwardToTheDraft() {
        var history = InputHistory(messages: ["one", "two"])
        #expect(history.older(than: "draft") == "two")
        #expect(history.older(than: "two") == "one")
        #expect(history.older(than: "one") == nil)
        #expect(history.newer() == "two")
        #expect(history.newer() == "draft")
        #expect(history.newer() == nil)
    }

    @Test func recordingEndsBrowsingAndSkipsRepeats() {
        var history = InputHistory()
        history.record("a")
        history.record("a")
        #expect(history.messages == ["a"])
        #expect(history.older(than: "") == "a")
        history.record("b")
        #expect(history.position == nil)
        #expect(history.older(than: "") == "b")
    }
}
