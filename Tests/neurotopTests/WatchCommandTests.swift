import Foundation
import RunLogsTestSupport
import RunsTestSupport
import Testing

@testable import neurotop

/// `neurotop watch`, run in-process on TensorBoard logs and event streams made by hand.
struct WatchCommandTests {
    @Test func onceJSONPrintsTensorBoardScalarsAndHistogramsWithTheirRun() throws {
        let scratch = try ScratchDirectory()
        let train = TFEventsFixture.file([
            TFEventsFixture.fileVersion(),
            TFEventsFixture.event(step: 0, values: [TFEventsFixture.tensorScalar("epoch_loss", 0.75)]),
            TFEventsFixture.event(
                step: 0, values: [TFEventsFixture.histogram("dense/kernel", of: [-1, 0.5, 2], limits: [0, 1, 3])]),
        ])
        let validation = TFEventsFixture.file([
            TFEventsFixture.event(step: 0, values: [TFEventsFixture.tensorScalar("epoch_accuracy", 0.875)])
        ])
        try scratch.write(train, to: "logs/run-a/train/events.out.tfevents.1.host")
        try scratch.write(validation, to: "logs/run-a/validation/events.out.tfevents.2.host")
        let run = CommandRun(["watch", "--once", "--json", scratch.path + "/logs"])
        #expect(run.status == 0)
        #expect(run.error == "")
        let objects = try run.jsonObjects()
        #expect(objects.map { $0["event"] as? String } == ["scalar", "histogram", "scalar"])
        #expect(objects.map { $0["run"] as? String } == ["run-a", "run-a", "run-a"])
        #expect(objects.map { $0["split"] as? String } == ["train", nil, "validation"])
        #expect(objects[0]["value"] as? Double == 0.75)
        #expect(objects[2]["value"] as? Double == 0.875)
        #expect(objects[1]["max_abs"] as? Double == 2)
        #expect(objects[1]["count"] as? Double == 3)
    }

    @Test func onceJSONPrintsARecordedRunsEventsAsEventsJSONLHasThem() throws {
        let fixture = try RunFixture()
        let events = RunFixture.events()
        let directory = try fixture.makeRun(
            id: "mlp-tanh-1-1", summary: nil, lines: events.map(RunFixture.line), unfinishedTail: "{\"event\":")
        let run = CommandRun(["watch", "--once", "--json", directory.path])
        #expect(run.status == 0)
        #expect(run.outLines.count == events.count)
        for (line, event) in zip(run.outLines, events) {
            var expected = try #require(
                try JSONSerialization.jsonObject(with: Data(RunFixture.line(event).utf8)) as? [String: Any])
            expected["run"] = "mlp-tanh-1-1"
            let printed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(printed as NSDictionary == expected as NSDictionary)
        }
        #expect(
            run.error
                == "neurotop: \(directory.eventsPath), end: the last 9 bytes are an unfinished line: "
                + "skipped until the writer completes it\n")
    }

    @Test func badRecordsAreNoticesAndTheRestIsPrinted() throws {
        let scratch = try ScratchDirectory()
        var bytes = TFEventsFixture.file([
            TFEventsFixture.event(step: 1, values: [TFEventsFixture.simpleValue("loss", 2)]),
            TFEventsFixture.event(step: 2, values: [TFEventsFixture.simpleValue("loss", 1)]),
        ])
        bytes[bytes.count - 1] ^= 1
        let path = try scratch.write(bytes, to: "events.out.tfevents.1")
        let run = CommandRun(["watch", "--once", "--json", path])
        #expect(run.status == 0)
        #expect(try run.jsonObjects().map { $0["value"] as? Double } == [2])
        #expect(run.error.hasPrefix("neurotop: \(path), byte "))
        #expect(run.error.hasSuffix("fails its CRC32C check: record skipped\n"))
    }

    @Test func badPathIsOneLineAndAFailure() {
        let run = CommandRun(["watch", "--once", "--json", "/nonexistent/logs"])
        #expect(run.status == 1)
        #expect(run.out == "")
        #expect(
            run.error
                == "neurotop: /nonexistent/logs does not exist: give a run directory, an events.jsonl or a tfevents file\n"
        )
    }

    /// A FIFO would make the reader wait for a writer forever: it is refused at once.
    @Test func aFIFOGivenAsAFileIsOneLineAndAFailure() throws {
        let scratch = try ScratchDirectory()
        for name in ["events.jsonl", "events.out.tfevents.1", "stream"] {
            let path = scratch.path + "/" + name
            try #require(mkfifo(path, 0o644) == 0)
            let run = CommandRun(["watch", "--once", "--json", path])
            #expect(run.status == 1)
            #expect(
                run.error
                    == "neurotop: \(path) is a FIFO, not a regular file: "
                    + "give a run directory, an events.jsonl or a tfevents file\n")
        }
    }

    @Test func withoutJSONItOpensTheDashboardWhichNeedsATerminal() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write(TFEventsFixture.file([TFEventsFixture.fileVersion()]), to: "events.out.tfevents.1")
        let run = CommandRun(["watch", path])
        #expect(run.status == 1)
        #expect(run.error.contains("the dashboard needs a terminal"))
        #expect(run.out == "")
    }

    @Test func theDashboardOnAMissingPathSaysSoBeforeAnythingElse() {
        let run = CommandRun(["watch", "/nonexistent/logs"])
        #expect(run.status == 1)
        #expect(run.error.contains("/nonexistent/logs does not exist"))
    }

    @Test func onceWithoutJSONIsRefused() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write(TFEventsFixture.file([TFEventsFixture.fileVersion()]), to: "events.out.tfevents.1")
        let run = CommandRun(["watch", "--once", path])
        #expect(run.status != 0)
        #expect(run.error.contains("give --json with it"))
    }
}
