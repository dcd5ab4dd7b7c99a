// The products of a Dense layer with at most sixteen units (the 10 outputs of every classifier
// here) on CPUs with AVX-512 (the caller checks): a row of C is one masked vector. The libraries
// pack both operands on every call and keep most lanes of their register blocks empty on ten
// columns; the forward pass of the CNNs' 1960-input classifier ran at about 20 GFLOP/s on them.
// Each element of C is one chain of fused multiply-adds in the order of k from zero, C as it was
// added to it after (`accumulate`), as OpenBLAS's SkylakeX kernels sum a product whose k they do
// not split into blocks: a 10-unit layer after a 100-unit one gets the library's sums to the
// last bit. (Over a k of 1960 the library sums in blocks, and the last bits differ.)
#ifndef NEUROTOP_CVECTORMATH_GEMM_NARROW_H
#define NEUROTOP_CVECTORMATH_GEMM_NARROW_H

#include "planes.h"

#if defined(__x86_64__)
// Row r of the block: its accumulator starts from zero; C's row is added at the end.
#define NEUROTOP_NARROW_START(r) __m512 acc##r = _mm512_setzero_ps();
#define NEUROTOP_NARROW_FMA(r) \
    acc##r = _mm512_fmadd_ps(_mm512_set1_ps(a[(i + r) * rsa + p * csa]), bp, acc##r);
#define NEUROTOP_NARROW_STORE(r)                                                                            \
    _mm512_mask_storeu_ps(c + (i + r) * ldc, lanes,                                                         \
        accumulate ? _mm512_add_ps(acc##r, _mm512_maskz_loadu_ps(lanes, c + (i + r) * ldc)) : acc##r);

// Rows [row0, row1) of C = op(A)·B (+ C with `accumulate`), C `ldc`-pitched with n <= 16 columns,
// B `k x n` with pitch `ldb`; op(A)(i, p) is a[i·rsa + p·csa]. Eight rows at a time: eight
// independent chains keep both FMA units busy while each row of B is loaded once for all of them.
__attribute__((target("avx512f"))) static inline void neurotop_gemm_narrow(
    long row0, long row1, long n, long k, const float *a, long rsa, long csa, const float *b, long ldb,
    float *c, long ldc, int accumulate) {
    const __mmask16 lanes = neurotop_lanes(n);
    long i = row0;
    for (; i + 8 <= row1; i += 8) {
        NEUROTOP_NARROW_START(0) NEUROTOP_NARROW_START(1) NEUROTOP_NARROW_START(2) NEUROTOP_NARROW_START(3)
        NEUROTOP_NARROW_START(4) NEUROTOP_NARROW_START(5) NEUROTOP_NARROW_START(6) NEUROTOP_NARROW_START(7)
        for (long p = 0; p < k; p++) {
            const __m512 bp = _mm512_maskz_loadu_ps(lanes, b + p * ldb);
            NEUROTOP_NARROW_FMA(0) NEUROTOP_NARROW_FMA(1) NEUROTOP_NARROW_FMA(2) NEUROTOP_NARROW_FMA(3)
            NEUROTOP_NARROW_FMA(4) NEUROTOP_NARROW_FMA(5) NEUROTOP_NARROW_FMA(6) NEUROTOP_NARROW_FMA(7)
        }
        NEUROTOP_NARROW_STORE(0) NEUROTOP_NARROW_STORE(1) NEUROTOP_NARROW_STORE(2) NEUROTOP_NARROW_STORE(3)
        NEUROTOP_NARROW_STORE(4) NEUROTOP_NARROW_STORE(5) NEUROTOP_NARROW_STORE(6) NEUROTOP_NARROW_STORE(7)
    }
    // The last rows one at a time, each element the same chain.
    for (; i < row1; i++) {
        NEUROTOP_NARROW_START(0)
        for (long p = 0; p < k; p++) {
            const __m512 bp = _mm512_maskz_loadu_ps(lanes, b + p * ldb);
            NEUROTOP_NARROW_FMA(0)
        }
        NEUROTOP_NARROW_STORE(0)
    }
}

// The same product with any number of columns, sixteen at a time: for a small k (the input
// gradient of a 10-unit layer, k = 10, whose B is the layer's kernel transposed), where a
// library's packing costs more than the multiply-adds.
__attribute__((target("avx512f"))) static inline void neurotop_gemm_wide(
    long row0, long row1, long n, long k, const float *a, long rsa, long csa, const float *b, long ldb,
    float *c, long ldc, int accumulate) {
    for (long j = 0; j < n; j += 16) {
        const long width = n - j < 16 ? n - j : 16;
        neurotop_gemm_narrow(row0, row1, width, k, a, rsa, csa, b + j, ldb, c + j, ldc, accumulate);
    }
}
#undef NEUROTOP_NARROW_START
#undef NEUROTOP_NARROW_FMA
#undef NEUROTOP_NARROW_STORE
#else
// No AVX-512 here: the caller takes the library (Vectorized.hasAVX512 is false).
static inline void neurotop_gemm_narrow(long row0, long row1, long n, long k, const float *a, long rsa, long csa,
    const float *b, long ldb, float *c, long ldc, int accumulate) {}
static inline void neurotop_gemm_wide(long row0, long row1, long n, long k, const float *a, long rsa, long csa,
    const float *b, long ldb, float *c, long ldc, int accumulate) {}
#endif

#endif
