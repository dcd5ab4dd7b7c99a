/// The shape of one matrix product `C[m, n] = A[m, k] · B[k, n]`.
public struct GEMMShape: Sendable, Hashable, CustomStringConvertible {
    public var m: Int
    public var n: Int
    public var k: Int

    public init(m: Int, n: Int, k: Int) {
        self.m = m
        self.n = n
        self.k = k
    }

    /// Multiply-adds counted as two operations.
    public var flops: Int { 2 * m * n * k }

    public var description: String { "\(m)x\(n)x\(k)" }
}

/// A layer whose forward pass is dominated by matrix products, for FLOP counts and benchmarks.
///
/// The backward pass of a product `C = A·B` needs `dB = Aᵀ·dC` and (except for the lowest layer)
/// `dA = dC·Bᵀ`, each as many FLOPs as the forward product.
public protocol MatrixProductLayer: Layer {
    /// The products one forward pass over `batch` samples performs.
    func forwardProducts(batch: Int) -> [GEMMShape]
}

extension Dense: MatrixProductLayer {
    public func forwardProducts(batch: Int) -> [GEMMShape] {
        guard let kernel else { return [] }
        return [GEMMShape(m: batch, n: units, k: kernel.value.shape[0])]
    }
}

extension Conv2D: MatrixProductLayer {
    /// One product per group of samples lowered together: `[filters, patch] · [patch, columns]`,
    /// the columns including those the unit-stride lowering computes and then discards.
    public func forwardProducts(batch: Int) -> [GEMMShape] {
        guard let geometry, batch > 0 else { return [] }
        let chunk = chunkSize(geometry, batch: batch)
        var shapes: [GEMMShape] = []
        var first = 0
        while first < batch {
            let samples = min(chunk, batch - first)
            shapes.append(GEMMShape(m: filters, n: samples * geometry.columnsPerSample, k: geometry.patchSize))
            first += samples
        }
        return shapes
    }
}

extension TiedAutoencoder: MatrixProductLayer {
    /// Encoding `x · W` and decoding `h · Wᵀ`.
    public func forwardProducts(batch: Int) -> [GEMMShape] {
        guard let kernel else { return [] }
        let inputs = kernel.value.shape[0]
        return [GEMMShape(m: batch, n: units, k: inputs), GEMMShape(m: batch, n: inputs, k: units)]
    }
}

extension Sequential {
    /// FLOPs of the matrix products for one sample: forward, and a training step (forward, the
    /// weight gradients, and the input gradients of every layer above the lowest product layer).
    public var flopsPerSample: (inference: Int, training: Int) {
        var forward = 0
        var training = 0
        var isLowest = true
        for layer in layers {
            guard let product = layer as? any MatrixProductLayer else { continue }
            let flops = product.forwardProducts(batch: 1).reduce(0) { $0 + $1.flops }
            forward += flops
            training += flops * (isLowest ? 2 : 3)
            isLowest = false
        }
        return (forward, training)
    }

    /// Every distinct product a training step over `batch` samples performs, as (m, n, k) with
    /// the transposes folded in: forward `[m,k]·[k,n]`, weights `[k,m]·[m,n]`, inputs `[m,n]·[n,k]`.
    public func trainingProducts(batch: Int) -> [GEMMShape] {
        var shapes: [GEMMShape] = []
        for layer in layers {
            guard let product = layer as? any MatrixProductLayer else { continue }
            for s in product.forwardProducts(batch: batch) {
                shapes += [s, GEMMShape(m: s.k, n: s.n, k: s.m), GEMMShape(m: s.m, n: s.k, k: s.n)]
            }
        }
        var seen = Set<GEMMShape>()
        return shapes.filter { seen.insert($0).inserted }
    }
}
