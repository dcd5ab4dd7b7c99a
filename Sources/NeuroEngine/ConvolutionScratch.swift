/// One worker's buffers for the lowered convolution.
///
/// Shared across the workers of one step, each using only its own instance.
final class ConvolutionScratch: @unchecked Sendable {
    /// The im2col matrix `[patch, samples·columnsPerSample]`.
    let columns = Tensor(shape: [0])
    /// Zero-padded copies of the input planes (unit strides), reused for the input gradient. After
    /// a direct forward pass in training, the padded input of the worker's whole range, which the
    /// direct kernel gradient reads (`Conv2D.paddedHoldsBatch`).
    let padded = Tensor(shape: [0])
    /// The GEMM result `[filters, samples·columnsPerSample]`, and in backward the output gradient
    /// in that layout.
    let product = Tensor(shape: [0])
    /// The direct kernel gradient's sixteen-lane partial sums (`conv_kernel_gradient.h`).
    let kernelPartials = Tensor(shape: [0])
    /// This worker's part of dK, `[patch, filters]`.
    let kernelGradient = Tensor(shape: [0])
    /// One sample's output gradient for the direct input gradient: `filters` planes of
    /// `gradientSpan` floats, each the rows of the product's layout between zero margins.
    let gradientPlanes = Tensor(shape: [0])

    /// Room for `chunk` samples; the column matrix and the product only when `lowered` (the
    /// direct paths have neither).
    func prepare(_ geometry: WindowGeometry, chunk: Int, filters: Int, lowered: Bool = true) {
        if lowered {
            columns.resize(geometry.patchSize, chunk * geometry.columnsPerSample)
            product.resize(filters, chunk * geometry.columnsPerSample)
        }
        preparePadded(geometry, samples: chunk)
        kernelGradient.resize(geometry.patchSize, filters)
    }

    /// Room for the padded planes of `samples` samples (unit strides; else none).
    func preparePadded(_ geometry: WindowGeometry, samples: Int) {
        padded.resize(geometry.isUnitStride ? samples * geometry.channels * geometry.paddedPlane : 0)
    }
}

/// Memory that the workers of one parallel step share; each writes only its own samples.
struct SharedPointer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>

    init(_ base: UnsafeMutablePointer<Float>) { self.base = base }
}
