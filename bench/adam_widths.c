// Times one Adam update over mlp-tanh-1's first kernel (78,400 weights) as the engine writes it (m, v, w
// in one pass, SSE vectors of 4), warm and after a 3 MB sweep of other memory, with and without software
// prefetch. Wider vectors: change vector_size(16) to 32 or 64, the loop step to 8 or 16, the broadcasts to
// `a - (f4){}` and compile with -mavx2 or -mavx512f.
// Build: clang -O2 -o adam_widths bench/adam_widths.c
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <math.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
typedef float f4 __attribute__((vector_size(16)));
__attribute__((noinline)) void adam(float*w,float*g,float*m,float*v,long n,float a,float b1,float b2,float eps,int pf){
  f4 A={a,a,a,a},B1={b1,b1,b1,b1},B2={b2,b2,b2,b2},E={eps,eps,eps,eps};
  for(long i=0;i+4<=n;i+=4){
    if(pf&&(i&15)==0){__builtin_prefetch(w+i+256,1,3);__builtin_prefetch(g+i+256,0,3);__builtin_prefetch(m+i+256,1,3);__builtin_prefetch(v+i+256,1,3);}
    f4 gi=*(f4*)(g+i), mi=*(f4*)(m+i), vi=*(f4*)(v+i);
    mi=mi+(gi-mi)*B1; vi=vi+(gi*gi-vi)*B2; *(f4*)(m+i)=mi; *(f4*)(v+i)=vi;
    *(f4*)(w+i)=*(f4*)(w+i)-A*mi/(__builtin_elementwise_sqrt(vi)+E);
  }
}
int main(){ long n=78400; float*w=aligned_alloc(64,n*4),*g=aligned_alloc(64,n*4),*m=aligned_alloc(64,n*4),*v=aligned_alloc(64,n*4);
  long S=3*1024*1024/4; float*sweep=aligned_alloc(64,S*4);
  for(long i=0;i<n;i++){w[i]=0.01f*(i%13);g[i]=0.001f*(i%7);m[i]=0;v[i]=0;} for(long i=0;i<S;i++)sweep[i]=i;
  for(int pass=0;pass<2;pass++) for(int mode=0;mode<4;mode++){ double best=1,tot=0; int reps=400;
    for(int r=0;r<reps;r++){ if(mode&1){ for(long i=0;i<S;i+=16) sweep[i]+=1.0f; }
      double t=now(); adam(w,g,m,v,n,1e-3f,0.1f,0.001f,1e-7f,mode>>1); t=now()-t; if(t<best)best=t; tot+=t;}
    printf("%s %s best %.1f us mean %.1f us\n",(mode&1)?"after 3MB sweep":"warm           ",(mode>>1)?"prefetch":"plain   ",best*1e6,tot/reps*1e6);}
}
