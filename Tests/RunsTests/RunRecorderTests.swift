import Foundation
import Synchronization
import Testing
import Training

@testable import Runs

/// The recorder writes a run's events, checkpoints and summary as the trainer goes, and a write
/// that fails stops the recording, not the training.
@Suite struct RunRecorderTests {
    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("neurotop-rec-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func summary() -> RunSummary {
        RunSummary(id: "", config: "mlp", name: "MLP", seed: 1, version: "test", started: Date())
    }

    @Test func aRecordedRunHasItsEventsCheckpointAndSummary() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let recorder = try RunRecorder.create(
            root: root, summary: summary(), configYAML: "name: MLP\n", notice: { _ in })
        recorder.start()
        let plan = try ResumeBitExactTests.mlpPlan()
        let trainer = Trainer(plan: plan, options: .headless, taps: [recorder.tap])
        trainer.start(paused: true)
        trainer.send(.step)
        let deadline = Date(timeIntervalSinceNow: 30)
        var stepped = false
        while !stepped, Date() < deadline {
            stepped = trainer.events.waitAndDrain(timeout: 0.05).contains {
                if case .batchEnded = $0 { true } else { false }
            }
        }
        trainer.send(.setLearningRate(0.02))
        trainer.send(.resume)
        let result = try trainer.runToEnd()
        _ = trainer.currentState
        recorder.finish()

        let directory = recorder.directory
        let objects = try EventLogReader.objects(at: directory.eventsPath)
        #expect(objects.allSatisfy { $0["v"] as? Int == 1 })
        let names = objects.compactMap { $0["event"] as? String }
        #expect(names.first == "started")
        #expect(names.suffix(2) == ["result", "state"])
        #expect(names.filter { $0 == "epoch_end" }.count == 3)
        #expect(!names.contains("samples"))
        let rate = objects.first { $0["action"] as? String == "learning_rate" }
        #expect(rate?["global_step"] as? Int == 1, "the change took effect after the single step")
        #expect((rate?["learning_rate"] as? Double).map { Float($0) } == 0.02)
        #expect(objects.first { $0["event"] as? String == "result" }?["run_dir"] as? String == directory.path)

        let snapshot = try SafeTensorsArchive(contentsOf: directory.checkpointPath).runSnapshot()
        #expect(snapshot.position.epoch == 3)
        let weights = plan.stages[0].model.layers[0].parameters[0].value.array
        #expect(snapshot.stages[0].weights.first { $0.name == "dense/kernel" }?.values == weights)

        let written = try RecordedRun.loadSummary(directory)
        #expect(written.status == .finished)
        #expect(written.epochsDone == 3)
        #expect(written.testAccuracy == result.testAccuracy)
        #expect(written.ended != nil)
        #expect(try String(contentsOfFile: directory.configPath, encoding: .utf8) == "name: MLP\n")
    }

    @Test func aReopenedRunAppendsAfterItsLastCompleteLine() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let directory = try RunRecorder.create(
            root: root, summary: summary(), configYAML: "name: MLP\n", notice: { _ in }
        ).directory
        // A run killed in the middle of writing a line.
        try Data("{\"v\":1,\"event\":\"started\"}\n{\"v\":1,\"event\":\"bat".utf8)
            .write(to: URL(fileURLWithPath: directory.eventsPath))
        _ = try RunRecorder.reopen(directory, summary: summary(), notice: { _ in })
        let writer = try EventLogWriter(path: directory.eventsPath)
        try writer.append(#"{"v":1,"event":"started"}"#)
        writer.close()
        #expect(try EventLogReader.objects(at: directory.eventsPath).count == 2)
    }

    @Test func aFailedWriteStopsRecordingWithOneNoticeAndTrainingGoesOn() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let notices = Mutex<[String]>([])
        let recorder = try RunRecorder.create(
            root: root, summary: summary(), configYAML: "", notice: { line in notices.withLock { $0.append(line) } })
        // The checkpoint's place is taken by a directory: every checkpoint write fails.
        try FileManager.default.createDirectory(
            atPath: recorder.directory.checkpointPath + "/x", withIntermediateDirectories: true)
        recorder.start()
        let trainer = Trainer(plan: try ResumeBitExactTests.mlpPlan(), options: .headless, taps: [recorder.tap])
        let result = try trainer.runToEnd()
        _ = trainer.currentState
        recorder.finish()
        #expect(result.testAccuracy != nil)
        let lines = notices.withLock { $0 }
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("recording stopped: ") == true)
        #expect(recorder.hasStopped)
    }
}

/// The hand-made batch line must say exactly what the encoder would.
@Test(arguments: [Float(0.5132265), 1e-7, 3, .nan, .infinity])
func batchLineMatchesTheEncodedEvent(loss: Float) throws {
    let progress = BatchProgress(
        epoch: 1, step: 7, stepsPerEpoch: 50, globalStep: 57, loss: loss, accuracy: 0.875, epochLoss: 0.41,
        epochAccuracy: 0.9, samplesPerSecond: 12345.678, epochElapsed: 0.25)
    var expected = TrainingEvent.batchEnded(progress).jsonObject()
    expected["v"] = 1
    let parsed = try JSONSerialization.jsonObject(with: Data(progress.eventLine.utf8)) as? [String: Any]
    #expect(parsed.map { NSDictionary(dictionary: $0) } == NSDictionary(dictionary: expected))
}
