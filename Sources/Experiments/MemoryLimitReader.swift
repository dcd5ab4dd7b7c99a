import Foundation

/// Reads the memory limits of the running process: its cgroup's (v2 and v1, the own group and
/// every ancestor), `RLIMIT_AS` and `RLIMIT_DATA`, each with what the process already uses
/// against it.
///
/// The file system root and the resource limits are parameters so that tests can lay out a
/// fake `/proc` and `/sys/fs/cgroup`.
struct MemoryLimitReader {
    /// Prefix of `/proc/self/...` and `/sys/fs/cgroup/...`; empty for the real ones.
    var root = ""
    /// The soft limit of a resource in bytes, nil when unlimited.
    var resourceLimit: (Int32) -> Int? = Self.systemResourceLimit
    /// The machine's RAM in bytes.
    var physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)

    /// The tightest budget among all the limits found.
    func budget() -> MemoryBudget {
        var candidates = cgroupBudgets()
        let status = processStatus()
        if let limit = resourceLimit(Int32(RLIMIT_AS.rawValue)) {
            candidates.append(budget(.addressSpace, limit: limit, used: status["VmSize"] ?? 0))
        }
        if let limit = resourceLimit(Int32(RLIMIT_DATA.rawValue)) {
            candidates.append(budget(.dataSegment, limit: limit, used: status["VmData"] ?? 0))
        }
        return .tightest(of: candidates, physical: physical)
    }

    // MARK: - cgroups

    /// One version of the cgroup memory controller: where it is mounted and what its files are.
    private struct Controller {
        let mount: String
        let limitFile: String
        let usageFile: String
        /// The `memory.stat` key of the page cache, which the kernel reclaims before it fails an allocation.
        let cacheKey: String

        static let v2 = Controller(
            mount: "/sys/fs/cgroup", limitFile: "memory.max", usageFile: "memory.current", cacheKey: "file")
        static let v1 = Controller(
            mount: "/sys/fs/cgroup/memory", limitFile: "memory.limit_in_bytes", usageFile: "memory.usage_in_bytes",
            cacheKey: "total_cache")
    }

    /// A budget for every cgroup level that sets a limit, from `/proc/self/cgroup`: the `0::`
    /// line of v2, the line naming the `memory` controller of v1.
    func cgroupBudgets() -> [MemoryBudget] {
        guard let text = read("/proc/self/cgroup") else { return [] }
        var budgets: [MemoryBudget] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let path = String(fields[2])
            if fields[0] == "0" && fields[1].isEmpty {
                budgets += levelBudgets(of: path, controller: .v2)
            } else if fields[1].split(separator: ",").contains("memory") {
                budgets += levelBudgets(of: path, controller: .v1)
            }
        }
        return budgets
    }

    /// The limits of `path` and each of its ancestors. Inside a container the group's path may
    /// not exist under the mount (the container sees its own group as the root), which walking
    /// up reaches.
    private func levelBudgets(of path: String, controller: Controller) -> [MemoryBudget] {
        var budgets: [MemoryBudget] = []
        var components = path.split(separator: "/").map(String.init)
        while true {
            let group = "/" + components.joined(separator: "/")
            let directory = controller.mount + (components.isEmpty ? "" : group)
            if let limit = number(in: "\(directory)/\(controller.limitFile)"), limit < Self.unlimited {
                let usage = number(in: "\(directory)/\(controller.usageFile)") ?? 0
                let cache = statistics(in: "\(directory)/memory.stat")[controller.cacheKey] ?? 0
                budgets.append(budget(.cgroup(path: group), limit: limit, used: max(usage - cache, 0)))
            }
            if components.isEmpty { break }
            components.removeLast()
        }
        return budgets
    }

    /// cgroup v1 writes "no limit" as the largest multiple of the page size below 2^63; v2
    /// writes "max", which does not parse.
    private static let unlimited = 1 << 62

    // MARK: - Helpers

    /// What is left of the usable share of `total` after `used`, none when `used` is more.
    private func budget(_ limit: MemoryBudget.Limit, limit total: Int, used: Int) -> MemoryBudget {
        MemoryBudget(
            limit: limit, total: total, available: max(Int(Double(total) * MemoryBudget.usableShare) - used, 0))
    }

    /// The `Vm...` lines of `/proc/self/status`, in bytes.
    private func processStatus() -> [String: Int] {
        guard let text = read("/proc/self/status") else { return [:] }
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("Vm") {
            let fields = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            if fields.count >= 2, let kibibytes = Int(fields[1]) { values[String(fields[0])] = kibibytes * 1024 }
        }
        return values
    }

    /// The `key value` lines of a `memory.stat` file.
    private func statistics(in path: String) -> [String: Int] {
        guard let text = read(path) else { return [:] }
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let value = Int(fields[1]) { values[String(fields[0])] = value }
        }
        return values
    }

    private func number(in path: String) -> Int? {
        read(path).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    private func read(_ path: String) -> String? {
        try? String(contentsOfFile: root + path, encoding: .utf8)
    }

    /// `getrlimit`'s soft limit; nil when unlimited (`RLIM_INFINITY`, all bits set).
    static func systemResourceLimit(_ resource: Int32) -> Int? {
        var value = rlimit()
        guard getrlimit(__rlimit_resource_t(resource), &value) == 0, value.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: value.rlim_cur)
    }
}
