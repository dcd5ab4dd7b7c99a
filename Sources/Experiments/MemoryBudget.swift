import Foundation

/// How much more memory this process can take, under the tightest of the limits that apply to it.
///
/// Physical memory alone is not the limit a run meets first: in a container the cgroup's limit is
/// smaller, and under `ulimit -v` or `ulimit -d` the address space or data segment is. A run that
/// passes a check against physical memory there dies at its first large allocation.
public struct MemoryBudget: Equatable, Sendable {
    /// The kinds of limit, each named as a user would look it up.
    public enum Limit: Equatable, Sendable {
        /// The machine's RAM.
        case physicalMemory
        /// A cgroup's `memory.max` (v2) or `memory.limit_in_bytes` (v1): a container's or a
        /// systemd unit's limit.
        case cgroup(path: String)
        /// `RLIMIT_AS`, set with `ulimit -v`.
        case addressSpace
        /// `RLIMIT_DATA`, set with `ulimit -d`.
        case dataSegment
    }

    /// The limit that leaves the least to spare.
    public let limit: Limit
    /// That limit, in bytes.
    public let total: Int
    /// What the process can still take under it, in bytes (0 when it already uses more).
    public let available: Int

    /// The share of a limit that a run may count on: the rest is left to the kernel, the page
    /// cache, the threads' stacks and the allocator's own reserves.
    static let usableShare = 0.9
    /// The share of physical memory a run may count on, which other processes share.
    static let usablePhysicalShare = 0.75

    /// The tightest of the candidates; physical memory when none is given.
    static func tightest(of candidates: [MemoryBudget], physical: Int) -> MemoryBudget {
        let machine = MemoryBudget(
            limit: .physicalMemory, total: physical, available: Int(Double(physical) * usablePhysicalShare))
        return candidates.reduce(machine) { $1.available < $0.available ? $1 : $0 }
    }

    /// What the limit is, for messages: "23.5 GiB of physical memory", "the 1.0 GiB address-space
    /// limit (ulimit -v)".
    public var limitDescription: String {
        let size = Self.gib(total)
        return switch limit {
        case .physicalMemory: "\(size) of physical memory"
        case .cgroup(let path): "the \(size) memory limit of cgroup \(path)"
        case .addressSpace: "the \(size) address-space limit (ulimit -v)"
        case .dataSegment: "the \(size) data-segment limit (ulimit -d)"
        }
    }

    /// The budget of the running process.
    public static func current() -> MemoryBudget { MemoryLimitReader().budget() }

    /// Whether the kernel grants `bytes` of address space now: mapped and unmapped at once, never
    /// touched, so it costs nothing, but it fails as an allocation of that size would under
    /// `ulimit -v`, `ulimit -d` or strict overcommit.
    static func canReserve(_ bytes: Int) -> Bool {
        guard bytes > 0 else { return true }
        guard let mapping = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            mapping != MAP_FAILED
        else { return false }
        munmap(mapping, bytes)
        return true
    }

    /// Bytes as GiB with one decimal.
    static func gib(_ bytes: Int) -> String { String(format: "%.1f GiB", Double(bytes) / Double(1 << 30)) }
}
