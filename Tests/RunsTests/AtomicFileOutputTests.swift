import Foundation
import Testing

@testable import Runs

/// `-o FILE` must never put a regular file in place of a device, a FIFO or a link.
@Suite struct AtomicFileOutputTests {
    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("neurotop-output-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func fileType(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    private func permissions(_ path: String) -> mode_t {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0
    }

    private func contents(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test func aCharacterDeviceIsWrittenThroughNotReplaced() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/null"
        // A private /dev/null (major 1, minor 3, as glibc's makedev packs them; the macro is not
        // imported); where devices cannot be made or opened, there is nothing to test.
        guard mknod(path, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 else { return }
        let probe = open(path, O_WRONLY)
        guard probe >= 0 else { return }
        close(probe)
        try AtomicFile.writeOutput(Array("discarded".utf8), to: path)
        #expect(fileType(path) == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["null"])
    }

    @Test func aFIFOIsWrittenThroughNotReplaced() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/pipe"
        try #require(mkfifo(path, 0o644) == 0)
        // A reader is there first, so opening for writing does not wait for one.
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        try AtomicFile.writeOutput(Array("through".utf8), to: path)
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(count == 7 && String(decoding: buffer.prefix(7), as: UTF8.self) == "through")
        #expect(fileType(path) == S_IFIFO)
    }

    @Test func aLinkKeepsPointingAtItsReplacedFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try AtomicFile.replace(directory + "/real.csv", with: Array("old".utf8))
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.csv", withDestinationPath: "real.csv")
        try AtomicFile.writeOutput(Array("new".utf8), to: directory + "/link.csv")
        #expect(fileType(directory + "/link.csv") == S_IFLNK)
        #expect(try contents(directory + "/real.csv") == "new")

        // A link to a file not there yet makes that file.
        try FileManager.default.createSymbolicLink(atPath: directory + "/ahead.csv", withDestinationPath: "later.csv")
        try AtomicFile.writeOutput(Array("made".utf8), to: directory + "/ahead.csv")
        #expect(fileType(directory + "/ahead.csv") == S_IFLNK)
        #expect(try contents(directory + "/later.csv") == "made")
    }

    @Test func aReplacedFileKeepsItsPermissions() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/private.csv"
        try AtomicFile.replace(path, with: Array("old".utf8))
        try #require(chmod(path, 0o600) == 0)
        try AtomicFile.writeOutput(Array("new".utf8), to: path)
        #expect(permissions(path) == 0o600)
        #expect(try contents(path) == "new")
    }

    @Test func aDirectoryIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect {
            try AtomicFile.writeOutput([1], to: directory)
        } throws: { error in
            (error as? AtomicFile.WriteError)?.description.contains("Is a directory") == true
        }
    }
}
