import Foundation
import Testing

@testable import Datasets

@Suite struct IDXReaderTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test(arguments: [false, true])
    func readsImagesAsBytesOverTwoFiftyFive(gzipped: Bool) throws {
        let bytes = IDXFixture.pattern(count: 3 * 2 * 4)
        let path = try directory.write(
            IDXFixture.images(count: 3, rows: 2, columns: 4, pixels: bytes), to: "images", gzipped: gzipped)
        let images = try IDXReader.readImages(at: path)
        #expect(images.count == 3 && images.rows == 2 && images.columns == 4)
        #expect(images.bytes == bytes)
        #expect(images.bytes.count == 24)
    }

    @Test(arguments: [false, true])
    func readsLabels(gzipped: Bool) throws {
        let path = try directory.write(IDXFixture.labels([7, 2, 1, 0, 9]), to: "labels", gzipped: gzipped)
        #expect(try IDXReader.readLabels(at: path) == [7, 2, 1, 0, 9])
    }

    @Test func detectsCompressionByContentNotName() throws {
        let file = IDXFixture.labels([3, 1, 4])
        let gzippedWithoutSuffix = try directory.write(file, to: "t10k-labels-idx1-ubyte", gzipped: true)
        let rawWithSuffix = try directory.write(file, to: "train-labels-idx1-ubyte.gz", gzipped: false)
        #expect(try ByteStream(path: gzippedWithoutSuffix).isCompressed)
        #expect(try !ByteStream(path: rawWithSuffix).isCompressed)
        #expect(try IDXReader.readLabels(at: gzippedWithoutSuffix) == [3, 1, 4])
        #expect(try IDXReader.readLabels(at: rawWithSuffix) == [3, 1, 4])
    }

    @Test func readsImagesLargerThanOneChunk() throws {
        // 40 images of 80x90 is 288000 bytes, more than one conversion chunk.
        let bytes = IDXFixture.pattern(count: 40 * 80 * 90)
        #expect(bytes.count > IDXReader.chunkSize)
        let path = try directory.write(
            IDXFixture.images(count: 40, rows: 80, columns: 90, pixels: bytes), to: "big.gz", gzipped: true)
        let images = try IDXReader.readImages(at: path)
        #expect(images.bytes.count == bytes.count)
        #expect(images.bytes == bytes)
    }

    @Test(arguments: [false, true])
    func rejectsTruncatedPixels(gzipped: Bool) throws {
        let file = IDXFixture.images(count: 3, rows: 2, columns: 4, pixels: IDXFixture.pattern(count: 24))
        let path = try directory.write(Array(file.dropLast(14)), to: "train-images-idx3-ubyte.gz", gzipped: gzipped)
        let error = #expect(throws: DatasetError.self) { try IDXReader.readImages(at: path) }
        #expect(error == .truncated(path: path, kind: .images, promised: 24, present: 10))
        #expect(
            error?.description
                == "\(path): truncated: header promises 24 pixel bytes, file has 10; re-download or re-copy it")
    }

    @Test(arguments: [false, true])
    func rejectsHeaderClaimingMoreImagesThanPresent(gzipped: Bool) throws {
        let file = IDXFixture.header(magic: 0x0803, dimensions: [5, 2, 4]) + IDXFixture.pattern(count: 24)
        let path = try directory.write(file, to: "lying", gzipped: gzipped)
        #expect(throws: DatasetError.truncated(path: path, kind: .images, promised: 40, present: 24)) {
            try IDXReader.readImages(at: path)
        }
    }

    /// A gzip stream's length is unknown until read: a header claiming the largest payload
    /// allowed is found out when the data runs dry, without a gigabyte reserved on its word.
    @Test func gzipHeaderClaimingTheLargestPayloadIsFoundOutByReading() throws {
        let claimed = 1 << 30
        #expect(claimed == IDXHeader.maximumElements)
        #expect(IDXReader.reservation(for: claimed, compressed: true) == 1 << 26)
        #expect(IDXReader.reservation(for: 47_040_000, compressed: true) == 47_040_000)
        #expect(IDXReader.reservation(for: claimed, compressed: false) == claimed)
        let file = IDXFixture.header(magic: 0x0803, dimensions: [1 << 20, 32, 32]) + IDXFixture.pattern(count: 3000)
        let path = try directory.write(file, to: "huge-claim.gz", gzipped: true)
        #expect(throws: DatasetError.truncated(path: path, kind: .images, promised: claimed, present: 3000)) {
            try IDXReader.readImages(at: path)
        }
    }

    @Test(arguments: [false, true])
    func rejectsTrailingBytes(gzipped: Bool) throws {
        let file = IDXFixture.labels([1, 2, 3]) + [0xde, 0xad, 0xbe]
        let path = try directory.write(file, to: "labels", gzipped: gzipped)
        let error = #expect(throws: DatasetError.self) { try IDXReader.readLabels(at: path) }
        #expect(error == .trailingBytes(path: path, kind: .labels, promised: 3, extra: 3))
        #expect(error?.description.contains("3 unexpected byte(s) after the 3 label bytes") == true)
    }

    @Test(arguments: [false, true])
    func rejectsHeaderClaimingFewerImagesThanPresent(gzipped: Bool) throws {
        let file = IDXFixture.header(magic: 0x0803, dimensions: [2, 2, 4]) + IDXFixture.pattern(count: 24)
        let path = try directory.write(file, to: "images", gzipped: gzipped)
        #expect(throws: DatasetError.trailingBytes(path: path, kind: .images, promised: 16, extra: 8)) {
            try IDXReader.readImages(at: path)
        }
    }

    @Test func rejectsFileThatIsNotIDX() throws {
        let path = try directory.write(Array("<!DOCTYPE html>".utf8), to: "train-images-idx3-ubyte")
        let error = #expect(throws: DatasetError.self) { try IDXReader.readImages(at: path) }
        #expect(error == .notIDX(path: path, kind: .images, magic: 0x3C21_444F))
        #expect(
            error?.description.contains("not an IDX file (magic 0x3C21444F, expected 0x00000803 for images)") == true)
    }

    @Test func rejectsLabelsFileGivenAsImages() throws {
        let path = try directory.write(IDXFixture.labels([1, 2]), to: "swapped")
        let error = #expect(throws: DatasetError.self) { try IDXReader.readImages(at: path) }
        #expect(error == .wrongRank(path: path, kind: .images, found: 1))
        #expect(error?.description.contains("images and labels files are not swapped") == true)
    }

    @Test func rejectsNonByteElementType() throws {
        let file = IDXFixture.header(magic: 0x0D03, dimensions: [1, 1, 1]) + [0, 0, 0, 0]
        let path = try directory.write(file, to: "floats")
        let error = #expect(throws: DatasetError.self) { try IDXReader.readImages(at: path) }
        #expect(error == .unsupportedElementType(path: path, typeCode: 0x0D))
        #expect(error?.description.contains("0x0D (32-bit float)") == true)
    }

    @Test func rejectsZeroDimension() throws {
        let path = try directory.write(IDXFixture.header(magic: 0x0803, dimensions: [4, 0, 28]), to: "zero")
        #expect(throws: DatasetError.emptyDimension(path: path, index: 1)) { try IDXReader.readImages(at: path) }
    }

    @Test(arguments: [false, true])
    func rejectsAbsurdDimensionsBeforeAllocating(gzipped: Bool) throws {
        let dimensions: [UInt32] = [4_000_000_000, 60_000, 60_000]
        let path = try directory.write(
            IDXFixture.header(magic: 0x0803, dimensions: dimensions), to: "huge", gzipped: gzipped)
        let error = #expect(throws: DatasetError.self) { try IDXReader.readImages(at: path) }
        #expect(error == .tooLarge(path: path, kind: .images, dimensions: dimensions.map(Int.init)))
    }

    @Test func rejectsEmptyFileAndCutHeader() throws {
        let empty = try directory.write([], to: "empty")
        let error = #expect(throws: DatasetError.self) { try IDXReader.readLabels(at: empty) }
        #expect(error == .truncatedHeader(path: empty, expected: 8, present: 0))
        #expect(error?.description.contains("file is empty") == true)

        let cut = try directory.write(
            Array(IDXFixture.images(count: 1, rows: 1, columns: 1, pixels: [0]).prefix(9)), to: "cut")
        #expect(throws: DatasetError.truncatedHeader(path: cut, expected: 16, present: 9)) {
            try IDXReader.readImages(at: cut)
        }
    }

    @Test func rejectsGzipWithBadChecksum() throws {
        let path = try directory.write(IDXFixture.labels([1, 2, 3, 4]), to: "labels.gz", gzipped: true)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 8] ^= 0xff  // first byte of the CRC-32 trailer
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: DatasetError.self) { try IDXReader.readLabels(at: path) }
        guard case .corruptCompression(let errorPath, _) = error else {
            Issue.record("expected corruptCompression, got \(String(describing: error))")
            return
        }
        #expect(errorPath == path)
    }

    @Test func rejectsGzipCutBeforeItsTrailer() throws {
        let path = try directory.write(IDXFixture.labels([1, 2, 3, 4]), to: "labels.gz", gzipped: true)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try Data(bytes.dropLast(4)).write(to: URL(fileURLWithPath: path))
        #expect(throws: DatasetError.corruptCompression(path: path, detail: "the gzip stream ends before its checksum"))
        {
            try IDXReader.readLabels(at: path)
        }
    }

    @Test func reportsMissingFileAndDirectoryAsUnreadable() throws {
        let missing = directory.path + "/nope"
        let error = #expect(throws: DatasetError.self) { try IDXReader.readLabels(at: missing) }
        #expect(error == .unreadable(path: missing, reason: "No such file or directory"))
        let reason = "it is a directory, not a regular file"
        #expect(throws: DatasetError.unreadable(path: directory.path, reason: reason)) {
            try IDXReader.readLabels(at: directory.path)
        }
    }

    /// A FIFO is refused for what it is, not opened to wait for a writer that never comes.
    @Test func reportsAFIFOWithoutWaitingForAWriter() throws {
        let fifo = directory.path + "/labels-fifo"
        try #require(mkfifo(fifo, 0o644) == 0)
        let reason = "it is a FIFO, not a regular file"
        #expect(throws: DatasetError.unreadable(path: fifo, reason: reason)) {
            try IDXReader.readLabels(at: fifo)
        }
    }
}
