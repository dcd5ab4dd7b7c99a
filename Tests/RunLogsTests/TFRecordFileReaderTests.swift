import Foundation
import RunLogsTestSupport
import Testing

@testable import RunLogs

@Suite struct TFRecordFileReaderTests {
    private let payloads: [[UInt8]] = [[1], [2, 2], [3, 3, 3]]

    @Test func readsEveryRecordWithItsOffset() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write(payloads.flatMap(TFRecordFraming.framed), to: "events.out.tfevents.1")
        var reader = TFRecordFileReader(path: path)
        let batch = try reader.readAvailable()
        #expect(batch.records.map(\.payload) == payloads)
        #expect(batch.records.map(\.offset) == [0, 17, 35])
        #expect(batch.notices.isEmpty)
        #expect(reader.offset == 54)
    }

    @Test(arguments: [1, 5, 12, 13, 17, 100])
    func smallWindowsReadTheSameRecords(window: Int) throws {
        let scratch = try ScratchDirectory()
        var bytes = payloads.flatMap(TFRecordFraming.framed)
        bytes[17 + 12] ^= 0xFF
        let path = try scratch.write(bytes + TFRecordFraming.framed([4, 4, 4, 4]), to: "events.out.tfevents.1")
        var reader = TFRecordFileReader(path: path, bounds: ReadBounds(window: window, maximum: 64 << 20))
        let batch = try reader.readAvailable()
        #expect(batch.records.map(\.payload) == [[1], [3, 3, 3], [4, 4, 4, 4]])
        #expect(batch.notices.map(\.place) == ["byte 17"])
    }

    @Test func largeFileIsReadInBatches() throws {
        let scratch = try ScratchDirectory()
        let many = (0..<100).map { [UInt8(truncatingIfNeeded: $0), 1, 2] }
        let path = try scratch.write(many.flatMap(TFRecordFraming.framed), to: "events.out.tfevents.1")
        var reader = TFRecordFileReader(path: path, bounds: ReadBounds(window: 64, maximum: 1024, batch: 200))
        var read: [[UInt8]] = []
        var calls = 0
        var batch: TFRecordFileReader.Batch
        repeat {
            batch = try reader.readAvailable()
            read += batch.records.map(\.payload)
            calls += 1
        } while batch.hasMore
        #expect(read == many)
        // 19 bytes a record, 200 bytes a call: 11 records (209 bytes) each.
        #expect(calls == 10)
    }

    @Test func truncatedLastRecordIsSkippedUntilComplete() throws {
        let scratch = try ScratchDirectory()
        let whole = payloads.flatMap(TFRecordFraming.framed)
        let path = try scratch.write(Array(whole.prefix(40)), to: "events.out.tfevents.1")
        var reader = TFRecordFileReader(path: path)
        let first = try reader.readAvailable()
        #expect(first.records.map(\.payload) == [[1], [2, 2]])
        #expect(first.pendingBytes == 5)
        #expect(first.notices.isEmpty)
        #expect(try reader.readAvailable().records.isEmpty)

        try scratch.append(Array(whole[40...]), to: "events.out.tfevents.1")
        let second = try reader.readAvailable()
        #expect(second.records.map(\.payload) == [[3, 3, 3]])
        #expect(second.pendingBytes == 0)
    }

    @Test func badDataChecksumSkipsTheRecordAndReadsOn() throws {
        let scratch = try ScratchDirectory()
        var bytes = payloads.flatMap(TFRecordFraming.framed)
        bytes[17 + 12] ^= 0xFF
        let path = try scratch.write(bytes, to: "events.out.tfevents.1")
        var reader = TFRecordFileReader(path: path)
        let batch = try reader.readAvailable()
        #expect(batch.records.map(\.payload) == [[1], [3, 3, 3]])
        #expect(batch.notices.count == 1)
        #expect(
            batch.notices.first?.description
                == "\(path), byte 17: the record's data (2 bytes) fails its CRC32C check: record skipped")
        #expect(!reader.isStopped)
    }

    @Test func badLengthChecksumStopsTheFile() throws {
        let scratch = try ScratchDirectory()
        var bytes = payloads.flatMap(TFRecordFraming.framed)
        bytes[17 + 9] ^= 0x01
        let path = try scratch.write(bytes, to: "events.out.tfevents.1")
        var reader = TFRecordFileReader(path: path)
        let batch = try reader.readAvailable()
        #expect(batch.records.map(\.payload) == [[1]])
        #expect(
            batch.notices.map(\.message) == ["the record's length fails its CRC32C check: the file is not read past it"]
        )
        #expect(reader.isStopped)
        #expect(try reader.readAvailable().records.isEmpty)
    }

    @Test func recordLengthOf2To62StopsTheFileWithANotice() throws {
        let scratch = try ScratchDirectory()
        let length = TFRecordFraming.littleEndianBytes(UInt64(1) << 62)
        let hostile =
            length + TFRecordFraming.littleEndianBytes(CRC32C.masked(length)) + [UInt8](repeating: 0, count: 64)
        let path = try scratch.write(TFRecordFraming.framed([1]) + hostile, to: "events.out.tfevents.1")
        var reader = TFRecordFileReader(path: path)
        let batch = try reader.readAvailable()
        #expect(batch.records.map(\.payload) == [[1]])
        #expect(
            batch.notices.map(\.description) == [
                "\(path), byte 17: a record of 4611686018427387904 bytes, over the 64 MiB a record may have: "
                    + "the file is not read past it"
            ])
    }

    /// A 1 GB file of zeros (sparse, so it takes no disk): the first header's checksum fails, and
    /// the reader stops there without reading the rest.
    @Test func sparseGigabyteFileStopsAtTheFirstHeader() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write(TFRecordFraming.framed([9]), to: "events.out.tfevents.1")
        #expect(truncate(path, 1 << 30) == 0)
        var reader = TFRecordFileReader(path: path)
        let started = Date()
        let batch = try reader.readAvailable()
        #expect(batch.records.map(\.payload) == [[9]])
        #expect(batch.notices.map(\.place) == ["byte 17"])
        #expect(reader.isStopped)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    /// A 1 GB sparse file whose header claims one record of the whole file, with a checksum that
    /// matches: over the cap, refused before anything is allocated.
    @Test func sparseGigabyteRecordIsRefusedByItsLength() throws {
        let scratch = try ScratchDirectory()
        let length = TFRecordFraming.littleEndianBytes(UInt64((1 << 30) - 16))
        let path = try scratch.write(
            length + TFRecordFraming.littleEndianBytes(CRC32C.masked(length)), to: "big.tfevents")
        #expect(truncate(path, 1 << 30) == 0)
        var reader = TFRecordFileReader(path: path)
        let batch = try reader.readAvailable()
        #expect(batch.records.isEmpty)
        #expect(batch.notices.first?.message.hasPrefix("a record of 1073741808 bytes, over the 64 MiB") == true)
    }

    @Test func fileThatShrankIsReadAgainFromItsStart() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write(payloads.flatMap(TFRecordFraming.framed), to: "events.out.tfevents.1")
        var reader = TFRecordFileReader(path: path)
        _ = try reader.readAvailable()
        try scratch.write(TFRecordFraming.framed([4]), to: "events.out.tfevents.1")
        let batch = try reader.readAvailable()
        #expect(batch.records.map(\.payload) == [[4]])
        #expect(batch.notices.map(\.message) == ["the file shrank to 17 bytes: read again from its start"])
    }

    @Test func missingFileIsAnError() {
        var reader = TFRecordFileReader(path: "/nonexistent/events.out.tfevents.1")
        #expect(throws: RunLogError.missing(path: "/nonexistent/events.out.tfevents.1")) {
            try reader.readAvailable()
        }
    }
}
