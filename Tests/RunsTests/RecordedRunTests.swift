import Foundation
import RunsTestSupport
import Testing
import Training

@testable import Runs

/// A run directory read back: summary, events and interventions, and every way it can be damaged.
@Suite struct RecordedRunTests {
    private let fixture: RunFixture
    init() throws { fixture = try RunFixture() }

    private func lines(_ events: [TrainingEvent]) -> [String] { events.map(RunFixture.line) }

    @Test func readsSummaryEventsAndInterventionsInFileOrder() throws {
        let events = RunFixture.events()
        var lines = lines(events)
        let freeze = Intervention(action: .freeze, globalStep: 4, layer: "dense")
        lines.insert(freeze.jsonLine(), at: 8)
        let directory = try fixture.makeRun(
            id: "mlp-tanh-1-20261130-210000",
            summary: RunFixture.summary(id: "mlp-tanh-1-20261130-210000", config: "mlp-tanh-1"),
            lines: lines)

        let run = try RecordedRun.load(directory)
        #expect(run.summary.id == "mlp-tanh-1-20261130-210000")
        #expect(run.summary.config == "mlp-tanh-1")
        #expect(run.summary.status == .finished)
        #expect(run.summary.epochsDone == 2)
        #expect(run.summary.testAccuracy == 0.8418)
        #expect(run.summary.parent == nil)
        #expect(run.events == events)
        #expect(run.interventions == [freeze])
        #expect(run.entries[8] == .intervention(freeze))
        #expect(run.result?.testAccuracy == 0.8)
    }

    @Test func anUnfinishedLastLineIsIgnored() throws {
        let events = RunFixture.events()
        let directory = try fixture.makeRun(
            id: "killed", summary: RunFixture.summary(id: "killed", config: "mlp-tanh-1", status: "running"),
            lines: lines(events), unfinishedTail: #"{"v":1,"event":"batch_end","accura"#)
        #expect(try RecordedRun.load(directory).events == events)
    }

    @Test func aNonJSONLineInTheMiddleIsNamedWithItsNumber() throws {
        var lines = lines(RunFixture.events())
        lines.insert("Segmentation fault (core dumped)", at: 5)
        let directory = try fixture.makeRun(
            id: "damaged", summary: RunFixture.summary(id: "damaged", config: "mlp-tanh-1"), lines: lines)
        let error = #expect(throws: RunReadError.self) { try RecordedRun.load(directory) }
        #expect(error == .notJSON(path: directory.eventsPath, line: 6))
        #expect(
            error?.description
                == "\(directory.eventsPath) line 6 is not JSON: the file is damaged there; delete that line to read the rest"
        )
    }

    @Test func anEventWithoutItsFieldsIsNamed() throws {
        var lines = lines(RunFixture.events())
        lines[3] = #"{"v":1,"event":"batch_end","loss":1}"#
        let directory = try fixture.makeRun(
            id: "bad", summary: RunFixture.summary(id: "bad", config: "mlp-tanh-1"), lines: lines)
        let error = #expect(throws: RunReadError.self) { try RecordedRun.load(directory) }
        #expect(
            error?.description.hasPrefix("\(directory.eventsPath) line 4 is a batch_end event, but it has no `") == true
        )
    }

    /// A number the decoder refuses though it is JSON (out of its field's range, a fraction where
    /// a count belongs) is named by its line and its field, not called "not a JSON object"; a
    /// count that decodes but that no training writes is named in the same words.
    @Test(arguments: [
        (#""step":1,"#, #""step":1.5,"#, "`step` is 1.5, and it must be a whole number from 0 to 2147483647"),
        (#""epoch":0,"#, #""epoch":1e30,"#, "`epoch` is 1e+30, and it must be a whole number"),
        (#""loss":2,"#, #""loss":1e300,"#, "`loss` is 1e+300, and it must be a number from -"),
        // A whole number that decodes but no training writes: the same words, the same range.
        (
            #""step":1,"#, #""step":3000000000,"#,
            "`step` is 3000000000, and it must be a whole number from 0 to 2147483647"
        ),
    ])
    func aNumberOutOfItsFieldsRangeInAnEventIsNamed(field: String, damage: String, reason: String)
        throws
    {
        var lines = lines(RunFixture.events())
        lines[3] =
            #"{"v":1,"event":"batch_end","epoch":0,"step":1,"steps_per_epoch":4,"global_step":1,"#
            + #""loss":2,"accuracy":0.5,"epoch_loss":2,"epoch_accuracy":0.5,"#
            + #""samples_per_second":100,"epoch_elapsed":1}"#
        let directory = try fixture.makeRun(
            id: "bad", summary: RunFixture.summary(id: "bad", config: "mlp-tanh-1"), lines: lines)
        #expect(try RecordedRun.load(directory).entries.count == lines.count)
        lines[3] = lines[3].replacingOccurrences(of: field, with: damage)
        let damaged = try fixture.makeRun(
            id: "odd", summary: RunFixture.summary(id: "odd", config: "mlp-tanh-1"), lines: lines)
        let error = #expect(throws: RunReadError.self) { try RecordedRun.load(damaged) }
        let message = error?.description ?? ""
        let start = "\(damaged.eventsPath) line 4 is a batch_end event, but \(reason)"
        #expect(message.hasPrefix(start), "\(message)")
    }

    @Test func aNewerSchemaIsRefused() throws {
        let directory = try fixture.makeRun(
            id: "future", summary: RunFixture.summary(id: "future", config: "mlp-tanh-1"),
            lines: [#"{"v":2,"event":"started"}"#])
        #expect(throws: RunReadError.unsupportedVersion(path: directory.eventsPath, line: 1, version: 2)) {
            try RecordedRun.load(directory)
        }
    }

    @Test func aMissingOrDamagedSummaryIsNamed() throws {
        let missing = try fixture.makeRun(id: "no-summary", summary: nil, lines: lines(RunFixture.events()))
        let error = #expect(throws: RunReadError.self) { try RecordedRun.load(missing) }
        #expect(error == .missingSummary(directory: missing.path))
        #expect(error?.description.contains("has no run.json") == true)

        let truncated = try fixture.makeRun(id: "torn", summary: #"{"id":"torn","config":"#, lines: [])
        let damaged = #expect(throws: RunReadError.self) { try RecordedRun.load(truncated) }
        #expect(damaged?.description.hasPrefix("\(truncated.summaryPath) is damaged: it is not an event (") == false)
        #expect(damaged?.description.hasPrefix("\(truncated.summaryPath) is damaged:") == true)

        let wrongStatus = try fixture.makeRun(
            id: "odd", summary: RunFixture.summary(id: "odd", config: "mlp-tanh-1", status: "sleeping"), lines: [])
        let odd = #expect(throws: RunReadError.self) { try RecordedRun.load(wrongStatus) }
        #expect(odd?.description.contains("`status`") == true)
    }

    /// A number the decoder refuses though it is JSON (out of its field's range, a fraction where
    /// a count belongs) is named by its field, not called "not a JSON object".
    @Test(arguments: [
        (#""seed":1"#, #""seed":-1"#, "`seed` is -1, and it must be a whole number from 0 to "),
        (#""epochs_done":2"#, #""epochs_done":1.5"#, "`epochs_done` is 1.5, and it must be"),
        (#""epochs_done":2"#, #""epochs_done":1e30"#, "`epochs_done` is 1e+30, and it must"),
        (#""test_loss":0.6481693"#, #""test_loss":1e300"#, "`test_loss` is 1e+300, and it must"),
        (#""parent":null"#, #""forked_at":{"stage":0.5,"global_step":1}"#, "`forked_at.stage` is"),
    ])
    func aNumberOutOfItsFieldsRangeIsNamed(field: String, damage: String, reason: String) throws {
        let text = RunFixture.summary(id: "odd", config: "mlp-tanh-1")
            .replacingOccurrences(of: field, with: damage)
        let directory = try fixture.makeRun(id: "odd", summary: text, lines: [])
        let error = #expect(throws: RunReadError.self) { try RecordedRun.loadSummary(directory) }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("\(directory.summaryPath) is damaged: \(reason)"), "\(message)")
    }

    /// A file of JSON that is not an object says that the file must hold one.
    @Test(arguments: ["[]", "[1, 2]", "\"run\"", "7", "null"])
    func aSummaryThatIsNoJSONObjectSaysSo(text: String) throws {
        let directory = try fixture.makeRun(id: "array", summary: text, lines: [])
        let error = #expect(throws: RunReadError.self) { try RecordedRun.loadSummary(directory) }
        #expect(
            error?.description == "\(directory.summaryPath) is damaged: it must hold a JSON "
                + "object, and holds an array or a single value; restore it from a backup or "
                + "remove the run's directory")
    }

    /// Reading a FIFO would wait for a writer forever, a directory fails with a message about
    /// permissions: each is named for what it is.
    @Test func aFIFOOrADirectoryInPlaceOfARunFileIsNamed() throws {
        for file in [RunDirectory.summaryFile, RunDirectory.eventsFile] {
            let fifo = try fixture.makeRun(
                id: "fifo-\(file)", summary: RunFixture.summary(id: "fifo", config: "mlp-tanh-1"), lines: [])
            try FileManager.default.removeItem(atPath: fifo.path + "/" + file)
            try #require(mkfifo(fifo.path + "/" + file, 0o644) == 0)
            #expect(throws: RunReadError.notAFile(path: fifo.path + "/" + file, kind: "a FIFO")) {
                try RecordedRun.load(fifo)
            }

            let folder = try fixture.makeRun(
                id: "folder-\(file)", summary: RunFixture.summary(id: "folder", config: "mlp-tanh-1"), lines: [])
            try FileManager.default.removeItem(atPath: folder.path + "/" + file)
            try FileManager.default.createDirectory(
                atPath: folder.path + "/" + file, withIntermediateDirectories: false)
            let error = #expect(throws: RunReadError.self) { try RecordedRun.load(folder) }
            #expect(error?.description.hasPrefix("\(folder.path)/\(file) is a directory, not a regular file: ") == true)
        }
    }

    @Test func missingEventsAreNamed() throws {
        let directory = try fixture.makeRun(
            id: "no-events", summary: RunFixture.summary(id: "no-events", config: "mlp-tanh-1"), lines: nil)
        #expect(throws: RunReadError.missingEvents(directory: directory.path)) { try RecordedRun.load(directory) }
    }

    /// What the recorder writes reads back here, with its start time.
    @Test func aWrittenSummaryReadsBack() throws {
        var summary = RunSummary(
            id: "cnn-flat-20261130-101010", config: "cnn-flat", name: "Conv-Flat", seed: 3, version: "0.1.0",
            started: Date(timeIntervalSince1970: 1_796_033_410))
        summary.status = .interrupted
        summary.epochsDone = 1
        summary.parent = "cnn-flat-20261129-000000"
        let bytes = summary.encoded()
        #expect(try RunSummary.decode(Data(bytes)) == summary)
        #expect(summary.started == "2026-11-30T10:10:10Z")
        #expect(summary.startDate == Date(timeIntervalSince1970: 1_796_033_410))
    }

    /// A negative count is refused by the reader of run.json (the listing's and the resume's).
    @Test func aNegativeEpochCountIsRefusedInWords() throws {
        let summary = RunFixture.summary(id: "negative", config: "mlp-tanh-1", epochs: -1)
        let directory = try fixture.makeRun(id: "negative", summary: summary, lines: [])
        #expect {
            _ = try RecordedRun.loadSummary(directory)
        } throws: { error in
            "\(error)".contains("run.json is damaged: its `epochs_done` is -1, and a count cannot be negative")
        }
    }

    @Test func aForkBeforeTheStartIsRefused() throws {
        var summary = RunSummary(
            id: "fork", config: "mlp-tanh-1", name: "Tanh", seed: 1, version: "0.1.0", started: Date())
        summary.forkedAt = RunSummary.ForkPoint(stage: 0, globalStep: -3)
        #expect(throws: EventDecodingError.self) { try RunSummary.decode(Data(summary.encoded())) }
        summary.forkedAt = RunSummary.ForkPoint(stage: 0, globalStep: 3)
        #expect(try RunSummary.decode(Data(summary.encoded())) == summary)
    }
}

/// A run killed during its second epoch and resumed from its first epoch's checkpoint, as the
/// recorder logs it: the resumed process announces the run and the stage again.
@Suite struct ResumedRunTests {
    @Test func aResumeIsOneContinuousRunWithItsMarker() throws {
        let fixture = try RunFixture()
        let events = RunFixture.events(epochs: 2, steps: 4)
        let firstEpochEnd = try #require(events.firstIndex { if case .epochEnded = $0 { true } else { false } })
        var lines = events.prefix(firstEpochEnd + 3).map(RunFixture.line)  // epoch 1, then steps 5 and 6
        lines += events.prefix(2).map(RunFixture.line)  // started, stage_started again
        lines.append(Intervention(action: .resumeRun, globalStep: 4).jsonLine())
        lines += events.dropFirst(firstEpochEnd + 1).map(RunFixture.line)  // steps 5... to the end
        let directory = try fixture.makeRun(
            id: "resumed", summary: RunFixture.summary(id: "resumed", config: "mlp-tanh-1"), lines: lines)
        let run = try RecordedRun.load(directory)
        let continuous = run.continuousEntries
        let starts = continuous.filter { if case .event(.started) = $0 { true } else { false } }
        let stages = continuous.filter { if case .event(.stageStarted) = $0 { true } else { false } }
        #expect(starts.count == 1 && stages.count == 1)
        #expect(continuous.count == run.entries.count - 2)
        #expect(continuous.contains(.intervention(Intervention(action: .resumeRun, globalStep: 4))))
        // And the curve is the one the run finally took: steps 1...8 once each.
        let history = RunHistory(entries: continuous)
        #expect(history.finalStage?.batches.map(\.globalStep) == Array(1...8))
        #expect(history.finalStage?.epochs.map(\.epoch) == [0, 1])
    }
}
