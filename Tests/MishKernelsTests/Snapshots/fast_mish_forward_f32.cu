/*
 * snapshot of mish forward f32, fast tier
 * form: x >= -0.346573561: x^1*(19/32 + R(t)/D(t)), t = e^-x (the positive side's form across 0, t <= sqrt 2; 19/32 near the centre of the range of f/x^1 there, so the correction's rounding errors count at most 0.45 of their size); x < -0.346573561: the limit 1 plus R(s)/D(s), times e^x = m*2^k as fma(x^n, q*m + (m - 1), x^n) with m - 1 before its rounding, then 2^k, as 2^(k+59) added to the exponent field (exact: the value stays normal down to the threshold) times 2^-59
 * threshold: x < -109: |f(x) - 0| < 2^-150 (interval evaluation at x = -109; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which rounds to -0 in f32
 */
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <stddef.h>
#include <stdint.h>

#ifndef MISH_CUDA_EXPF_HELPERS
#define MISH_CUDA_EXPF_HELPERS
/* e^a = q*2^k for a <= 0 (and 0 < a <= ln2/2, k = 0) in binary32 (the C kernel's reduction, operation for
 * operation). e^r - 1 = r + r^2*c(r); q = p(r) by Horner: */
__device__ __forceinline__ float mish_expf_minus_one(float a) {
    const float kd = __fsub_rn(__fmaf_rn(a, 0x1.715476p+0f, 12582912.0f), 12582912.0f);
    float r = __fmaf_rn(-kd, 0x1.62e4p-1f, a);
    r = __fmaf_rn(-kd, 0x1.7f7d1cp-20f, r);
    float p = 0x1.6d10fcp-10f;
    p = __fmaf_rn(p, r, 0x1.120b62p-7f);
    p = __fmaf_rn(p, r, 0x1.55551ap-5f);
    p = __fmaf_rn(p, r, 0x1.5554dep-3f);
    p = __fmaf_rn(p, r, 0x1p-1f);
    return __fmaf_rn(p, __fmul_rn(r, r), r);
}

__device__ __forceinline__ float mish_expf_mantissa(float a) {
    const float kd = __fsub_rn(__fmaf_rn(a, 0x1.715476p+0f, 12582912.0f), 12582912.0f);
    float r = __fmaf_rn(-kd, 0x1.62e4p-1f, a);
    r = __fmaf_rn(-kd, 0x1.7f7d1cp-20f, r);
    float p = 0x1.6d10fcp-10f;
    p = __fmaf_rn(p, r, 0x1.120b62p-7f);
    p = __fmaf_rn(p, r, 0x1.55551ap-5f);
    p = __fmaf_rn(p, r, 0x1.5554dep-3f);
    p = __fmaf_rn(p, r, 0x1p-1f);
    p = __fmaf_rn(p, r, 1.0f);
    p = __fmaf_rn(p, r, 1.0f);
    return p;
}

__device__ __forceinline__ float mish_pow2f(int e) {
    return __int_as_float((int)((unsigned)(e + 127) << 23));
}

/* k from the reduction of a, unclamped. */
__device__ __forceinline__ int mish_expf_reduction_exponent(float a) {
    const float t = __fmaf_rn(a, 0x1.715476p+0f, 12582912.0f);
    return (int)((unsigned)__float_as_int(t) - 0x4b400000u);
}

/* m*k, k from the reduction of a (the C kernel's clamp). */
__device__ __forceinline__ int mish_expf_exponent(float a, int m) {
    const int ki = mish_expf_reduction_exponent(a);
    return m * ((ki < -1500) ? -1500 : ((ki > 0) ? 0 : ki));
}

/* v*2^(m*k), only the last multiplication rounding. */
__device__ __forceinline__ float mish_expf_scale(float v, float a, int m) {
    const int e = mish_expf_exponent(a, m);
    const int e1 = (e < -126) ? -126 : ((e > 127) ? 127 : e);
    const int e2 = (e - e1 < -126) ? -126 : ((e - e1 > 127) ? 127 : e - e1);
    return __fmul_rn(__fmul_rn(v, mish_pow2f(e1)), mish_pow2f(e2));
}

/* v*2^max(k, -125) by the exponent field (the C kernel's). */
__device__ __forceinline__ float mish_expf_scale_clamped(float v, float a) {
    const int e = mish_expf_reduction_exponent(a);
    return __int_as_float((int)((unsigned)__float_as_int(v) + ((unsigned)((e < -125) ? -125 : e) << 23)));
}

/* max(a, A) for A < 0 by the unsigned order of the bits (the C kernel's). */
__device__ __forceinline__ float mish_expf_floor(float a, float A) {
    const unsigned b = (unsigned)__float_as_int(a), f = (unsigned)__float_as_int(A);
    return __int_as_float((int)((b < f) ? b : f));
}

/* scaled ? v*2^k : v as (v*2^(k+c))*2^-c by the exponent field (the C kernel's). */
__device__ __forceinline__ float mish_expf_scale_large(float v, float a, int scaled, int c) {
    const int e = scaled ? mish_expf_reduction_exponent(a) + c : 0;
    return __fmul_rn(__int_as_float((int)((unsigned)__float_as_int(v) + ((unsigned)e << 23))), scaled ? mish_pow2f(-c) : 1.0f);
}

/* v*t*2^(m*k) as ((v*2^e1)*t)*2^e2*2^e3 (the C kernel's order). */
__device__ __forceinline__ float mish_expf_scale_times(float v, float t, float a, int m) {
    const int e = mish_expf_exponent(a, m);
    const int e1 = (e < -126) ? -126 : ((e > 0) ? 0 : e);
    const int e2 = (e - e1 < -126) ? -126 : ((e - e1 > 127) ? 127 : e - e1);
    const int e3 = (e - e1 - e2 < -126) ? -126 : ((e - e1 - e2 > 127) ? 127 : e - e1 - e2);
    return __fmul_rn(__fmul_rn(__fmul_rn(__fmul_rn(v, mish_pow2f(e1)), t), mish_pow2f(e2)), mish_pow2f(e3));
}
#endif

__device__ __forceinline__ float mish_forward_f32_scalar(float x) {
    const float v0 = (float)x;
    const float v1 = -0x1.62e42ep-2f;
    const float v2 = -v0;
    const float v3 = (x < v1) ? v0 : v2;
    const float v4 = -300.0f;
    const float v5 = mish_expf_floor(v3, v4);
    const float v6 = mish_expf_minus_one(v5);
    const float v7 = 1.0f;
    const float v8 = __fadd_rn(v7, v6);
    const float v9 = mish_expf_scale_clamped(v8, v5);
    const float v10 = -32.0f;
    const float v11 = -76.0f;
    const float v12 = (x < v1) ? v10 : v11;
    const float v13 = 52.0f;
    const float v14 = (x < v1) ? v10 : v13;
    const float v15 = __fmaf_rn(v12, v9, v14);
    const float v16 = 0.0f;
    const float v17 = 26.0f;
    const float v18 = (x < v1) ? v16 : v17;
    const float v19 = __fmaf_rn(v15, v9, v18);
    const float v20 = 32.0f;
    const float v21 = 128.0f;
    const float v22 = (x < v1) ? v20 : v21;
    const float v23 = 64.0f;
    const float v24 = (x < v1) ? v23 : v21;
    const float v25 = __fmaf_rn(v22, v9, v24);
    const float v26 = __fmaf_rn(v25, v9, v23);
    const float v27 = __fdiv_rn(v19, v26);
    const float v28 = __fmaf_rn(v27, v8, v6);
    const float v29 = 0x1.3p-1f;
    const float v30 = (x < v1) ? v28 : v29;
    const float v31 = (x < v1) ? v7 : v27;
    const float v32 = __fmul_rn(v0, v31);
    const float v33 = __fmaf_rn(v0, v30, v32);
    const float v34 = mish_expf_scale_large(v33, v5, x < v1, 59);
    const float v35 = -109.0f;
    const float v36 = -0.0f;
    const float v37 = (x < v35) ? v36 : v34;
    return (v37);
}

/* Grid-stride over groups of 4 with 128-bit loads and stores (all pointers 16-byte aligned), then
   the remaining n % 4 elements one by one. */
__global__ void mish_forward_f32_vector(const float *__restrict__ x, float *__restrict__ y, size_t n) {
    const size_t groups = n / 4;
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < groups; i += stride) {
        const uint4 xv = reinterpret_cast<const uint4 *>(x)[i];
        const float *xl = reinterpret_cast<const float *>(&xv);
        uint4 yv;
        float *yl = reinterpret_cast<float *>(&yv);
        #pragma unroll
        for (int k = 0; k < 4; k++) {
            yl[k] = mish_forward_f32_scalar(xl[k]);
        }
        reinterpret_cast<uint4 *>(y)[i] = yv;
    }
    const size_t tail = groups * 4 + (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (tail < n) {
        const size_t i = tail;
        y[i] = mish_forward_f32_scalar(x[i]);
    }
}
/* Grid-stride one element at a time (for pointers that are not 16-byte aligned). */
__global__ void mish_forward_f32_elementwise(const float *__restrict__ x, float *__restrict__ y, size_t n) {
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        y[i] = mish_forward_f32_scalar(x[i]);
    }
}

/* Launches on `stream`; returns the launch error, if any. */
extern "C" cudaError_t mish_forward_f32(const float *x, float *y, size_t n, cudaStream_t stream) {
    if (n == 0) return cudaSuccess;
    const int threads = 256;
    if ((((uintptr_t)x | (uintptr_t)y) % 16) == 0) {
        const size_t work = n / 4 + 1;
        const unsigned blocks = (unsigned)((work + threads - 1) / threads < 65535 ? (work + threads - 1) / threads : 65535);
        mish_forward_f32_vector<<<blocks, threads, 0, stream>>>(x, y, n);
    } else {
        const unsigned blocks = (unsigned)((n + threads - 1) / threads < 65535 ? (n + threads - 1) / threads : 65535);
        mish_forward_f32_elementwise<<<blocks, threads, 0, stream>>>(x, y, n);
    }
    return cudaGetLastError();
}
