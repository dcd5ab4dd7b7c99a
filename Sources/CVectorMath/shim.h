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

#endif
