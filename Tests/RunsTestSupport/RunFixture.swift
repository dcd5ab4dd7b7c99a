import Foundation
import NeuroEngine
import Runs
import Training

/// A runs directory made by hand (a helper target shared by the tests of every reader), file by file, exactly as docs/events.md lays it out: what
/// the readers are tested against (and a recorder's output must look like).
public final class RunFixture {
    public let root: String

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("neurotop-runs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// A run directory `id` with the given `run.json` text and event lines (nil leaves a file out).
    @discardableResult
    public func makeRun(id: String, summary: String?, lines: [String]?, unfinishedTail: String = "") throws
        -> RunDirectory
    {
        let directory = RunDirectory(id: id, path: root + "/" + id)
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        if let summary { try summary.write(toFile: directory.summaryPath, atomically: true, encoding: .utf8) }
        if let lines {
            let text = lines.map { $0 + "\n" }.joined() + unfinishedTail
            try text.write(toFile: directory.eventsPath, atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// A `run.json` as the recorder writes it.
    public static func summary(
        id: String, config: String, status: String = "finished", started: String = "2026-11-30T21:00:00Z",
        epochs: Int = 2, accuracy: String = "0.8418", seed: Int = 1
    ) -> String {
        """
        {"config":"\(config)","ended":null,"epochs_done":\(epochs),"id":"\(id)","name":"Tanh 100-10",\
        "parent":null,"seed":\(seed),"started":"\(started)","status":"\(status)","test_accuracy":\(accuracy),\
        "test_loss":0.6481693,"version":"0.1.0"}
        """
    }

    /// An event's `--json` line with `"v":1` added, as `events.jsonl` holds it.
    public static func line(_ event: TrainingEvent) -> String {
        versioned(event.jsonLine())
    }

    public static func versioned(_ jsonLine: String) -> String {
        "{\"v\":1," + jsonLine.dropFirst()
    }

    /// The events of a small two-epoch run of a 784-100-10 MLP, 4 steps an epoch, with its
    /// test figures at the end; `accuracy` shifts every accuracy (to tell runs apart).
    public static func events(epochs: Int = 2, steps: Int = 4, accuracy: Float = 0.8, lossScale: Float = 1)
        -> [TrainingEvent]
    {
        let layers = [
            LayerSummary(
                name: "dense", kind: "Dense", outputShape: [100], parameterCount: 78_500,
                trainableParameterCount: 78_500,
                trainable: true, kernelCount: 78_400),
            LayerSummary(
                name: "dense_1", kind: "Dense", outputShape: [10], parameterCount: 1010, trainableParameterCount: 1010,
                trainable: true, kernelCount: 1000),
        ]
        var events: [TrainingEvent] = [
            .started(
                RunInfo(
                    name: "Tanh 100-10", identifier: "mlp-tanh-1", datasetName: "mnist", trainCount: 60_000,
                    testCount: 10_000, stageCount: 1, referenceAccuracy: 0.972)),
            .stageStarted(
                StageInfo(
                    index: 0, count: 1, title: "fit", epochs: epochs, stepsPerEpoch: steps, batchSize: 64,
                    learningRate: 0.001, optimizer: "Adam", loss: "categorical_crossentropy", reportsAccuracy: true,
                    layers: layers, parameterCounts: ParameterCounts(total: 79_510, trainable: 79_510))
            ),
            .stateChanged(.running),
        ]
        var globalStep = 0
        for epoch in 0..<epochs {
            for step in 1...steps {
                globalStep += 1
                let loss = lossScale * 2.3 / Float(globalStep)
                let batchAccuracy = min(1, accuracy * Float(globalStep) / Float(epochs * steps))
                events.append(
                    .batchEnded(
                        BatchProgress(
                            epoch: epoch, step: step, stepsPerEpoch: steps, globalStep: globalStep, loss: loss,
                            accuracy: batchAccuracy, epochLoss: loss, epochAccuracy: batchAccuracy,
                            samplesPerSecond: 1500, epochElapsed: Double(step) * 0.01)))
            }
            events.append(
                .gradients(
                    GradientSnapshot(
                        globalStep: globalStep,
                        parameters: [
                            ParameterStatistics(
                                layerIndex: 0, layerName: "dense", parameterName: "kernel", isKernel: true,
                                meanAbsGradient: 0.002 / Float(epoch + 1), maxAbsGradient: 0.04, updateRatio: 0.01),
                            ParameterStatistics(
                                layerIndex: 1, layerName: "dense_1", parameterName: "kernel", isKernel: true,
                                meanAbsGradient: 0.02 / Float(epoch + 1), maxAbsGradient: 0.3, updateRatio: 0.02),
                        ])))
            let fraction = Float(epoch + 1) / Float(epochs)
            events.append(
                .epochEnded(
                    EpochSummary(
                        epoch: epoch, epochs: epochs, stepsPerEpoch: steps, loss: lossScale * 1.5 / Float(epoch + 1),
                        accuracy: accuracy * fraction - 0.05, validationLoss: lossScale * 1.2 / Float(epoch + 1),
                        validationAccuracy: accuracy * fraction, seconds: 0.5 + Double(epoch), samplesPerSecond: 1500)))
        }
        events.append(.stateChanged(.finished))
        events.append(
            .finished(
                FinalResult(
                    testLoss: lossScale * 1.2 / Float(epochs), testAccuracy: accuracy, epochs: epochs,
                    trainSamplesPerSecond: 1500, seconds: 2.5)))
        return events
    }
}
