// A direct convolution of unit strides for groups of ten filters on CPUs with AVX-512 (the caller
// checks), in place of the lowering (im2col, one product, the rows reordered): it reads the padded
// planes and writes the output in the batch's layout, `[filters, outputHeight, outputWidth]` for
// one sample, so the column matrix and the product's copy of the output are never written. And
// the input gradient of the backward pass, with no column matrix of K·dY to scatter back.
//
// Every output is one chain of fused multiply-adds from zero over the kernel's taps in the order
// of the lowered product's k, (ky, kx, channel), then the bias added: the sums OpenBLAS's
// SkylakeX kernels give the lowered product (checked on 10x6720x9, 10x2016x90 and others), so a
// run trains to the same figures either way.
#ifndef NEUROTOP_CVECTORMATH_CONV_H
#define NEUROTOP_CVECTORMATH_CONV_H

#include "planes.h"

#if defined(__x86_64__)
// One sample: `padded` holds its `channels` planes, `paddedPlane` floats apart, rows of
// `paddedWidth`; `kernel` is `[kernelHeight·kernelWidth·channels, filters]` (Keras's layout read
// as a matrix); `bias` has `filters` values or is null (then 0 is added, as the lowered path does).
// `filters` must be a multiple of ten. Two blocks of sixteen output positions at a time (the two
// parts of a 28-wide row, or two 14-wide rows), each with its own mask.
__attribute__((target("avx512f"))) static inline void neurotop_conv_direct10(
    const float *padded, long channels, long paddedPlane, long paddedWidth, const float *kernel, long kernelHeight,
    long kernelWidth, long filters, const float *bias, float *output, long outputHeight, long outputWidth) {
#pragma clang fp contract(off)
    const long perRow = (outputWidth + 15) / 16;
    const long blocks = outputHeight * perRow;
    const long plane = outputHeight * outputWidth;
    for (long group = 0; group < filters; group += 10) {
        for (long first = 0; first < blocks; first += 2) {
            long y[2], x[2];
            __mmask16 lanes[2];
            for (int i = 0; i < 2; i++) {
                const long block = first + i < blocks ? first + i : first;
                y[i] = block / perRow;
                x[i] = block % perRow * 16;
                lanes[i] = first + i < blocks ? neurotop_lanes(outputWidth - x[i]) : 0;
            }
            __m512 sum0[10], sum1[10];
#pragma clang loop unroll(full)
            for (int j = 0; j < 10; j++) {
                sum0[j] = _mm512_setzero_ps();
                sum1[j] = _mm512_setzero_ps();
            }
            const float *weights = kernel + group;
            for (long ky = 0; ky < kernelHeight; ky++) {
                for (long kx = 0; kx < kernelWidth; kx++) {
                    const float *at0 = padded + (y[0] + ky) * paddedWidth + x[0] + kx;
                    const float *at1 = padded + (y[1] + ky) * paddedWidth + x[1] + kx;
                    for (long c = 0; c < channels; c++) {
                        const __m512 v0 = _mm512_maskz_loadu_ps(lanes[0], at0 + c * paddedPlane);
                        const __m512 v1 = _mm512_maskz_loadu_ps(lanes[1], at1 + c * paddedPlane);
#pragma clang loop unroll(full)
                        for (int j = 0; j < 10; j++) {
                            const __m512 w = _mm512_set1_ps(weights[j]);
                            sum0[j] = _mm512_fmadd_ps(w, v0, sum0[j]);
                            sum1[j] = _mm512_fmadd_ps(w, v1, sum1[j]);
                        }
                        weights += filters;
                    }
                }
            }
#pragma clang loop unroll(full)
            for (int j = 0; j < 10; j++) {
                const __m512 b = _mm512_set1_ps(bias ? bias[group + j] : 0.0f);
                float *target = output + (group + j) * plane;
                _mm512_mask_storeu_ps(target + y[0] * outputWidth + x[0], lanes[0], _mm512_add_ps(sum0[j], b));
                _mm512_mask_storeu_ps(target + y[1] * outputWidth + x[1], lanes[1], _mm512_add_ps(sum1[j], b));
            }
        }
    }
}
// The input gradient of one sample, for groups of ten channels, in place of the lowered path's
// product `K·dY` ([kernelHeight·kernelWidth·channels, filters] times the gradient in the product's
// layout) and its adjoint scatter (col2im): each product entry one chain of fused multiply-adds
// from zero over the filters in order (as OpenBLAS's SkylakeX kernels sum it: checked on
// 90x672x10, 90x224x10, 180x672x20, 288x900x32 and others), added into a zeroed plane tap after
// tap in (ky, kx) order, as col2im adds the column matrix's rows. A tap that falls outside the
// output adds nothing there and a chain of zeros (+0) here: the same bits, since a sum that starts
// at +0 never becomes -0.
//
// `gradient` holds `filters` planes `span` floats apart: each `margin` zeros, then the output
// gradient's `outputHeight` rows at pitch `paddedWidth` (zeros past the output width), then zeros
// through `paddedHeight` rows and 16 floats more; `margin` is (kernelHeight - 1)·paddedWidth +
// kernelWidth - 1. Writes `[channels, height, width]`; `channels` must be a multiple of ten.
__attribute__((target("avx512f"))) static inline void neurotop_conv_input_gradient10(
    const float *gradient, long filters, long span, long margin, long paddedWidth, const float *kernel,
    long kernelHeight, long kernelWidth, long channels, float *inputGradient, long height, long width, long padTop,
    long padLeft) {
#pragma clang fp contract(off)
    const long plane = height * width;
    for (long group = 0; group < channels; group += 10) {
        for (long y = 0; y < height; y++) {
            for (long x = 0; x < width; x += 16) {
                const __mmask16 lanes = neurotop_lanes(width - x);
                const float *at = gradient + margin + (padTop + y) * paddedWidth + padLeft + x;
                __m512 sum[10];
#pragma clang loop unroll(full)
                for (int j = 0; j < 10; j++) sum[j] = _mm512_setzero_ps();
                for (long ky = 0; ky < kernelHeight; ky++) {
                    for (long kx = 0; kx < kernelWidth; kx++) {
                        const float *tap = at - ky * paddedWidth - kx;
                        const float *weights = kernel + ((ky * kernelWidth + kx) * channels + group) * filters;
                        __m512 chain[10];
#pragma clang loop unroll(full)
                        for (int j = 0; j < 10; j++) chain[j] = _mm512_setzero_ps();
                        for (long f = 0; f < filters; f++) {
                            const __m512 d = _mm512_loadu_ps(tap + f * span);
#pragma clang loop unroll(full)
                            for (int j = 0; j < 10; j++) {
                                chain[j] = _mm512_fmadd_ps(_mm512_set1_ps(weights[j * filters + f]), d, chain[j]);
                            }
                        }
#pragma clang loop unroll(full)
                        for (int j = 0; j < 10; j++) sum[j] = _mm512_add_ps(sum[j], chain[j]);
                    }
                }
#pragma clang loop unroll(full)
                for (int j = 0; j < 10; j++) {
                    _mm512_mask_storeu_ps(inputGradient + (group + j) * plane + y * width + x, lanes, sum[j]);
                }
            }
        }
    }
}
#else
// No AVX-512 here: the caller takes the lowered path (Vectorized.hasAVX512 is false).
static inline void neurotop_conv_direct10(
    const float *padded, long channels, long paddedPlane, long paddedWidth, const float *kernel, long kernelHeight,
    long kernelWidth, long filters, const float *bias, float *output, long outputHeight, long outputWidth) {}
static inline void neurotop_conv_input_gradient10(
    const float *gradient, long filters, long span, long margin, long paddedWidth, const float *kernel,
    long kernelHeight, long kernelWidth, long channels, float *inputGradient, long height, long width, long padTop,
    long padLeft) {}
#endif

#endif
