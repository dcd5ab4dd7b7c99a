import Dispatch

extension GEMM {
    /// Measures this machine's float32 matrix-product speed on one shape, in GFLOP/s: the best
    /// of several timed rounds of repeated products on warm buffers.
    public static func measureGFLOPS(_ shape: GEMMShape, seconds: Double = 0.2, bothCores: Bool = false) -> Double {
        let a = Tensor(shape: [shape.m, shape.k], repeating: 0.5)
        let b = Tensor(shape: [shape.k, shape.n], repeating: 0.25)
        let c = Tensor(shape: [shape.m, shape.n])
        let perRound = max(1, Int(2e7 / Double(max(shape.flops, 1))))
        var best = 0.0
        let end = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        repeat {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<perRound {
                multiply(
                    a.pointer, b.pointer, into: c.pointer, m: shape.m, n: shape.n, k: shape.k, bothCores: bothCores)
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = max(best, Double(shape.flops * perRound) / elapsed / 1e9)
        } while DispatchTime.now().uptimeNanoseconds < end
        return best
    }
}
