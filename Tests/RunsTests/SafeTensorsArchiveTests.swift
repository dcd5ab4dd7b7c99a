import Foundation
import Testing

@testable import Runs

@Suite struct SafeTensorsArchiveTests {
    private func sample() throws -> SafeTensorsArchive {
        var archive = SafeTensorsArchive(metadata: ["format": "np", "epoch": "3"])
        try archive.add("dense/kernel", float32: (0..<12).map { Float($0) * 0.5 - 2 }, shape: [4, 3])
        try archive.add("dense/bias", float32: [1, -1, .pi], shape: [3])
        try archive.add("optimizer/iterations", int64: [938], shape: [])
        try archive.add("names \"quoted\"\n", int64: [-7, Int64.max], shape: [2])
        return archive
    }

    @Test func valuesMetadataAndOrderSurviveARoundTrip() throws {
        let archive = try sample()
        let read = try SafeTensorsArchive(parsing: archive.serialized())
        #expect(read == archive)
        #expect(try read.float32("dense/kernel", shape: [4, 3])[11] == 3.5)
        #expect(try read.float32("dense/bias")[2] == .pi)
        #expect(try read.int64("optimizer/iterations") == [938])
        #expect(try read.int64("names \"quoted\"\n") == [-7, Int64.max])
        #expect(read.metadata == ["format": "np", "epoch": "3"])
    }

    @Test func anEmptyTensorBeforeAnotherAtTheSameOffsetReadsBack() throws {
        // A zero-element tensor shares its offset with the next one (a run's order before its
        // first epoch); the reader once took them in name order and saw an overlap.
        var archive = SafeTensorsArchive()
        try archive.add("run/order", int64: [], shape: [0])
        try archive.add("run/a_scalar", float32: [2], shape: [])
        let read = try SafeTensorsArchive(parsing: archive.serialized())
        #expect(read == archive)
    }

    @Test func layoutIsTheFormatsOwn() throws {
        let bytes = try sample().serialized()
        let headerLength = Int(LittleEndianBytes.uint64(bytes[0..<8]))
        #expect((8 + headerLength) % 8 == 0)
        #expect(bytes[8] == UInt8(ascii: "{"))
        let header = try #require(
            try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as? [String: Any])
        let kernel = try #require(header["dense/kernel"] as? [String: Any])
        #expect(kernel["dtype"] as? String == "F32")
        #expect((kernel["shape"] as? [Int]) == [4, 3])
        #expect((kernel["data_offsets"] as? [Int]) == [0, 48])
        // Little-endian float32: 0 * 0.5 - 2 = -2.0 = 0xC0000000.
        #expect(Array(bytes[(8 + headerLength)..<(12 + headerLength)]) == [0, 0, 0, 0xC0])
    }

    @Test func everyTruncationIsRefused() throws {
        let bytes = try sample().serialized()
        for length in 0..<bytes.count {
            #expect(throws: SafeTensorsError.self) { try SafeTensorsArchive(parsing: Array(bytes.prefix(length))) }
        }
    }

    @Test func aFlippedDataByteFailsTheChecksum() throws {
        var bytes = try sample().serialized()
        let headerLength = Int(LittleEndianBytes.uint64(bytes[0..<8]))
        for offset in (8 + headerLength)..<bytes.count {
            bytes[offset] ^= 0x10
            #expect {
                try SafeTensorsArchive(parsing: bytes)
            } throws: { error in
                if case .checksum = error as? SafeTensorsError { return true }
                return false
            }
            bytes[offset] ^= 0x10
        }
    }

    @Test func aFlippedHeaderByteIsRefusedOrLeavesTheDataAlone() throws {
        let original = try sample()
        var bytes = original.serialized()
        let headerLength = Int(LittleEndianBytes.uint64(bytes[0..<8]))
        var refused = 0
        for offset in 0..<(8 + headerLength) {
            bytes[offset] ^= 0x01
            if let read = try? SafeTensorsArchive(parsing: bytes) {
                // Only a changed name or metadata value can pass: the bytes stay the same.
                #expect(read.entries.map(\.bytes) == original.entries.map(\.bytes))
            } else {
                refused += 1
            }
            bytes[offset] ^= 0x01
        }
        #expect(refused > headerLength / 2)
    }

    private func file(header: String, data: [UInt8]) -> [UInt8] {
        LittleEndianBytes.encode([UInt64(header.utf8.count)]) + Array(header.utf8) + data
    }

    @Test func headersThatLieAreRefused() throws {
        let four = [UInt8](repeating: 1, count: 8)
        let cases: [(String, [UInt8], (SafeTensorsError) -> Bool)] = [
            (
                #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, four,
                {
                    if case .sizeMismatch = $0 { return true } else { return false }
                }
            ),
            (
                #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,16]}}"#, four,
                {
                    if case .badOffsets = $0 { return true } else { return false }
                }
            ),
            (
                #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, four,
                {
                    if case .overlapOrGap = $0 { return true } else { return false }
                }
            ),
            (
                #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, four,
                {
                    if case .trailingBytes = $0 { return true } else { return false }
                }
            ),
            (
                #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"U8","shape":[8],"data_offsets":[0,8]}}"#,
                four, { if case .overlapOrGap = $0 { return true } else { return false } }
            ),
            (
                #"{"a":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}}"#, four,
                {
                    if case .unknownDType = $0 { return true } else { return false }
                }
            ),
            (
                #"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, four,
                {
                    if case .badShape = $0 { return true } else { return false }
                }
            ),
            (
                #"{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}"#, four,
                {
                    if case .badShape = $0 { return true } else { return false }
                }
            ),
            (
                #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, four,
                {
                    if case .badOffsets = $0 { return true } else { return false }
                }
            ),
            (
                #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0]}}"#, four,
                {
                    if case .headerNotJSON = $0 { return true } else { return false }
                }
            ),
            (#"[1, 2]"#, four, { if case .headerNotJSON = $0 { return true } else { return false } }),
            (#"{"__metadata__":{"x":1}}"#, [], { if case .headerNotJSON = $0 { return true } else { return false } }),
        ]
        for (header, data, matches) in cases {
            #expect(header == header)  // names the case in a failure
            do {
                _ = try SafeTensorsArchive(parsing: file(header: header, data: data))
                Issue.record("accepted: \(header)")
            } catch {
                #expect(matches(error), "\(header): \(error)")
            }
        }
    }

    @Test func aHeaderLengthBeyondTheFileIsRefused() {
        let bytes = LittleEndianBytes.encode([UInt64.max]) + Array("{}".utf8)
        #expect(throws: SafeTensorsError.headerLength(declared: UInt64.max, available: 2)) {
            try SafeTensorsArchive(parsing: bytes)
        }
    }

    @Test func aFileWithoutAChecksumIsRead() throws {
        // As Python's safetensors writes it: no neurotop metadata, spaces after the JSON.
        let header = #"{"w":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]},"__metadata__":{"format":"np"}}  "#
        let data = LittleEndianBytes.encode([Float(1.5).bitPattern, Float(-2).bitPattern])
        let read = try SafeTensorsArchive(parsing: file(header: header, data: data))
        #expect(try read.float32("w", shape: [1, 2]) == [1.5, -2])
        #expect(read.metadata == ["format": "np"])
    }

    @Test func readingChecksDTypeAndShape() throws {
        let archive = try sample()
        #expect(throws: SafeTensorsError.self) { try archive.float32("dense/kernel", shape: [3, 4]) }
        #expect(throws: SafeTensorsError.self) { try archive.int64("dense/kernel") }
        #expect(throws: SafeTensorsError.missingTensor("conv2d/kernel")) { try archive.float32("conv2d/kernel") }
    }

    @Test func addingRefusesDuplicatesReservedNamesAndWrongSizes() throws {
        var archive = try sample()
        #expect(throws: SafeTensorsError.duplicateName("dense/bias")) {
            try archive.add("dense/bias", float32: [0], shape: [1])
        }
        #expect(throws: SafeTensorsError.invalidName("__metadata__")) {
            try archive.add("__metadata__", float32: [0], shape: [1])
        }
        #expect(throws: SafeTensorsError.sizeMismatch(tensor: "x", expected: 8, actual: 4)) {
            try archive.add("x", float32: [0], shape: [2])
        }
    }
}
