import Datasets
import Foundation
import Testing

/// The acceptance test of the learned and forgotten counts: `train mlp-tanh-1` for 5 short
/// epochs on the real MNIST, recorded; the counts of every `epoch_end` in `events.jsonl` must
/// be what one gets by comparing the recorded `test_predictions` of consecutive epochs with
/// the MNIST test labels, counted here from scratch.
@Suite(.serialized) struct ForgettingCountsTests {
    /// The recorded run's JSON lines, read as plain JSON (not through neurotop's decoder).
    private static func recordedLines(under root: String) throws -> [[String: Any]] {
        let runs = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix("mlp-tanh-1-") }
        try #require(runs.count == 1, "one recorded run, found \(runs)")
        let text = try String(contentsOfFile: root + "/" + runs[0] + "/events.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func countsMatchTheRecordedPredictions() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("neurotop-forget-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = CommandRun([
            "train", "mlp-tanh-1", "--epochs", "5", "--steps-per-epoch", "40", "--runs", root, "--json",
        ])
        try #require(run.status == 0, "\(run.error)")
        let labels = try DatasetCatalog.load(name: "mnist", directory: nil).test.labels.map(Int.init)
        try #require(labels.count == 10_000)

        let lines = try Self.recordedLines(under: root)
        let predictionLines = lines.filter { $0["event"] as? String == "test_predictions" }
        let epochLines = lines.filter { $0["event"] as? String == "epoch_end" }
        try #require(predictionLines.count == 5 && epochLines.count == 5)

        var rightBefore = [Bool](repeating: false, count: labels.count)
        var everRight = rightBefore
        var totalForgotten = 0
        for (epoch, (predictionLine, epochLine)) in zip(predictionLines, epochLines).enumerated() {
            #expect(predictionLine["epoch"] as? Int == epoch)
            #expect(epochLine["epoch"] as? Int == epoch)
            let predictions = try #require(predictionLine["predictions"] as? [Int])
            try #require(predictions.count == labels.count)
            let right = zip(predictions, labels).map { $0 == $1 }
            var learned = 0
            var forgotten = 0
            for index in right.indices {
                if right[index] && !rightBefore[index] { learned += 1 }
                if !right[index] && rightBefore[index] { forgotten += 1 }
                if right[index] { everRight[index] = true }
            }
            let neverLearned = everRight.filter { !$0 }.count
            #expect(epochLine["learned"] as? Int == learned, "epoch \(epoch + 1)")
            #expect(epochLine["forgotten"] as? Int == forgotten, "epoch \(epoch + 1)")
            #expect(epochLine["never_learned"] as? Int == neverLearned, "epoch \(epoch + 1)")
            // The predictions are the validation's own: they give its accuracy.
            let accuracy = try #require(epochLine["validation_accuracy"] as? Double)
            #expect(abs(accuracy - Double(right.filter { $0 }.count) / Double(labels.count)) < 1e-6)
            totalForgotten += forgotten
            rightBefore = right
        }
        // 40 steps an epoch leave a model that still changes its mind: the test sees forgetting.
        #expect(totalForgotten > 0)

        // Headless --json prints the same counts.
        let printed = try run.jsonObjects().filter { $0["event"] as? String == "epoch_end" }
        #expect(printed.map { $0["forgotten"] as? Int } == epochLines.map { $0["forgotten"] as? Int })
        #expect(printed.map { $0["learned"] as? Int } == epochLines.map { $0["learned"] as? Int })
        #expect(printed.map { $0["never_learned"] as? Int } == epochLines.map { $0["never_learned"] as? Int })
    }
}
