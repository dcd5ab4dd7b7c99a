// Max pooling over 2x2 windows with stride 2 that lie inside the input, and its gradient, sixteen
// windows at a time on CPUs with AVX-512 (the caller checks), in place of the portable loop's
// four. The same choices: the window's values compared in scan order (top-left, top-right,
// bottom-left, bottom-right) with a strict >, so the first of equal values wins and a NaN first
// stays.
#ifndef NEUROTOP_CVECTORMATH_POOL_H
#define NEUROTOP_CVECTORMATH_POOL_H

#include "planes.h"

#if defined(__x86_64__)
// `planes` planes of height x width one after another: each window's largest value into `output`
// (outputHeight x outputWidth per plane) and its position within its input plane into `winners`.
// Needs 2·outputHeight <= height and 2·outputWidth <= width.
__attribute__((target("avx512f"))) static inline void neurotop_max_pool_2x2(
    const float *input, long planes, long height, long width, long outputHeight, long outputWidth, float *output,
    int32_t *winners) {
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i odd = _mm512_add_epi32(even, _mm512_set1_epi32(1));
    const __m512i right = _mm512_set1_epi32(1), below = _mm512_set1_epi32((int32_t)width);
    const __m512i belowRight = _mm512_set1_epi32((int32_t)width + 1);
    for (long plane = 0; plane < planes; plane++) {
        const float *source = input + plane * height * width;
        for (long oy = 0; oy < outputHeight; oy++) {
            const float *top = source + 2 * oy * width;
            const float *bottom = top + width;
            for (long ox = 0; ox < outputWidth; ox += 16) {
                const __mmask16 lanes = neurotop_lanes(outputWidth - ox);
                const __mmask16 low = neurotop_lanes(2 * (outputWidth - ox));
                const __mmask16 high = neurotop_lanes(2 * (outputWidth - ox) - 16);
                const float *t = top + 2 * ox, *b = bottom + 2 * ox;
                const __m512 t0 = _mm512_maskz_loadu_ps(low, t), t1 = _mm512_maskz_loadu_ps(high, t + 16);
                const __m512 b0 = _mm512_maskz_loadu_ps(low, b), b1 = _mm512_maskz_loadu_ps(high, b + 16);
                const __m512i base = _mm512_add_epi32(_mm512_set1_epi32((int32_t)(2 * oy * width + 2 * ox)), even);
                __m512 largest = _mm512_permutex2var_ps(t0, even, t1);
                __m512i winner = base;
                const __m512 topRight = _mm512_permutex2var_ps(t0, odd, t1);
                __mmask16 larger = _mm512_cmp_ps_mask(topRight, largest, _CMP_GT_OQ);
                largest = _mm512_mask_mov_ps(largest, larger, topRight);
                winner = _mm512_mask_mov_epi32(winner, larger, _mm512_add_epi32(base, right));
                const __m512 bottomLeft = _mm512_permutex2var_ps(b0, even, b1);
                larger = _mm512_cmp_ps_mask(bottomLeft, largest, _CMP_GT_OQ);
                largest = _mm512_mask_mov_ps(largest, larger, bottomLeft);
                winner = _mm512_mask_mov_epi32(winner, larger, _mm512_add_epi32(base, below));
                const __m512 bottomRight = _mm512_permutex2var_ps(b0, odd, b1);
                larger = _mm512_cmp_ps_mask(bottomRight, largest, _CMP_GT_OQ);
                largest = _mm512_mask_mov_ps(largest, larger, bottomRight);
                winner = _mm512_mask_mov_epi32(winner, larger, _mm512_add_epi32(base, belowRight));
                _mm512_mask_storeu_ps(output + ox, lanes, largest);
                _mm512_mask_storeu_epi32(winners + ox, lanes, winner);
            }
            output += outputWidth;
            winners += outputWidth;
        }
    }
}

// The gradient back through such windows when they tile the input (height 2·outputHeight, width
// 2·outputWidth): each element of `inputGradient` is written once, with its window's gradient
// where it is the window's winner (as `neurotop_max_pool_2x2` wrote them) and zero elsewhere, the
// two input rows of sixteen windows at a time, with no pass zeroing them first.
__attribute__((target("avx512f"))) static inline void neurotop_max_unpool_2x2(
    const float *gradient, const int32_t *winners, long planes, long outputHeight, long outputWidth,
    float *inputGradient) {
    const long width = 2 * outputWidth;
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    // Lanes of two vectors interleaved: the first eight pairs, then the last eight.
    const __m512i firstPairs = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    const __m512i lastPairs = _mm512_setr_epi32(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
    const __m512i right = _mm512_set1_epi32(1), below = _mm512_set1_epi32((int32_t)width);
    const __m512i belowRight = _mm512_set1_epi32((int32_t)width + 1);
    for (long plane = 0; plane < planes; plane++) {
        float *target = inputGradient + plane * 2 * outputHeight * width;
        for (long oy = 0; oy < outputHeight; oy++) {
            float *top = target + 2 * oy * width;
            float *bottom = top + width;
            for (long ox = 0; ox < outputWidth; ox += 16) {
                const __mmask16 lanes = neurotop_lanes(outputWidth - ox);
                const __mmask16 low = neurotop_lanes(2 * (outputWidth - ox));
                const __mmask16 high = neurotop_lanes(2 * (outputWidth - ox) - 16);
                const __m512 g = _mm512_maskz_loadu_ps(lanes, gradient + ox);
                const __m512i base = _mm512_add_epi32(_mm512_set1_epi32((int32_t)(2 * oy * width + 2 * ox)), even);
                const __m512i offset = _mm512_sub_epi32(_mm512_maskz_loadu_epi32(lanes, winners + ox), base);
                const __m512 topLeft = _mm512_maskz_mov_ps(_mm512_cmpeq_epi32_mask(offset, _mm512_setzero_si512()), g);
                const __m512 topRight = _mm512_maskz_mov_ps(_mm512_cmpeq_epi32_mask(offset, right), g);
                const __m512 bottomLeft = _mm512_maskz_mov_ps(_mm512_cmpeq_epi32_mask(offset, below), g);
                const __m512 bottomRight = _mm512_maskz_mov_ps(_mm512_cmpeq_epi32_mask(offset, belowRight), g);
                _mm512_mask_storeu_ps(top + 2 * ox, low, _mm512_permutex2var_ps(topLeft, firstPairs, topRight));
                _mm512_mask_storeu_ps(top + 2 * ox + 16, high, _mm512_permutex2var_ps(topLeft, lastPairs, topRight));
                _mm512_mask_storeu_ps(bottom + 2 * ox, low, _mm512_permutex2var_ps(bottomLeft, firstPairs, bottomRight));
                _mm512_mask_storeu_ps(
                    bottom + 2 * ox + 16, high, _mm512_permutex2var_ps(bottomLeft, lastPairs, bottomRight));
            }
            gradient += outputWidth;
            winners += outputWidth;
        }
    }
}
#else
// No AVX-512 here: the caller takes the portable loop (Vectorized.hasAVX512 is false).
static inline void neurotop_max_pool_2x2(
    const float *input, long planes, long height, long width, long outputHeight, long outputWidth, float *output,
    int32_t *winners) {}
static inline void neurotop_max_unpool_2x2(
    const float *gradient, const int32_t *winners, long planes, long outputHeight, long outputWidth,
    float *inputGradient) {}
#endif

#endif
