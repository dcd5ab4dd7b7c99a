import Foundation
import Testing

@testable import Runs

@Suite struct RunDirectoryTests {
    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("neurotop-rundir-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func idsAreConfigAndUTCTimeWithASuffixOnCollision() throws {
        let root = try temporaryDirectory() + "/nested/runs"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let date = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30 00:53:20 UTC
        let first = try RunDirectory.create(in: root, configName: "mlp-tanh-1", date: date)
        let second = try RunDirectory.create(in: root, configName: "mlp-tanh-1", date: date)
        let third = try RunDirectory.create(in: root, configName: "mlp-tanh-1", date: date)
        #expect(first.id == "mlp-tanh-1-20261130-005320")
        #expect(second.id == "mlp-tanh-1-20261130-005320-2")
        #expect(third.id == "mlp-tanh-1-20261130-005320-3")
        #expect(first.path == root + "/" + first.id)
        #expect(second.eventsPath == root + "/" + second.id + "/events.jsonl")
        #expect(FileManager.default.fileExists(atPath: third.path))
    }

    /// Resume would wait forever on a FIFO or read a device without end: such files are refused first.
    @Test func aRunFileThatIsNotARegularFileIsRefusedBeforeAResume() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let directory = try RunDirectory.create(in: root, configName: "mlp-tanh-1")
        for path in [directory.summaryPath, directory.configPath, directory.checkpointPath] {
            try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        }
        try #require(mkfifo(directory.eventsPath, 0o644) == 0)
        #expect(throws: RunError.notAFile(path: directory.eventsPath, kind: "a FIFO")) {
            try directory.checkFileKinds()
        }
        try FileManager.default.removeItem(atPath: directory.eventsPath)
        try Data().write(to: URL(fileURLWithPath: directory.eventsPath))
        try FileManager.default.removeItem(atPath: directory.checkpointPath)
        try FileManager.default.createDirectory(atPath: directory.checkpointPath, withIntermediateDirectories: false)
        let error = #expect(throws: RunError.self) { try directory.checkFileKinds() }
        #expect(
            error?.description.hasPrefix("\(directory.checkpointPath) is a directory, not a regular file: ") == true)
        try FileManager.default.removeItem(atPath: directory.checkpointPath)
        // A link is followed to what it names.
        try #require(mkfifo(root + "/pipe", 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: directory.checkpointPath, withDestinationPath: root + "/pipe")
        #expect(throws: RunError.notAFile(path: directory.checkpointPath, kind: "a FIFO")) {
            try directory.checkFileKinds()
        }
    }

    @Test func configNamesCannotLeaveTheRunsDirectory() {
        #expect(RunDirectory.slug("../../etc/passwd") == "_.._etc_passwd")
        #expect(RunDirectory.slug("..") == "run")
        #expect(RunDirectory.slug("") == "run")
        #expect(RunDirectory.slug("Tanh 100-10\u{1b}[31m") == "Tanh_100-10__31m")
        #expect(RunDirectory.slug("ชั้น") == "____")
        #expect(RunDirectory.slug(String(repeating: "a", count: 300)).count == 64)
    }

    @Test func aFileWhereTheRootShouldBeIsAClearError() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let blocker = directory + "/runs"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data([1])))
        #expect {
            try RunDirectory.create(in: blocker, configName: "x")
        } throws: { error in
            (error as? AtomicFile.WriteError)?.description.contains("runs") == true
        }
    }
}
