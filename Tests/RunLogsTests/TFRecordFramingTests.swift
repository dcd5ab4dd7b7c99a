import Testing

@testable import RunLogs

@Suite struct TFRecordFramingTests {
    private func frame(_ bytes: [UInt8], at start: Int = 0) -> TFRecordFrame {
        bytes.withUnsafeBytes { TFRecordFraming.frame(at: start, in: $0, maximumLength: 64 << 20) }
    }

    @Test func framedRecordReadsBackWithItsPayload() {
        let bytes = TFRecordFraming.framed([1, 2, 3]) + TFRecordFraming.framed([])
        #expect(frame(bytes) == .record(payload: 12..<15, next: 19))
        #expect(frame(bytes, at: 19) == .record(payload: 31..<31, next: 35))
        #expect(Array(bytes[12..<15]) == [1, 2, 3])
    }

    @Test func headerHoldsLengthLittleEndianAndItsMaskedChecksum() {
        let bytes = TFRecordFraming.framed([UInt8](repeating: 7, count: 258))
        #expect(Array(bytes[0..<8]) == [2, 1, 0, 0, 0, 0, 0, 0])
        let stored = bytes[8..<12].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(stored == CRC32C.mask(CRC32C.checksum([2, 1, 0, 0, 0, 0, 0, 0])))
    }

    @Test func flippedPayloadByteFailsTheDataChecksumButKeepsTheFraming() {
        var bytes = TFRecordFraming.framed([1, 2, 3])
        bytes[13] ^= 0x10
        #expect(frame(bytes) == .badDataChecksum(length: 3, next: 19))
    }

    @Test func flippedLengthByteFailsTheLengthChecksum() {
        var bytes = TFRecordFraming.framed([1, 2, 3])
        bytes[0] = 4
        #expect(frame(bytes) == .badLengthChecksum)
    }

    @Test func lengthOf2To62WithAMatchingChecksumIsRefusedNotAllocated() {
        let length = TFRecordFraming.littleEndianBytes(UInt64(1) << 62)
        let bytes = length + TFRecordFraming.littleEndianBytes(CRC32C.masked(length)) + [0, 0, 0, 0]
        #expect(frame(bytes) == .tooLong(length: 1 << 62))
    }

    @Test func partialRecordsSayHowManyBytesWouldCompleteThem() {
        let bytes = TFRecordFraming.framed([1, 2, 3, 4, 5])
        #expect(frame(Array(bytes.prefix(5))) == .incomplete(needed: 12))
        #expect(frame(Array(bytes.prefix(20))) == .incomplete(needed: 21))
        #expect(frame(bytes) == .record(payload: 12..<17, next: 21))
    }
}
