// BatchNormalization's passes over one feature's run of a channels-first batch, sixteen floats at
// a time on CPUs with AVX-512 (the caller checks): the element-wise ones, and the paired sums of
// its statistics and gradient. The portable loops, compiled for baseline x86-64, run them four
// floats at a time. The arithmetic is theirs operation for operation (no fused multiply-adds, the
// sums in their order), so the results are bit for bit the same.
#ifndef NEUROTOP_CVECTORMATH_NORMALIZE_H
#define NEUROTOP_CVECTORMATH_NORMALIZE_H

#include "planes.h"

#if defined(__x86_64__)
// y = (x - mean)·scale + offset for the first `count` floats; with `rectify`, a y below zero
// becomes zero (NaN and -0 stay, as the portable loop's compare and select leave them).
__attribute__((target("avx512f"))) static inline void neurotop_normalize_run(
    const float *x, float mean, float scale, float offset, int rectify, float *y, long count) {
#pragma clang fp contract(off)
    const __m512 m = _mm512_set1_ps(mean), a = _mm512_set1_ps(scale), b = _mm512_set1_ps(offset);
    const __m512 zero = _mm512_setzero_ps();
    for (long i = 0; i < count; i += 16) {
        const __mmask16 lanes = neurotop_lanes(count - i);
        __m512 v = _mm512_add_ps(_mm512_mul_ps(_mm512_sub_ps(_mm512_maskz_loadu_ps(lanes, x + i), m), a), b);
        if (rectify) v = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(v, zero, _CMP_LT_OQ), v, zero);
        _mm512_mask_storeu_ps(y + i, lanes, v);
    }
}

// dx = (a·dy + k·(x - mean)) + c for `count` floats; dy and dx may be the same memory.
__attribute__((target("avx512f"))) static inline void neurotop_normalize_gradient_run(
    const float *dy, const float *x, float mean, float a, float k, float c, float *dx, long count) {
#pragma clang fp contract(off)
    const __m512 m = _mm512_set1_ps(mean), av = _mm512_set1_ps(a), kv = _mm512_set1_ps(k), cv = _mm512_set1_ps(c);
    for (long i = 0; i < count; i += 16) {
        const __mmask16 lanes = neurotop_lanes(count - i);
        const __m512 scaled = _mm512_mul_ps(av, _mm512_maskz_loadu_ps(lanes, dy + i));
        const __m512 centered = _mm512_mul_ps(kv, _mm512_sub_ps(_mm512_maskz_loadu_ps(lanes, x + i), m));
        _mm512_mask_storeu_ps(dx + i, lanes, _mm512_add_ps(_mm512_add_ps(scaled, centered), cv));
    }
}
// The eight lanes of `v` added one after another from -0, as Swift's SIMD8 sum() adds them.
__attribute__((target("avx512f"))) static inline float neurotop_lane_sum8(__m256 v) {
#pragma clang fp contract(off)
    float lanes[8];
    _mm256_storeu_ps(lanes, v);
    float total = -0.0f;
    for (int i = 0; i < 8; i++) total += lanes[i];
    return total;
}

// The paired sums of Vectorized's portable reductions over `count` floats, in their order: two
// sets of eight partial sums (positions 0-7 and 8-15 of each sixteen) added lane by lane, then
// one more block of eight, each set's lanes added in order, then the tail one by one. One 512-bit
// sum holds both sets. The two terms at a position are what `TERMS16`, `TERMS8` and `TERMS1` give.
#define NEUROTOP_PAIRED_SUMS(TERMS16, TERMS8, TERMS1)                                                    \
    __m512 first16 = _mm512_setzero_ps(), second16 = _mm512_setzero_ps();                               \
    long i = 0;                                                                                         \
    for (; i + 16 <= count; i += 16) {                                                                  \
        __m512 a, b;                                                                                    \
        TERMS16;                                                                                        \
        first16 = _mm512_add_ps(first16, a);                                                            \
        second16 = _mm512_add_ps(second16, b);                                                          \
    }                                                                                                   \
    __m256 first8 = _mm256_add_ps(_mm512_castps512_ps256(first16), _mm512_extractf32x8_ps(first16, 1)); \
    __m256 second8 = _mm256_add_ps(_mm512_castps512_ps256(second16), _mm512_extractf32x8_ps(second16, 1)); \
    if (i + 8 <= count) {                                                                               \
        __m256 a, b;                                                                                    \
        TERMS8;                                                                                         \
        first8 = _mm256_add_ps(first8, a);                                                              \
        second8 = _mm256_add_ps(second8, b);                                                            \
        i += 8;                                                                                         \
    }                                                                                                   \
    float first = neurotop_lane_sum8(first8), second = neurotop_lane_sum8(second8);                     \
    for (; i < count; i++) {                                                                            \
        float a, b;                                                                                     \
        TERMS1;                                                                                         \
        first += a;                                                                                     \
        second += b;                                                                                    \
    }                                                                                                   \
    *firstSum = first;                                                                                  \
    *secondSum = second;

// (Σ (x - shift), Σ (x - shift)²): Vectorized.shiftedSums.
__attribute__((target("avx512f,avx512dq"))) static inline void neurotop_shifted_sums(
    const float *x, float shift, long count, float *firstSum, float *secondSum) {
#pragma clang fp contract(off)
    const __m512 s16 = _mm512_set1_ps(shift);
    const __m256 s8 = _mm256_set1_ps(shift);
    NEUROTOP_PAIRED_SUMS(
        { a = _mm512_sub_ps(_mm512_loadu_ps(x + i), s16); b = _mm512_mul_ps(a, a); },
        { a = _mm256_sub_ps(_mm256_loadu_ps(x + i), s8); b = _mm256_mul_ps(a, a); },
        { a = x[i] - shift; b = a * a; })
}

// (Σ g, Σ g·(x - mean)) with g = dy where the ReLU's output y > 0, else 0 (NaN y passes dy on),
// g written to `masked`: Vectorized.rectifiedSumAndCenteredDot.
__attribute__((target("avx512f,avx512dq"))) static inline void neurotop_rectified_sums(
    const float *dy, const float *y, const float *x, float mean, float *masked, long count, float *firstSum,
    float *secondSum) {
#pragma clang fp contract(off)
    const __m512 m16 = _mm512_set1_ps(mean), zero16 = _mm512_setzero_ps();
    const __m256 m8 = _mm256_set1_ps(mean), zero8 = _mm256_setzero_ps();
    NEUROTOP_PAIRED_SUMS(
        {
            const __mmask16 off = _mm512_cmp_ps_mask(_mm512_loadu_ps(y + i), zero16, _CMP_LE_OQ);
            a = _mm512_mask_blend_ps(off, _mm512_loadu_ps(dy + i), zero16);
            _mm512_storeu_ps(masked + i, a);
            b = _mm512_mul_ps(a, _mm512_sub_ps(_mm512_loadu_ps(x + i), m16));
        },
        {
            const __m256 off = _mm256_cmp_ps(_mm256_loadu_ps(y + i), zero8, _CMP_LE_OQ);
            a = _mm256_blendv_ps(_mm256_loadu_ps(dy + i), zero8, off);
            _mm256_storeu_ps(masked + i, a);
            b = _mm256_mul_ps(a, _mm256_sub_ps(_mm256_loadu_ps(x + i), m8));
        },
        {
            a = y[i] <= 0 ? 0 : dy[i];
            masked[i] = a;
            b = a * (x[i] - mean);
        })
}
#undef NEUROTOP_PAIRED_SUMS
#else
// No AVX-512 here: the caller takes the portable loops (Vectorized.hasAVX512 is false).
static inline void neurotop_normalize_run(
    const float *x, float mean, float scale, float offset, int rectify, float *y, long count) {}
static inline void neurotop_normalize_gradient_run(
    const float *dy, const float *x, float mean, float a, float k, float c, float *dx, long count) {}
static inline void neurotop_shifted_sums(const float *x, float shift, long count, float *firstSum, float *secondSum) {}
static inline void neurotop_rectified_sums(
    const float *dy, const float *y, const float *x, float mean, float *masked, long count, float *firstSum,
    float *secondSum) {}
#endif

#endif
