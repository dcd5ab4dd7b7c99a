import Foundation
import Testing

@testable import Runs

@Suite struct EventLogTests {
    private func temporaryFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("neurotop-events-\(UUID().uuidString).jsonl").path
    }

    @Test func appendedLinesReadBackAndAnUnfinishedLastLineIsIgnored() throws {
        let path = temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try EventLogWriter(path: path)
        try writer.append(#"{"v":1,"event":"started"}"#)
        try writer.append(#"{"v":1,"event":"batch","loss":0.5}"#)
        try writer.sync()
        writer.close()
        // A writer killed mid-line leaves this behind.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"v":1,"event":"ba"#.utf8))
        handle.closeFile()

        let objects = try EventLogReader.objects(at: path)
        #expect(objects.count == 2)
        #expect(objects[1]["loss"] as? Double == 0.5)

        // Appending again continues the file (the unfinished line stays unfinished text in line 3).
        let again = try EventLogWriter(path: path)
        try again.append(#"{"v":1,"event":"resumed"}"#)
        #expect(throws: EventLogReader.ReadError.notJSON(path: path, line: 3)) { try EventLogReader.objects(at: path) }
    }

    @Test func cuttingTheUnfinishedLastLineKeepsEveryCompleteLine() throws {
        let path = temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A last line longer than the block read backwards at a time.
        let long = #"{"v":1,"event":"batch","note":""# + String(repeating: "x", count: 10_000)
        for (contents, kept) in [
            ("{\"v\":1}\n{\"v\":1,\"ev", "{\"v\":1}\n"), ("{\"v\":1}\n", "{\"v\":1}\n"), ("{\"v\":1", ""), ("", ""),
            ("{\"v\":1}\n" + long, "{\"v\":1}\n"),
        ] {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
            let writer = try EventLogWriter(path: path)
            try writer.cutUnfinishedLine()
            #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == kept)
            try writer.append(#"{"v":1,"event":"resumed"}"#)
            writer.close()
            #expect(try EventLogReader.objects(at: path).last?["event"] as? String == "resumed")
        }
    }

    @Test func completeLinesCountBytesAndNumbers() {
        let bytes = Array("{\"a\":1}\n\n{\"b\":2}\n{\"c\"".utf8)
        let (lines, consumed) = EventLogReader.completeLines(in: bytes, firstNumber: 10)
        #expect(lines.map(\.number) == [10, 12])
        #expect(lines.map(\.text) == [#"{"a":1}"#, #"{"b":2}"#])
        #expect(consumed == 17)
    }

    @Test func aBrokenMiddleLineOrANewerVersionIsNamed() throws {
        let path = temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("{\"v\":1}\nnot json\n{\"v\":1}\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: EventLogReader.ReadError.notJSON(path: path, line: 2)) { try EventLogReader.objects(at: path) }
        try Data("{\"v\":1}\n{\"v\":2}\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: EventLogReader.ReadError.unsupportedVersion(path: path, line: 2, version: 2)) {
            try EventLogReader.objects(at: path)
        }
        #expect(throws: EventLogReader.ReadError.self) { try EventLogReader.objects(at: path + ".missing") }
    }
}
