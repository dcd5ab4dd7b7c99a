import Foundation
import Testing

@testable import Experiments

/// The memory budget comes from the tightest of physical memory, cgroup limits and rlimits, read
/// here from fake `/proc` and `/sys/fs/cgroup` trees.
@Suite struct MemoryLimitReaderTests {
    private static let gib = 1 << 30

    /// A fake root with the given files (paths relative to it) and no rlimits.
    private func reader(_ files: [String: String], limits: [Int32: Int] = [:]) throws -> (MemoryLimitReader, String) {
        let root = try Fixtures.temporaryDirectory()
        for (path, text) in files { try Fixtures.write(text, to: root + path) }
        let reader = MemoryLimitReader(root: root, resourceLimit: { limits[$0] }, physical: 16 * Self.gib)
        return (reader, root)
    }

    private let status = "Name:\tneurotop\nVmPeak:\t 3000000 kB\nVmSize:\t 2097152 kB\nVmData:\t 1048576 kB\n"

    @Test func withoutLimitsThreeQuartersOfPhysicalMemoryCount() throws {
        let (reader, root) = try reader(["/proc/self/cgroup": "0::/\n", "/proc/self/status": status])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(reader.budget() == MemoryBudget(limit: .physicalMemory, total: 16 * Self.gib, available: 12 * Self.gib))
    }

    @Test func cgroupV2LimitOfTheOwnGroupCountsLessItsUsageButNotItsPageCache() throws {
        let (reader, root) = try reader([
            "/proc/self/cgroup": "0::/user.slice/run-1.scope\n",
            "/sys/fs/cgroup/user.slice/run-1.scope/memory.max": "4294967296\n",
            "/sys/fs/cgroup/user.slice/run-1.scope/memory.current": "1073741824\n",
            "/sys/fs/cgroup/user.slice/run-1.scope/memory.stat": "anon 536870912\nfile 536870912\n",
            "/sys/fs/cgroup/user.slice/memory.max": "max\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let budget = reader.budget()
        #expect(budget.limit == .cgroup(path: "/user.slice/run-1.scope"))
        #expect(budget.total == 4 * Self.gib)
        // 90% of 4 GiB less the 0.5 GiB that is not page cache.
        #expect(budget.available == Int(4 * Double(Self.gib) * 0.9) - Self.gib / 2)
        #expect(budget.limitDescription == "the 4.0 GiB memory limit of cgroup /user.slice/run-1.scope")
    }

    @Test func aTighterAncestorGroupWins() throws {
        let (reader, root) = try reader([
            "/proc/self/cgroup": "0::/a/b\n",
            "/sys/fs/cgroup/a/b/memory.max": "8589934592\n",
            "/sys/fs/cgroup/a/memory.max": "2147483648\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(reader.budget().limit == .cgroup(path: "/a"))
    }

    /// In a container with cgroup v1 the group's host path does not exist inside; the mount's
    /// root holds the container's limit, and "unlimited" is a huge number.
    @Test func cgroupV1InAContainerIsFoundAtTheMountRoot() throws {
        let (reader, root) = try reader([
            "/proc/self/cgroup": "5:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n0::/\n",
            "/sys/fs/cgroup/memory/memory.limit_in_bytes": "1073741824\n",
            "/sys/fs/cgroup/memory/memory.usage_in_bytes": "104857600\n",
            "/sys/fs/cgroup/memory/memory.stat": "cache 1000\ntotal_cache 52428800\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let budget = reader.budget()
        #expect(budget.limit == .cgroup(path: "/"))
        #expect(budget.available == Int(Double(Self.gib) * 0.9) - 52_428_800)
    }

    @Test func cgroupV1UnlimitedIsNoLimit() throws {
        let (reader, root) = try reader([
            "/proc/self/cgroup": "4:memory:/x\n",
            "/sys/fs/cgroup/memory/x/memory.limit_in_bytes": "9223372036854771712\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(reader.budget().limit == .physicalMemory)
    }

    @Test func addressSpaceLimitCountsLessTheMappedSize() throws {
        let (reader, root) = try reader(
            ["/proc/self/cgroup": "0::/\n", "/proc/self/status": status],
            limits: [Int32(RLIMIT_AS.rawValue): 3 * Self.gib])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let budget = reader.budget()
        #expect(budget.limit == .addressSpace)
        #expect(budget.available == Int(3 * Double(Self.gib) * 0.9) - 2 * Self.gib)
        #expect(budget.limitDescription == "the 3.0 GiB address-space limit (ulimit -v)")
    }

    @Test func dataLimitCountsLessTheDataSegmentAndTheSmallestBudgetWins() throws {
        let (reader, root) = try reader(
            ["/proc/self/cgroup": "0::/\n", "/proc/self/status": status],
            limits: [Int32(RLIMIT_AS.rawValue): 8 * Self.gib, Int32(RLIMIT_DATA.rawValue): 2 * Self.gib])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let budget = reader.budget()
        #expect(budget.limit == .dataSegment)
        #expect(budget.available == Int(2 * Double(Self.gib) * 0.9) - Self.gib)
    }

    @Test func aLimitAlreadyExceededLeavesNothing() throws {
        let (reader, root) = try reader(
            ["/proc/self/status": status], limits: [Int32(RLIMIT_AS.rawValue): Self.gib])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(reader.budget().available == 0)
    }

    @Test func theRealProcessHasABudget() {
        let budget = MemoryBudget.current()
        #expect(budget.available > 0)
        #expect(budget.available <= budget.total)
    }

    @Test func reservingIsRefusedBeyondTheAddressSpaceAndGrantedWithin() {
        #expect(MemoryBudget.canReserve(1 << 20))
        #expect(!MemoryBudget.canReserve(1 << 62))
    }
}
