import Foundation
import Testing

@testable import Experiments

/// Every file in `invalid_configs/` fails to load with the message on its `# expect:` line.
@Suite struct InvalidConfigTests {
    @Test(arguments: Fixtures.invalidFiles)
    func invalidConfigNamesFileLineAndKey(path: String) throws {
        let expectation = try #require(Fixtures.expectation(of: path), "\(path) has no '# expect:' first line")
        do {
            let config = try ConfigLoader.load(file: path)
            Issue.record("\(path) loaded as '\(config.name)' but should fail with: \(expectation)")
        } catch {
            let expected = "\(path):\(expectation)"
            #expect(error.description.hasPrefix(expected), "got: \(error.description)")
            #expect(!error.description.contains("\n"), "messages are one line: \(error.description)")
        }
    }

    @Test func invalidFixturesCoverTheRequiredProblems() {
        let names = Set(Fixtures.invalidFiles.map { ($0 as NSString).lastPathComponent })
        for required in [
            "unknown-layer.yaml", "unknown-argument.yaml", "wrong-type.yaml", "missing-units.yaml",
            "bad-activation.yaml", "bad-loss.yaml", "negative-epochs.yaml", "malformed.yaml",
        ] {
            #expect(names.contains(required), "missing fixture \(required)")
        }
    }

    @Test func unknownLayerListsEveryRegisteredLayer() throws {
        let path = (Fixtures.invalidDirectory as NSString).appendingPathComponent("unknown-layer.yaml")
        let error = try #require(Fixtures.error(loading: path))
        guard case .unknownName(let location, let category, let name, let known) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(location.line == 7)
        #expect(category == "layer")
        #expect(name == "Dens")
        #expect(known == LayerRegistry.keras.names.sorted())
    }

    @Test func wrongTypeSaysWhatWasExpected() {
        let yaml = """
            name: x
            model: {input: [784], layers: [{Dense: {units: [1, 2]}}]}
            compile: {loss: mse, optimizer: Adam}
            """
        #expect(
            throws: ConfigError.wrongType(
                ConfigLocation(file: "inline.yaml", line: 2, path: "model.layers[0].Dense.units"),
                expected: "a positive integer", found: "a list")
        ) {
            try ConfigLoader.parse(yaml: yaml, file: "inline.yaml", identifier: "inline")
        }
    }

    @Test func quotedNumberIsNotAnInteger() {
        let yaml = """
            name: x
            model: {input: [784], layers: [{Dense: {units: "10"}}]}
            compile: {loss: mse, optimizer: Adam}
            """
        #expect(
            throws: ConfigError.wrongType(
                ConfigLocation(file: "inline.yaml", line: 2, path: "model.layers[0].Dense.units"),
                expected: "a positive integer", found: "'10'")
        ) {
            try ConfigLoader.parse(yaml: yaml, file: "inline.yaml", identifier: "inline")
        }
    }

    /// A name given to one layer stays with it even when an unnamed layer would default to it.
    @Test func givenLayerNameIsKeptOverADefault() throws {
        let yaml = """
            name: x
            model: {input: [784], layers: [{Dense: {units: 100}}, {Dense: {units: 10, activation: softmax, name: dense}}]}
            compile: {loss: categorical_crossentropy, optimizer: Adam}
            """
        let model = try ConfigLoader.parse(yaml: yaml, file: "inline.yaml", identifier: "inline").makeModel()
        #expect(model.layers.map(\.name) == ["dense_1", "dense"])
    }

    /// Activations too large for any machine are refused before training starts, with a size.
    @Test func activationsBeyondMemoryAreRefusedAtPlanTime() throws {
        let yaml = """
            name: x
            model:
              input: [1, 28, 28]
              layers:
                - Conv2D: {filters: 100000, kernel_size: 3, padding: same}
                - MaxPooling2D: {pool_size: 28}
                - Flatten
                - Dense: {units: 10, activation: softmax}
            compile: {loss: categorical_crossentropy, optimizer: Adam}
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "inline.yaml", identifier: "inline")
        let error = #expect(throws: ConfigError.self) { try config.makePlan(data: Fixtures.dataset(count: 4)) }
        #expect(
            error?.description.contains("a batch of 500 through this model needs about") == true,
            "\(String(describing: error))")
        #expect(error?.description.contains("use a smaller batch size or smaller layers") == true)
    }

    /// Under `ulimit -v` (or a container's limit) the run is measured against that limit, not
    /// against physical memory, and the message says which limit it met.
    @Test func activationsBeyondATighterLimitAreRefusedNamingIt() throws {
        let config = try ConfigLoader.load(Fixtures.valid("minimal.yaml"))
        let budget = MemoryBudget(limit: .addressSpace, total: 1 << 30, available: 100 << 20)
        let error = #expect(throws: ConfigError.self) {
            try config.makePlan(data: Fixtures.dataset(count: 4), batchSize: 100_000, memory: budget)
        }
        #expect(
            error?.description.contains(
                "more than the 0.1 GiB this process can spare under the 1.0 GiB address-space limit (ulimit -v)")
                == true, "\(String(describing: error))")
        let roomy = MemoryBudget(limit: .addressSpace, total: 1 << 40, available: 1 << 39)
        _ = try config.makePlan(data: Fixtures.dataset(count: 4), batchSize: 100_000, memory: roomy)
    }

    @Test func aThousandAndOneLayersAreTooMany() {
        let layers = String(repeating: "    - Activation: relu\n", count: 1_001)
        let yaml = "name: x\nmodel:\n  input: [784]\n  layers:\n" + layers + "compile: {loss: mse, optimizer: Adam}\n"
        #expect(throws: ConfigError.self) {
            try ConfigLoader.parse(yaml: yaml, file: "inline.yaml", identifier: "inline")
        }
    }
}
