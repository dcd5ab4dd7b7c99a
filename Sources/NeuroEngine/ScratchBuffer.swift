/// A growable block of plain values that layers keep between batches (argmax indices, per-channel
/// sums), so that a warm training loop does not allocate.
final class ScratchBuffer<Element: BitwiseCopyable> {
    private(set) var pointer: UnsafeMutablePointer<Element>
    private var capacity: Int
    private let zero: Element

    init(zero: Element) {
        self.zero = zero
        capacity = 1
        pointer = CheckedAllocation.allocate(Element.self, count: 1)
        pointer.initialize(to: zero)
    }

    deinit { CheckedAllocation.deallocate(pointer, count: capacity) }

    /// Makes room for `count` values; the contents are unspecified when it had to grow.
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        CheckedAllocation.deallocate(pointer, count: capacity)
        capacity = count
        pointer = CheckedAllocation.allocate(Element.self, count: count)
        pointer.initialize(repeating: zero, count: count)
    }

    /// Makes room for `count` values and sets them to zero.
    func clear(_ count: Int) {
        reserve(count)
        pointer.update(repeating: zero, count: count)
    }
}
