import Foundation
import Runs
import RunsTestSupport
import Testing
import Training

@testable import RunLogs

@Suite struct WatchedRecordJSONTests {
    private func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func neurotopEventsKeepTheirEventsJSONLLineWithTheRunAdded() throws {
        for event in RunFixture.events() {
            let line = WatchedRecord(run: "run-a", event: .recorded(.event(event))).jsonLine()
            var expected = try object(RunFixture.line(event))
            expected["run"] = "run-a"
            #expect(try object(line) as NSDictionary == expected as NSDictionary)
        }
    }

    /// A `gradients` line as the Keras callback writes it: its figures are of the weight change,
    /// and the line read back must still say so.
    @Test func callbacksUpdateStatisticsKeepTheirSource() throws {
        let written =
            #"{"event":"gradients","global_step":50,"parameters":[{"is_kernel":true,"layer_index":0,"layer_name":"dense","max_abs_gradient":0.0125,"mean_abs_gradient":0.00125,"parameter_name":"kernel","update_ratio":0.03125}],"source":"update","v":1}"#
        let entry = try #require(try RecordedEntry.decode(jsonLine: written))
        var expected = try object(written)
        expected["run"] = "keras-run"
        let line = WatchedRecord(run: "keras-run", event: .recorded(entry)).jsonLine()
        #expect(try object(line) as NSDictionary == expected as NSDictionary)
        #expect(line.contains(#""source":"update""#))
    }

    /// The `result` line of a recorded run (neurotop's recorder and the Keras callback both write
    /// `run_dir` into it) keeps the directory when read back.
    @Test func resultKeepsItsRunDirectory() throws {
        let written =
            #"{"epochs":1,"event":"result","run_dir":"runs/mlp-tanh-1-20261201-064837","seconds":9.5,"test_accuracy":0.9441,"test_loss":0.1928,"train_samples_per_second":7000.5,"v":1}"#
        let entry = try #require(try RecordedEntry.decode(jsonLine: written))
        var expected = try object(written)
        expected["run"] = "mlp-tanh-1"
        let line = WatchedRecord(run: "mlp-tanh-1", event: .recorded(entry)).jsonLine()
        #expect(try object(line) as NSDictionary == expected as NSDictionary)
    }

    /// A `gradients` line as the PyTorch hook writes it: the gradient's figures with the update's
    /// mean |Δw| beside them.
    @Test func hooksMeanUpdateComesBack() throws {
        let written =
            #"{"event":"gradients","global_step":100,"parameters":[{"is_kernel":false,"layer_index":1,"layer_name":"fc1","max_abs_gradient":0.5,"mean_abs_gradient":0.0625,"mean_abs_update":0.00025,"parameter_name":"bias","update_ratio":0.002}],"source":"gradient","v":1}"#
        let entry = try #require(try RecordedEntry.decode(jsonLine: written))
        var expected = try object(written)
        expected["run"] = "torch-run"
        let line = WatchedRecord(run: "torch-run", event: .recorded(entry)).jsonLine()
        #expect(try object(line) as NSDictionary == expected as NSDictionary)
    }

    @Test func scalarLineSaysItsMeaning() {
        let point = ScalarPoint(
            tag: "epoch_loss", step: 3, wallTime: 1.5, value: 0.25,
            meaning: TagMeaning(metric: .loss, split: .validation, granularity: .epoch))
        #expect(
            WatchedRecord(run: "run-a", event: .scalar(point)).jsonLine()
                == "{\"event\":\"scalar\",\"metric\":\"loss\",\"per\":\"epoch\",\"run\":\"run-a\",\"split\":\"validation\","
                + "\"step\":3,\"tag\":\"epoch_loss\",\"v\":1,\"value\":0.25,\"wall_time\":1.5}")
    }

    @Test func nonFiniteValuesAreWrittenAsNeurotopsStrings() throws {
        for (value, text) in [(Double.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf")] {
            let point = ScalarPoint(tag: "x", step: 0, wallTime: 0, value: value, meaning: nil)
            let line = WatchedRecord(run: "r", event: .scalar(point)).jsonLine()
            #expect(try object(line)["value"] as? String == text)
        }
    }

    @Test func nonFiniteLearningRateKeepsItsLine() throws {
        for (rate, text) in [(Float.nan, "nan"), (.infinity, "inf")] {
            let line = WatchedRecord(run: "r", event: .recorded(.event(.learningRateChanged(rate)))).jsonLine()
            let fields = try object(line)
            #expect(fields["event"] as? String == "learning_rate")
            #expect(fields["learning_rate"] as? String == text)
        }
    }

    @Test func histogramLineHoldsTheLayerTablesFigures() throws {
        let statistics = HistogramStatistics(
            count: 4, minimum: -1, maximum: 2, sum: 1, sumOfSquares: 6, meanAbsolute: 1.25, maximumAbsolute: 2)
        let point = HistogramPoint(tag: "fc1.weight", step: 7, wallTime: 2, statistics: statistics)
        let fields = try object(WatchedRecord(run: "r", event: .histogram(point)).jsonLine())
        #expect(fields["event"] as? String == "histogram")
        #expect(fields["mean_abs"] as? Double == 1.25)
        #expect(fields["max_abs"] as? Double == 2)
        #expect(fields["count"] as? Double == 4)
        #expect(fields["sum_squares"] as? Double == 6)
        #expect(fields["v"] as? Int == 1)
    }
}
