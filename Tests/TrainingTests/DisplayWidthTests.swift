import Testing
import Training

/// Text measured in terminal columns, with wcwidth's answers.
struct DisplayWidthTests {
    @Test func asciiTakesOneColumnPerCharacter() {
        #expect("dense_1".displayWidth == 7)
        #expect("".displayWidth == 0)
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect("全結合層".displayWidth == 8)
        #expect("한국어".displayWidth == 6)
        #expect("ｄｅｎｓｅ".displayWidth == 10)  // full-width Latin
        #expect("🧠".displayWidth == 2)
        #expect("🧠dense".displayWidth == 7)
    }

    @Test func combiningMarksAndFormatCharactersTakeNone() {
        #expect("de\u{301}nse\u{301}".displayWidth == 5)
        #expect("a\u{200B}b".displayWidth == 2)  // zero-width space
        #expect("\u{2764}\u{FE0F}".displayWidth == 1)  // variation selector adds nothing
    }

    @Test func boxDrawingAndBlocksTakeOneColumn() {
        #expect("┌─│▀█░✓✗●▶".displayWidth == 10)
    }

    @Test func prefixStopsBeforeAWideCharacterThatWouldStraddle() {
        #expect("全結合層".prefix(columns: 5) == "全結")
        #expect("ab全".prefix(columns: 3) == "ab")
        #expect("de\u{301}n".prefix(columns: 2) == "de\u{301}")
        #expect("dense".prefix(columns: 0) == "")
    }
}
