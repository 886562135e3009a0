/*
 * snapshot of mish backward f32
 * exp: the argument -|x| is raised to -199 (every input beyond returns a threshold's limit, or the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two
 * series: |x - x0| < 1/64 around the zero x0 = -1.1924312145154952 -4.85e-17 of f: degree-9 Taylor series at x0 (x0 a double-double from the certified root finder), so the relative error stays bounded through the zero
 * series: |x| < 2^-12: f(0) + sum c_k x^k (degree 6) with f(0) = 0.59999999999999998 +2.22e-17 as a double-double, rounded to odd before the rounding to the output type, so that inputs near an output rounding boundary are decided to ~2^-65
 * threshold: x < -198: |f(x) - 0| < 2^-278 (interval evaluation at x = -198; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which times any finite dy of the output type rounds to 0 there (with the sign of dy times -0); there f' stands as the least nonzero number with its sign, not as 0 (times dy, and scaled once more where dy folds in), so that dy = +-inf gives +-inf as dy*f' does, not NaN
 * threshold: x > 21: |f(x) - 1| < 2^-54 (interval evaluation at x = 21; f - 1 and f' keep one sign beyond 16, so |f - 1| decreases toward +inf), which rounds to 1 in f64
 */
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <stddef.h>
#include <stdint.h>

#ifndef MISH_CUDA_EXP_HELPERS
#define MISH_CUDA_EXP_HELPERS
/* e^a = q*2^k for a <= 0 (the C kernel's reduction, operation for operation). q: */
__device__ __forceinline__ double mish_exp_mantissa(double a) {
    const double kd = __dsub_rn(__fma_rn(a, 0x1.71547652b82fep+0, 0x1.8p+52), 0x1.8p+52);
    double r = __fma_rn(-kd, 0x1.62e42fefa38p-1, a);
    r = __fma_rn(-kd, 0x1.ef35793c7673p-45, r);
    double p = 0x1.af389ecfc4b9cp-26;
    p = __fma_rn(p, r, 0x1.28917c89a43a7p-22);
    p = __fma_rn(p, r, 0x1.71de0db2f6b19p-19);
    p = __fma_rn(p, r, 0x1.a019b9149a41cp-16);
    p = __fma_rn(p, r, 0x1.a01a01a7c2efep-13);
    p = __fma_rn(p, r, 0x1.6c16c17889ef1p-10);
    p = __fma_rn(p, r, 0x1.11111111109b5p-7);
    p = __fma_rn(p, r, 0x1.5555555553d68p-5);
    p = __fma_rn(p, r, 0x1.5555555555556p-3);
    p = __fma_rn(p, r, 0x1.0000000000001p-1);
    p = __fma_rn(p, r, 1.0);
    p = __fma_rn(p, r, 1.0);
    return p;
}

__device__ __forceinline__ double mish_pow2(long long e) {
    return __longlong_as_double((long long)((unsigned long long)(e + 1023) << 52));
}

/* v*2^(m*k), k from the reduction of a, only the last multiplication rounding. */
__device__ __forceinline__ double mish_exp_scale(double v, double a, int m) {
    const double t = __fma_rn(a, 0x1.71547652b82fep+0, 0x1.8p+52);
    long long ki = (long long)((unsigned long long)__double_as_longlong(t) - 0x4338000000000000ULL);
    ki = (ki < -1500) ? -1500 : ((ki > 0) ? 0 : ki);
    const long long e = (long long)m * ki;
    const long long e1 = (e < -1000) ? -1000 : ((e > 1000) ? 1000 : e);
    const long long e2 = (e - e1 < -1022) ? -1022 : ((e - e1 > 1023) ? 1023 : e - e1);
    return __dmul_rn(__dmul_rn(v, mish_pow2(e1)), mish_pow2(e2));
}

/* max(a, A) for A < 0 by the unsigned order of the bits (the C kernel's). */
__device__ __forceinline__ double mish_exp_floor(double a, double A) {
    const unsigned long long b = (unsigned long long)__double_as_longlong(a), f = (unsigned long long)__double_as_longlong(A);
    return __longlong_as_double((long long)((b < f) ? b : f));
}

/* max(-|x|, A) for binary32 x by the unsigned order of the bits (the C kernel's). */
__device__ __forceinline__ float mish_exp_argument_f32(float x, float A) {
    const unsigned int b = __float_as_uint(x) | 0x80000000u, f = __float_as_uint(A);
    return __uint_as_float((b < f) ? b : f);
}

/* v*2^k by the exponent field, k >= -1021 (the C kernel's: k from t's bits shifted by 52). */
__device__ __forceinline__ double mish_exp_scale_clamped(double v, double a) {
    const double t = __fma_rn(a, 0x1.71547652b82fep+0, 0x1.8p+52);
    return __longlong_as_double((long long)((unsigned long long)__double_as_longlong(v) + ((unsigned long long)__double_as_longlong(t) << 52)));
}

/* v*2^(m*k) by one multiplication, for kernels that keep m*k >= -1022 (their argument floored). */
__device__ __forceinline__ double mish_exp_scale_normal(double v, double a, int m) {
    const double t = __fma_rn(a, 0x1.71547652b82fep+0, 0x1.8p+52);
    return __dmul_rn(v, mish_pow2((long long)m * (long long)((unsigned long long)__double_as_longlong(t) - 0x4338000000000000ULL)));
}

/* hi + lo rounded to odd (the C kernel's bit step). */
__device__ __forceinline__ double mish_round_to_odd(double hi, double lo) {
    unsigned long long b = (unsigned long long)__double_as_longlong(hi);
    const unsigned long long step = ((lo > 0) == (hi > 0)) ? 1ULL : ~0ULL;
    b += (lo != 0 && (b & 1ULL) == 0) ? step : 0ULL;
    return __longlong_as_double((long long)b);
}
#endif

__device__ __forceinline__ float mish_backward_f32_scalar(float x, float dy) {
    const double v0 = (double)x;
    const double v1 = 0.0;
    const double v3 = fabs(v0);
    const double v5 = (double)mish_exp_argument_f32(x, -199.0f);
    const double v6 = mish_exp_mantissa(v5);
    const double v7 = mish_exp_scale_clamped(v6, v5);
    const double v8 = 4.0;
    const double v9 = (x < (float)v1) ? v1 : v8;
    const double v10 = __fma_rn(v9, v7, v9);
    const double v11 = (x < (float)v1) ? v8 : v1;
    const double v12 = __fma_rn(v10, v7, v11);
    const double v13 = __fma_rn(v12, v7, v11);
    const double v14 = 1.0;
    const double v15 = (x < (float)v1) ? v14 : v8;
    const double v16 = 6.0;
    const double v17 = (x < (float)v1) ? v8 : v16;
    const double v18 = __fma_rn(v15, v7, v17);
    const double v19 = (x < (float)v1) ? v16 : v8;
    const double v20 = __fma_rn(v18, v7, v19);
    const double v21 = (x < (float)v1) ? v8 : v14;
    const double v22 = __fma_rn(v20, v7, v21);
    const double v23 = __fma_rn(v13, v0, v22);
    const double v24 = 8.0;
    const double v25 = (x < (float)v1) ? v8 : v24;
    const double v26 = __fma_rn(v15, v7, v25);
    const double v27 = __fma_rn(v26, v7, v24);
    const double v28 = (x < (float)v1) ? v24 : v8;
    const double v29 = __fma_rn(v27, v7, v28);
    const double v30 = __fma_rn(v29, v7, v21);
    const double v31 = __ddiv_rn(v23, v30);
    const double v32 = (x < (float)v1) ? v7 : v14;
    const double v33 = __dmul_rn(v31, v32);
    const double v34 = -0x1.31432c0d12d84p+0;
    const double v35 = __dsub_rn(v0, v34);
    const double v36 = -0x1.bf319154da21p-55;
    const double v37 = __dsub_rn(v35, v36);
    const double v38 = 0x1.0a7954e86867p-12;
    const double v39 = 0x1.03799182b217fp-10;
    const double v40 = __fma_rn(v38, v37, v39);
    const double v41 = 0x1.1e5e184a0fep-10;
    const double v42 = __fma_rn(v40, v37, v41);
    const double v43 = -0x1.b87ddfb51b745p-9;
    const double v44 = __fma_rn(v42, v37, v43);
    const double v45 = -0x1.03369d4ac90fap-6;
    const double v46 = __fma_rn(v44, v37, v45);
    const double v47 = -0x1.4c222fe64d4fbp-6;
    const double v48 = __fma_rn(v46, v37, v47);
    const double v49 = 0x1.574f121a868dbp-5;
    const double v50 = __fma_rn(v48, v37, v49);
    const double v51 = 0x1.a34a251d8ad7bp-3;
    const double v52 = __fma_rn(v50, v37, v51);
    const double v53 = 0x1.115acb42500bbp-2;
    const double v54 = __fma_rn(v52, v37, v53);
    const double v55 = __dmul_rn(v54, v37);
    const double v56 = fabs(v37);
    const double v57 = 0x1p-6;
    const double v58 = (v56 < v57) ? v55 : v33;
    const double v59 = 0x1.8996bd5e23721p-8;
    const double v60 = 0x1.804d983947497p-5;
    const double v61 = __fma_rn(v59, v0, v60);
    const double v62 = -0x1.e955e124ba3b4p-10;
    const double v63 = __fma_rn(v61, v0, v62);
    const double v64 = -0x1.77bd5f29ea6d8p-3;
    const double v65 = __fma_rn(v63, v0, v64);
    const double v66 = -0x1.89374bc6a7efap-5;
    const double v67 = __fma_rn(v65, v0, v66);
    const double v68 = 0x1.47ae147ae147bp-1;
    const double v69 = __fma_rn(v67, v0, v68);
    const double v70 = 0x1.3333333333333p-1;
    const double v71 = __dmul_rn(v69, v0);
    const double v72 = __dadd_rn(v70, v71);
    const double v73 = __dsub_rn(v70, v72);
    const double v74 = __dadd_rn(v73, v71);
    const double v75 = 0x1.999999999999ap-56;
    const double v76 = __dadd_rn(v74, v75);
    const double v77 = __dadd_rn(v72, v76);
    const double v78 = __dsub_rn(v72, v77);
    const double v79 = __dadd_rn(v78, v76);
    const double v80 = mish_round_to_odd(v77, v79);
    const double v81 = 0x1p-12;
    const double v82 = (v3 < v81) ? v80 : v58;
    const double v83 = -198.0;
    const double v84 = -0x0.0000000000001p-1022;
    const double v85 = (x < (float)v83) ? v84 : v82;
    const double v86 = 21.0;
    const double v87 = ((float)v86 < x) ? v14 : v85;
    const double v88 = (double)dy;
    const double v89 = __dmul_rn(v88, v87);
    return __double2float_rn(v89);
}

/* Grid-stride over groups of 4 with 128-bit loads and stores (all pointers 16-byte aligned), then
   the remaining n % 4 elements one by one. */
__global__ void mish_backward_f32_vector(const float *__restrict__ x, const float *__restrict__ dy, float *__restrict__ dx, size_t n) {
    const size_t groups = n / 4;
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < groups; i += stride) {
        const uint4 xv = reinterpret_cast<const uint4 *>(x)[i];
        const float *xl = reinterpret_cast<const float *>(&xv);
        const uint4 dyv = reinterpret_cast<const uint4 *>(dy)[i];
        const float *dyl = reinterpret_cast<const float *>(&dyv);
        uint4 dxv;
        float *dxl = reinterpret_cast<float *>(&dxv);
        #pragma unroll
        for (int k = 0; k < 4; k++) {
            dxl[k] = mish_backward_f32_scalar(xl[k], dyl[k]);
        }
        reinterpret_cast<uint4 *>(dx)[i] = dxv;
    }
    const size_t tail = groups * 4 + (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (tail < n) {
        const size_t i = tail;
        dx[i] = mish_backward_f32_scalar(x[i], dy[i]);
    }
}
/* Grid-stride one element at a time (for pointers that are not 16-byte aligned). */
__global__ void mish_backward_f32_elementwise(const float *__restrict__ x, const float *__restrict__ dy, float *__restrict__ dx, size_t n) {
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        dx[i] = mish_backward_f32_scalar(x[i], dy[i]);
    }
}

/* Launches on `stream`; returns the launch error, if any. */
extern "C" cudaError_t mish_backward_f32(const float *x, const float *dy, float *dx, size_t n, cudaStream_t stream) {
    if (n == 0) return cudaSuccess;
    const int threads = 256;
    if ((((uintptr_t)x | (uintptr_t)dy | (uintptr_t)dx) % 16) == 0) {
        const size_t work = n / 4 + 1;
        const unsigned blocks = (unsigned)((work + threads - 1) / threads < 65535 ? (work + threads - 1) / threads : 65535);
        mish_backward_f32_vector<<<blocks, threads, 0, stream>>>(x, dy, dx, n);
    } else {
        const unsigned blocks = (unsigned)((n + threads - 1) / threads < 65535 ? (n + threads - 1) / threads : 65535);
        mish_backward_f32_elementwise<<<blocks, threads, 0, stream>>>(x, dy, dx, n);
    }
    return cudaGetLastError();
}
