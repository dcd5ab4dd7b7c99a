// Times cblas_sgemm of one BLAS library on mlp-tanh-1's first layer the ways Dense could call it, one
// thread or more: the forward X[64x784]·W[784x100] with beta 0 and with beta 1 (bias preloaded), the same
// with a freshly assembled batch and a 1.25 MB sweep (like Adam's) before each product, W stored
// transposed (NT), and the weight gradient Xᵀ·dY (TN). Prints the best and mean microseconds of 5 rounds.
// Build: gcc -O2 -o dense_layouts bench/dense_layouts.c -ldl
// Usage: OPENBLAS_CORETYPE=SkylakeX ./dense_layouts libopenblas.so.0 THREADS (or libblis.so.4)
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float, float *, int);
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
enum {RM=101, NT=111, TR=112};
int main(int argc,char**argv){
  void*lib=dlopen(argv[1],RTLD_NOW|RTLD_LOCAL); sgemm_fn g=(sgemm_fn)dlsym(lib,"cblas_sgemm");
  void (*th)(int)=(void(*)(int))dlsym(lib,"openblas_set_num_threads"); if(th) th(atoi(argv[2]));
  void (*bth)(long)=(void(*)(long))dlsym(lib,"bli_thread_set_num_threads"); if(bth) bth(atoi(argv[2]));
  int M=64,N=100,K=784; int iters=3000;
  float *X=aligned_alloc(64,M*K*4),*W=aligned_alloc(64,K*N*4),*Wt=aligned_alloc(64,K*N*4),*Y=aligned_alloc(64,M*N*4),*b=aligned_alloc(64,N*4);
  float *big=aligned_alloc(64,4*K*N*4); unsigned char*img=malloc(60000*784);
  for(int i=0;i<60000*784;i++) img[i]=rand()%4==0? rand()%256:0;
  for(int i=0;i<K*N;i++){W[i]=(rand()/(float)RAND_MAX-0.5f)*0.1f;} for(int k=0;k<K;k++)for(int n=0;n<N;n++)Wt[n*K+k]=W[k*N+n];
  for(int i=0;i<4*K*N;i++) big[i]=0.001f*i;
  for(int i=0;i<N;i++) b[i]=0.01f*i;
  for(int row=0;row<M;row++){int idx=rand()%60000; for(int j=0;j<K;j++) X[row*K+j]=img[idx*784+j]/255.0f;}
  const char*names[]={"NN beta0 warm","NN beta1 warm","NN beta1 fresh X + adam-like sweep","NT(Wt) beta1 warm","NT(Wt) beta1 fresh","colmajor-view Yt=W^T.. (same as NN)", "TN dW 784x100x64 warm","TN dW fresh"};
  float *dY=aligned_alloc(64,M*N*4),*dW=aligned_alloc(64,K*N*4); for(int i=0;i<M*N;i++)dY[i]=0.01f*(i%7);
  for(int pass=0;pass<2;pass++)for(int v=0;v<8;v++){ if(v==5)continue;
    double best=1e9,tot=0;
    for(int r=0;r<5;r++){ double inner=0;
      for(int it=0;it<iters/5;it++){
        int fresh=(v==2||v==4||v==7);
        if(fresh){ for(int row=0;row<M;row++){int idx=rand()%60000; for(int j=0;j<K;j++) X[row*K+j]=img[idx*784+j]/255.0f;}
          for(int i=0;i<4*K*N;i++) big[i]=big[i]*0.999f+1e-6f; }
        double s=now();
        if(v<=2){ for(int row=0;row<M;row++) memcpy(Y+row*N,b,N*4);
          g(RM,NT,NT,M,N,K,1.0f,X,K,W,N,v==0?0.0f:1.0f,Y,N);}
        else if(v<=4){ for(int row=0;row<M;row++) memcpy(Y+row*N,b,N*4); g(RM,NT,TR,M,N,K,1.0f,X,K,Wt,K,1.0f,Y,N);}
        else g(RM,TR,NT,K,N,M,1.0f,X,K,dY,N,0.0f,dW,N);
        inner+=now()-s; }
      double per=inner/(iters/5); if(per<best)best=per; tot+=per; }
    printf("%-40s best %6.1f us  %6.1f GFLOP/s   mean %6.1f us\n",names[v],best*1e6,2.0*M*N*K/best/1e9,tot/5*1e6);
  }
}
