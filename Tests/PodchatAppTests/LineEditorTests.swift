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
