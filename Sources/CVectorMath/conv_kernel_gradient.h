// The kernel gradient of a convolution of unit strides for filters in groups of
// five (the caller checks ten, as the direct forward pass needs) on CPUs with AVX-512, in place
// of the lowered path's column matrix (im2col) and its product with the output gradient: each sum
// reads the padded input planes shifted by its tap.
//
// Not the lowered product's summation order: each sum runs over sixteen lanes of partial sums
// across the samples and positions, then the lanes, so the figures differ from a library's in
// their last bits (as one library's differ from another's).

#ifndef NEUROTOP_CVECTORMATH_CONV_KERNEL_GRADIENT_H
#define NEUROTOP_CVECTORMATH_CONV_KERNEL_GRADIENT_H

#include "planes.h"

#if defined(__x86_64__)
// Each block of taps keeps its sixteen-lane partial sums here between groups of samples.
#define NEUROTOP_KERNEL_GRADIENT_PARTIALS (3 * 5 * 16)

// `taps` (1 to 3) neighbouring taps of one row of the kernel, for one channel and five filters,
// over `samples` samples: `input` is the channel's padded plane of the first sample, already moved
// to the first tap, rows of `paddedWidth`, `sampleStride` floats to the next sample's; `gradient`
// the first filter's output gradient plane of the first sample, rows of `outputWidth`, filters
// `plane` floats apart, samples `gradientStride`. Adds to the block's sixteen-lane partial sums
// in `partials` (`NEUROTOP_KERNEL_GRADIENT_PARTIALS` floats). Five filters, not ten: the fifteen
// sums, three inputs and one gradient vector stay in registers (thirty sums spilled).
__attribute__((target("avx512f"), always_inline)) static inline void neurotop_kernel_gradient_taps(
    const int taps, const float *input, long sampleStride, long paddedWidth, const float *gradient, long plane,
    long gradientStride, long outputHeight, long outputWidth, long samples, float *partials) {
#pragma clang fp contract(off)
    __m512 sum[3][5];
#pragma clang loop unroll(full)
    for (int t = 0; t < 3; t++) {
#pragma clang loop unroll(full)
        for (int j = 0; j < 5; j++) {
            sum[t][j] = t < taps ? _mm512_loadu_ps(partials + (t * 5 + j) * 16) : _mm512_setzero_ps();
        }
    }
    for (long s = 0; s < samples; s++) {
        for (long y = 0; y < outputHeight; y++) {
            const float *in = input + s * sampleStride + y * paddedWidth;
            const float *g = gradient + s * gradientStride + y * outputWidth;
            for (long i = 0; i < outputWidth; i += 16) {
                // The last block of a row reads only its lanes.
                const __mmask16 m = neurotop_lanes(outputWidth - i);
                __m512 x[3];
#pragma clang loop unroll(full)
                for (int t = 0; t < 3; t++) {
                    x[t] = t < taps ? _mm512_maskz_loadu_ps(m, in + t + i) : _mm512_setzero_ps();
                }
#pragma clang loop unroll(full)
                for (int j = 0; j < 5; j++) {
                    const __m512 d = _mm512_maskz_loadu_ps(m, g + j * plane + i);
#pragma clang loop unroll(full)
                    for (int t = 0; t < 3; t++) {
                        if (t < taps) sum[t][j] = _mm512_fmadd_ps(x[t], d, sum[t][j]);
                    }
                }
            }
        }
    }
#pragma clang loop unroll(full)
    for (int t = 0; t < 3; t++) {
#pragma clang loop unroll(full)
        for (int j = 0; j < 5; j++) {
            if (t < taps) _mm512_storeu_ps(partials + (t * 5 + j) * 16, sum[t][j]);
        }
    }
}

// How many floats of `partials` neurotop_conv_kernel_gradient10 needs.
static inline long neurotop_kernel_gradient_partials(long channels, long kernelHeight, long kernelWidth, long filters) {
    return (filters / 5) * channels * kernelHeight * ((kernelWidth + 2) / 3) * NEUROTOP_KERNEL_GRADIENT_PARTIALS;
}

// dK[(ky·kernelWidth + kx)·channels + c][f] = Σ over the samples and output positions (y, x) of
// padded[s][c][(ky + y)·paddedWidth + kx + x] · gradient[s][f][y][x], for `samples` samples:
// `padded` holds them as the forward pass pads them (`channels` planes `paddedPlane` floats apart
// per sample, rows of `paddedWidth`), `gradient` as the layer's output is laid out
// (`[samples, filters, outputHeight, outputWidth]`). With `accumulate` the sums are added to dK.
// `filters` must be a multiple of five; `partials` holds neurotop_kernel_gradient_partials floats.
// Two samples at a time go through every block of taps, so that their planes are read from the
// first-level cache rather than once per block from the second.
__attribute__((target("avx512f"))) static inline void neurotop_conv_kernel_gradient10(
    const float *padded, long channels, long paddedPlane, long paddedWidth, const float *gradient, long outputHeight,
    long outputWidth, long samples, long kernelHeight, long kernelWidth, long filters, float *partials,
    float *kernelGradient, int accumulate) {
    const long sampleStride = channels * paddedPlane;
    const long plane = outputHeight * outputWidth;
    const long tapStride = channels * filters;
    const long count = neurotop_kernel_gradient_partials(channels, kernelHeight, kernelWidth, filters);
    for (long i = 0; i < count; i++) partials[i] = 0;
    for (long first = 0; first < samples; first += 2) {
        const long group = samples - first < 2 ? samples - first : 2;
        float *block = partials;
        for (long f = 0; f < filters; f += 5) {
            const float *g = gradient + first * filters * plane + f * plane;
            for (long c = 0; c < channels; c++) {
                for (long ky = 0; ky < kernelHeight; ky++) {
                    for (long kx = 0; kx < kernelWidth; kx += 3) {
                        const float *in = padded + first * sampleStride + c * paddedPlane + ky * paddedWidth + kx;
                        const long left = kernelWidth - kx;
#define NEUROTOP_TAPS(N)                                                                                        \
    neurotop_kernel_gradient_taps(N, in, sampleStride, paddedWidth, g, plane, filters * plane, outputHeight,       \
                                  outputWidth, group, block)
                        if (left >= 3) {
                            NEUROTOP_TAPS(3);
                        } else if (left == 2) {
                            NEUROTOP_TAPS(2);
                        } else {
                            NEUROTOP_TAPS(1);
                        }
#undef NEUROTOP_TAPS
                        block += NEUROTOP_KERNEL_GRADIENT_PARTIALS;
                    }
                }
            }
        }
    }
    // Each partial sum's lanes, into dK.
    const float *block = partials;
    for (long f = 0; f < filters; f += 5) {
        for (long c = 0; c < channels; c++) {
            for (long ky = 0; ky < kernelHeight; ky++) {
                for (long kx = 0; kx < kernelWidth; kx += 3) {
                    const long taps = kernelWidth - kx < 3 ? kernelWidth - kx : 3;
                    for (long t = 0; t < taps; t++) {
                        float *out = kernelGradient + ((ky * kernelWidth + kx + t) * channels + c) * filters + f;
                        for (long j = 0; j < 5; j++) {
                            const float total = _mm512_reduce_add_ps(_mm512_loadu_ps(block + (t * 5 + j) * 16));
                            out[j] = accumulate ? out[j] + total : total;
                        }
                    }
                    block += NEUROTOP_KERNEL_GRADIENT_PARTIALS;
                }
            }
        }
    }
}
#else
// No AVX-512 here: the caller takes the lowered path (Vectorized.hasAVX512 is false).
static inline long neurotop_kernel_gradient_partials(long channels, long kernelHeight, long kernelWidth, long filters) {
    return 0;
}
static inline void neurotop_conv_kernel_gradient10(
    const float *padded, long channels, long paddedPlane, long paddedWidth, const float *gradient, long outputHeight,
    long outputWidth, long samples, long kernelHeight, long kernelWidth, long filters, float *partials,
    float *kernelGradient, int accumulate) {}
#endif

#endif
