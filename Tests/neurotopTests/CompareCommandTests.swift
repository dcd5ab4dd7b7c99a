import Dashboard
import Foundation
import Runs
import RunsTestSupport
import Testing
import Training

@testable import neurotop

/// `neurotop compare` and `neurotop replay` before the terminal: runs found and read (or one
/// line on what is wrong), legend labels, and when a seed set is drawn as a band.
struct CompareCommandTests {
    private let fixture: RunFixture

    init() throws {
        fixture = try RunFixture()
        for seed in 1...3 {
            let id = "mlp-tanh-1-20261130-21000\(seed)"
            try fixture.makeRun(
                id: id,
                summary: RunFixture.summary(
                    id: id, config: "mlp-tanh-1", started: "2026-11-30T21:00:0\(seed)Z", seed: seed),
                lines: RunFixture.events(accuracy: 0.8 + Float(seed) / 100).map(RunFixture.line)
                    + [Intervention(action: .freeze, globalStep: 3, layer: "dense").jsonLine()])
        }
        try fixture.makeRun(
            id: "cnn-flat-20261130-220000",
            summary: RunFixture.summary(id: "cnn-flat-20261130-220000", config: "cnn-flat", seed: 1),
            lines: RunFixture.events().map(RunFixture.line))
    }

    private func load(_ ids: [String]) throws -> [RecordedRun] {
        let catalog = RunCatalog(root: fixture.root)
        return try ids.map { try RecordedRun.load(catalog.locate($0)) }
    }

    @Test func labelsAreConfigsSeedsOrIds() {
        func summary(_ id: String, _ config: String, _ seed: UInt64) -> RunSummary {
            RunSummary(id: id, config: config, name: config, seed: seed, version: "0.1.0", started: Date())
        }
        #expect(
            CompareCommand.labels([summary("a", "mlp-tanh-1", 1), summary("b", "cnn-flat", 1)]) == [
                "mlp-tanh-1", "cnn-flat",
            ])
        #expect(CompareCommand.labels([summary("a", "mlp", 1), summary("b", "mlp", 2)]) == ["seed 1", "seed 2"])
        #expect(CompareCommand.labels([summary("a", "mlp", 1), summary("b", "mlp", 1)]) == ["a", "b"])
        #expect(CompareCommand.labels([summary("a", "mlp", 1), summary("a", "mlp", 1)]) == ["a", "a (2)"])
    }

    @Test func threeSeedsOfOneConfigAreASeedSet() throws {
        let seeds = try load(["mlp-tanh-1-20261130-210001", "mlp-tanh-1-20261130-210002", "mlp-tanh-1-20261130-210003"])
        #expect(CompareCommand.isSeedSet(seeds))
        #expect(!CompareCommand.isSeedSet(Array(seeds.prefix(2))))
        #expect(!CompareCommand.isSeedSet(Array(seeds.prefix(2)) + (try load(["cnn-flat-20261130-220000"]))))
    }

    @Test func theModelHoldsEveryRunWithItsMarkersAndAccuracy() throws {
        let runs = try load(["mlp-tanh-1-20261130-210001", "mlp-tanh-1-20261130-210003", "cnn-flat"])
        let model = CompareCommand.model(comparing: runs, drawsBand: false)
        #expect(
            model.comparison?.members.map(\.label) == [
                "mlp-tanh-1-20261130-210001", "mlp-tanh-1-20261130-210003", "cnn-flat-20261130-220000",
            ])
        #expect(model.comparison?.members.map(\.testAccuracy) == [0.81, 0.83, 0.8])
        #expect(model.current == "mlp-tanh-1-20261130-210001")
        #expect(model.state.epochs.count == 2)
        #expect(model.state.result?.testAccuracy == 0.81)
        #expect(model.markers["mlp-tanh-1-20261130-210003"]?.map(\.details) == ["freeze dense"])
        #expect(model.comparison?.drawsBand == false)
    }

    @Test(arguments: [["compare", "mlp-tanh-1", "cnn-flat"], ["replay", "mlp-tanh-1"]])
    func aReadableRunGetsAsFarAsTheTerminal(arguments: [String]) {
        // Standard output is not a terminal here, so the dashboard itself cannot open.
        let run = CommandRun(arguments + ["--runs", fixture.root])
        #expect(run.status == 1)
        #expect(
            run.error.contains("the dashboard needs a terminal") || run.error.contains("reads keys from a terminal"))
    }

    @Test(arguments: [["compare", "mlp-tanh-1"], ["replay"], ["mlp-tanh-1", "--baseline"]])
    func aDamagedRunIsOneLineBeforeAnyTerminal(arguments: [String]) throws {
        var lines = RunFixture.events().map(RunFixture.line)
        lines.insert("not json at all", at: 4)
        let directory = try fixture.makeRun(
            id: "damaged", summary: RunFixture.summary(id: "damaged", config: "mlp-tanh-1"), lines: lines)
        let run = CommandRun(arguments + ["damaged", "--runs", fixture.root])
        #expect(run.status == 1)
        #expect(
            run.error
                == "neurotop: \(directory.eventsPath) line 5 is not JSON: the file is damaged there; "
                + "delete that line to read the rest\n")
    }

    @Test(arguments: [["compare", "cnn-flat"], ["replay"], ["mlp-tanh-1", "--baseline"]])
    func anUnknownOrHalfMadeRunIsOneLine(arguments: [String]) throws {
        let unknown = CommandRun(arguments + ["mlp-relu-9", "--runs", fixture.root])
        #expect(unknown.status == 1)
        #expect(unknown.error.hasPrefix("neurotop: no recorded run 'mlp-relu-9' in \(fixture.root)"))
        let directory = try fixture.makeRun(id: "no-summary", summary: nil, lines: [])
        let halfMade = CommandRun(arguments + ["no-summary", "--runs", fixture.root])
        #expect(halfMade.status == 1)
        #expect(halfMade.error.hasPrefix("neurotop: \(directory.path) has no run.json"))
        #expect(halfMade.error.filter { $0 == "\n" }.count == 1)
    }

    @Test func compareNeedsTwoRunsAndOneDrawing() {
        let one = CommandRun(["compare", "mlp-tanh-1", "--runs", fixture.root])
        #expect(one.status != 0)
        #expect(one.error.contains("give two or more runs to compare"))
        let both = CommandRun(["compare", "mlp-tanh-1", "cnn-flat", "--band", "--lines", "--runs", fixture.root])
        #expect(both.status != 0)
        #expect(both.error.contains("--band and --lines exclude each other"))
    }

    /// A resumed run's replay keeps the curve from before the resume.
    @Test func aResumedRunIsShownAsOneRun() throws {
        let events = RunFixture.events(epochs: 2, steps: 4)
        var lines = events.prefix(9).map(RunFixture.line)  // up to the first epoch_end
        lines += events.prefix(2).map(RunFixture.line) + [Intervention(action: .resumeRun, globalStep: 4).jsonLine()]
        lines += events.dropFirst(9).map(RunFixture.line)
        let directory = try fixture.makeRun(
            id: "resumed", summary: RunFixture.summary(id: "resumed", config: "mlp-tanh-1"), lines: lines)
        let run = try RecordedRun.load(directory)
        #expect(run.finalState.losses.steps == Array(1...8))
        #expect(run.finalState.epochs.count == 2)
        let markers = run.timeline.items.compactMap { item -> Intervention? in
            if case .marker(let marker) = item { return marker }
            return nil
        }
        #expect(markers.map(\.details) == ["resume_run"])
    }
}

/// A run compared with its fork: both shown from where they parted.
struct CompareForkTests {
    @Test func aRunAndItsForkCompareFromTheForkPoint() throws {
        let fixture = try RunFixture()
        let parentID = "mlp-tanh-1-20261201-040000"
        let forkID = "mlp-tanh-1-20261201-040001"
        try fixture.makeRun(
            id: parentID, summary: RunFixture.summary(id: parentID, config: "mlp-tanh-1"),
            lines: RunFixture.events().map(RunFixture.line))
        let forkSummary = RunFixture.summary(id: forkID, config: "mlp-tanh-1").replacingOccurrences(
            of: "\"parent\":null", with: "\"parent\":\"\(parentID)\",\"forked_at\":{\"stage\":0,\"global_step\":5}")
        let forkEvents = RunFixture.events(accuracy: 0.7).filter { event in
            switch event {
            case .batchEnded(let progress): progress.globalStep > 5
            case .epochEnded(let summary): summary.epoch == 1
            default: true
            }
        }
        try fixture.makeRun(
            id: forkID, summary: forkSummary,
            lines: forkEvents.map(RunFixture.line) + [Intervention(action: .fork, globalStep: 5).jsonLine()])
        let catalog = RunCatalog(root: fixture.root)
        let runs = try [parentID, forkID].map { try RecordedRun.load(catalog.locate($0)) }
        #expect(runs[1].summary.forkedAt == RunSummary.ForkPoint(stage: 0, globalStep: 5))
        #expect(CompareCommand.labels(runs.map(\.summary)) == [parentID, "fork at step 5"])
        let model = CompareCommand.model(comparing: runs, drawsBand: false)
        let parent = try #require(model.runs[parentID])
        let fork = try #require(model.runs["fork at step 5"])
        #expect(parent.losses.steps.first == 6)
        #expect(fork.losses.steps.first == 6)
        #expect(parent.epochs.map(\.epoch) == [1])
        // Alone, the parent shows its whole history.
        let alone = CompareCommand.model(comparing: [runs[0], runs[0]], drawsBand: false)
        #expect(alone.runs[parentID]?.losses.steps.first == 1)
    }
}
