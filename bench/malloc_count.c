// Counts the process's malloc/calloc/realloc/posix_memalign calls and prints the total at exit,
// to see how many allocations a training step makes: run a config for N and for M steps and
// divide the difference by M - N.
//   cc -O2 -shared -fPIC -o /tmp/malloc_count.so bench/malloc_count.c
//   LD_PRELOAD=/tmp/malloc_count.so neurotop train cnn-mp-conv --epochs 1 --steps-per-epoch 100 --no-record
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static atomic_long calls;
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

void *malloc(size_t n) { atomic_fetch_add(&calls, 1); return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { atomic_fetch_add(&calls, 1); return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { atomic_fetch_add(&calls, 1); return __libc_realloc(p, n); }
int posix_memalign(void **p, size_t a, size_t n) {
    atomic_fetch_add(&calls, 1);
    *p = __libc_memalign(a, n);
    return *p ? 0 : 12;
}

__attribute__((destructor)) static void report(void) {
    char line[64];
    int length = snprintf(line, sizeof line, "mallocs %ld\n", (long)atomic_load(&calls));
    if (length > 0) write(2, line, (size_t)length);
}
