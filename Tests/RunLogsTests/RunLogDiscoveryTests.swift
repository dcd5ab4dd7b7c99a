import RunLogsTestSupport
import Testing

@testable import RunLogs

@Suite struct RunLogDiscoveryTests {
    private let record = TFEventsFixture.file([TFEventsFixture.fileVersion()])

    @Test func logDirectoryWithRunsAndKerasSplits() throws {
        let scratch = try ScratchDirectory()
        try scratch.write(record, to: "logs/run-a/train/events.out.tfevents.1.host")
        try scratch.write(record, to: "logs/run-a/validation/events.out.tfevents.2.host")
        try scratch.write(record, to: "logs/run-b/events.out.tfevents.3.host")
        try scratch.write([], to: "logs/run-b/notes.txt")
        try scratch.write(Array("{}\n".utf8), to: "logs/neurotop/events.jsonl")
        let files = try RunLogDiscovery.files(at: scratch.path + "/logs")
        #expect(files.map(\.run) == ["neurotop", "run-a", "run-a", "run-b"])
        #expect(files.map(\.kind) == [.eventStream, .tensorBoard, .tensorBoard, .tensorBoard])
        #expect(files.map(\.directorySplit) == [nil, .train, .validation, nil])
        #expect(files[1].path == scratch.path + "/logs/run-a/train/events.out.tfevents.1.host")
    }

    @Test func aRunsOwnDirectoryIsNamedAfterItself() throws {
        let scratch = try ScratchDirectory()
        try scratch.write(record, to: "run-a/events.out.tfevents.1")
        #expect(try RunLogDiscovery.files(at: scratch.path + "/run-a").map(\.run) == ["run-a"])
        try scratch.write(record, to: "run-b/validation/events.out.tfevents.1")
        let split = try RunLogDiscovery.files(at: scratch.path + "/run-b/validation")
        #expect(split.map(\.run) == ["run-b"])
        #expect(split.map(\.directorySplit) == [.validation])
    }

    @Test func singleFilesByNameOrByTheirFirstBytes() throws {
        let scratch = try ScratchDirectory()
        let tfevents = try scratch.write(record, to: "run-c/train/events.out.tfevents.1")
        let unnamedRecords = try scratch.write(record, to: "run-c/records.bin")
        let stream = try scratch.write(Array("{\"event\":\"log\"}\n".utf8), to: "run-c/stream.txt")
        let other = try scratch.write(Array("hello".utf8), to: "run-c/other.txt")
        #expect(
            try RunLogDiscovery.files(at: tfevents) == [
                WatchedFile(path: tfevents, kind: .tensorBoard, run: "run-c", directorySplit: .train)
            ])
        #expect(try RunLogDiscovery.files(at: unnamedRecords).map(\.kind) == [.tensorBoard])
        #expect(try RunLogDiscovery.files(at: stream).map(\.kind) == [.eventStream])
        #expect(throws: RunLogError.unknownKind(path: other)) { try RunLogDiscovery.files(at: other) }
    }

    @Test func missingPathAndEmptyDirectoryAreErrors() throws {
        let scratch = try ScratchDirectory()
        #expect(throws: RunLogError.missing(path: scratch.path + "/nope")) {
            try RunLogDiscovery.files(at: scratch.path + "/nope")
        }
        #expect(throws: RunLogError.nothingToRead(path: scratch.path)) { try RunLogDiscovery.files(at: scratch.path) }
    }
}
