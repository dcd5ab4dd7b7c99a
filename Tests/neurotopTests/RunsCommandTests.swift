import Foundation
import RunsTestSupport
import Testing

@testable import neurotop

/// `neurotop runs`, run in-process on run directories made by hand.
struct RunsCommandTests {
    private let fixture: RunFixture

    init() throws {
        fixture = try RunFixture()
        try fixture.makeRun(
            id: "mlp-tanh-1-20261130-090000",
            summary: RunFixture.summary(
                id: "mlp-tanh-1-20261130-090000", config: "mlp-tanh-1", started: "2026-11-30T09:00:00Z", epochs: 5,
                accuracy: "0.9728"),
            lines: [])
        try fixture.makeRun(
            id: "cnn-flat-20261130-100000",
            summary: RunFixture.summary(
                id: "cnn-flat-20261130-100000", config: "cnn-flat", status: "interrupted",
                started: "2026-11-30T10:00:00Z", epochs: 1, accuracy: "null"),
            lines: [])
    }

    @Test func listsNewestFirstWithAHeader() throws {
        let run = CommandRun(["runs", "--runs", fixture.root])
        #expect(run.status == 0)
        #expect(run.error == "")
        #expect(run.outLines.count == 3)
        let columns = run.outLines.map { $0.split(separator: " ").map(String.init) }
        #expect(columns[0] == ["ID", "CONFIG", "STATUS", "EPOCHS", "TEST", "ACC", "AGE"])
        #expect(Array(columns[1].prefix(5)) == ["cnn-flat-20261130-100000", "cnn-flat", "interrupted", "1", "-"])
        #expect(Array(columns[2].prefix(5)) == ["mlp-tanh-1-20261130-090000", "mlp-tanh-1", "finished", "5", "97.28%"])
        // Columns line up: every status starts where the header's does.
        let statusColumn = try #require(run.outLines[0].range(of: "STATUS")).lowerBound.utf16Offset(in: run.outLines[0])
        for line in run.outLines.dropFirst() {
            #expect(
                line.dropFirst(statusColumn).hasPrefix("interrupted")
                    || line.dropFirst(statusColumn).hasPrefix("finished"))
        }
    }

    @Test func jsonGivesOneObjectPerRun() throws {
        let run = CommandRun(["runs", "--json", "--runs", fixture.root])
        #expect(run.status == 0)
        let objects = try run.jsonObjects()
        #expect(
            objects.compactMap { $0["id"] as? String } == ["cnn-flat-20261130-100000", "mlp-tanh-1-20261130-090000"])
        let tanh = objects[1]
        #expect(tanh["path"] as? String == fixture.root + "/mlp-tanh-1-20261130-090000")
        #expect(tanh["config"] as? String == "mlp-tanh-1")
        #expect(tanh["status"] as? String == "finished")
        #expect(tanh["epochs_done"] as? Int == 5)
        #expect(tanh["test_accuracy"] as? Double == 0.9728)
        #expect(objects[0]["test_accuracy"] is NSNull)
        #expect(Set(tanh.keys).isSuperset(of: ["id", "path", "config", "status", "epochs_done", "test_accuracy"]))
    }

    @Test func aDamagedDirectoryIsNamedAndTheOthersListed() throws {
        try fixture.makeRun(id: "half-made", summary: nil, lines: [])
        let run = CommandRun(["runs", "--runs", fixture.root])
        #expect(run.status == 0)
        #expect(run.outLines.count == 3)
        #expect(run.error.hasPrefix("neurotop: skipped: \(fixture.root)/half-made has no run.json"))
        #expect(run.error.split(separator: "\n").count == 1)
    }

    @Test func anEmptyRunsDirectorySaysHowToMakeARun() {
        let run = CommandRun(["runs", "--runs", fixture.root + "/none"])
        #expect(run.status == 0)
        #expect(run.out == "")
        #expect(run.error.contains("no recorded runs in \(fixture.root)/none yet"))
    }

    @Test func ageUsesTheLargestUnitThatFits() {
        let start = Date(timeIntervalSince1970: 0)
        #expect(RunsCommand.age(from: start, to: start.addingTimeInterval(45)) == "45s")
        #expect(RunsCommand.age(from: start, to: start.addingTimeInterval(720)) == "12m")
        #expect(RunsCommand.age(from: start, to: start.addingTimeInterval(3 * 3600 + 5)) == "3h")
        #expect(RunsCommand.age(from: start, to: start.addingTimeInterval(2 * 86_400)) == "2d")
        #expect(RunsCommand.age(from: start.addingTimeInterval(10), to: start) == "0s")
    }
}
