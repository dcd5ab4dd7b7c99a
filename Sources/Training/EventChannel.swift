import Foundation

/// A thread-safe, never-blocking mailbox from one producer thread to a consumer.
///
/// `post` never waits on the consumer: when more than `capacity` events are queued, the oldest
/// coalescable one is dropped, so a slow view loses intermediate batch updates, never an epoch
/// or a state change. The consumer drains everything at once; `waitAndDrain` returns early for
/// a non-coalescable event and otherwise at its timeout, which sets the consumer's tick.
public final class EventChannel<Element: Sendable>: @unchecked Sendable {
    // All stored state is guarded by `condition`.
    private let condition = NSCondition()
    private var buffer: [Element] = []
    private var droppedCount = 0
    private let capacity: Int
    private let isCoalescable: @Sendable (Element) -> Bool

    public init(capacity: Int = 4096, isCoalescable: @escaping @Sendable (Element) -> Bool = { _ in false }) {
        self.capacity = max(1, capacity)
        self.isCoalescable = isCoalescable
    }

    /// Queues an event and wakes a waiting consumer.
    public func post(_ element: Element) {
        condition.lock()
        if buffer.count >= capacity, let index = buffer.firstIndex(where: isCoalescable) {
            buffer.remove(at: index)
            droppedCount += 1
        }
        buffer.append(element)
        // Only events a consumer must not wait for wake it: waking it on every batch would cost
        // a context switch per batch. Batch updates are picked up at the consumer's next tick.
        let wakes = !isCoalescable(element)
        condition.unlock()
        if wakes { condition.signal() }
    }

    /// Everything queued so far, oldest first; empty when nothing is queued.
    public func drain() -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        return takeAll()
    }

    /// Waits up to `timeout` seconds for a non-coalescable event (returning at once when one is
    /// already queued), then drains everything queued.
    public func waitAndDrain(timeout: TimeInterval) -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !buffer.contains(where: { !isCoalescable($0) }) {
            if !condition.wait(until: deadline) { break }
        }
        return takeAll()
    }

    /// How many coalescable events were dropped because the consumer fell behind.
    public var dropped: Int {
        condition.lock()
        defer { condition.unlock() }
        return droppedCount
    }

    private func takeAll() -> [Element] {
        let taken = buffer
        buffer.removeAll(keepingCapacity: true)
        return taken
    }
}

extension EventChannel where Element == TrainingEvent {
    /// A channel for training events that coalesces batch, gradient and sample updates.
    public convenience init(capacity: Int = 4096) {
        self.init(capacity: capacity, isCoalescable: { $0.isCoalescable })
    }
}
