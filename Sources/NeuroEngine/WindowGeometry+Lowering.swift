import CVectorMath

/// im2col lowering: a convolution becomes one matrix product with a column matrix
/// `[kernelHeight·kernelWidth·channels, samples·columnsPerSample]`, rows ordered
/// (ky, kx, channel) so that they line up with a Keras kernel `[kh, kw, channels, filters]` read
/// as a `[rows, filters]` matrix. Column `s·columnsPerSample + oy·columnRowPitch + ox` belongs to
/// output position (oy, ox) of sample s.
extension WindowGeometry {
    /// Writes the column matrix of `samples` consecutive samples starting at `input`.
    /// `padded` is scratch of `samples·channels·paddedPlane` floats (used for unit strides only).
    func im2col(
        _ input: UnsafePointer<Float>, samples: Int, padded: UnsafeMutablePointer<Float>,
        into columns: UnsafeMutablePointer<Float>
    ) {
        if isUnitStride {
            pad(input, samples: samples, into: padded)
            shiftedIm2col(padded, samples: samples, into: columns)
        } else {
            stridedIm2col(input, samples: samples, into: columns)
        }
    }

    /// The adjoint of `im2col`: sets `input` (for `samples` samples) to the sum of every column
    /// entry over the input element it came from. Columns that `im2col` computes but discards
    /// must be zero.
    func col2im(
        _ columns: UnsafePointer<Float>, samples: Int, padded: UnsafeMutablePointer<Float>,
        into input: UnsafeMutablePointer<Float>
    ) {
        if isUnitStride {
            shiftedCol2im(columns, samples: samples, into: padded)
            crop(padded, samples: samples, into: input)
        } else {
            input.update(repeating: 0, count: samples * channels * inputPlane)
            stridedCol2im(columns, samples: samples, into: input)
        }
    }

    // MARK: - Unit strides

    /// Copies each plane into the middle of a zeroed `paddedPlane`.
    func pad(_ input: UnsafePointer<Float>, samples: Int, into padded: UnsafeMutablePointer<Float>) {
        if Vectorized.hasAVX512, paddedWidth != width {
            neurotop_pad_planes(
                input, samples * channels, height, width, padded, paddedHeight, paddedWidth, padTop, padLeft,
                paddedPlane)
            return
        }
        for plane in 0..<(samples * channels) {
            let source = input + plane * inputPlane
            let target = padded + plane * paddedPlane
            if paddedWidth == width {
                target.update(repeating: 0, count: padTop * width)
                (target + padTop * width).update(from: source, count: inputPlane)
                (target + (padTop + height) * width).update(
                    repeating: 0, count: paddedPlane - (padTop + height) * width)
                continue
            }
            target.update(repeating: 0, count: paddedPlane)
            for y in 0..<height {
                (target + (padTop + y) * paddedWidth + padLeft).update(from: source + y * width, count: width)
            }
        }
    }

    private func shiftedIm2col(_ padded: UnsafePointer<Float>, samples: Int, into columns: UnsafeMutablePointer<Float>)
    {
        let run = columnsPerSample
        let leading = samples * run
        for s in 0..<samples {
            for c in 0..<channels {
                let plane = padded + (s * channels + c) * paddedPlane
                for ky in 0..<kernelHeight {
                    for kx in 0..<kernelWidth {
                        let row = (ky * kernelWidth + kx) * channels + c
                        (columns + row * leading + s * run).update(from: plane + ky * paddedWidth + kx, count: run)
                    }
                }
            }
        }
    }

    private func shiftedCol2im(_ columns: UnsafePointer<Float>, samples: Int, into padded: UnsafeMutablePointer<Float>)
    {
        let run = columnsPerSample
        let leading = samples * run
        padded.update(repeating: 0, count: samples * channels * paddedPlane)
        for s in 0..<samples {
            for c in 0..<channels {
                let plane = padded + (s * channels + c) * paddedPlane
                for ky in 0..<kernelHeight {
                    for kx in 0..<kernelWidth {
                        let row = (ky * kernelWidth + kx) * channels + c
                        let source = columns + row * leading + s * run
                        let target = plane + ky * paddedWidth + kx
                        if Vectorized.hasAVX512 {
                            neurotop_add_into(target, source, run)
                        } else {
                            for i in 0..<run { target[i] += source[i] }
                        }
                    }
                }
            }
        }
    }

    /// Copies the middle of each padded plane back out.
    private func crop(_ padded: UnsafePointer<Float>, samples: Int, into input: UnsafeMutablePointer<Float>) {
        for plane in 0..<(samples * channels) {
            let source = padded + plane * paddedPlane
            let target = input + plane * inputPlane
            if paddedWidth == width {
                target.update(from: source + padTop * width, count: inputPlane)
                continue
            }
            if Vectorized.hasAVX512 {
                neurotop_rows_zero_padded(
                    source + padTop * paddedWidth + padLeft, paddedWidth, target, width, height, width)
                continue
            }
            for y in 0..<height {
                (target + y * width).update(from: source + (padTop + y) * paddedWidth + padLeft, count: width)
            }
        }
    }

    // MARK: - Other strides

    /// The output positions `o` along one axis whose input position `o·stride - pad + tap` lies
    /// inside `0..<extent`, as a half-open range.
    @inline(__always)
    private static func insideRange(tap: Int, pad: Int, stride: Int, extent: Int, outputs: Int) -> (Int, Int) {
        let low = min(max(0, ceilDivide(pad - tap, stride)), outputs)
        let high = min(max(low, ceilDivide(extent + pad - tap, stride)), outputs)
        return (low, high)
    }

    @inline(__always)
    private static func ceilDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? (a + b - 1) / b : -((-a) / b)
    }

    private func stridedIm2col(_ input: UnsafePointer<Float>, samples: Int, into columns: UnsafeMutablePointer<Float>) {
        forEachStridedTap(samples: samples) { tap in
            let target = columns + tap.columnsOffset
            target.update(repeating: 0, count: outputPlane)
            for oy in tap.rows {
                let source = input + tap.inputOffset(row: oy)
                let line = target + oy * outputWidth
                for ox in tap.columns { line[ox] = source[ox * strideX] }
            }
        }
    }

    private func stridedCol2im(_ columns: UnsafePointer<Float>, samples: Int, into input: UnsafeMutablePointer<Float>) {
        forEachStridedTap(samples: samples) { tap in
            let source = columns + tap.columnsOffset
            for oy in tap.rows {
                let target = input + tap.inputOffset(row: oy)
                let line = source + oy * outputWidth
                for ox in tap.columns { target[ox * strideX] += line[ox] }
            }
        }
    }

    /// One kernel tap of one channel of one sample, as the strided lowering walks them.
    private struct StridedTap {
        /// Where the tap's `outputPlane` entries start in the column matrix.
        var columnsOffset: Int
        /// The input element under output (0, 0) for this tap (outside the plane when padded).
        var inputOrigin: Int
        /// Input elements between two output rows.
        var inputRowPitch: Int
        /// The output rows and columns whose input lies inside the plane.
        var rows: Range<Int>
        var columns: Range<Int>

        /// The input element under output (row, 0); read with a stride from there.
        @inline(__always)
        func inputOffset(row: Int) -> Int { inputOrigin + row * inputRowPitch }
    }

    /// Calls `body` for every (sample, channel, ky, kx) of `samples` samples, in the order of
    /// the column matrix's writes, with what im2col and its adjoint need of that tap.
    @inline(__always)
    private func forEachStridedTap(samples: Int, _ body: (StridedTap) -> Void) {
        let leading = samples * outputPlane
        for s in 0..<samples {
            for c in 0..<channels {
                let plane = (s * channels + c) * inputPlane
                for ky in 0..<kernelHeight {
                    let (yLow, yHigh) = Self.insideRange(
                        tap: ky, pad: padTop, stride: strideY, extent: height, outputs: outputHeight)
                    for kx in 0..<kernelWidth {
                        let (xLow, xHigh) = Self.insideRange(
                            tap: kx, pad: padLeft, stride: strideX, extent: width, outputs: outputWidth)
                        let row = (ky * kernelWidth + kx) * channels + c
                        body(
                            StridedTap(
                                columnsOffset: row * leading + s * outputPlane,
                                inputOrigin: plane + (ky - padTop) * width + (kx - padLeft),
                                inputRowPitch: strideY * width, rows: yLow..<yHigh, columns: xLow..<xHigh))
                    }
                }
            }
        }
    }
}
