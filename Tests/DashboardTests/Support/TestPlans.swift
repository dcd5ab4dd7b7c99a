import Datasets
import NeuroEngine
import Training

/// Hand-built training plans on synthetic data (the config loader is not needed to test views).
enum TestPlans {
    /// A tanh MLP 784-32-16-10 trained with Adam on `data`.
    static func mlp(
        identifier: String = "mlp-test", data: Dataset = SyntheticDigits.dataset(), epochs: Int = 50,
        batchSize: Int = 16
    ) throws -> TrainingPlan {
        var rng = SeededRandom(seed: 3)
        let model = try Sequential(
            inputShape: [784],
            layers: [
                Dense(units: 32, activation: .tanh), Dense(units: 16, activation: .tanh),
                Dense(units: 10, activation: .softmax),
            ],
            rng: &rng)
        let stage = TrainingStage(
            title: "fit", model: model, loss: .categoricalCrossentropy, optimizer: Adam(), epochs: epochs,
            batchSize: batchSize)
        return TrainingPlan(
            name: "Test MLP \(identifier)", identifier: identifier, data: data, stages: [stage], seed: 1)
    }

    /// A ReLU MLP with a separate Activation layer, standing in for a second family of configs.
    static func relu(identifier: String = "relu-test", data: Dataset = SyntheticDigits.dataset(), epochs: Int = 50)
        throws -> TrainingPlan
    {
        var rng = SeededRandom(seed: 5)
        let model = try Sequential(
            inputShape: [784],
            layers: [Dense(units: 24), ActivationLayer(.relu), Dense(units: 10, activation: .softmax)],
            rng: &rng)
        let stage = TrainingStage(
            title: "fit", model: model, loss: .categoricalCrossentropy, optimizer: Adam(), epochs: epochs, batchSize: 16
        )
        return TrainingPlan(
            name: "Test ReLU \(identifier)", identifier: identifier, data: data, stages: [stage], seed: 2)
    }
}
