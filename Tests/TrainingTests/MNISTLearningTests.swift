import Datasets
import Experiments
import Testing

@testable import Training

/// The bundled config on a slice of the real MNIST, through the same trainer the CLI uses.
@Test func reluMLPLearnsASliceOfMNIST() throws {
    let mnist = try DatasetCatalog.load(name: "mnist", directory: nil)
    let slice = Dataset(name: "mnist", train: mnist.train.prefix(3000), test: mnist.test.prefix(1000))
    let config = try ConfigLoader.load("mlp-relu-1")
    let plan = try config.makePlan(data: slice, epochs: 3)
    let trainer = Trainer(plan: plan, options: .headless)
    trainer.start()
    let events = collectEvents(from: trainer, timeout: 120) {
        if case .finished = $0 { return true }
        if case .failed = $0 { return true }
        return false
    }
    guard case .finished(let result)? = events.last else {
        Issue.record("training did not finish: \(String(describing: events.last))")
        return
    }
    // Chance is 10%; 3,000 images for 3 epochs reach about 90%.
    #expect((result.testAccuracy ?? 0) > 0.85)
    let epochLosses = events.compactMap { if case .epochEnded(let s) = $0 { s.loss } else { nil } }
    #expect(epochLosses.count == 3)
    #expect(epochLosses == epochLosses.sorted(by: >))
}
