import Foundation
import Testing

@testable import NeuroEngine

/// Large blocks are mappings of their own, so freeing one gives its memory back to the system at
/// once instead of leaving it resident in a malloc arena.
@Suite struct CheckedAllocationTests {
    /// The start addresses of the process's mappings.
    static func mappingStarts() throws -> Set<UInt> {
        let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        return Set(
            maps.split(separator: "\n").compactMap { line in
                line.split(separator: "-").first.flatMap { UInt($0, radix: 16) }
            })
    }

    @Test func aLargeBlockIsAMappingOfItsOwnAndLeavesWhenFreed() throws {
        let count = 4 << 20  // 16 MiB of floats
        let block = CheckedAllocation.allocate(Float.self, count: count)
        block.initialize(repeating: 1, count: count)
        let address = UInt(bitPattern: block)
        #expect(try Self.mappingStarts().contains(address))
        CheckedAllocation.deallocate(block, count: count)
        // mincore fails with ENOMEM for a range that is no longer mapped.
        var resident = [UInt8](repeating: 0, count: 1)
        let status = mincore(UnsafeMutableRawPointer(bitPattern: address), 4096, &resident)
        let error = errno
        #expect(status == -1 && error == ENOMEM)
    }

    @Test func aSmallBlockComesFromMalloc() throws {
        let block = CheckedAllocation.allocate(Float.self, count: 16)
        defer { CheckedAllocation.deallocate(block, count: 16) }
        #expect(try !Self.mappingStarts().contains(UInt(bitPattern: block)))
    }
}
