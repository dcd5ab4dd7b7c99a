/// Where a 2-D sliding window falls on a `[channels, height, width]` sample, and the im2col
/// lowering built on it.
///
/// Column matrices are `[kernelHeight·kernelWidth·channels, samples·outputHeight·outputWidth]`,
/// rows ordered (ky, kx, channel) so that they line up with a Keras kernel
/// `[kernelHeight, kernelWidth, channels, filters]` read as a `[rows, filters]` matrix.
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

    var inputPlane: Int { height * width }
    var outputPlane: Int { outputHeight * outputWidth }
    /// Rows of the column matrix: one per kernel tap and input channel.
    var patchSize: Int { kernelHeight * kernelWidth * channels }

    /// The output positions `o` along one axis whose input position `o·stride - pad + tap` lies
    /// inside `0..<extent`, as a half-open range.
    @inline(__always)
    static func insideRange(tap: Int, pad: Int, stride: Int, extent: Int, outputs: Int) -> (Int, Int) {
        let low = min(max(0, ceilDivide(pad - tap, stride)), outputs)
        let high = min(max(low, ceilDivide(extent + pad - tap, stride)), outputs)
        return (low, high)
    }

    @inline(__always)
    private static func ceilDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? (a + b - 1) / b : -((-a) / b)
    }

    // MARK: - Lowering

    /// Writes the column matrix of `samples` consecutive samples starting at `input`.
    func im2col(_ input: UnsafePointer<Float>, samples: Int, into columns: UnsafeMutablePointer<Float>) {
        let leading = samples * outputPlane
        for s in 0..<samples {
            for c in 0..<channels {
                let plane = input + (s * channels + c) * inputPlane
                for ky in 0..<kernelHeight {
                    let (yLow, yHigh) = Self.insideRange(
                        tap: ky, pad: padTop, stride: strideY, extent: height, outputs: outputHeight)
                    for kx in 0..<kernelWidth {
                        let (xLow, xHigh) = Self.insideRange(
                            tap: kx, pad: padLeft, stride: strideX, extent: width, outputs: outputWidth)
                        let row = (ky * kernelWidth + kx) * channels + c
                        let target = columns + row * leading + s * outputPlane
                        target.update(repeating: 0, count: yLow * outputWidth)
                        for oy in yLow..<yHigh {
                            let source = plane + (oy * strideY - padTop + ky) * width + (kx - padLeft)
                            let line = target + oy * outputWidth
                            line.update(repeating: 0, count: xLow)
                            if strideX == 1 {
                                (line + xLow).update(from: source + xLow, count: xHigh - xLow)
                            } else {
                                for ox in xLow..<xHigh { line[ox] = source[ox * strideX] }
                            }
                            (line + xHigh).update(repeating: 0, count: outputWidth - xHigh)
                        }
                        (target + yHigh * outputWidth).update(
                            repeating: 0, count: (outputHeight - yHigh) * outputWidth)
                    }
                }
            }
        }
    }

    /// The adjoint of `im2col`: adds every column entry back onto the input element it came
    /// from. `input` (for `samples` samples) must be zeroed by the caller.
    func col2im(_ columns: UnsafePointer<Float>, samples: Int, into input: UnsafeMutablePointer<Float>) {
        let leading = samples * outputPlane
        for s in 0..<samples {
            for c in 0..<channels {
                let plane = input + (s * channels + c) * inputPlane
                for ky in 0..<kernelHeight {
                    let (yLow, yHigh) = Self.insideRange(
                        tap: ky, pad: padTop, stride: strideY, extent: height, outputs: outputHeight)
                    for kx in 0..<kernelWidth {
                        let (xLow, xHigh) = Self.insideRange(
                            tap: kx, pad: padLeft, stride: strideX, extent: width, outputs: outputWidth)
                        let row = (ky * kernelWidth + kx) * channels + c
                        let source = columns + row * leading + s * outputPlane
                        for oy in yLow..<yHigh {
                            let target = plane + (oy * strideY - padTop + ky) * width + (kx - padLeft)
                            let line = source + oy * outputWidth
                            if strideX == 1 {
                                for ox in xLow..<xHigh { target[ox] += line[ox] }
                            } else {
                                for ox in xLow..<xHigh { target[ox * strideX] += line[ox] }
                            }
                        }
                    }
                }
            }
        }
    }
}
