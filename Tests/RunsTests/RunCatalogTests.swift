import Foundation
import RunsTestSupport
import Testing

@testable import Runs

/// Finding recorded runs: the root, the listing's order, and what a RUN argument may be.
@Suite struct RunCatalogTests {
    private let fixture: RunFixture
    init() throws { fixture = try RunFixture() }

    @Test func rootComesFromTheOptionThenTheEnvironmentThenTheDefault() {
        #expect(RunCatalog(option: "/tmp/a", environment: ["NEUROTOP_RUNS": "/tmp/b"]).root == "/tmp/a")
        #expect(RunCatalog(option: nil, environment: ["NEUROTOP_RUNS": "/tmp/b"]).root == "/tmp/b")
        #expect(RunCatalog(option: nil, environment: ["NEUROTOP_RUNS": ""]).root == "runs")
        #expect(RunCatalog(option: nil, environment: [:]).root == "runs")
    }

    private func makeThreeRuns() throws {
        try fixture.makeRun(
            id: "mlp-tanh-1-20261130-090000",
            summary: RunFixture.summary(
                id: "mlp-tanh-1-20261130-090000", config: "mlp-tanh-1", started: "2026-11-30T09:00:00Z"),
            lines: [])
        try fixture.makeRun(
            id: "mlp-tanh-1-20261130-110000",
            summary: RunFixture.summary(
                id: "mlp-tanh-1-20261130-110000", config: "mlp-tanh-1", started: "2026-11-30T11:00:00Z"),
            lines: [])
        try fixture.makeRun(
            id: "cnn-flat-20261130-100000",
            summary: RunFixture.summary(
                id: "cnn-flat-20261130-100000", config: "cnn-flat", started: "2026-11-30T10:00:00Z"),
            lines: [])
    }

    @Test func listsNewestFirstAndNamesDamagedDirectories() throws {
        try makeThreeRuns()
        try fixture.makeRun(id: "stray", summary: nil, lines: [])
        try "not a run".write(toFile: fixture.root + "/notes.txt", atomically: true, encoding: .utf8)
        let (runs, problems) = RunCatalog(root: fixture.root).listings()
        #expect(
            runs.map(\.directory.id) == [
                "mlp-tanh-1-20261130-110000", "cnn-flat-20261130-100000", "mlp-tanh-1-20261130-090000",
            ])
        #expect(problems == [.missingSummary(directory: fixture.root + "/stray")])
    }

    @Test func aMissingRootListsNothing() {
        let (runs, problems) = RunCatalog(root: fixture.root + "/nowhere").listings()
        #expect(runs.isEmpty && problems.isEmpty)
    }

    @Test func locatesByIdPathAndConfigName() throws {
        try makeThreeRuns()
        let catalog = RunCatalog(root: fixture.root)
        #expect(try catalog.locate("cnn-flat-20261130-100000").path == fixture.root + "/cnn-flat-20261130-100000")
        let byPath = try catalog.locate(fixture.root + "/mlp-tanh-1-20261130-090000/")
        #expect(byPath.id == "mlp-tanh-1-20261130-090000")
        #expect(byPath.path == fixture.root + "/mlp-tanh-1-20261130-090000")
        // A config name means its newest run.
        #expect(try catalog.locate("mlp-tanh-1").id == "mlp-tanh-1-20261130-110000")
    }

    @Test func anUnknownRunSaysWhereItLookedAndWhatToDo() throws {
        try makeThreeRuns()
        let catalog = RunCatalog(root: fixture.root)
        for argument in ["mlp-relu-9", "..", "/no/such/dir"] {
            let error = #expect(throws: RunReadError.self) { try catalog.locate(argument) }
            #expect(error == .unknownRun(argument: argument, root: fixture.root))
            #expect(error?.description.contains("`neurotop runs` lists them") == true)
        }
    }
}
