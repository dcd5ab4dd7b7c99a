import Foundation
import RunLogsTestSupport
import Runs
import RunsTestSupport
import Testing
import Training

@testable import RunLogs

@Suite struct EventStreamReaderTests {
    private let events = RunFixture.events()

    private func stream(_ lines: [String]) -> [UInt8] {
        Array(lines.map { $0 + "\n" }.joined().utf8)
    }

    private func recordedEvents(_ batch: EventStreamReader.Batch) -> [TrainingEvent] {
        batch.entries.compactMap {
            if case .event(let event) = $0 { return event }
            return nil
        }
    }

    @Test func readsARecordedRunsEvents() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write(stream(events.map(RunFixture.line)), to: "run/events.jsonl")
        var reader = EventStreamReader(path: path)
        let batch = try reader.readAvailable()
        #expect(recordedEvents(batch) == events)
        #expect(batch.notices.isEmpty)
        #expect(reader.lineNumber == events.count + 1)
    }

    @Test func unfinishedLastLineWaitsForItsNewline() throws {
        let scratch = try ScratchDirectory()
        let last = RunFixture.line(events[0])
        let path = try scratch.write(Array(last.utf8.prefix(10)), to: "events.jsonl")
        var reader = EventStreamReader(path: path)
        let first = try reader.readAvailable()
        #expect(first.entries.isEmpty)
        #expect(first.pendingBytes == 10)
        try scratch.append(Array(last.utf8.dropFirst(10)) + [10], to: "events.jsonl")
        #expect(recordedEvents(try reader.readAvailable()) == [events[0]])
    }

    /// A 100 MB line between two good ones: one notice, the line never held whole, the next
    /// line read.
    @Test func hundredMegabyteLineIsSkippedWithANotice() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write(stream([RunFixture.line(events[0])]), to: "events.jsonl")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        try handle.write(contentsOf: Data("{\"event\":\"log\",\"message\":\"".utf8))
        for _ in 0..<100 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data("\"}\n".utf8) + Data(stream([RunFixture.line(events[1])])))
        try handle.close()

        var reader = EventStreamReader(path: path)
        var batch = EventStreamReader.Batch()
        var calls = 0
        repeat {
            let next = try reader.readAvailable()
            batch.entries += next.entries
            batch.notices += next.notices
            batch.hasMore = next.hasMore
            calls += 1
        } while batch.hasMore
        // About 1 MiB a call (the line's first 16 MiB in one, until it is known to be over the
        // limit): the skipped line is read through in batches, never held.
        #expect(calls == 86)
        #expect(recordedEvents(batch) == [events[0], events[1]])
        #expect(
            batch.notices.map(\.description) == [
                "\(path), line 2: the line is over the 16 MiB a line may have: skipped to its end"
            ])
        #expect(reader.lineNumber == 4)
    }

    @Test(arguments: [1, 2, 7, 64, 1000])
    func smallWindowsAndALowLineCapReadTheSameLines(window: Int) throws {
        let scratch = try ScratchDirectory()
        let long = "{\"event\":\"log\",\"message\":\"" + String(repeating: "y", count: 300) + "\",\"v\":1}"
        let lines = [RunFixture.line(events[0]), long, RunFixture.line(.log("short"))]
        let path = try scratch.write(stream(lines), to: "events.jsonl")
        var reader = EventStreamReader(path: path, bounds: ReadBounds(window: window, maximum: 250))
        let batch = try reader.readAvailable()
        #expect(recordedEvents(batch) == [events[0], .log("short")])
        #expect(batch.notices.map(\.place) == ["line 2"])
        #expect(
            batch.notices.first?.message.hasPrefix("the line is over the 250 bytes a line may have: skipped") == true)
        #expect(reader.lineNumber == 4)
    }

    @Test func largeStreamIsReadInBatchesAndALineLongerThanABatchStillWhole() throws {
        let scratch = try ScratchDirectory()
        let long = TrainingEvent.log(String(repeating: "z", count: 500))
        let lines = events.map(RunFixture.line) + [RunFixture.line(long)] + events.map(RunFixture.line)
        let path = try scratch.write(stream(lines), to: "events.jsonl")
        var reader = EventStreamReader(path: path, bounds: ReadBounds(window: 32, maximum: 4096, batch: 300))
        var read: [TrainingEvent] = []
        var calls = 0
        var batch: EventStreamReader.Batch
        repeat {
            batch = try reader.readAvailable()
            #expect(batch.notices.isEmpty)
            read += recordedEvents(batch)
            calls += 1
        } while batch.hasMore
        #expect(read == events + [long] + events)
        #expect(calls > 5)
        #expect(reader.lineNumber == lines.count + 1)
    }

    @Test func bytesThatAreNotUTF8AreReplacedWithANotice() throws {
        let scratch = try ScratchDirectory()
        let bytes = Array("{\"event\":\"log\",\"message\":\"caf".utf8) + [0xE9, 0xFF] + Array("\",\"v\":1}\n".utf8)
        let path = try scratch.write(bytes + [0xC3, 0x28, 10], to: "events.jsonl")
        var reader = EventStreamReader(path: path)
        let batch = try reader.readAvailable()
        #expect(recordedEvents(batch) == [.log("caf\u{FFFD}\u{FFFD}")])
        #expect(
            batch.notices.map(\.message) == [
                "bytes that are not UTF-8, read as U+FFFD", "bytes that are not UTF-8, read as U+FFFD",
                "not a JSON object: line skipped",
            ])
    }

    @Test func nonFiniteNumbersReadAsNeurotopWritesThem() throws {
        let scratch = try ScratchDirectory()
        let lines = [
            "{\"event\":\"learning_rate\",\"learning_rate\":\"nan\",\"v\":1}",
            "{\"event\":\"learning_rate\",\"learning_rate\":NaN,\"v\":1}",
            "{\"event\":\"learning_rate\",\"learning_rate\":Infinity,\"v\":1}",
            "{\"event\":\"learning_rate\",\"learning_rate\":-Infinity,\"v\":1}",
            "{\"event\":\"log\",\"message\":\"NaN stays text\",\"v\":1}",
        ]
        let path = try scratch.write(stream(lines), to: "events.jsonl")
        var reader = EventStreamReader(path: path)
        let batch = try reader.readAvailable()
        let read = recordedEvents(batch)
        #expect(batch.notices.isEmpty)
        guard read.count == 5, case .learningRateChanged(let first) = read[0],
            case .learningRateChanged(let second) = read[1]
        else {
            Issue.record("read \(read)")
            return
        }
        #expect(first.isNaN && second.isNaN)
        #expect(read[2] == .learningRateChanged(.infinity))
        #expect(read[3] == .learningRateChanged(-.infinity))
        #expect(read[4] == .log("NaN stays text"))
    }

    @Test func damagedNewerAndUnknownLinesAreSkippedAndTheRestRead() throws {
        let scratch = try ScratchDirectory()
        let lines = [
            "not json", "{\"event\":\"log\",\"message\":\"from the future\",\"v\":2}",
            "{\"event\":\"batch_end\",\"v\":1}", "{\"event\":\"something_new\",\"v\":1}", "",
            RunFixture.line(events[0]),
        ]
        let path = try scratch.write(stream(lines), to: "events.jsonl")
        var reader = EventStreamReader(path: path)
        let batch = try reader.readAvailable()
        #expect(recordedEvents(batch) == [events[0]])
        #expect(batch.notices.map(\.place) == ["line 1", "line 2", "line 3"])
        #expect(batch.notices[1].message.hasPrefix("schema version 2, newer than this neurotop reads (1)"))
        #expect(batch.notices[2].message == "a batch_end event, but it has no `epoch`: line skipped")
    }
}
