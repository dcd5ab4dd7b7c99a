/// Where a 2-D sliding window falls on a `[channels, height, width]` sample.
///
/// Used for the output size and padding of convolutions and pooling, and for lowering a
/// convolution onto a matrix product (see `WindowGeometry+Lowering.swift`).
struct WindowGeometry: Sendable, Equatable {
    let channels: Int
    let height: Int
    let width: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let strideY: Int
    let strideX: Int
    let outputHeight: Int
    let outputWidth: Int
    let padTop: Int
    let padLeft: Int

    init(
        channels: Int, height: Int, width: Int, kernel: (height: Int, width: Int),
        strides: (height: Int, width: Int), padding: Padding
    ) {
        self.channels = channels
        self.height = height
        self.width = width
        kernelHeight = kernel.height
        kernelWidth = kernel.width
        strideY = strides.height
        strideX = strides.width
        (outputHeight, padTop) = padding.output(input: height, window: kernel.height, stride: strides.height)
        (outputWidth, padLeft) = padding.output(input: width, window: kernel.width, stride: strides.width)
    }

    /// The geometry of a `window` (named `kernel` or `pool` in the message) sliding over a
    /// sample of `inputShape`, checked by `checkSample`; an error naming `layer` when the window
    /// leaves no output.
    init(
        sample inputShape: [Int], window: (height: Int, width: Int), named windowName: String,
        strides: (height: Int, width: Int), padding: Padding, layer: String
    ) throws(ModelError) {
        self.init(
            channels: inputShape[0], height: inputShape[1], width: inputShape[2], kernel: window, strides: strides,
            padding: padding)
        guard outputHeight > 0, outputWidth > 0 else {
            throw .invalidArgument(
                layer: layer,
                message: "a \(window.height)x\(window.width) \(windowName) does not fit a "
                    + "\(height)x\(width) input with padding 'valid'; use padding 'same'")
        }
    }

    /// Checks that a layer's input is one image, `[channels, height, width]`.
    static func checkSample(_ inputShape: [Int], layer: String) throws(ModelError) {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw .invalidInputShape(
                layer: layer, shape: inputShape, expected: "[channels, height, width] (add Reshape)")
        }
    }

    var inputPlane: Int { height * width }
    var outputPlane: Int { outputHeight * outputWidth }
    /// Rows of the column matrix: one per kernel tap and input channel.
    var patchSize: Int { kernelHeight * kernelWidth * channels }

    /// With unit strides the lowering works on a zero-padded copy of each plane and computes
    /// `outputHeight x paddedWidth` outputs, the last `kernelWidth - 1` of each row being
    /// discarded: every column-matrix row is then one contiguous run of the padded plane.
    var isUnitStride: Bool { strideY == 1 && strideX == 1 }
    var paddedHeight: Int { outputHeight + kernelHeight - 1 }
    var paddedWidth: Int { outputWidth + kernelWidth - 1 }
    /// A padded plane, with room for the last tap's run to overhang the bottom-right corner.
    var paddedPlane: Int { paddedHeight * paddedWidth + kernelWidth - 1 }
    /// Distance between output rows in the column matrix and the GEMM result.
    var columnRowPitch: Int { isUnitStride ? paddedWidth : outputWidth }
    /// Columns of the column matrix per sample.
    var columnsPerSample: Int { outputHeight * columnRowPitch }
    /// Zeros before each output-gradient plane of the direct input gradient (unit strides): room
    /// for the farthest tap above and to the left of an input pixel.
    var gradientMargin: Int { (kernelHeight - 1) * paddedWidth + kernelWidth - 1 }
    /// Floats between two of those planes: the margin, `paddedHeight` rows and a vector's overhang.
    var gradientSpan: Int { gradientMargin + paddedHeight * paddedWidth + 16 }
}
