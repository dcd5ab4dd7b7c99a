import Dashboard
import Testing

struct ScreenBufferTests {
    @Test func putClipsToTheBuffer() {
        var buffer = ScreenBuffer(width: 5, height: 2)
        buffer.put("abcdefg", x: 2, y: 1)
        #expect(buffer.plainText == "\n  abc\n")
    }

    @Test func putInRectFitsAndAligns() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        buffer.put("ab", in: Rect(x: 0, y: 0, width: 8, height: 1), alignment: .right)
        #expect(buffer.line(0) == "      ab")
        buffer.put("abcdefghij", in: Rect(x: 0, y: 0, width: 8, height: 1))
        #expect(buffer.line(0) == "abcdefg~")
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.put("a\u{1B}b", x: 0, y: 0)
        #expect(buffer.line(0) == "a?b")
    }

    @Test func boxDrawsItsFrameAndTitle() {
        var buffer = ScreenBuffer(width: 12, height: 3)
        buffer.box(buffer.bounds, title: "hi", glyphs: .ascii, style: .plain, titleStyle: .plain)
        #expect(buffer.plainText == "+- hi -----+\n|          |\n+----------+\n")
    }
}
