import Testing
import Training

/// Text wrapped by terminal columns, breaking only at spaces and zero-width spaces.
struct StringWrappingTests {
    @Test func wrapsAtSpacesWithinTheColumns() {
        #expect("one two three four".wrapped(toColumns: 9) == ["one two", "three", "four"])
        #expect("one  two".wrapped(toColumns: 20) == ["one two"])
        #expect("".wrapped(toColumns: 5) == [""])
    }

    @Test func thaiBreaksOnlyAtTheMarkedWordBoundaries() {
        // Four words of 2, 3, 2 and 4 columns: vowels above and tone marks take none.
        let text = "ชั้น\u{200B}ซ่อน\u{200B}ชั้น\u{200B}เดียว"
        #expect("ชั้น".displayWidth == 2)
        #expect("เดียว".displayWidth == 4)
        #expect(text.wrapped(toColumns: 6) == ["ชั้นซ่อน", "ชั้นเดียว"])
        #expect(text.wrapped(toColumns: 7) == ["ชั้นซ่อนชั้น", "เดียว"])
        #expect(text.wrapped(toColumns: 100) == ["ชั้นซ่อนชั้นเดียว"])
        for line in text.wrapped(toColumns: 4) {
            #expect(line.displayWidth <= 4)
            #expect(!line.unicodeScalars.contains("\u{200B}"))
        }
    }

    @Test func aSpaceBesideAZeroWidthSpaceIsKeptAsOneSpace() {
        #expect("ค่า\u{200B} ลบ".wrapped(toColumns: 20) == ["ค่า ลบ"])
        #expect("ค่า \u{200B}ลบ".wrapped(toColumns: 20) == ["ค่า ลบ"])
    }

    @Test func aWordWiderThanTheLineIsCutWithItsMarksKept() {
        let lines = "ชั้นชั้นชั้น".wrapped(toColumns: 3)
        #expect(lines == ["ชั้นชั้", "นชั้น"])
        #expect(lines.allSatisfy { $0.displayWidth <= 3 })
        // Every mark stays right after a base character.
        for line in lines { #expect(line.unicodeScalars.first?.displayWidth == 1) }
    }

    @Test func wideCharactersNeverStraddleTheEdge() {
        #expect("全結合層".wrapped(toColumns: 3) == ["全", "結", "合", "層"])
        #expect("全".wrapped(toColumns: 1) == ["全"])
    }

    @Test func newlinesStartNewLines() {
        #expect("a b\nc".wrapped(toColumns: 10) == ["a b", "c"])
    }
}
