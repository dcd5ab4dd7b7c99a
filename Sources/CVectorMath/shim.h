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

#endif
