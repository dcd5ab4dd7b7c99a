import Datasets
import Experiments
import Foundation
import NeuroEngine
import Training

/// A small 10-class problem that a single Dense layer learns quickly: class c lights up pixel c
/// of a 4x4 image over background noise.
func syntheticDataset(train: Int = 600, test: Int = 200, seed: UInt64 = 7) -> Dataset {
    var rng = SeededRandom(seed: seed)
    func make(_ count: Int) -> ImageSet {
        var pixels: [Float] = []
        var labels: [UInt8] = []
        for _ in 0..<count {
            let label = Int(rng.next() % 10)
            for p in 0..<16 { pixels.append(p == label ? 0.6 + 0.4 * rng.nextUnit() : 0.3 * rng.nextUnit()) }
            labels.append(UInt8(label))
        }
        return ImageSet(count: count, rows: 4, columns: 4, pixels: pixels, labels: labels)
    }
    return Dataset(name: "synthetic", train: make(train), test: make(test))
}

/// A 16-32-10 tanh/softmax classifier trained with Adam for `epochs` epochs.
func syntheticPlan(epochs: Int = 2, batchSize: Int = 32, seed: UInt64 = 1, data: Dataset = syntheticDataset()) throws
    -> TrainingPlan
{
    var rng = SeededRandom(seed: seed)
    let model = try Sequential(
        inputShape: [16],
        layers: [Dense(units: 32, activation: .tanh), Dense(units: 10, activation: .softmax)],
        rng: &rng)
    let stage = TrainingStage(
        title: "fit", model: model, loss: .categoricalCrossentropy, optimizer: Adam(learningRate: 0.01),
        epochs: epochs, batchSize: batchSize)
    return TrainingPlan(name: "Synthetic", identifier: "synthetic", data: data, stages: [stage], seed: seed)
}

/// Drains `trainer`'s events until one satisfies `done` or `timeout` seconds pass.
func collectEvents(
    from trainer: Trainer, timeout: Double = 30, until done: (TrainingEvent) -> Bool
) -> [TrainingEvent] {
    var events: [TrainingEvent] = []
    let deadline = Date(timeIntervalSinceNow: timeout)
    while Date() < deadline {
        for event in trainer.events.waitAndDrain(timeout: 0.1) {
            events.append(event)
            if done(event) { return events }
        }
    }
    return events
}
