// Vector square roots for the engine's SIMD loops, as one instruction (sqrtps) on every lane.
// Swift's `squareRoot()` goes through C's sqrtf, which may set errno for a negative input: unless
// a module is built with -fno-math-errno (an unsafe flag, which SwiftPM refuses in a package
// dependency), each lane becomes a scalar square root with a branch to sqrtf. Clang's elementwise
// builtin never touches errno, so it stays vectorised under the default flags.
#ifndef NEUROTOP_CVECTORMATH_SHIM_H
#define NEUROTOP_CVECTORMATH_SHIM_H

typedef float neurotop_float8 __attribute__((ext_vector_type(8)));

static inline neurotop_float8 neurotop_sqrt8(neurotop_float8 x) { return __builtin_elementwise_sqrt(x); }

#endif
