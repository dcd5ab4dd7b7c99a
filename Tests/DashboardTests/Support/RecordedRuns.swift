import Foundation
import NeuroEngine
import Training

/// Event sequences as trainers post them, with fixed figures, for snapshot tests.
enum RecordedRuns {
    static let mlpLayers: [LayerSummary] = [
        LayerSummary(
            name: "dense", kind: "Dense", outputShape: [100], parameterCount: 78_500, trainableParameterCount: 78_500,
            trainable: true, kernelCount: 78_400),
        LayerSummary(
            name: "dense_1", kind: "Dense", outputShape: [100], parameterCount: 10_100, trainableParameterCount: 10_100,
            trainable: true, kernelCount: 10_000),
        LayerSummary(
            name: "dense_2", kind: "Dense", outputShape: [10], parameterCount: 1_010, trainableParameterCount: 1_010,
            trainable: true, kernelCount: 1_000),
    ]

    static let cnnLayers: [LayerSummary] = [
        LayerSummary(
            name: "conv2d", kind: "Conv2D", outputShape: [10, 28, 28], parameterCount: 90, trainableParameterCount: 90,
            trainable: true, kernelCount: 90),
        LayerSummary(
            name: "batch_normalization", kind: "BatchNormalization", outputShape: [10, 28, 28], parameterCount: 40,
            trainableParameterCount: 20, trainable: true, kernelCount: 0),
        LayerSummary(
            name: "activation", kind: "Activation", outputShape: [10, 28, 28], parameterCount: 0,
            trainableParameterCount: 0, trainable: true, kernelCount: 0),
        LayerSummary(
            name: "max_pooling2d", kind: "MaxPooling2D", outputShape: [10, 14, 14], parameterCount: 0,
            trainableParameterCount: 0, trainable: true, kernelCount: 0),
        LayerSummary(
            name: "flatten", kind: "Flatten", outputShape: [1960], parameterCount: 0, trainableParameterCount: 0,
            trainable: true, kernelCount: 0),
        LayerSummary(
            name: "dense", kind: "Dense", outputShape: [10], parameterCount: 19_610, trainableParameterCount: 19_610,
            trainable: true, kernelCount: 19_600),
    ]

    /// Tanh 100-100-10 on MNIST, 5 epochs of 938 steps, recorded up to `steps` steps.
    /// `lossScale` and `seed` make other runs of it (for comparisons).
    static func mlp(steps: Int = 1_341, state: RunState = .running, lossScale: Double = 1, seed: UInt64 = 42)
        -> [TrainingEvent]
    {
        var events: [TrainingEvent] = [
            .started(
                RunInfo(
                    name: "Tanh 100-100-10", identifier: "mlp-tanh-2", datasetName: "mnist", trainCount: 60_000,
                    testCount: 10_000, stageCount: 1, referenceAccuracy: 0.974)),
            .stageStarted(stage(layers: mlpLayers, epochs: 5, reportsAccuracy: true)),
            .stateChanged(.running),
        ]
        events += training(
            steps: steps, layers: mlpLayers, epochs: 5, base: [2.1e-4, 6.3e-4, 3.2e-3], lossScale: lossScale, seed: seed
        )
        if state != .running { events.append(.stateChanged(state)) }
        return events
    }

    /// A CNN with layers that have no weights, for the table's handling of them.
    static func cnn(steps: Int = 500) -> [TrainingEvent] {
        var events: [TrainingEvent] = [
            .started(
                RunInfo(
                    name: "Conv-BN-ReLU-MP-10", identifier: "cnn-mp", datasetName: "mnist", trainCount: 60_000,
                    testCount: 10_000, stageCount: 1, referenceAccuracy: 0.985)),
            .stageStarted(stage(layers: cnnLayers, epochs: 5, reportsAccuracy: true)),
            .stateChanged(.running),
        ]
        events += training(steps: steps, layers: cnnLayers, epochs: 5, base: [4.0e-3, 2.0e-3, 0, 0, 0, 1.1e-3])
        return events
    }

    /// The first stage of greedy autoencoder pre-training, with reconstructions.
    static func autoencoder(steps: Int = 700) -> [TrainingEvent] {
        let layers = [
            LayerSummary(
                name: "tied_autoencoder", kind: "TiedAutoencoder", outputShape: [784], parameterCount: 78_400,
                trainableParameterCount: 78_400, trainable: true, kernelCount: 78_400)
        ]
        var info = stage(layers: layers, epochs: 5, reportsAccuracy: false)
        info.count = 5
        info.title = "pre-train 1/4"
        info.loss = "mean_squared_error"
        let events: [TrainingEvent] = [
            .started(
                RunInfo(
                    name: "Autoencoder pre-training", identifier: "ae-pretrain", datasetName: "mnist",
                    trainCount: 60_000, testCount: 10_000, stageCount: 5, referenceAccuracy: 0.973)),
            .stageStarted(info),
            .stateChanged(.running),
        ]
        var trained = training(steps: steps, layers: layers, epochs: 5, base: [8e-4], lossScale: 0.05)
        trained = trained.map { event in
            guard case .samples(var snapshot) = event else { return event }
            snapshot.predictions = nil
            snapshot.confidences = nil
            snapshot.reconstructions = snapshot.inputs.map { image in image.map { $0 * 3.1 + 0.05 } }
            return .samples(snapshot)
        }
        return events + trained
    }

    /// The second stage of denoising pre-training: the model sees corrupted digits (shifted,
    /// with noisy pixels) and reconstructs the clean ones.
    static func denoising(steps: Int = 300) -> [TrainingEvent] {
        let layers = [
            LayerSummary(
                name: "encoder", kind: "Dense", outputShape: [100], parameterCount: 78_400, trainableParameterCount: 0,
                trainable: false, kernelCount: 78_400),
            LayerSummary(
                name: "tied_autoencoder", kind: "TiedAutoencoder", outputShape: [100], parameterCount: 10_000,
                trainableParameterCount: 10_000, trainable: true, kernelCount: 10_000),
            LayerSummary(
                name: "decoder", kind: "Dense", outputShape: [784], parameterCount: 78_400, trainableParameterCount: 0,
                trainable: false, kernelCount: 78_400),
        ]
        var info = stage(layers: layers, epochs: 10, reportsAccuracy: false)
        info.index = 1
        info.count = 5
        info.title = "pre-train 2/4"
        info.loss = "mean_squared_error"
        let events: [TrainingEvent] = [
            .started(
                RunInfo(
                    name: "Denoising pre-training", identifier: "ae-denoise", datasetName: "mnist", trainCount: 60_000,
                    testCount: 10_000, stageCount: 5, referenceAccuracy: 0.977)),
            .stageStarted(info),
            .stateChanged(.running),
        ]
        var trained = training(steps: steps, layers: layers, epochs: 10, base: [0, 2e-4, 0], lossScale: 0.04)
        trained = trained.map { event in
            guard case .samples(var snapshot) = event else { return event }
            snapshot.predictions = nil
            snapshot.confidences = nil
            snapshot.cleanInputs = snapshot.inputs
            // Shift each digit 3 pixels right and light every 37th pixel, as corruption would.
            snapshot.inputs = snapshot.inputs.map { image in
                (0..<image.count).map { i in
                    let shifted = i % 28 >= 3 ? image[i - 3] : 0
                    return i % 37 == 0 ? shifted + 0.8 : shifted
                }
            }
            snapshot.reconstructions = snapshot.cleanInputs?.map { image in image.map { $0 * 2.4 + 0.1 } }
            return .samples(snapshot)
        }
        return events + trained
    }

    // MARK: - Pieces

    static func stage(layers: [LayerSummary], epochs: Int, reportsAccuracy: Bool) -> StageInfo {
        let total = layers.reduce(0) { $0 + $1.parameterCount }
        let trainable = layers.reduce(0) { $0 + $1.trainableParameterCount }
        return StageInfo(
            index: 0, count: 1, title: "fit", epochs: epochs, stepsPerEpoch: 938, batchSize: 64, learningRate: 0.001,
            optimizer: "Adam", loss: "categorical_crossentropy", reportsAccuracy: reportsAccuracy, layers: layers,
            parameterCounts: ParameterCounts(total: total, trainable: trainable))
    }

    static func training(
        steps: Int, layers: [LayerSummary], epochs: Int, base: [Double], lossScale: Double = 1, seed: UInt64 = 42
    ) -> [TrainingEvent] {
        var rng = SeededRandom(seed: seed)
        func noise() -> Double { Double(rng.next() % 10_000) / 10_000 - 0.5 }
        var events: [TrainingEvent] = [.samples(samples(wrong: [0, 3, 5, 6, 9, 11, 12]))]
        let perEpoch = 938
        var lossSum = 0.0
        var correct = 0.0
        var seen = 0
        for global in 1...max(steps, 1) {
            let epoch = (global - 1) / perEpoch
            let step = (global - 1) % perEpoch + 1
            if step == 1 {
                lossSum = 0
                correct = 0
                seen = 0
            }
            let g = Double(global)
            let level = 0.06 + 2.2 * exp(-g / 110) + 0.25 * exp(-g / 900)
            let loss = max(0.01, level * (1 + 0.35 * noise())) * lossScale
            let accuracy = min(1, max(0, 1 - level * 0.42 + 0.06 * noise()))
            lossSum += loss
            correct += accuracy
            seen += 1
            events.append(
                .batchEnded(
                    BatchProgress(
                        epoch: epoch, step: step, stepsPerEpoch: perEpoch, globalStep: global, loss: Float(loss),
                        accuracy: Float(accuracy), epochLoss: Float(lossSum / Double(seen)),
                        epochAccuracy: Float(correct / Double(seen)), samplesPerSecond: 41_250,
                        epochElapsed: Double(seen) * 64 / 41_250)))
            if global % 40 == 0 {
                let parameters = layers.enumerated().compactMap { index, layer -> ParameterStatistics? in
                    guard layer.parameterCount > 0, index < base.count, base[index] > 0 else { return nil }
                    let mean = base[index] * (1 + 1.5 * exp(-g / 250)) * (1 + 0.2 * noise())
                    return ParameterStatistics(
                        layerIndex: index, layerName: layer.name,
                        parameterName: layer.kernelCount > 0 ? "kernel" : "gamma",
                        isKernel: layer.kernelCount > 0, meanAbsGradient: Float(mean),
                        maxAbsGradient: Float(mean * 17.5),
                        updateRatio: layer.trainable ? Float(2.5e-3 * exp(-g / 2_000) / Double(index + 1)) : nil)
                }
                events.append(.gradients(GradientSnapshot(globalStep: global, parameters: parameters)))
            }
            if global % 300 == 0 {
                events.append(.samples(samples(wrong: global < 600 ? [3, 9] : [9])))
            }
            if step == perEpoch {
                let seconds = Double(perEpoch) * 64 / 41_250
                events.append(
                    .epochEnded(
                        EpochSummary(
                            epoch: epoch, epochs: epochs, stepsPerEpoch: perEpoch, loss: Float(lossSum / Double(seen)),
                            accuracy: Float(correct / Double(seen)), validationLoss: Float(level * 1.1 * lossScale),
                            validationAccuracy: Float(1 - level * 0.38), seconds: seconds, samplesPerSecond: 41_250)))
            }
        }
        return events
    }

    /// Sixteen test digits (labels 7 2 1 0 4 1 4 9 5 9 0 6 9 0 1 5, as MNIST's test set starts),
    /// predicted right except at the `wrong` positions.
    static func samples(wrong: Set<Int>) -> SampleSnapshot {
        let labels = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5]
        let predictions = labels.enumerated().map { wrong.contains($0.offset) ? ($0.element + 3) % 10 : $0.element }
        let confidences = labels.indices.map { Float(wrong.contains($0) ? 0.41 : 0.97 - Float($0) * 0.01) }
        return SampleSnapshot(
            rows: 28, columns: 28, inputs: labels.map { SyntheticDigits.image($0) }, labels: labels,
            predictions: predictions, confidences: confidences)
    }
}
