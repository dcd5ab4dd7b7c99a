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

// The same conversion for `count` pixels, sixteen at a time on CPUs with AVX-512 (the division
// unit does sixteen divisions in the time the other units do a hundred multiply-adds): the product
// with the nearest float to 1/255, then one correction step with fused multiply-adds (the residual
// byte - q·255 exactly, q + residual/255 rounded once), which gives byte / 255 correctly rounded for
// every one of the 256 bytes (a test checks all of them against the division). Returns how many
// pixels it converted: 0 without AVX-512, the rest is the caller's.
#if defined(__x86_64__)
__attribute__((target("avx512f"))) static inline long neurotop_unit_floats16_avx512(
    const unsigned char *bytes, float *floats, long count) {
    typedef unsigned char neurotop_byte16 __attribute__((ext_vector_type(16), aligned(1)));
    const float reciprocal = 1.0f / 255.0f;
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        const neurotop_float16 x = __builtin_convertvector(*(const neurotop_byte16 *)(bytes + i), neurotop_float16);
        const neurotop_float16 q = x * reciprocal;
        const neurotop_float16 residual = __builtin_elementwise_fma(-q, (neurotop_float16)255.0f, x);
        *(neurotop_float16 *)(floats + i) = __builtin_elementwise_fma(residual, (neurotop_float16)reciprocal, q);
    }
    return i;
}

// The CPU check lives out here, compiled for any x86-64: inside a `target("avx512f")` function the
// compiler may use AVX-512 instructions before the check (on a CPU without them, a crash).
static inline long neurotop_unit_floats16(const unsigned char *bytes, float *floats, long count) {
    return __builtin_cpu_supports("avx512f") ? neurotop_unit_floats16_avx512(bytes, floats, count) : 0;
}
#else
static inline long neurotop_unit_floats16(const unsigned char *bytes, float *floats, long count) { return 0; }
#endif

// tanh over the first `count / 16 * 16` floats of x, in place, sixteen lanes at a time on CPUs
// with AVX-512 (the caller checks): the engine's rational approximation (`Vectorized.tanhVector`),
// the same operations in the same order with contraction off, so every lane comes out bit for
// bit as the portable eight-lane code gives it, in a tenth of the time (mlp-tanh-1 applies it to
// 6,400 floats a step). Returns how many floats it did.
#if defined(__x86_64__)
__attribute__((target("avx512f"))) static inline long neurotop_tanh16(float *x, long count) {
#pragma clang fp contract(off)
    typedef int neurotop_int16 __attribute__((ext_vector_type(16), aligned(4)));
    const float bound = 7.905311107635498f;
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        const neurotop_float16 input = *(neurotop_float16 *)(x + i);
        // NaN lanes become -bound, as in the portable code.
        const neurotop_float16 clamped = __builtin_elementwise_min(
            __builtin_elementwise_max(input, (neurotop_float16)(-bound)), (neurotop_float16)bound);
        const neurotop_float16 x2 = clamped * clamped;
        neurotop_float16 p = -2.76076847742355e-16f;
        p = p * x2 + 2.00018790482477e-13f;
        p = p * x2 + -8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        p = p * clamped;
        neurotop_float16 q = 1.19825839466702e-06f;
        q = q * x2 + 1.18534705686654e-04f;
        q = q * x2 + 2.26843463243900e-03f;
        q = q * x2 + 4.89352518554385e-03f;
        const neurotop_float16 result = p / q;
        // Tiny inputs: tanh(x) = x to float precision, with the sign of zero kept.
        const neurotop_int16 tiny = __builtin_elementwise_abs(input) < 0.0004f;
        const neurotop_int16 bits = (tiny & (neurotop_int16)input) | (~tiny & (neurotop_int16)result);
        *(neurotop_float16 *)(x + i) = (neurotop_float16)bits;
    }
    return i;
}
#else
static inline long neurotop_tanh16(float *x, long count) { return 0; }
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
// the 32 registers. The seventh vector of a row is masked to the n - 96 columns that exist.
#define NEUROTOP_LOAD7(p, v) \
    ((v) < 6 ? *(const neurotop_v16 *)((p) + 16 * (v)) : __builtin_ia32_loadups512_mask((p) + 96, zero, last))
#define NEUROTOP_ROW(r, row) \
    neurotop_v16 acc##r##0 = accumulate ? NEUROTOP_LOAD7(row, 0) : zero, \
        acc##r##1 = accumulate ? NEUROTOP_LOAD7(row, 1) : zero, \
        acc##r##2 = accumulate ? NEUROTOP_LOAD7(row, 2) : zero, \
        acc##r##3 = accumulate ? NEUROTOP_LOAD7(row, 3) : zero, \
        acc##r##4 = accumulate ? NEUROTOP_LOAD7(row, 4) : zero, \
        acc##r##5 = accumulate ? NEUROTOP_LOAD7(row, 5) : zero, \
        acc##r##6 = accumulate ? NEUROTOP_LOAD7(row, 6) : zero;
#define NEUROTOP_B_ROW(brow) \
    const neurotop_v16 b0 = NEUROTOP_LOAD7(brow, 0), \
        b1 = NEUROTOP_LOAD7(brow, 1), \
        b2 = NEUROTOP_LOAD7(brow, 2), \
        b3 = NEUROTOP_LOAD7(brow, 3), \
        b4 = NEUROTOP_LOAD7(brow, 4), \
        b5 = NEUROTOP_LOAD7(brow, 5), \
        b6 = NEUROTOP_LOAD7(brow, 6);
#define NEUROTOP_FMA_ROW(r, s) \
    do { \
        const float value = (s); \
        const neurotop_v16 x = {value, value, value, value, value, value, value, value, \
                                value, value, value, value, value, value, value, value}; \
        acc##r##0 = __builtin_elementwise_fma(x, b0, acc##r##0); \
        acc##r##1 = __builtin_elementwise_fma(x, b1, acc##r##1); \
        acc##r##2 = __builtin_elementwise_fma(x, b2, acc##r##2); \
        acc##r##3 = __builtin_elementwise_fma(x, b3, acc##r##3); \
        acc##r##4 = __builtin_elementwise_fma(x, b4, acc##r##4); \
        acc##r##5 = __builtin_elementwise_fma(x, b5, acc##r##5); \
        acc##r##6 = __builtin_elementwise_fma(x, b6, acc##r##6); \
    } while (0)
#define NEUROTOP_STORE_ROW(r, row) \
    do { \
        *(neurotop_v16 *)((row) + 0) = acc##r##0; \
        *(neurotop_v16 *)((row) + 16) = acc##r##1; \
        *(neurotop_v16 *)((row) + 32) = acc##r##2; \
        *(neurotop_v16 *)((row) + 48) = acc##r##3; \
        *(neurotop_v16 *)((row) + 64) = acc##r##4; \
        *(neurotop_v16 *)((row) + 80) = acc##r##5; \
        __builtin_ia32_storeups512_mask((row) + 96, acc##r##6, last); \
    } while (0)
__attribute__((target("avx512f"))) static inline void neurotop_gemm_n112_rows(
    long row0, long row1, long n, long k, const float *a, long rsa, long csa, const float *b, long ldb,
    float *c, long ldc, int accumulate) {
    const unsigned short last = (unsigned short)((1u << (n - 96)) - 1u);
    const neurotop_v16 zero = {0};
    long i = row0;
    for (; i + 3 <= row1; i += 3) {
        float *c0 = c + i * ldc, *c1 = c0 + ldc, *c2 = c1 + ldc;
        NEUROTOP_ROW(0, c0) NEUROTOP_ROW(1, c1) NEUROTOP_ROW(2, c2)
        const float *a0 = a + i * rsa;
        for (long p = 0; p < k; p++) {
            NEUROTOP_B_ROW(b + p * ldb)
            NEUROTOP_FMA_ROW(0, a0[p * csa]);
            NEUROTOP_FMA_ROW(1, a0[rsa + p * csa]);
            NEUROTOP_FMA_ROW(2, a0[2 * rsa + p * csa]);
        }
        NEUROTOP_STORE_ROW(0, c0);
        NEUROTOP_STORE_ROW(1, c1);
        NEUROTOP_STORE_ROW(2, c2);
    }
    // The last rows one at a time, each element the same chain as above.
    for (; i < row1; i++) {
        float *c0 = c + i * ldc;
        NEUROTOP_ROW(0, c0)
        for (long p = 0; p < k; p++) {
            NEUROTOP_B_ROW(b + p * ldb)
            NEUROTOP_FMA_ROW(0, a[i * rsa + p * csa]);
        }
        NEUROTOP_STORE_ROW(0, c0);
    }
}

// Rows [row0, row1) of the same product. A Dense layer's B has 100-float rows: six of a row's seven
// vectors straddle two cache lines in three rows out of four, and read from the second-level
// cache once per three rows of C (784 x 100 floats in the forward pass), they hold the kernel
// back (103 GFLOP/s on one core of the Xeon). So when A is read by rows, k runs in blocks of
// NEUROTOP_KC, each block of B's rows copied first into a panel of 112-float (seven-line) rows
// that stays in the first-level cache while every row of C takes it (132); C's rows are stored
// and loaded again between blocks: the same chains, the same sums. A transposed A (rsa == 1: the
// kernel gradient, whose B is the small output gradient, already in the first-level cache) is
// multiplied as it is: the copies cost more there than they save.
#define NEUROTOP_KC 48
__attribute__((target("avx512f"))) static inline void neurotop_gemm_n112(
    long row0, long row1, long n, long k, const float *a, long rsa, long csa, const float *b, long ldb,
    float *c, long ldc, int accumulate) {
    // k == 0 too: the row kernel still writes C (zero, or C as it is).
    if (rsa == 1 || k == 0) {
        neurotop_gemm_n112_rows(row0, row1, n, k, a, rsa, csa, b, ldb, c, ldc, accumulate);
        return;
    }
    float panel[NEUROTOP_KC * 112] __attribute__((aligned(64)));
    const long blocks = (k + NEUROTOP_KC - 1) / NEUROTOP_KC;
    const long depth = blocks > 0 ? (k + blocks - 1) / blocks : 0;
    for (long p0 = 0; p0 < k; p0 += depth) {
        const long rows = k - p0 < depth ? k - p0 : depth;
        for (long p = 0; p < rows; p++) __builtin_memcpy(panel + p * 112, b + (p0 + p) * ldb, n * sizeof(float));
        neurotop_gemm_n112_rows(row0, row1, n, rows, a + p0 * csa, rsa, csa, panel, 112, c, ldc, accumulate || p0 > 0);
    }
}
#undef NEUROTOP_KC
#undef NEUROTOP_LOAD7
#undef NEUROTOP_ROW
#undef NEUROTOP_B_ROW
#undef NEUROTOP_FMA_ROW
#undef NEUROTOP_STORE_ROW
#else
static inline void neurotop_gemm_n112_rows(long row0, long row1, long n, long k, const float *a, long rsa, long csa,
    const float *b, long ldb, float *c, long ldc, int accumulate) {}
static inline void neurotop_gemm_n112(long row0, long row1, long n, long k, const float *a, long rsa, long csa,
    const float *b, long ldb, float *c, long ldc, int accumulate) {}
#endif

#endif
