import Foundation

/// Keeps the two branches of a fork within a couple of batches of each other, so that their
/// curves grow side by side and a command sent to both lands at about the same step in each.
///
/// Either branch may run up to `slack` batches ahead; then it parks until the other catches up
/// and is woken through the closure it left. A branch that ends, fails or is dropped leaves the
/// pair, which sets the other free. The batches themselves do not depend on this: both branches
/// draw the same ones from the same generator states whatever their timing.
final class Lockstep: @unchecked Sendable {
    // @unchecked: every stored property is guarded by `lock`.

    /// How many batches one branch may be ahead of the other.
    static let slack = 2

    private let lock = NSLock()
    private var trained = [0, 0]
    private var present = [true, true]
    private var parked: [(@Sendable () -> Void)?] = [nil, nil]

    /// Whether `member` (0 or 1) may train its next batch now. When it may not, `wake` is called
    /// (once, from another thread) as soon as it may.
    func mayTrain(_ member: Int, wake: @escaping @Sendable () -> Void) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let other = 1 - member
        guard present[other], trained[member] - trained[other] >= Self.slack else { return true }
        parked[member] = wake
        return false
    }

    /// `member` trained one batch; wakes the other if it was waiting for this one.
    func trainedOne(_ member: Int) {
        lock.lock()
        trained[member] += 1
        let other = 1 - member
        var wake: (@Sendable () -> Void)?
        if trained[other] - trained[member] < Self.slack {
            wake = parked[other]
            parked[other] = nil
        }
        lock.unlock()
        wake?()
    }

    /// `member` trains no more (it ended or was dropped): the other goes on alone.
    func leave(_ member: Int) {
        lock.lock()
        present[member] = false
        let wake = parked[1 - member]
        parked[1 - member] = nil
        lock.unlock()
        wake?()
    }
}
