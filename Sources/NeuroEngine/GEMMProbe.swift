import Dispatch

/// The short measurement that ranks the kernels at start-up: products of the bundled models'
/// own shapes (the MLP's 64x784x100 forward and its weight gradient, the small output layer's,
/// two convolution products), each timed a few times on warm buffers; a few milliseconds in all.
enum GEMMProbe {
    struct Product {
        var m: Int, n: Int, k: Int
        var transposeA = false, transposeB = false
    }

    static let products = [
        Product(m: 64, n: 100, k: 784),
        Product(m: 784, n: 100, k: 64, transposeA: true),
        Product(m: 64, n: 100, k: 10, transposeB: true),
        Product(m: 10, n: 672, k: 90),
        Product(m: 9, n: 10, k: 6720, transposeB: true),
    ]

    /// GFLOP/s of each kernel over the whole set: total work over the sum of each product's best
    /// time, so a kernel slow on one shape pays for it as a model would. The kernels take turns
    /// product by product, so a burst of load from other processes falls on all of them.
    static func measure(_ kernels: [GEMMKernel], rounds: Int = 8) -> [String: Double] {
        var seconds = [Double](repeating: 0, count: kernels.count)
        var flops = 0.0
        for product in products {
            let a = Tensor(shape: [product.m * product.k], repeating: 0.5)
            let b = Tensor(shape: [product.k * product.n], repeating: 0.25)
            let c = Tensor(shape: [product.m * product.n])
            var best = [Double](repeating: .infinity, count: kernels.count)
            for round in 0...rounds {
                for (index, kernel) in kernels.enumerated() {
                    let start = DispatchTime.now().uptimeNanoseconds
                    GEMM.multiply(
                        a.pointer, transposeA: product.transposeA, b.pointer, transposeB: product.transposeB,
                        into: c.pointer, m: product.m, n: product.n, k: product.k, using: kernel)
                    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    // Round 0 warms caches and the libraries' packing buffers.
                    if round > 0 { best[index] = min(best[index], elapsed) }
                }
            }
            flops += Double(2 * product.m * product.n * product.k)
            for index in kernels.indices { seconds[index] += best[index] }
        }
        return Dictionary(
            uniqueKeysWithValues: zip(kernels, seconds).map { ($0.id, $1 > 0 ? flops / $1 / 1e9 : 0) })
    }
}
