import Testing

@testable import Experiments

/// The full-screen Thai tour under a locale that cannot show Thai letters is refused with what to
/// do; every other language and character set goes on.
@Suite struct TourLanguageLocaleTests {
    @Test(arguments: ["ANSI_X3.4-1968", "ascii", "US-ASCII", ""])
    func thaiUnderPlainASCIIIsRefusedWithTheWaysOut(codeset: String) throws {
        let problem = try #require(TourLanguage.thai.localeProblem(codeset: codeset))
        #expect(problem.contains("plain ASCII"))
        #expect(problem.contains("LANG=C.UTF-8"))
        #expect(problem.contains("--lang en"))
        #expect(problem.contains("--plain"))
    }

    @Test(arguments: ["UTF-8", "utf8", "TIS-620"])
    func thaiUnderACharacterSetWithThaiLettersGoesOn(codeset: String) {
        #expect(TourLanguage.thai.localeProblem(codeset: codeset) == nil)
    }

    @Test func englishGoesOnUnderAnyCharacterSet() {
        #expect(TourLanguage.english.localeProblem(codeset: "ANSI_X3.4-1968") == nil)
    }
}
