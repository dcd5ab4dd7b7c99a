import Testing

@testable import Dashboard

struct FormatTests {
    @Test func fixedRoundsWithoutTheLocale() {
        #expect(Format.fixed(0.12345, 3) == "0.123")
        #expect(Format.fixed(-1.5, 0) == "-2")
        #expect(Format.fixed(2.0, 2) == "2.00")
        #expect(Format.fixed(Double.nan, 2) == "nan")
    }

    @Test func scientificHasTwoDigitExponents() {
        #expect(Format.scientific(0.00123) == "1.23e-03")
        #expect(Format.scientific(9.999e-5) == "1.00e-04")
        #expect(Format.scientific(12345.0) == "1.23e+04")
        #expect(Format.scientific(0.0) == "0.00e+00")
    }

    @Test func groupsThousands() {
        #expect(Format.grouped(78_500) == "78,500")
        #expect(Format.grouped(999) == "999")
        #expect(Format.grouped(1_234_567) == "1,234,567")
    }

    @Test func durations() {
        #expect(Format.duration(65) == "1:05")
        #expect(Format.duration(3_725) == "1:02:05")
        #expect(Format.duration(-1) == "--:--")
    }
}
