// The few CBLAS entry points the engine uses, declared here so that the build does not depend on
// where a distribution puts cblas.h. Linked against BLIS (Debian: libblis-dev); OpenBLAS, when
// installed, is opened beside it at run time (NeuroEngine's GEMMKernel+Loading.swift).
#ifndef NEUROTOP_CBLAS_SHIM_H
#define NEUROTOP_CBLAS_SHIM_H

enum CBLAS_ORDER { CblasRowMajor = 101, CblasColMajor = 102 };
enum CBLAS_TRANSPOSE { CblasNoTrans = 111, CblasTrans = 112 };

void cblas_sgemm(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE transA, enum CBLAS_TRANSPOSE transB,
                 int m, int n, int k, float alpha, const float *a, int lda, const float *b, int ldb,
                 float beta, float *c, int ldc);
void cblas_sgemv(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE trans, int m, int n, float alpha,
                 const float *a, int lda, const float *x, int incx, float beta, float *y, int incy);
float cblas_sasum(int n, const float *x, int incx);
float cblas_snrm2(int n, const float *x, int incx);
void cblas_saxpy(int n, float alpha, const float *x, int incx, float *y, int incy);

// BLIS extras: initialisation, thread count and the names of its kernel sets (sub-configurations).
void bli_thread_set_num_threads(long n_threads);
int bli_arch_query_id(void);
const char *bli_arch_string(int id);
void bli_init(void);

#endif
