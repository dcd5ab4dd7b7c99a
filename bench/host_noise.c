// Is this machine quiet enough to measure? Times the forward product of mlp-tanh-1's first layer
// as one core does its half of it (64x392 times 392x100, neurotop's own AVX-512 kernel), alone and
// then on both cores at once, in rounds of 150 products, and prints each thread's best round and
// its mean round. On a quiet machine the two agree within a few percent; a host that takes the
// CPUs away for short spells moves the mean and hardly the best. `neurotop bench` compares a
// training rate (a mean over a few hundred steps) against an sgemm peak (a best slice), so its
// "of peak" falls on such a host even though the code is the same.
//
// Build and run (x86-64 with AVX-512; clang, as the project's C is clang's vector dialect):
//   clang -O2 -march=native -o /tmp/host_noise bench/host_noise.c -lpthread && /tmp/host_noise
#include "../Sources/CVectorMath/shim.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { ROWS = 64, DEPTH = 392, UNITS = 100, ROUNDS = 40, PER_ROUND = 150 };

typedef struct {
    float *a, *b, *c;
    double best, mean;
} Job;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void *run(void *argument) {
    Job *job = argument;
    double best = 1e9, sum = 0;
    for (int round = 0; round < ROUNDS; round++) {
        double start = now();
        for (int i = 0; i < PER_ROUND; i++)
            neurotop_gemm_n112(0, ROWS, UNITS, DEPTH, job->a, 2 * DEPTH, 1, job->b, UNITS, job->c, UNITS, 0);
        double each = (now() - start) / PER_ROUND;
        if (each < best) best = each;
        sum += each;
    }
    job->best = best;
    job->mean = sum / ROUNDS;
    return NULL;
}

static Job make(void) {
    Job job = {aligned_alloc(64, ROWS * 2 * DEPTH * 4), aligned_alloc(64, DEPTH * UNITS * 4),
               aligned_alloc(64, ROWS * UNITS * 4), 0, 0};
    for (int i = 0; i < ROWS * 2 * DEPTH; i++) job.a[i] = (i % 7) * 0.1f;
    for (int i = 0; i < DEPTH * UNITS; i++) job.b[i] = (i % 5) * 0.01f;
    return job;
}

static void report(const char *what, const Job *job) {
    double flops = 2.0 * ROWS * DEPTH * UNITS;
    printf("%-22s best %6.1f us (%5.1f GFLOP/s)  mean %6.1f us (%5.1f GFLOP/s)  mean/best %.2f\n", what,
           job->best * 1e6, flops / job->best / 1e9, job->mean * 1e6, flops / job->mean / 1e9,
           job->mean / job->best);
}

int main(void) {
    if (!__builtin_cpu_supports("avx512f")) {
        fprintf(stderr, "host_noise: this CPU has no AVX-512; the kernel it times needs it\n");
        return 1;
    }
    Job first = make(), second = make();
    run(&first);
    report("one core", &first);
    pthread_t a, b;
    pthread_create(&a, NULL, run, &first);
    pthread_create(&b, NULL, run, &second);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    report("both cores, thread 1", &first);
    report("both cores, thread 2", &second);
    return 0;
}
