import Testing

@testable import Experiments

/// One set of rules for every name: a config's `name:` field and `import --name` refuse the same names.
@Suite struct NameRuleTests {
    @Test(
        arguments: [
            ("Tanh 100-10", nil),
            ("   ", NameRule.Fault.blank),
            ("", .blank),
            (String(repeating: "x", count: 257), .tooLong(characters: 257)),
            ("a\tb", .controlCharacters),
            ("a\nb", .controlCharacters),
            ("a\u{1B}[2Jb", .controlCharacters),
        ] as [(String, NameRule.Fault?)])
    func aNameBreaksTheFirstRuleItBreaks(name: String, fault: NameRule.Fault?) {
        #expect(NameRule.fault(of: name) == fault)
    }

    @Test func theLongestNameIsAllowed() {
        #expect(NameRule.fault(of: String(repeating: "é", count: NameRule.longestName)) == nil)
    }

    /// A config that is fine but for its name, given as a double-quoted YAML string.
    private func config(named name: String) -> String {
        let quoted = name.replacingOccurrences(of: "\t", with: "\\t")
        return "name: \"\(quoted)\"\nmodel:\n  input: [784]\n  layers:\n    - Dense: {units: 10}\n"
            + "compile: {loss: mse, optimizer: Adam}\n"
    }

    @Test func theConfigAroundTheNamesIsFine() throws {
        let parsed = try ConfigLoader.parse(yaml: config(named: "fine"), file: "named.yaml", identifier: "named")
        #expect(parsed.name == "fine")
        #expect(ConfigLoader.nameProblem("fine") == nil)
    }

    @Test(arguments: ["  ", String(repeating: "n", count: 300), "tab\there"])
    func theConfigFieldAndTheOptionRefuseTheSameNames(name: String) {
        #expect(ConfigLoader.nameProblem(name) != nil)
        #expect(throws: ConfigError.self) {
            try ConfigLoader.parse(yaml: config(named: name), file: "named.yaml", identifier: "named")
        }
    }
}
