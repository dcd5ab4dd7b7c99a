/// A dense float32 array with a shape, stored contiguously and batch-major (row-major).
///
/// Tensors are reference types that own their memory: layers keep their output and gradient
/// tensors between batches and `resize` them, so the training loop does not allocate once warm.
public final class Tensor {
    /// The dimensions, outermost first; for activations the first one is the batch.
    public private(set) var shape: [Int]
    /// The number of elements, the product of `shape`.
    public private(set) var count: Int
    /// The elements; valid for `count` values.
    public private(set) var pointer: UnsafeMutablePointer<Float>
    private var capacity: Int

    // MARK: - Creating

    /// A tensor of the given shape with every element set to `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        let count = shape.reduce(1, *)
        precondition(count >= 0 && shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.count = count
        self.capacity = max(count, 1)
        self.pointer = CheckedAllocation.allocate(Float.self, count: capacity)
        pointer.initialize(repeating: value, count: capacity)
    }

    /// A tensor of the given shape holding `values` in row-major order.
    public convenience init(shape: [Int], values: [Float]) {
        self.init(shape: shape)
        precondition(values.count == count, "\(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.update(from: base, count: count) }
        }
    }

    deinit { CheckedAllocation.deallocate(pointer) }

    // MARK: - Shape

    /// Gives the tensor a new shape, reallocating only when it needs more room than it has.
    /// The contents are unspecified afterwards unless the element count is unchanged.
    public func resize(to newShape: [Int]) {
        let newCount = newShape.reduce(1, *)
        if newCount > capacity {
            CheckedAllocation.deallocate(pointer)
            capacity = newCount
            pointer = CheckedAllocation.allocate(Float.self, count: capacity)
            pointer.initialize(repeating: 0, count: capacity)
        }
        shape = newShape
        count = newCount
    }

    /// Reinterprets the same elements with another shape of equal element count.
    public func reshape(to newShape: [Int]) {
        precondition(newShape.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        shape = newShape
    }

    /// The size of the first dimension (the batch, for activations).
    public var rows: Int { shape.first ?? 1 }
    /// The number of elements per row (per sample, for activations).
    public var columns: Int { rows == 0 ? 0 : count / rows }

    // MARK: - Elements

    public subscript(index: Int) -> Float {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }

    /// A copy of the elements, for tests, events and anything that leaves the engine.
    public var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    /// Copies the elements of `other`, taking its shape.
    public func copy(from other: Tensor) {
        resize(to: other.shape)
        pointer.update(from: other.pointer, count: count)
    }

    /// Sets every element to `value`.
    public func fill(_ value: Float) {
        pointer.update(repeating: value, count: count)
    }

    /// A new tensor with the same shape and elements.
    public func clone() -> Tensor {
        let result = Tensor(shape: shape)
        result.pointer.update(from: pointer, count: count)
        return result
    }
}
