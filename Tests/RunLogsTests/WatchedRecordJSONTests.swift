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
