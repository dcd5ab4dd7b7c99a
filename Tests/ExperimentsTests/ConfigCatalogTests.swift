import Foundation
import Testing

@testable import Experiments

/// Finding the bundled configs directory and listing what is in it.
@Suite struct ConfigCatalogTests {
    static let validConfig = """
        name: NAME
        model: {input: [784], layers: [{Dense: {units: 10, activation: softmax}}]}
        compile: {loss: categorical_crossentropy, optimizer: Adam}
        reference: {test_accuracy: 0.9}
        """

    /// Writes `configs/<identifier>.yaml` files (valid ones named after their identifier) under `root`.
    static func makeConfigs(in directory: String, identifiers: [String]) throws {
        for identifier in identifiers {
            let text = validConfig.replacingOccurrences(of: "NAME", with: "Config \(identifier)")
            try Fixtures.write(text, to: (directory as NSString).appendingPathComponent("\(identifier).yaml"))
        }
    }

    @Test func environmentVariableWins() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let catalog = try ConfigCatalog.locate(
            environment: ["NEUROTOP_CONFIGS": root], executablePath: nil, currentDirectory: "/")
        #expect(catalog.directory == root)
    }

    @Test func environmentVariableThatIsNoDirectoryIsAnError() {
        #expect(
            throws: ConfigError.configsDirectoryNotFound(searched: ["NEUROTOP_CONFIGS=/no/such/dir (not a directory)"])
        ) {
            try ConfigCatalog.locate(
                environment: ["NEUROTOP_CONFIGS": "/no/such/dir"], executablePath: nil, currentDirectory: "/")
        }
    }

    @Test func walksUpFromTheExecutable() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.makeConfigs(in: root + "/checkout/configs", identifiers: ["mlp-tanh-1"])
        // An unrelated configs/ without the marker file, closer to the executable, is skipped.
        try Fixtures.write("x: 1\n", to: root + "/checkout/.build/configs/other.yaml")
        let catalog = try ConfigCatalog.locate(
            environment: [:], executablePath: root + "/checkout/.build/debug/neurotop", currentDirectory: "/")
        #expect(catalog.directory == root + "/checkout/configs")
    }

    @Test func findsAnInstalledCopyUnderShare() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.makeConfigs(in: root + "/usr/share/neurotop/configs", identifiers: ["mlp-tanh-1"])
        let catalog = try ConfigCatalog.locate(
            environment: [:], executablePath: root + "/usr/bin/neurotop", currentDirectory: "/")
        #expect(catalog.directory == root + "/usr/share/neurotop/configs")
    }

    @Test func walksUpFromTheWorkingDirectory() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.makeConfigs(in: root + "/project/configs", identifiers: ["mlp-tanh-1"])
        try FileManager.default.createDirectory(
            atPath: root + "/project/Sources/deep", withIntermediateDirectories: true)
        let catalog = try ConfigCatalog.locate(
            environment: [:], executablePath: "/usr/bin/true", currentDirectory: root + "/project/Sources/deep")
        #expect(catalog.directory == root + "/project/configs")
        // Not inside the working directory, so shown as found.
        #expect(catalog.displayDirectory == root + "/project/configs")
    }

    @Test func nothingFoundSaysWhereItLooked() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        do {
            _ = try ConfigCatalog.locate(
                environment: [:], executablePath: root + "/bin/neurotop", currentDirectory: root)
            Issue.record("found a configs directory where there is none")
        } catch {
            guard case .configsDirectoryNotFound(let searched) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(searched == ["above \(root)/bin", "above \(root)"])
            #expect(error.description.contains("NEUROTOP_CONFIGS"))
        }
    }

    @Test func entriesAreGroupedInArticleOrderWithNaturalNumbering() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.makeConfigs(
            in: root, identifiers: ["ae-pretrain", "cnn-flat", "mlp-tanh-10", "mlp-tanh-2", "zz-custom", "mlp-relu-1"])
        let catalog = ConfigCatalog(directory: root)
        #expect(
            catalog.identifiers == ["mlp-relu-1", "mlp-tanh-2", "mlp-tanh-10", "cnn-flat", "ae-pretrain", "zz-custom"])
        let entries = catalog.entries()
        #expect(entries.map(\.group) == [.mlp, .mlp, .mlp, .cnn, .autoencoder, .other])
        #expect(entries.map(\.name).first == "Config mlp-relu-1")
        #expect(entries.allSatisfy { $0.referenceAccuracy == 0.9 && $0.problem == nil })
    }

    @Test func brokenFileIsListedWithItsProblem() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.makeConfigs(in: root, identifiers: ["mlp-good"])
        try Fixtures.write("name: [unclosed\n", to: root + "/mlp-broken.yaml")
        let entries = ConfigCatalog(directory: root).entries()
        #expect(entries.map(\.identifier) == ["mlp-broken", "mlp-good"])
        let broken = try #require(entries.first)
        #expect(broken.name == "mlp-broken")
        #expect(broken.referenceAccuracy == nil)
        guard case .malformedYAML = broken.problem else {
            Issue.record("expected a YAML problem, got \(String(describing: broken.problem))")
            return
        }
    }

    @Test func bundledCatalogListsTheArticleConfigs() throws {
        let entries = ConfigCatalog(directory: Fixtures.bundledDirectory).entries()
        #expect(entries.allSatisfy { $0.problem == nil })
        let tanh = try #require(entries.first { $0.identifier == "mlp-tanh-1" })
        #expect(tanh.name == "Tanh 100-10")
        #expect(tanh.group == .mlp)
        #expect(tanh.referenceAccuracy == 0.972)
        #expect(entries.contains { $0.identifier == ConfigCatalog.defaultIdentifier })
    }

    @Test func groupsComeFromTheIdentifierPrefix() {
        #expect(ConfigGroup(identifier: "mlp-relu-3") == .mlp)
        #expect(ConfigGroup(identifier: "cnn-mp-conv") == .cnn)
        #expect(ConfigGroup(identifier: "ae-denoise") == .autoencoder)
        #expect(ConfigGroup(identifier: "mlpx") == .other)
    }

    @Test func relativePathsOnlyInsideTheBase() {
        #expect(ConfigCatalog.relative("/a/b/configs", to: "/a/b") == "configs")
        #expect(ConfigCatalog.relative("/a/bc/configs", to: "/a/b") == "/a/bc/configs")
        #expect(ConfigCatalog.relative("/x/configs", to: "/a") == "/x/configs")
    }
}
