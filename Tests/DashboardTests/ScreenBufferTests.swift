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

    // MARK: - Terminal columns

    @Test func aWideCharacterTakesTwoCells() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        let end = buffer.put("a全b", x: 0, y: 0)
        #expect(end == 4)
        #expect(buffer[1, 0].scalar == "全" && !buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer[3, 0].scalar == "b")
        #expect(buffer.line(0) == "a全b")
        #expect(buffer.shownScalar(x: 2, y: 0) == nil)
    }

    @Test func aWideCharacterCutByTheEdgeLeavesABlank() {
        var buffer = ScreenBuffer(width: 3, height: 1)
        buffer.put("ab全", x: 0, y: 0)
        #expect(buffer[2, 0].scalar == " " && !buffer[2, 0].isContinuation)
        #expect(buffer.line(0) == "ab")
    }

    @Test func drawingOverHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.put("全全", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)
        buffer.put("y", x: 2, y: 0)
        #expect(buffer.line(0) == " xy")
        #expect(buffer.shownScalar(x: 0, y: 0) == " ")
        #expect(buffer.shownScalar(x: 3, y: 0) == " ")
    }

    @Test func fittingCountsColumnsNotCharacters() {
        var buffer = ScreenBuffer(width: 7, height: 1)
        buffer.put("全結合層", in: Rect(x: 0, y: 0, width: 5, height: 1))
        buffer.put("|", x: 5, y: 0)
        #expect(buffer.line(0) == "全結~|")
        // Cut before a wide character that would straddle the edge, then padded.
        var narrow = ScreenBuffer(width: 5, height: 1)
        narrow.put("全結合層", in: Rect(x: 0, y: 0, width: 4, height: 1))
        narrow.put("|", x: 4, y: 0)
        #expect(narrow.line(0) == "全~ |")
    }

    @Test func combiningMarksTakeNoCell() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        #expect(buffer.put("de\u{301}n", x: 0, y: 0) == 3)
        #expect(buffer.line(0) == "de\u{301}n")
        #expect(buffer[2, 0].scalar == "n")
    }
}

/// Thai and other text with combining marks, laid out by terminal columns.
struct ScreenBufferCombiningMarkTests {
    @Test func thaiVowelsAndToneMarksJoinTheCellOfTheirConsonant() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        // ท + sara ii + mai ek, then น + sara ii + mai ek: two columns, four marks.
        let end = buffer.put("ที่นี่", x: 1, y: 0)
        #expect(end == 3)
        #expect(buffer[1, 0].scalar == "ท")
        #expect(buffer[1, 0].marks.scalars == ["\u{0E35}", "\u{0E48}"])
        #expect(buffer[2, 0].scalar == "น")
        #expect(buffer[2, 0].marks.scalars == ["\u{0E35}", "\u{0E48}"])
        #expect(buffer[3, 0].scalar == " " && buffer[3, 0].marks.isEmpty)
        #expect(buffer.line(0) == " ที่นี่")
    }

    @Test func aMarkWithoutItsBaseIsLeftOut() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("\u{0E48}ab", x: 0, y: 0)
        #expect(buffer.line(0) == "ab")
        #expect(buffer[0, 0].marks.isEmpty)
        // The base cut by the clip: its mark goes with it.
        buffer.put("xyกั", x: 3, y: 0, clip: Rect(x: 0, y: 0, width: 5, height: 1))
        #expect(buffer.line(0) == "ab xy")
        #expect((0..<6).allSatisfy { buffer[$0, 0].marks.isEmpty })
    }

    @Test func zeroWidthSpacesJoinersAndVariationSelectorsTakeNoCellAndNoMark() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        buffer.put("ค่า\u{200B}ลบ\u{2764}\u{FE0F}", x: 0, y: 0)
        #expect(buffer.line(0) == "ค่าลบ\u{2764}")
        #expect(buffer[0, 0].marks.scalars == ["\u{0E48}"])
        #expect(buffer[4, 0].marks.isEmpty)
    }

    @Test func redrawingACellForgetsItsOldMarks() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.put("กี้", x: 0, y: 0)
        buffer.put("ก", x: 0, y: 0)
        #expect(buffer[0, 0].marks.isEmpty)
        #expect(buffer.line(0) == "ก")
    }

    @Test func aMarkOnAWideCharacterStaysInItsLeftCell() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.put("全\u{0301}a", x: 0, y: 0)
        #expect(buffer[0, 0].marks.scalars == ["\u{0301}"])
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer.line(0) == "全\u{0301}a")
    }

    @Test func eachLineOfThaiTextFillsExactlyTheColumnsItMeasures() {
        let text = "ตัวเลขลายมือแต่ละตัวเป็นภาพสีเทา"
        var buffer = ScreenBuffer(width: text.displayWidth, height: 1)
        buffer.put(text, x: 0, y: 0)
        #expect(buffer.line(0) == text)
        #expect((0..<buffer.width).allSatisfy { buffer[$0, 0].scalar != " " })
    }
}
