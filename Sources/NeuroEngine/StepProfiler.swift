import Dispatch

/// Accumulates wall time per named part of a training step ("Dense forward", "optimizer", ...),
/// for `neurotop bench --profile`. Attach one to a `Sequential` to time its layers.
///
/// Not thread-safe by itself: it is written only from the thread that trains and read after the
/// run, which is why it may cross threads (`@unchecked Sendable`).
public final class StepProfiler: @unchecked Sendable {
    private var nanoseconds: [String: UInt64] = [:]
    private var calls: [String: Int] = [:]

    public init() {}

    /// Runs `body`, adding its duration to `part`.
    @inline(__always)
    public func measure<T>(_ part: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            nanoseconds[part, default: 0] &+= DispatchTime.now().uptimeNanoseconds &- start
            calls[part, default: 0] += 1
        }
        return try body()
    }

    /// Seconds spent per part, largest first.
    public var totals: [(part: String, seconds: Double)] {
        nanoseconds.map { ($0.key, Double($0.value) / 1e9) }.sorted { $0.seconds > $1.seconds }
    }

    /// How many times each part was timed: what a part's row stands for (so many layer passes).
    public var counts: [String: Int] { calls }

    public func reset() {
        nanoseconds.removeAll()
        calls.removeAll()
    }
}
