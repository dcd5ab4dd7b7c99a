import Foundation
import Testing

@testable import Runs

@Suite struct AtomicFileTests {
    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("neurotop-runs-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func replaceWritesTheNewBytesAndLeavesNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/checkpoint.safetensors"
        try AtomicFile.replace(path, with: [1, 2, 3])
        try AtomicFile.replace(path, with: [4, 5])
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == [4, 5])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["checkpoint.safetensors"])
    }

    @Test func aFailedReplaceKeepsTheOldFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/run.json"
        try AtomicFile.replace(path, with: Array("old".utf8))
        // Something in the way of the temporary file (works as root too, unlike a read-only directory).
        try FileManager.default.createDirectory(
            atPath: directory + "/.run.json.\(getpid()).tmp", withIntermediateDirectories: false)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.replace(path, with: Array("new".utf8)) }
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == "old")
    }

    @Test func aMissingDirectoryIsAClearError() throws {
        let path = "/nonexistent-\(UUID().uuidString)/run.json"
        #expect {
            try AtomicFile.replace(path, with: [1])
        } throws: { error in
            guard let error = error as? AtomicFile.WriteError else { return false }
            return error.step == "create" && error.description.contains("No such file or directory")
        }
    }

    @Test func archivesRoundTripThroughTheDisk() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var archive = SafeTensorsArchive(metadata: ["step": "42"])
        try archive.add("dense/kernel", float32: [1, 2, 3, 4], shape: [2, 2])
        let path = directory + "/checkpoint.safetensors"
        try archive.write(to: path)
        #expect(try SafeTensorsArchive(contentsOf: path) == archive)

        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes.removeLast(3)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect {
            try SafeTensorsArchive(contentsOf: path)
        } throws: { error in
            guard case .damaged(let damagedPath, _) = error as? SafeTensorsArchive.ReadError else { return false }
            return damagedPath == path
        }
        #expect(throws: SafeTensorsArchive.ReadError.self) { try SafeTensorsArchive(contentsOf: directory + "/none") }
    }

    /// A FIFO, a directory or a device is refused for what it is, never read: the FIFO would
    /// wait for a writer forever, /dev/zero would never end.
    @Test func anArchiveThatIsNotARegularFileIsNamed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try #require(mkfifo(directory + "/pipe.safetensors", 0o644) == 0)
        let cases = [
            (directory + "/pipe.safetensors", "a FIFO"), (directory, "a directory"),
            ("/dev/zero", "a character device"),
        ]
        for (path, kind) in cases {
            let reason = "it is \(kind), not a regular file"
            #expect(throws: SafeTensorsArchive.ReadError.unreadable(path: path, reason: reason)) {
                try SafeTensorsArchive(contentsOf: path)
            }
        }
    }
}
