import Testing

@testable import RunLogs

@Suite struct CRC32CTests {
    @Test func checkValueOfTheCatalogue() {
        // The "check" value of CRC-32/ISCSI in the CRC catalogue: the CRC of "123456789".
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test func vectorsOfRFC3720() {
        // RFC 3720 (iSCSI), appendix B.4: 32-byte test vectors.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
    }

    @Test func emptyInputHasZeroChecksum() {
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    @Test func maskRotatesBy15AndAddsTensorFlowsConstant() {
        #expect(CRC32C.mask(0) == 0xA282_EAD8)
        #expect(CRC32C.mask(1) == (1 << 17) &+ 0xA282_EAD8)
        #expect(CRC32C.mask(0x8000) == 1 &+ 0xA282_EAD8)
        #expect(CRC32C.masked(Array("123456789".utf8)) == CRC32C.mask(0xE306_9283))
    }
}
