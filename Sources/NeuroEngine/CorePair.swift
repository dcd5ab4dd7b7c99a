import CVectorMath
import Foundation
import Synchronization

/// Runs a piece of work in two halves at once: the calling thread takes half 0, a helper thread
/// that lives as long as the process takes half 1.
///
/// Why not `DispatchQueue.concurrentPerform`: a training step of a small model is a few dozen
/// products of 20-100 µs each, and waking a pool thread costs a good part of that. The helper
/// spins a little while after each piece (the next product of the step comes within microseconds)
/// and then sleeps. Never slower than one thread by much: when the helper has not started its half
/// by the time the caller is done with its own (the other core busy with another program), the
/// caller takes that half too. One caller at a time; a second caller meanwhile (two trainers at
/// once) runs both halves itself.
public final class CorePair: @unchecked Sendable {
    /// Nil where the process may run on one CPU only (one core, `taskset -c 0`), or when
    /// `NEUROTOP_ONE_CORE` is set (to leave the other core to other work, or to compare).
    public static let shared: CorePair? = usableCPUs >= 2 && getenv("NEUROTOP_ONE_CORE") == nil ? CorePair() : nil

    /// The CPUs this process may run on: its affinity mask's, which `activeProcessorCount` does
    /// not look at (under `taskset -c 0` it still says 2, and a helper thread spinning on the one
    /// CPU would halve the speed).
    static var usableCPUs: Int {
        let all = ProcessInfo.processInfo.activeProcessorCount
        guard let status = ProcFile.read("/proc/self/status") else { return all }
        return min(all, allowedCPUs(status: status) ?? all)
    }

    /// The number of CPUs in the `Cpus_allowed:` mask of a `/proc/PID/status` text (hexadecimal,
    /// in comma-separated groups: `3`, `ff,ffffffff`); nil when it has none.
    static func allowedCPUs(status: String) -> Int? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) else {
            return nil
        }
        let digits = line.dropFirst("Cpus_allowed:".count).filter { $0 != "," && !$0.isWhitespace }
        let values = digits.compactMap { $0.hexDigitValue }
        guard !values.isEmpty, values.count == digits.count else { return nil }
        return values.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// How long the helper spins for the next piece before it sleeps.
    private static let spinLimit: Duration = .microseconds(300)

    /// The generation of the last piece posted, claimed (by either thread) and finished by the helper.
    private let posted = Atomic<Int>(0)
    private let claimed = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let held = Atomic<Bool>(false)
    private let sleeping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    /// The posted piece's work: written by the caller before `posted`, read by the thread that
    /// claims half 1 after it; only while `held`.
    nonisolated(unsafe) private var work: ((Int) -> Void)?

    private init() {
        let helper = Thread { [unowned self] in self.serve() }
        helper.name = "neurotop-core-pair"
        helper.stackSize = 1 << 20
        helper.start()
    }

    /// The part of `0..<count` that half `part` (0 or 1) of a piece takes: the first ⌈count/2⌉, or the rest.
    public static func range(_ part: Int, of count: Int) -> Range<Int> {
        let split = (count + 1) / 2
        return part == 0 ? 0..<split : split..<count
    }

    /// Runs `body(0)` and `body(1)`, on two cores when the pair is free; returns when both are done.
    public static func run(_ body: (Int) -> Void) {
        guard let pair = shared else {
            body(0)
            body(1)
            return
        }
        pair.run(body)
    }

    /// `run(body)` when `condition` holds, else both halves here, one after the other.
    public static func run(when condition: Bool, _ body: (Int) -> Void) {
        if condition {
            run(body)
        } else {
            body(0)
            body(1)
        }
    }

    private func run(_ body: (Int) -> Void) {
        guard held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            body(0)
            body(1)
            return
        }
        withoutActuallyEscaping(body) { escaping in
            work = escaping
            let generation = posted.load(ordering: .relaxed) + 1
            posted.store(generation, ordering: .sequentiallyConsistent)
            if sleeping.load(ordering: .sequentiallyConsistent) { wake.signal() }
            escaping(0)
            if claimed.compareExchange(expected: generation - 1, desired: generation, ordering: .acquiringAndReleasing)
                .exchanged
            {
                escaping(1)
            } else {
                var turns = 0
                while finished.load(ordering: .acquiring) != generation {
                    turns += 1
                    politeSpin(turns)
                }
            }
            work = nil
        }
        held.store(false, ordering: .releasing)
    }

    private func serve() {
        var seen = 0
        while true {
            let generation = waitForPiece(after: seen)
            seen = generation
            guard
                claimed.compareExchange(expected: generation - 1, desired: generation, ordering: .acquiringAndReleasing)
                    .exchanged
            else { continue }
            runSecondHalf()
            finished.store(generation, ordering: .releasing)
        }
    }

    /// Its own function so that the closure is released before `finished` says the half is done:
    /// the caller's `withoutActuallyEscaping` then finds no reference left to it.
    @inline(never)
    private func runSecondHalf() {
        work?(1)
    }

    /// The generation of the next piece posted after `seen`: spins for `spinLimit`, then sleeps.
    private func waitForPiece(after seen: Int) -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: Self.spinLimit)
        var turns = 0
        while true {
            let generation = posted.load(ordering: .acquiring)
            if generation != seen { return generation }
            turns += 1
            if turns & 63 == 0, clock.now >= deadline { break }
            politeSpin(turns)
        }
        while true {
            sleeping.store(true, ordering: .sequentiallyConsistent)
            let generation = posted.load(ordering: .sequentiallyConsistent)
            if generation != seen {
                sleeping.store(false, ordering: .relaxed)
                return generation
            }
            wake.wait()
            sleeping.store(false, ordering: .relaxed)
        }
    }
}

/// One turn of a spin-wait: the CPU's `pause` for the first turns (a few microseconds), then the
/// scheduler's yield. A thread that only spins can keep the thread it waits for off its CPU: when
/// a third thread (the program's own, another process's) wants one of the two cores, the
/// scheduler may put the waited-for thread on the spinning one's CPU, where it then waits for
/// the spinner's time slice to end.
@inline(__always)
private func politeSpin(_ turns: Int) {
    if turns < 256 {
        neurotop_spin_pause()
    } else {
        sched_yield()
    }
}
