/*
 * snapshot of gelu backward f64, fast tier
 * libm: outside the exp-rational class, so evaluated from the expression with the math library's double functions (sigmoid, softplus and logsigmoid by e^-|u|, gelu(u) = u/2*erfc(-u/sqrt(2))); the results are the library's: glibc's on the CPU, libdevice's on a GPU
 * f' at x = -inf: its limit -0.0 (certified), where the form can meet inf*0
 * f' at x < -0.78186020068096695: a zero result is -0, f's sign there (f has no zero beyond: interval branch-and-bound and its tail)
 * f' at x = +inf: its limit 1.0 (certified), where the form can meet inf*0
 * f' at x > -0.25: a zero result is +0, f's sign there (f has no zero beyond: interval branch-and-bound and its tail)
 */
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <stddef.h>
#include <stdint.h>



__device__ __forceinline__ double gelu_backward_f64_scalar(double x, double dy) {
    const double v0 = (double)x;
    const double v1 = 0x1.6a09e667f3bcdp-1;
    const double v2 = __dmul_rn(v0, v1);
    const double v3 = -v2;
    const double v4 = __fma_rn(v0, v1, v3);
    const double v5 = -0x1.bdd3413b26456p-55;
    const double v6 = __fma_rn(v0, v5, v4);
    const double v7 = -v6;
    const double v8 = erfc(v3);
    const double v9 = __dmul_rn(v3, v3);
    const double v10 = -v9;
    const double v11 = exp(v10);
    const double v12 = -0x1.20dd750429b6dp+0;
    const double v13 = __dmul_rn(v7, v12);
    const double v14 = __fma_rn(v13, v11, v8);
    const double v15 = fabs(v7);
    const double v16 = 1.0;
    const double v17 = (v15 < v16) ? v14 : v8;
    const double v18 = 0x1p-1;
    const double v19 = __dmul_rn(v17, v18);
    const double v20 = 0x1.9884533d43651p-2;
    const double v21 = __dmul_rn(v0, v20);
    const double v22 = __dmul_rn(v0, v0);
    const double v23 = -0x1p-1;
    const double v24 = __dmul_rn(v22, v23);
    const double v25 = exp(v24);
    const double v26 = -v24;
    const double v27 = __fma_rn(v22, v23, v26);
    const double v28 = -v22;
    const double v29 = __fma_rn(v0, v0, v28);
    const double v30 = __fma_rn(v29, v23, v27);
    const double v31 = __fma_rn(v25, v30, v25);
    const double v32 = fabs(v30);
    const double v33 = (v32 < v16) ? v31 : v25;
    const double v34 = __dmul_rn(v21, v33);
    const double v35 = __dadd_rn(v19, v34);
    const double v36 = 0x1.fffffffffffffp+1023;
    const double v37 = -v36;
    const double v38 = -0.0;
    const double v39 = (v0 < v37) ? v38 : v35;
    const double v40 = fabs(v39);
    const double v41 = 0x0.0000000000001p-1022;
    const double v42 = (v40 < v41) ? v38 : v39;
    const double v43 = -0x1.904ffaeffp-1;
    const double v44 = (v0 < v43) ? v42 : v39;
    const double v45 = (v36 < v0) ? v16 : v44;
    const double v46 = 0.0;
    const double v47 = fabs(v45);
    const double v48 = (v47 < v41) ? v46 : v45;
    const double v49 = -0x1p-2;
    const double v50 = (v49 < v0) ? v48 : v45;
    const double v51 = (double)dy;
    const double v52 = __dmul_rn(v51, v50);
    return (v52);
}

/* Grid-stride over groups of 2 with 128-bit loads and stores (all pointers 16-byte aligned), then
   the remaining n % 2 elements one by one. */
__global__ void gelu_backward_f64_vector(const double *__restrict__ x, const double *__restrict__ dy, double *__restrict__ dx, size_t n) {
    const size_t groups = n / 2;
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < groups; i += stride) {
        const uint4 xv = reinterpret_cast<const uint4 *>(x)[i];
        const double *xl = reinterpret_cast<const double *>(&xv);
        const uint4 dyv = reinterpret_cast<const uint4 *>(dy)[i];
        const double *dyl = reinterpret_cast<const double *>(&dyv);
        uint4 dxv;
        double *dxl = reinterpret_cast<double *>(&dxv);
        #pragma unroll
        for (int k = 0; k < 2; k++) {
            dxl[k] = gelu_backward_f64_scalar(xl[k], dyl[k]);
        }
        reinterpret_cast<uint4 *>(dx)[i] = dxv;
    }
    const size_t tail = groups * 2 + (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (tail < n) {
        const size_t i = tail;
        dx[i] = gelu_backward_f64_scalar(x[i], dy[i]);
    }
}
/* Grid-stride one element at a time (for pointers that are not 16-byte aligned). */
__global__ void gelu_backward_f64_elementwise(const double *__restrict__ x, const double *__restrict__ dy, double *__restrict__ dx, size_t n) {
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        dx[i] = gelu_backward_f64_scalar(x[i], dy[i]);
    }
}

/* Launches on `stream`; returns the launch error, if any. */
extern "C" cudaError_t gelu_backward_f64(const double *x, const double *dy, double *dx, size_t n, cudaStream_t stream) {
    if (n == 0) return cudaSuccess;
    const int threads = 256;
    if ((((uintptr_t)x | (uintptr_t)dy | (uintptr_t)dx) % 16) == 0) {
        const size_t work = n / 2 + 1;
        const unsigned blocks = (unsigned)((work + threads - 1) / threads < 65535 ? (work + threads - 1) / threads : 65535);
        gelu_backward_f64_vector<<<blocks, threads, 0, stream>>>(x, dy, dx, n);
    } else {
        const unsigned blocks = (unsigned)((n + threads - 1) / threads < 65535 ? (n + threads - 1) / threads : 65535);
        gelu_backward_f64_elementwise<<<blocks, threads, 0, stream>>>(x, dy, dx, n);
    }
    return cudaGetLastError();
}
