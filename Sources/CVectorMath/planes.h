// The data movement around a lowered convolution (padding planes, cropping them, reordering rows
// between the product's layout and the batch's, adding the column matrix back), sixteen floats
// at a time with masked loads and stores on CPUs with AVX-512 (the caller checks). The rows here
// are short (14 or 28 floats for MNIST), and the portable loops spend more on calls and scalar
// tails than on moving data. Every function only copies, or adds one value per element in the
// order the portable loop does, so the results are bit for bit the same.
#ifndef NEUROTOP_CVECTORMATH_PLANES_H
#define NEUROTOP_CVECTORMATH_PLANES_H

#if defined(__x86_64__)
#include <immintrin.h>
#include <stdint.h>

// The first `count` of sixteen lanes (none for count <= 0, all for count >= 16).
static inline __mmask16 neurotop_lanes(long count) {
    return count <= 0 ? 0 : count >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << count) - 1);
}

// to[y·toPitch + x] = from[y·fromPitch + x] + addend, for y < rows and x < width.
__attribute__((target("avx512f"))) static inline void neurotop_rows_plus(
    const float *from, long fromPitch, float *to, long toPitch, long rows, long width, float addend) {
    const __m512 b = _mm512_set1_ps(addend);
    for (long y = 0; y < rows; y++) {
        const float *source = from + y * fromPitch;
        float *target = to + y * toPitch;
        for (long x = 0; x < width; x += 16) {
            const __mmask16 lanes = neurotop_lanes(width - x);
            _mm512_mask_storeu_ps(target + x, lanes, _mm512_add_ps(_mm512_maskz_loadu_ps(lanes, source + x), b));
        }
    }
}

// to[y·toPitch + x] = x < width ? from[y·fromPitch + x] : 0, for y < rows and x < toPitch: each
// row copied, and the rest of its pitch zeroed (toPitch >= width).
__attribute__((target("avx512f"))) static inline void neurotop_rows_zero_padded(
    const float *from, long fromPitch, float *to, long toPitch, long rows, long width) {
    for (long y = 0; y < rows; y++) {
        const float *source = from + y * fromPitch;
        float *target = to + y * toPitch;
        for (long x = 0; x < toPitch; x += 16) {
            const __m512 values = _mm512_maskz_loadu_ps(neurotop_lanes(width - x), source + x);
            _mm512_mask_storeu_ps(target + x, neurotop_lanes(toPitch - x), values);
        }
    }
}

// Each of `planes` planes of height x width floats (one after another) into the middle of a
// padded plane: rows of paddedWidth floats, the image's rows from row padTop and column padLeft,
// zeros around, and `tail` more zeros after the paddedHeight rows; planes paddedPlane apart.
__attribute__((target("avx512f"))) static inline void neurotop_pad_planes(
    const float *input, long planes, long height, long width, float *padded, long paddedHeight,
    long paddedWidth, long padTop, long padLeft, long paddedPlane) {
    const long right = padLeft + width < paddedWidth ? padLeft + width : paddedWidth;
    for (long plane = 0; plane < planes; plane++) {
        const float *source = input + plane * height * width;
        float *target = padded + plane * paddedPlane;
        for (long r = 0; r < paddedHeight; r++) {
            const int inside = r >= padTop && r < padTop + height;
            // Lane x of the row reads source row r - padTop at x - padLeft; lanes outside the image
            // are masked off (a masked-off lane is never read, whatever its address).
            const uintptr_t row = (uintptr_t)(source + (inside ? r - padTop : 0) * width);
            for (long x = 0; x < paddedWidth; x += 16) {
                const __mmask16 image = inside ? (__mmask16)(neurotop_lanes(right - x) & ~neurotop_lanes(padLeft - x)) : 0;
                const float *from = (const float *)(row + (uintptr_t)((x - padLeft) * (long)sizeof(float)));
                _mm512_mask_storeu_ps(
                    target + r * paddedWidth + x, neurotop_lanes(paddedWidth - x), _mm512_maskz_loadu_ps(image, from));
            }
        }
        const long tail = paddedPlane - paddedHeight * paddedWidth;
        for (long x = 0; x < tail; x += 16) {
            _mm512_mask_storeu_ps(target + paddedHeight * paddedWidth + x, neurotop_lanes(tail - x), _mm512_setzero_ps());
        }
    }
}

// target[i] += source[i] for i < count.
__attribute__((target("avx512f"))) static inline void neurotop_add_into(float *target, const float *source, long count) {
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        _mm512_storeu_ps(target + i, _mm512_add_ps(_mm512_loadu_ps(target + i), _mm512_loadu_ps(source + i)));
    }
    if (i < count) {
        const __mmask16 lanes = neurotop_lanes(count - i);
        _mm512_mask_storeu_ps(
            target + i, lanes,
            _mm512_add_ps(_mm512_maskz_loadu_ps(lanes, target + i), _mm512_maskz_loadu_ps(lanes, source + i)));
    }
}
#else
// No AVX-512 here: the callers take their portable loops (Vectorized.hasAVX512 is false).
static inline void neurotop_rows_plus(
    const float *from, long fromPitch, float *to, long toPitch, long rows, long width, float addend) {}
static inline void neurotop_rows_zero_padded(
    const float *from, long fromPitch, float *to, long toPitch, long rows, long width) {}
static inline void neurotop_pad_planes(
    const float *input, long planes, long height, long width, float *padded, long paddedHeight,
    long paddedWidth, long padTop, long padLeft, long paddedPlane) {}
static inline void neurotop_add_into(float *target, const float *source, long count) {}
#endif

#endif
