// Vector helpers the Swift optimiser does not produce by itself. Square roots for the engine's SIMD
// loops, as one instruction (sqrtps) on every lane.
// Swift's `squareRoot()` goes through C's sqrtf, which may set errno for a negative input: unless
// a module is built with -fno-math-errno (an unsafe flag, which SwiftPM refuses in a package
// dependency), each lane becomes a scalar square root with a branch to sqrtf. Clang's elementwise
// builtin never touches errno, so it stays vectorised under the default flags.
#ifndef NEUROTOP_CVECTORMATH_SHIM_H
#define NEUROTOP_CVECTORMATH_SHIM_H

typedef float neurotop_float8 __attribute__((ext_vector_type(8)));

static inline neurotop_float8 neurotop_sqrt8(neurotop_float8 x) { return __builtin_elementwise_sqrt(x); }

typedef unsigned char neurotop_byte8 __attribute__((ext_vector_type(8)));

// Eight pixel bytes as floats in [0, 1], byte / 255 exactly as the scalar division gives it: a
// vector conversion and one vector division. The same loop in Swift stays one scalar division per
// pixel (the optimiser does not vectorise it), most of a batch's assembly time.
static inline neurotop_float8 neurotop_unit_floats8(neurotop_byte8 bytes) {
    return __builtin_convertvector(bytes, neurotop_float8) / 255.0f;
}

// A hint that the 64-byte line holding `address` will be read soon: the CPU starts loading it into
// its second-level cache and goes on (nothing is read; a bad address is ignored).
static inline void neurotop_prefetch(const void *address) { __builtin_prefetch(address, 0, 2); }

// Tells the CPU that the thread is in a spin loop (x86 `pause`): it waits a few dozen cycles and
// leaves the core's resources to a sibling thread. A no-op elsewhere.
static inline void neurotop_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

// One Adam step over the first `count / 16 * 16` elements, sixteen lanes at a time, for CPUs with
// AVX-512 (the caller checks; `target` compiles this function alone for it). Square root and
// division dominate Adam's cost, and AVX-512 does sixteen of each per instruction where the
// engine's portable SIMD8 code, built for any x86-64, does four. Each lane computes exactly what
// the portable code computes, in the same order, with contraction into fused multiply-adds off:
// the weights come out bit for bit the same. Returns how many elements it updated.
typedef float neurotop_float16 __attribute__((ext_vector_type(16), aligned(4)));

#if defined(__x86_64__)
__attribute__((target("avx512f"))) static inline long neurotop_adam16(
    float *w, const float *g, float *m, float *v, long count, float alpha, float oneMinusBeta1,
    float oneMinusBeta2, float epsilon) {
#pragma clang fp contract(off)
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        neurotop_float16 gi = *(const neurotop_float16 *)(g + i);
        neurotop_float16 mi = *(neurotop_float16 *)(m + i);
        neurotop_float16 vi = *(neurotop_float16 *)(v + i);
        mi = mi + (gi - mi) * oneMinusBeta1;
        vi = vi + (gi * gi - vi) * oneMinusBeta2;
        *(neurotop_float16 *)(m + i) = mi;
        *(neurotop_float16 *)(v + i) = vi;
        neurotop_float16 wi = *(neurotop_float16 *)(w + i);
        *(neurotop_float16 *)(w + i) = wi - alpha * mi / (__builtin_elementwise_sqrt(vi) + epsilon);
    }
    return i;
}
#else
static inline long neurotop_adam16(float *w, const float *g, float *m, float *v, long count, float alpha,
    float oneMinusBeta1, float oneMinusBeta2, float epsilon) {
    return 0;
}
#endif

// A matrix product for the 97- to 112-column products of 100-unit Dense layers, on CPUs with
// AVX-512 (the caller checks): rows [row0, row1) of C = (accumulate ? C : 0) + A · B, with
// A(i, p) = a[i * rsa + p * csa] (so a row-major A or a transposed one, unpacked), B row-major
// with ldb, C row-major with ldc, and n in 97...112 (seven 16-lane vectors, the last masked).
// Libraries pack both operands on every call, a good part of the time on shapes this small;
// here three rows of C sit in 21 registers while k runs, each row of B is read once per three
// rows of C, and A is read in place. Each element is one chain of fused multiply-adds in the order of
// k, whatever rows a call is given: splitting the rows between cores changes no result.
typedef float neurotop_v16 __attribute__((vector_size(64), aligned(4)));

#if defined(__x86_64__)
// Written out register by register (the optimiser keeps arrays of vectors on the stack): three rows
// of seven vectors, 21 accumulators, the seven vectors of a row of B and three broadcasts fill 31 of
// the 32 registers.
#define NEUROTOP_LOAD7(p, i, k) ((i) < 6 ? *(const neurotop_v16 *)((p) + 16 * (i)) : __builtin_ia32_loadups512_mask((p) + 96, (k), last))
__attribute__((target("avx512f"))) static inline void neurotop_gemm_n112_rows(
    long row0, long row1, long n, long k, const float *a, long rsa, long csa, const float *b, long ldb,
    float *c, long ldc, int accumulate) {
    const unsigned short last = (unsigned short)((1u << (n - 96)) - 1u);
    const neurotop_v16 zero = {0};
    long i = row0;
    for (; i + 3 <= row1; i += 3) {
        float *c0 = c + (i + 0) * ldc;
        float *c1 = c + (i + 1) * ldc;
        float *c2 = c + (i + 2) * ldc;
        neurotop_v16 acc00 = accumulate ? NEUROTOP_LOAD7(c0, 0, zero) : zero;
        neurotop_v16 acc01 = accumulate ? NEUROTOP_LOAD7(c0, 1, zero) : zero;
        neurotop_v16 acc02 = accumulate ? NEUROTOP_LOAD7(c0, 2, zero) : zero;
        neurotop_v16 acc03 = accumulate ? NEUROTOP_LOAD7(c0, 3, zero) : zero;
        neurotop_v16 acc04 = accumulate ? NEUROTOP_LOAD7(c0, 4, zero) : zero;
        neurotop_v16 acc05 = accumulate ? NEUROTOP_LOAD7(c0, 5, zero) : zero;
        neurotop_v16 acc06 = accumulate ? NEUROTOP_LOAD7(c0, 6, zero) : zero;
        neurotop_v16 acc10 = accumulate ? NEUROTOP_LOAD7(c1, 0, zero) : zero;
        neurotop_v16 acc11 = accumulate ? NEUROTOP_LOAD7(c1, 1, zero) : zero;
        neurotop_v16 acc12 = accumulate ? NEUROTOP_LOAD7(c1, 2, zero) : zero;
        neurotop_v16 acc13 = accumulate ? NEUROTOP_LOAD7(c1, 3, zero) : zero;
        neurotop_v16 acc14 = accumulate ? NEUROTOP_LOAD7(c1, 4, zero) : zero;
        neurotop_v16 acc15 = accumulate ? NEUROTOP_LOAD7(c1, 5, zero) : zero;
        neurotop_v16 acc16 = accumulate ? NEUROTOP_LOAD7(c1, 6, zero) : zero;
        neurotop_v16 acc20 = accumulate ? NEUROTOP_LOAD7(c2, 0, zero) : zero;
        neurotop_v16 acc21 = accumulate ? NEUROTOP_LOAD7(c2, 1, zero) : zero;
        neurotop_v16 acc22 = accumulate ? NEUROTOP_LOAD7(c2, 2, zero) : zero;
        neurotop_v16 acc23 = accumulate ? NEUROTOP_LOAD7(c2, 3, zero) : zero;
        neurotop_v16 acc24 = accumulate ? NEUROTOP_LOAD7(c2, 4, zero) : zero;
        neurotop_v16 acc25 = accumulate ? NEUROTOP_LOAD7(c2, 5, zero) : zero;
        neurotop_v16 acc26 = accumulate ? NEUROTOP_LOAD7(c2, 6, zero) : zero;
        const float *a0 = a + i * rsa;
        for (long p = 0; p < k; p++) {
            const float *brow = b + p * ldb;
            const neurotop_v16 b0 = NEUROTOP_LOAD7(brow, 0, zero);
            const neurotop_v16 b1 = NEUROTOP_LOAD7(brow, 1, zero);
            const neurotop_v16 b2 = NEUROTOP_LOAD7(brow, 2, zero);
            const neurotop_v16 b3 = NEUROTOP_LOAD7(brow, 3, zero);
            const neurotop_v16 b4 = NEUROTOP_LOAD7(brow, 4, zero);
            const neurotop_v16 b5 = NEUROTOP_LOAD7(brow, 5, zero);
            const neurotop_v16 b6 = NEUROTOP_LOAD7(brow, 6, zero);
            const float s0 = a0[0 * rsa + p * csa];
            const neurotop_v16 x0 = {s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0};
            acc00 = __builtin_elementwise_fma(x0, b0, acc00);
            acc01 = __builtin_elementwise_fma(x0, b1, acc01);
            acc02 = __builtin_elementwise_fma(x0, b2, acc02);
            acc03 = __builtin_elementwise_fma(x0, b3, acc03);
            acc04 = __builtin_elementwise_fma(x0, b4, acc04);
            acc05 = __builtin_elementwise_fma(x0, b5, acc05);
            acc06 = __builtin_elementwise_fma(x0, b6, acc06);
            const float s1 = a0[1 * rsa + p * csa];
            const neurotop_v16 x1 = {s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1};
            acc10 = __builtin_elementwise_fma(x1, b0, acc10);
            acc11 = __builtin_elementwise_fma(x1, b1, acc11);
            acc12 = __builtin_elementwise_fma(x1, b2, acc12);
            acc13 = __builtin_elementwise_fma(x1, b3, acc13);
            acc14 = __builtin_elementwise_fma(x1, b4, acc14);
            acc15 = __builtin_elementwise_fma(x1, b5, acc15);
            acc16 = __builtin_elementwise_fma(x1, b6, acc16);
            const float s2 = a0[2 * rsa + p * csa];
            const neurotop_v16 x2 = {s2, s2, s2, s2, s2, s2, s2, s2, s2, s2, s2, s2, s2, s2, s2, s2};
            acc20 = __builtin_elementwise_fma(x2, b0, acc20);
            acc21 = __builtin_elementwise_fma(x2, b1, acc21);
            acc22 = __builtin_elementwise_fma(x2, b2, acc22);
            acc23 = __builtin_elementwise_fma(x2, b3, acc23);
            acc24 = __builtin_elementwise_fma(x2, b4, acc24);
            acc25 = __builtin_elementwise_fma(x2, b5, acc25);
            acc26 = __builtin_elementwise_fma(x2, b6, acc26);
        }
        *(neurotop_v16 *)(c0 + 0) = acc00;
        *(neurotop_v16 *)(c0 + 16) = acc01;
        *(neurotop_v16 *)(c0 + 32) = acc02;
        *(neurotop_v16 *)(c0 + 48) = acc03;
        *(neurotop_v16 *)(c0 + 64) = acc04;
        *(neurotop_v16 *)(c0 + 80) = acc05;
        __builtin_ia32_storeups512_mask(c0 + 96, acc06, last);
        *(neurotop_v16 *)(c1 + 0) = acc10;
        *(neurotop_v16 *)(c1 + 16) = acc11;
        *(neurotop_v16 *)(c1 + 32) = acc12;
        *(neurotop_v16 *)(c1 + 48) = acc13;
        *(neurotop_v16 *)(c1 + 64) = acc14;
        *(neurotop_v16 *)(c1 + 80) = acc15;
        __builtin_ia32_storeups512_mask(c1 + 96, acc16, last);
        *(neurotop_v16 *)(c2 + 0) = acc20;
        *(neurotop_v16 *)(c2 + 16) = acc21;
        *(neurotop_v16 *)(c2 + 32) = acc22;
        *(neurotop_v16 *)(c2 + 48) = acc23;
        *(neurotop_v16 *)(c2 + 64) = acc24;
        *(neurotop_v16 *)(c2 + 80) = acc25;
        __builtin_ia32_storeups512_mask(c2 + 96, acc26, last);
    }
    // The last rows one at a time, each element the same chain as above.
    for (; i < row1; i++) {
        float *c0 = c + i * ldc;
        neurotop_v16 acc00 = accumulate ? NEUROTOP_LOAD7(c0, 0, zero) : zero;
        neurotop_v16 acc01 = accumulate ? NEUROTOP_LOAD7(c0, 1, zero) : zero;
        neurotop_v16 acc02 = accumulate ? NEUROTOP_LOAD7(c0, 2, zero) : zero;
        neurotop_v16 acc03 = accumulate ? NEUROTOP_LOAD7(c0, 3, zero) : zero;
        neurotop_v16 acc04 = accumulate ? NEUROTOP_LOAD7(c0, 4, zero) : zero;
        neurotop_v16 acc05 = accumulate ? NEUROTOP_LOAD7(c0, 5, zero) : zero;
        neurotop_v16 acc06 = accumulate ? NEUROTOP_LOAD7(c0, 6, zero) : zero;
        for (long p = 0; p < k; p++) {
            const float *brow = b + p * ldb;
            const float s0 = a[i * rsa + p * csa];
            const neurotop_v16 x0 = {s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0};
            acc00 = __builtin_elementwise_fma(x0, NEUROTOP_LOAD7(brow, 0, zero), acc00);
            acc01 = __builtin_elementwise_fma(x0, NEUROTOP_LOAD7(brow, 1, zero), acc01);
            acc02 = __builtin_elementwise_fma(x0, NEUROTOP_LOAD7(brow, 2, zero), acc02);
            acc03 = __builtin_elementwise_fma(x0, NEUROTOP_LOAD7(brow, 3, zero), acc03);
            acc04 = __builtin_elementwise_fma(x0, NEUROTOP_LOAD7(brow, 4, zero), acc04);
            acc05 = __builtin_elementwise_fma(x0, NEUROTOP_LOAD7(brow, 5, zero), acc05);
            acc06 = __builtin_elementwise_fma(x0, NEUROTOP_LOAD7(brow, 6, zero), acc06);
        }
        *(neurotop_v16 *)(c0 + 0) = acc00;
        *(neurotop_v16 *)(c0 + 16) = acc01;
        *(neurotop_v16 *)(c0 + 32) = acc02;
        *(neurotop_v16 *)(c0 + 48) = acc03;
        *(neurotop_v16 *)(c0 + 64) = acc04;
        *(neurotop_v16 *)(c0 + 80) = acc05;
        __builtin_ia32_storeups512_mask(c0 + 96, acc06, last);
    }
}
#undef NEUROTOP_LOAD7
#else
static inline void neurotop_gemm_n112_rows(long row0, long row1, long n, long k, const float *a, long rsa, long csa,
    const float *b, long ldb, float *c, long ldc, int accumulate) {}
#endif

#endif
