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

    /// The dashboard's terminal comes back before the out-of-memory message: the hook runs first,
    /// then the one line, then the exit with status 1.
    @Test func runningOutOfMemoryCallsTheHookFirstThenExitsWithOneLine() async throws {
        let result = try #require(
            await #expect(processExitsWith: .exitCode(1), observing: [\.standardErrorContent]) {
                CheckedAllocation.beforeOutOfMemoryExit = {
                    _ = "terminal-restored\n".withCString { write(STDERR_FILENO, $0, 18) }
                }
                _ = CheckedAllocation.allocate(Float.self, count: Int.max / 2)
            })
        let text = String(decoding: result.standardErrorContent, as: UTF8.self)
        let hook = try #require(text.range(of: "terminal-restored"), "\(text)")
        let message = try #require(text.range(of: "neurotop: out of memory"), "\(text)")
        #expect(hook.lowerBound < message.lowerBound)
    }

    /// Checked in a process of its own: with the other tests' threads mapping and unmapping at
    /// the same time, the kernel may merge the new mapping with a neighbour that ends where it
    /// starts, or hand the freed range to another thread before `mincore` looks (one CI run in
    /// many failed so).
    @Test func aLargeBlockIsAMappingOfItsOwnAndLeavesWhenFreed() async {
        await #expect(processExitsWith: .success) {
            let count = 4 << 20  // 16 MiB of floats
            let block = CheckedAllocation.allocate(Float.self, count: count)
            block.initialize(repeating: 1, count: count)
            let address = UInt(bitPattern: block)
            guard (try? Self.mappingStarts().contains(address)) == true else { exit(2) }
            CheckedAllocation.deallocate(block, count: count)
            // mincore fails with ENOMEM for a range that is no longer mapped.
            var resident = [UInt8](repeating: 0, count: 1)
            let status = mincore(UnsafeMutableRawPointer(bitPattern: address), 4096, &resident)
            exit(status == -1 && errno == ENOMEM ? 0 : 3)
        }
    }

    @Test func aSmallBlockComesFromMalloc() throws {
        let block = CheckedAllocation.allocate(Float.self, count: 16)
        defer { CheckedAllocation.deallocate(block, count: 16) }
        #expect(try !Self.mappingStarts().contains(UInt(bitPattern: block)))
    }
}
