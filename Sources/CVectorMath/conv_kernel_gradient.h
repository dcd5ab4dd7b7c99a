// The kernel gradient of a convolution of unit strides for groups of ten filters on CPUs with
// AVX-512 (the caller checks), in place of the lowered path's column matrix (im2col) and its
// product with the output gradient: each sum reads the padded input planes shifted by its tap.
//
// Not the lowered product's summation order: each sum runs over sixteen lanes of partial sums
// across the samples and positions, then the lanes, so the figures differ from a library's in
// their last bits (as one library's differ from another's).

#ifndef NEUROTOP_CVECTORMATH_CONV_KERNEL_GRADIENT_H
#define NEUROTOP_CVECTORMATH_CONV_KERNEL_GRADIENT_H

#include <immintrin.h>

#if defined(__x86_64__)
// `taps` (1 to 3) neighbouring taps of one row of the kernel, for one channel and five filters:
// `input` is the channel's padded plane of the first sample, already moved to the first tap,
// `sampleStride` floats to the next sample's; `gradient` the first filter's run of the first
// sample, filters `filterStride` floats apart, samples `run` floats apart. Writes (or adds to,
// with `accumulate`) five sums per tap, taps `tapStride` floats apart. Five filters, not ten: the
// fifteen sums, three inputs and one gradient vector stay in registers (thirty sums spilled).
__attribute__((target("avx512f"), always_inline)) static inline void neurotop_kernel_gradient_taps(
    const int taps, const float *input, long sampleStride, const float *gradient, long filterStride, long run,
    long samples, float *kernelGradient, long tapStride, int accumulate) {
#pragma clang fp contract(off)
    __m512 sum[3][5];
#pragma clang loop unroll(full)
    for (int t = 0; t < 3; t++) {
#pragma clang loop unroll(full)
        for (int j = 0; j < 5; j++) sum[t][j] = _mm512_setzero_ps();
    }
    const long full = run & ~15L;
    const __mmask16 lanes = full < run ? (__mmask16)((1u << (run - full)) - 1) : 0xFFFF;
    for (long s = 0; s < samples; s++) {
        const float *in = input + s * sampleStride;
        const float *g = gradient + s * run;
        for (long i = 0; i < run; i += 16) {
            // The last block of a run that is not a multiple of sixteen reads only its lanes.
            const __mmask16 m = i < full ? 0xFFFF : lanes;
            __m512 x[3];
#pragma clang loop unroll(full)
            for (int t = 0; t < 3; t++) x[t] = t < taps ? _mm512_maskz_loadu_ps(m, in + t + i) : _mm512_setzero_ps();
#pragma clang loop unroll(full)
            for (int j = 0; j < 5; j++) {
                const __m512 d = _mm512_maskz_loadu_ps(m, g + j * filterStride + i);
#pragma clang loop unroll(full)
                for (int t = 0; t < 3; t++) {
                    if (t < taps) sum[t][j] = _mm512_fmadd_ps(x[t], d, sum[t][j]);
                }
            }
        }
    }
#pragma clang loop unroll(full)
    for (int t = 0; t < 3; t++) {
        if (t >= taps) break;
#pragma clang loop unroll(full)
        for (int j = 0; j < 5; j++) {
            const float total = _mm512_reduce_add_ps(sum[t][j]);
            float *at = kernelGradient + t * tapStride + j;
            *at = accumulate ? *at + total : total;
        }
    }
}

// dK[(ky·kernelWidth + kx)·channels + c][f] = Σ over the samples and the `run` positions p of
// padded[s][c][ky·paddedWidth + kx + p] · gradient[f·filterStride + s·run + p], for `samples`
// samples: `padded` holds them as the forward pass pads them (`channels` planes `paddedPlane`
// floats apart per sample, rows of `paddedWidth`), `gradient` in the lowered product's layout
// (each filter's runs of `outputHeight` rows of `paddedWidth`, zeros past the output width).
// With `accumulate` the sums are added to dK. `filters` must be a multiple of ten.
__attribute__((target("avx512f"))) static inline void neurotop_conv_kernel_gradient10(
    const float *padded, long channels, long paddedPlane, long paddedWidth, const float *gradient, long filterStride,
    long run, long samples, long kernelHeight, long kernelWidth, long filters, float *kernelGradient,
    int accumulate) {
    const long sampleStride = channels * paddedPlane;
    const long tapStride = channels * filters;
    for (long group = 0; group < filters; group += 5) {
        const float *g = gradient + group * filterStride;
        for (long c = 0; c < channels; c++) {
            for (long ky = 0; ky < kernelHeight; ky++) {
                for (long kx = 0; kx < kernelWidth; kx += 3) {
                    const float *in = padded + c * paddedPlane + ky * paddedWidth + kx;
                    float *out = kernelGradient + ((ky * kernelWidth + kx) * channels + c) * filters + group;
                    const long left = kernelWidth - kx;
                    if (left >= 3) {
                        neurotop_kernel_gradient_taps(
                            3, in, sampleStride, g, filterStride, run, samples, out, tapStride, accumulate);
                    } else if (left == 2) {
                        neurotop_kernel_gradient_taps(
                            2, in, sampleStride, g, filterStride, run, samples, out, tapStride, accumulate);
                    } else {
                        neurotop_kernel_gradient_taps(
                            1, in, sampleStride, g, filterStride, run, samples, out, tapStride, accumulate);
                    }
                }
            }
        }
    }
}
#else
// No AVX-512 here: the caller takes the lowered path (Vectorized.hasAVX512 is false).
static inline void neurotop_conv_kernel_gradient10(
    const float *padded, long channels, long paddedPlane, long paddedWidth, const float *gradient, long filterStride,
    long run, long samples, long kernelHeight, long kernelWidth, long filters, float *kernelGradient,
    int accumulate) {}
#endif

#endif
