import Foundation
import Testing

@testable import Experiments

/// The tour's text files: every language tells the same tour, and it covers the whole article.
@Suite struct TourScriptTests {
    static let catalog = ConfigCatalog(directory: Fixtures.bundledDirectory)

    static func script(_ language: TourLanguage) throws -> TourScript {
        try TourScript.load(language, catalog: catalog)
    }

    @Test(arguments: TourLanguage.allCases)
    func languageFileLoadsWithBundledConfigs(language: TourLanguage) throws {
        let script = try Self.script(language)
        #expect(script.language == language.rawValue)
        #expect(!script.steps.isEmpty)
        #expect(Set(script.steps.map(\.id)).count == script.steps.count, "step ids repeat")
    }

    @Test(arguments: TourLanguage.allCases.filter { $0 != .english })
    func translationHasTheSameStepsAsEnglish(language: TourLanguage) throws {
        let english = try Self.script(.english)
        let other = try Self.script(language)
        #expect(other.steps.map(\.id) == english.steps.map(\.id))
        for (a, b) in zip(english.steps, other.steps) {
            #expect(a.config == b.config, "step \(a.id): config")
            #expect(a.section == b.section, "step \(a.id): section")
            #expect(a.measure == b.measure, "step \(a.id): measure")
            #expect(a.panel == b.panel, "step \(a.id): panel")
            #expect(a.key == b.key, "step \(a.id): key")
        }
    }

    @Test(arguments: TourLanguage.allCases.filter { $0 != .english })
    func translationKeepsEveryPlaceholder(language: TourLanguage) throws {
        let english = try Self.script(.english)
        let other = try Self.script(language)
        #expect(other.labels.figure.tourPlaceholders.sorted() == english.labels.figure.tourPlaceholders.sorted())
        for (a, b) in zip(english.steps, other.steps) {
            for (field, text) in a.texts {
                let translated = b.texts[field] ?? ""
                #expect(
                    translated.tourPlaceholders.sorted() == text.tourPlaceholders.sorted(),
                    "step \(a.id), \(field): \(translated)")
            }
        }
    }

    @Test(arguments: TourLanguage.allCases)
    func placeholdersAreOnesTheTourFills(language: TourLanguage) throws {
        let script = try Self.script(language)
        #expect(Set(script.labels.figure.tourPlaceholders) == ["article", "you"])
        for step in script.steps {
            #expect(step.try.tourPlaceholders == ["key"], "step \(step.id): try")
            for field in ["title", "text", "look", "article"] {
                #expect(step.texts[field]?.tourPlaceholders == [], "step \(step.id), \(field)")
            }
        }
    }

    @Test func stepsCoverEverySectionOfTheArticleInOrder() throws {
        let sections = try Self.script(.english).steps.map(\.section)
        #expect(Set(sections) == Set(TourScript.Section.allCases))
        let order = TourScript.Section.allCases
        let ranks = sections.compactMap { order.firstIndex(of: $0) }
        #expect(ranks == ranks.sorted(), "steps leave the article's order: \(sections)")
    }

    @Test func thaiTextMarksWordBoundariesWithZeroWidthSpaces() throws {
        let script = try Self.script(.thai)
        for step in script.steps {
            let text = step.text
            #expect(
                text.unicodeScalars.contains { (0x0E00...0x0E7F).contains($0.value) }, "step \(step.id) is not Thai")
            // Long Thai runs without a marked boundary could not wrap in a narrow panel.
            let runs = text.split { $0 == " " || $0 == "\u{200B}" }
            let longest = runs.map(\.unicodeScalars.count).max() ?? 0
            #expect(longest <= 24, "step \(step.id): a run of \(longest) characters has no break")
        }
    }

    @Test func preferredLanguageFollowsTheLocaleVariablesInPosixOrder() {
        #expect(TourLanguage.preferred(environment: ["LANG": "th_TH.UTF-8"]) == .thai)
        #expect(TourLanguage.preferred(environment: ["LANG": "en_GB.UTF-8"]) == .english)
        #expect(TourLanguage.preferred(environment: [:]) == .english)
        #expect(TourLanguage.preferred(environment: ["LC_ALL": "C.UTF-8", "LANG": "th_TH.UTF-8"]) == .english)
        #expect(TourLanguage.preferred(environment: ["LC_MESSAGES": "th_TH", "LANG": "en_US.UTF-8"]) == .thai)
        #expect(TourLanguage.preferred(environment: ["LC_ALL": "", "LANG": "th"]) == .thai)
    }

    @Test func aStepWithoutItsConfigIsRefusedWithTheKey() throws {
        let path = NSTemporaryDirectory() + "tour-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let english = try String(contentsOfFile: Fixtures.bundledDirectory + "/tour/en.yaml", encoding: .utf8)
        try english.replacingOccurrences(of: "    config: mlp-relu-1\n", with: "").write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: TourError.self) { try TourScript.load(file: path) }
        do {
            _ = try TourScript.load(file: path)
        } catch {
            #expect(error.description.contains("missing key 'config'"))
            #expect(error.description.contains("steps[1]"))
        }
    }
}
