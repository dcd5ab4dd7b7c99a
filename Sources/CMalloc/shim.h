// glibc's allocator tuning (mallopt), which the Glibc module does not bring into Swift.
#include <malloc.h>

/// Sets glibc's arena count and a fixed mapping threshold (which also stops glibc raising the
/// threshold by itself). Returns 1 when both were accepted.
static inline int neurotop_tune_malloc(int arenas, int mapping_threshold) {
    return mallopt(M_ARENA_MAX, arenas) == 1 && mallopt(M_MMAP_THRESHOLD, mapping_threshold) == 1;
}
