import CVectorMath

/// The backward pass: dK and dbias, and the input gradient lowered (col2im of K · dY) or direct.
extension Conv2D {
    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        if activation == .linear {
            return backward(preActivationGradient: outputGradient, needsInputGradient: needsInputGradient)
        }
        preActivationGradient.copy(from: outputGradient)
        let span = activationSpan
        activation.backward(
            output: output.pointer, gradient: preActivationGradient.pointer,
            rows: output.count / span, columns: span)
        return backward(preActivationGradient: preActivationGradient, needsInputGradient: needsInputGradient)
    }

    /// dK = columns · dYᵀ, dbias = Σ dY, dx = col2im(K · dY), with dY in the GEMM layout (dK
    /// directly from the padded input where `differentiatesKernelDirectly`, dx directly from dY
    /// where `differentiatesInputDirectly`).
    public func backward(preActivationGradient gradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard let geometry, let kernel, let input = lastInput else {
            preconditionFailure("\(name): backward before forward")
        }
        precondition(gradient.count == output.count, "\(name): gradient \(gradient.shape) for output \(output.shape)")
        let batch = gradient.rows
        let (height, width, pitch) = (geometry.outputHeight, geometry.outputWidth, geometry.columnRowPitch)
        let run = geometry.columnsPerSample
        let plane = geometry.outputPlane
        let inputSize = geometry.channels * geometry.inputPlane
        if let bias {
            let db = bias.gradient.pointer
            for f in 0..<filters {
                var sum: Double = 0
                for s in 0..<batch {
                    sum += Double(Vectorized.sum(gradient.pointer + (s * filters + f) * plane, count: plane))
                }
                db[f] = Float(sum)
            }
        }
        if needsInputGradient {
            inputGradient.resize(batch, geometry.channels, geometry.height, geometry.width)
        }
        let loweredChunk = chunkSize(geometry, batch: batch)
        let ranges = workerRanges(batch: batch, chunk: loweredChunk)
        let reuseColumns = columnsHoldBatch && ranges.count == 1
        let direct = needsInputGradient && differentiatesInputDirectly
        let directKernel = differentiatesKernelDirectly
        // With no column matrix at all (dK direct, dx direct or not wanted), each worker takes its
        // whole range at once, and the forward pass's padded input where it kept it.
        let whole = directKernel && (direct || !needsInputGradient)
        let chunk = whole ? ranges.map(\.count).max() ?? 0 : loweredChunk
        let paddedReady = whole && paddedHoldsBatch
        // The output gradient in the lowered product's layout, for the products that remain.
        let productNeeded = !directKernel || (needsInputGradient && !direct)
        let partials = directKernel
            ? neurotop_kernel_gradient_partials(geometry.channels, geometry.kernelHeight, geometry.kernelWidth, filters)
            : 0
        for worker in workers.prefix(ranges.count) {
            worker.prepare(geometry, chunk: chunk, filters: filters, lowered: !whole)
            worker.kernelPartials.resize(partials)
        }
        let (margin, span) = (geometry.gradientMargin, geometry.gradientSpan)
        if direct {
            for worker in workers.prefix(ranges.count) { worker.gradientPlanes.resize(filters * span) }
        }
        let filters = filters
        let weights = SharedPointer(kernel.value.pointer)
        let patch = geometry.patchSize
        let source = SharedPointer(input.pointer)
        let outputGradient = SharedPointer(gradient.pointer)
        let inputGradientPointer = needsInputGradient ? SharedPointer(inputGradient.pointer) : nil
        let workers = workers
        let gemmKernel = GEMM.current  // the workers run on other threads: pass the kernel on
        Self.eachWorker(ranges.count, training: true) { index in
            let scratch = workers[index]
            let product = scratch.product.pointer
            let columns = scratch.columns.pointer
            let planes = scratch.gradientPlanes.pointer
            // Only the runs of the output gradient are written below: the margins stay zero.
            if direct { planes.update(repeating: 0, count: filters * span) }
            var first = ranges[index].lowerBound
            while first < ranges[index].upperBound {
                let samples = min(chunk, ranges[index].upperBound - first)
                let leading = samples * run
                if !reuseColumns, !directKernel {
                    geometry.im2col(
                        source.base + first * inputSize, samples: samples, padded: scratch.padded.pointer, into: columns
                    )
                }
                // [samples, filters, rows of width] -> [filters, samples, rows of pitch]; the discarded
                // columns get zero so that they add nothing to dK or dx. The direct paths read the
                // output gradient as it is.
                for s in 0..<(productNeeded ? samples : 0) {
                    for f in 0..<filters {
                        let from = outputGradient.base + ((first + s) * filters + f) * plane
                        let to = product + f * leading + s * run
                        if Vectorized.hasAVX512 {
                            neurotop_rows_zero_padded(from, width, to, pitch, height, width)
                            continue
                        }
                        for y in 0..<height {
                            let row = from + y * width
                            let out = to + y * pitch
                            for x in 0..<width { out[x] = row[x] }
                            for x in width..<pitch { out[x] = 0 }
                        }
                    }
                }
                let accumulate = first != ranges[index].lowerBound
                if directKernel {
                    let padded = scratch.padded.pointer
                    if !paddedReady { geometry.pad(source.base + first * inputSize, samples: samples, into: padded) }
                    neurotop_conv_kernel_gradient10(
                        padded, geometry.channels, geometry.paddedPlane, geometry.paddedWidth,
                        outputGradient.base + first * filters * plane, height, width, samples, geometry.kernelHeight,
                        geometry.kernelWidth, filters, scratch.kernelPartials.pointer, scratch.kernelGradient.pointer,
                        accumulate ? 1 : 0)
                } else {
                    GEMM.multiply(
                        columns, product, transposeB: true, into: scratch.kernelGradient.pointer,
                        m: patch, n: filters, k: leading, beta: accumulate ? 1 : 0, using: gemmKernel)
                }
                if let inputGradientPointer, direct {
                    for s in 0..<samples {
                        // Each filter's rows at pitch between the margins (zeros past the width).
                        for f in 0..<filters {
                            neurotop_rows_zero_padded(
                                outputGradient.base + ((first + s) * filters + f) * plane, width,
                                planes + f * span + margin, pitch, height, width)
                        }
                        neurotop_conv_input_gradient10(
                            planes, filters, span, margin, geometry.paddedWidth, weights.base, geometry.kernelHeight,
                            geometry.kernelWidth, geometry.channels, inputGradientPointer.base + (first + s) * inputSize,
                            geometry.height, geometry.width, geometry.padTop, geometry.padLeft)
                    }
                } else if let inputGradientPointer {
                    GEMM.multiply(
                        weights.base, product, into: columns, m: patch, n: leading, k: filters, using: gemmKernel)
                    geometry.col2im(
                        columns, samples: samples, padded: scratch.padded.pointer,
                        into: inputGradientPointer.base + first * inputSize)
                }
                first += samples
            }
        }
        if needsInputGradient { columnsHoldBatch = false }
        // The lowered input gradient's scatter pads into the same buffer.
        if needsInputGradient, !direct { paddedHoldsBatch = false }
        // dK is the sum of the workers' parts.
        let dK = kernel.gradient.pointer
        let count = kernel.gradient.count
        dK.update(from: workers[0].kernelGradient.pointer, count: count)
        for worker in workers.dropFirst().prefix(ranges.count - 1) {
            for i in 0..<count { dK[i] += worker.kernelGradient.pointer[i] }
        }
        return needsInputGradient ? inputGradient : nil
    }
}
