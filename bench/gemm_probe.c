// Times cblas_sgemm of one BLAS library on the products neurotop's models perform, one thread,
// and prints one line per shape: "<label> <GFLOP/s>" (best of several timed rounds on warm buffers).
// Usage: gemm_probe LIBRARY [SECONDS_PER_SHAPE]. The library is dlopen'ed, so BLIS and OpenBLAS
// are measured by the same code; BLIS's sub-configuration comes from BLIS_ARCH_TYPE, OpenBLAS's
// core type from OPENBLAS_CORETYPE, both read when the library first runs.
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float,
                         float *, int);

struct shape { const char *label; int ta, tb, m, n, k; };

static const struct shape shapes[] = {
    // mlp-tanh-1 (784-100-10, batch 64): forward, weight gradients, input gradient.
    {"mlp.fwd1 NN 64x100x784", 0, 0, 64, 100, 784},
    {"mlp.fwd2 NN 64x10x100", 0, 0, 64, 10, 100},
    {"mlp.dW1  TN 784x100x64", 1, 0, 784, 100, 64},
    {"mlp.dW2  TN 100x10x64", 1, 0, 100, 10, 64},
    {"mlp.dx2  NT 64x100x10", 0, 1, 64, 100, 10},
    // cnn-mp-conv: im2col products of both convolutions (chunks of 8 and 3 samples) and the dense layer.
    {"cnn.c1f  NN 10x6720x9", 0, 0, 10, 6720, 9},
    {"cnn.c1w  NT 9x10x6720", 0, 1, 9, 10, 6720},
    {"cnn.c2f  NN 10x672x90", 0, 0, 10, 672, 90},
    {"cnn.c2w  NT 90x10x672", 0, 1, 90, 10, 672},
    {"cnn.c2x  NN 90x672x10", 0, 0, 90, 672, 10},
    {"cnn.fwd  NN 64x10x1960", 0, 0, 64, 10, 1960},
    {"cnn.dW   TN 1960x10x64", 1, 0, 1960, 10, 64},
    {"cnn.dx   NT 64x1960x10", 0, 1, 64, 1960, 10},
};

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: gemm_probe LIBRARY [SECONDS_PER_SHAPE]\n"); return 2; }
    double budget = argc > 2 ? atof(argv[2]) : 0.1;
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) { fprintf(stderr, "%s\n", dlerror()); return 1; }
    sgemm_fn sgemm = (sgemm_fn)dlsym(lib, "cblas_sgemm");
    void (*openblas_threads)(int) = (void (*)(int))dlsym(lib, "openblas_set_num_threads");
    void (*blis_threads)(long) = (void (*)(long))dlsym(lib, "bli_thread_set_num_threads");
    char *(*openblas_core)(void) = (char *(*)(void))dlsym(lib, "openblas_get_corename");
    int (*blis_arch)(void) = (int (*)(void))dlsym(lib, "bli_arch_query_id");
    const char *(*blis_arch_string)(int) = (const char *(*)(int))dlsym(lib, "bli_arch_string");
    if (!sgemm) { fprintf(stderr, "no cblas_sgemm in %s\n", argv[1]); return 1; }
    if (openblas_threads) openblas_threads(1);
    if (blis_threads) blis_threads(1);
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        const struct shape *p = &shapes[s];
        float *a = malloc(sizeof(float) * p->m * p->k), *b = malloc(sizeof(float) * p->k * p->n),
              *c = malloc(sizeof(float) * p->m * p->n);
        for (int i = 0; i < p->m * p->k; i++) a[i] = (float)((i * 7) % 13) / 13 - 0.5f;
        for (int i = 0; i < p->k * p->n; i++) b[i] = (float)((i * 5) % 11) / 11 - 0.5f;
        double flops = 2.0 * p->m * p->n * p->k, best = 0;
        int per = (int)(2e6 / flops) + 1;
        double end = now() + budget;
        do {
            double t0 = now();
            for (int r = 0; r < per; r++)
                sgemm(101, p->ta ? 112 : 111, p->tb ? 112 : 111, p->m, p->n, p->k, 1, a, p->ta ? p->m : p->k, b,
                      p->tb ? p->k : p->n, 0, c, p->n);
            double g = flops * per / (now() - t0) / 1e9;
            if (g > best) best = g;
        } while (now() < end);
        printf("%s %.1f\n", p->label, best);
        free(a); free(b); free(c);
    }
    if (openblas_core) printf("# core %s\n", openblas_core());
    if (blis_arch && blis_arch_string) printf("# core %s\n", blis_arch_string(blis_arch()));
    return 0;
}
