import Foundation
import Testing

@testable import Experiments

/// Text that would cost Yams seconds and gigabytes is refused before it is parsed.
@Suite struct ConfigTextLimitsTests {
    /// The header of a config whose layer list is `items`.
    private func config(listing items: String) -> String {
        "name: x\nmodel:\n  input: [784]\n  layers:\n" + items + "compile: {loss: mse, optimizer: Adam}\n"
    }

    @Test func aHugeListIsRefusedAtTheLineThatPassesTheCap() {
        // 15 MB, the size that took 7 s and 1 GB to reach the schema's complaint. The four header
        // lines hold 7 values, each item one more.
        let yaml = config(listing: String(repeating: "    - 0\n", count: 1_900_000))
        let started = ContinuousClock.now
        #expect(
            throws: ConfigError.tooComplex(
                file: "big.yaml", line: 4 + (ConfigTextLimits.largestValueCount + 1 - 7),
                problem: "more than 10000 YAML values; a config is a page of YAML, not data")
        ) {
            try ConfigLoader.parse(yaml: yaml, file: "big.yaml", identifier: "big")
        }
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func aLongFlowListCountsEveryValue() {
        let yaml = "name: x\nmodel: {input: [" + Array(repeating: "1", count: 20_000).joined(separator: ",") + "]}\n"
        #expect(throws: ConfigError.self) { try ConfigTextLimits.check(yaml, file: "f.yaml") }
        do {
            try ConfigTextLimits.check(yaml, file: "f.yaml")
        } catch {
            #expect(error.description.hasPrefix("f.yaml:2: more than 10000 YAML values"))
        }
    }

    @Test func deepFlowNestingIsRefused() {
        let yaml = "name: x\nmodel: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(
            throws: ConfigError.tooComplex(
                file: "deep.yaml", line: 2, problem: "nested more than 64 levels deep; a config needs only a few")
        ) {
            try ConfigLoader.parse(yaml: yaml, file: "deep.yaml", identifier: "deep")
        }
    }

    @Test func deepBlockNestingIsRefused() {
        let dashes = "name: x\nmodel: " + String(repeating: "- ", count: 70) + "0\n"
        let byIndent = (0..<70).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        for yaml in [dashes.replacingOccurrences(of: "model: ", with: "model:\n"), byIndent] {
            #expect(throws: ConfigError.self) { try ConfigTextLimits.check(yaml, file: "deep.yaml") }
        }
    }

    @Test func commentsQuotedTextAndBlockScalarsDoNotCount() throws {
        let words = Array(repeating: "word", count: 20_000).joined(separator: " ")
        let staircase = (1...100).map { String(repeating: " ", count: $0 + 2) + "step \($0)" }.joined(separator: "\n")
        let yaml = """
            # \(words)
            name: "\(words)"
            other: '\(words) it''s'
            notes: |
            \(staircase)
            model:
              input: [784]
              layers:
                - Dense: {units: 10, activation: softmax}  # \(words)
            """
        try ConfigTextLimits.check(yaml, file: "f.yaml")
    }

    @Test func aQuotedStringOverSeveralLinesIsOneValue() throws {
        let lines = (0..<20_000).map { "  line \($0) [ {" }.joined(separator: "\n")
        try ConfigTextLimits.check("name: \"first\n\(lines)\"\nseed: 1\n", file: "f.yaml")
    }

    @Test func everyBundledAndTestConfigIsWellWithinTheCaps() throws {
        let files = Fixtures.yamlFiles(in: Fixtures.bundledDirectory) + Fixtures.validFiles + Fixtures.invalidFiles
        #expect(files.count > 40)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            try ConfigTextLimits.check(text, file: file)
        }
    }
}
