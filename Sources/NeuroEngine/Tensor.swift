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
    /// How many elements the storage holds; at least `count`.
    public private(set) var capacity: Int
    /// Resizes in a row that needed less than a quarter of a large storage, and the most they needed.
    private var sparseResizes = 0
    private var sparsePeak = 0

    /// After this many resizes in a row to less than a quarter of its room, a tensor of at least
    /// `CheckedAllocation.mappingThreshold` bytes shrinks to the most those resizes needed.
    static let resizesBeforeShrinking = 32

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

    deinit { CheckedAllocation.deallocate(pointer, count: capacity) }

    // MARK: - Shape

    /// Gives the tensor a new shape, reallocating when it needs more room than it has, or when it
    /// has long needed much less. The contents are unspecified afterwards unless the element count
    /// is unchanged.
    ///
    /// Shrinking is why a config that validated once (batches of 500, eight times a training
    /// batch) does not keep inference-size activations for good; waiting for many small resizes
    /// in a row keeps the training loop, which alternates batches with 16-image sample previews,
    /// from reallocating.
    public func resize(to newShape: [Int]) {
        let newCount = newShape.reduce(1, *)
        prepareStorage(for: newCount)
        shape = newShape
        count = newCount
    }

    /// `resize(to: [d0])` that builds no shape array when the shape already is that: layers
    /// resize their buffers every batch, and a warm training step should not allocate.
    public func resize(_ d0: Int) {
        guard shape.count == 1, shape[0] == d0 else { return resize(to: [d0]) }
        prepareStorage(for: count)
    }

    /// `resize(to: [d0, d1])` without a shape array when unchanged (see `resize(_:)`).
    public func resize(_ d0: Int, _ d1: Int) {
        guard shape.count == 2, shape[0] == d0, shape[1] == d1 else { return resize(to: [d0, d1]) }
        prepareStorage(for: count)
    }

    /// `resize(to: [d0, d1, d2, d3])` without a shape array when unchanged (see `resize(_:)`).
    public func resize(_ d0: Int, _ d1: Int, _ d2: Int, _ d3: Int) {
        guard shape.count == 4, shape[0] == d0, shape[1] == d1, shape[2] == d2, shape[3] == d3 else {
            return resize(to: [d0, d1, d2, d3])
        }
        prepareStorage(for: count)
    }

    /// `resize(to: [rows] + sample)` without a shape array when unchanged (see `resize(_:)`).
    public func resize(rows: Int, sample: [Int]) {
        guard shape.count == sample.count + 1, shape[0] == rows, shape.dropFirst().elementsEqual(sample) else {
            return resize(to: [rows] + sample)
        }
        prepareStorage(for: count)
    }

    /// The storage side of a resize to `newCount` elements: grows, or shrinks after long disuse.
    private func prepareStorage(for newCount: Int) {
        if newCount > capacity {
            CheckedAllocation.deallocate(pointer, count: capacity)
            capacity = newCount
            pointer = CheckedAllocation.allocate(Float.self, count: capacity)
            pointer.initialize(repeating: 0, count: capacity)
            sparseResizes = 0
            sparsePeak = 0
        } else if newCount < capacity / 4, capacity * MemoryLayout<Float>.stride >= CheckedAllocation.mappingThreshold {
            sparseResizes += 1
            sparsePeak = max(sparsePeak, newCount)
            if sparseResizes >= Tensor.resizesBeforeShrinking { shrink(to: sparsePeak) }
        } else {
            sparseResizes = 0
            sparsePeak = 0
        }
    }

    /// Moves the first elements to storage of `newCapacity` and gives the old storage back.
    private func shrink(to newCapacity: Int) {
        let kept = max(newCapacity, 1)
        let storage = CheckedAllocation.allocate(Float.self, count: kept)
        storage.initialize(repeating: 0, count: kept)
        storage.update(from: pointer, count: min(count, kept))
        CheckedAllocation.deallocate(pointer, count: capacity)
        pointer = storage
        capacity = kept
        sparseResizes = 0
        sparsePeak = 0
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

    /// Becomes the transpose of the `rows x columns` row-major matrix at `source`: shape
    /// `[columns, rows]`, element (c, r) = source (r, c). A kernel read by the other index (a
    /// convolution's filter-major copy, a tied decoder's weights).
    public func copyTransposed(from source: UnsafePointer<Float>, rows: Int, columns: Int) {
        resize(columns, rows)
        // Row by row of the result: its stores in sequence, the reads a few floats apart.
        for c in 0..<columns {
            let row = pointer + c * rows
            for r in 0..<rows { row[r] = source[r * columns + c] }
        }
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
