/*
 * snapshot of mish fused f32
 * exp: the argument -|x| is raised to -700 (every input beyond returns a threshold's limit, or the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two
 * threshold: x < -109: |f(x) - 0| < 2^-150 (interval evaluation at x = -109; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which rounds to -0 in f32
 * series: |x - x0| < 1/64 around the zero x0 = -1.1924312145154952 -4.85e-17 of f: degree-9 Taylor series at x0 (x0 a double-double from the certified root finder), so the relative error stays bounded through the zero
 * series: |x| < 2^-12: f(0) + sum c_k x^k (degree 6) with f(0) = 0.59999999999999998 +2.22e-17 as a double-double, rounded to odd before the rounding to the output type, so that inputs near an output rounding boundary are decided to ~2^-65
 * threshold: x < -109: |f(x) - 0| < 2^-150 (interval evaluation at x = -109; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which rounds to -0 in f32
 * threshold: x > 16: |f(x) - 1| < 2^-25 (interval evaluation at x = 16; f - 1 and f' keep one sign beyond 16, so |f - 1| decreases toward +inf), which rounds to 1 in f32
 * rounding fallback: where the double result is within 1024 ulp of a rounding boundary of f32 and comes from the generic form, that form again in double-double, rounded to odd, then rounded once (the tolerance is measured: the form's error stays below 70 ulp on samples)
 */
/* gcc if-converts the branch-free selects (and so vectorises the loop) only when it may assume that
   floating-point operations do not trap; without jump threading it keeps the selects as selects instead
   of duplicating the form for each sign (two divisions per element). Results and rounding are unchanged. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math", "no-thread-jumps")
#endif
#include "mish_fused_f32.h"

void mish_fused_f32(const float *restrict x, float *restrict y, float *restrict dydx, size_t n) {
    double e0[256];
    for (size_t b = 0; b < n; b += 256) {
        const size_t m = (n - b < 256) ? n - b : 256;
        int64_t lowest = INT64_MAX;
        for (size_t i = 0; i < m; i++) {
            const double v5 = (double)mish_exp_argument_f32(x[b + i], -700.0f);
            const double v6 = mish_exp_mantissa(v5);
            const double v7 = mish_exp_scale_clamped(v6, v5);
            e0[i] = v7;
        }
        for (size_t i = 0; i < m; i++) {
            const double v0 = (double)x[b + i];
            const double v1 = 0.0;
            const double v3 = fabs(v0);
            const double v7 = e0[i];
            const double v8 = 1.0;
            const double v9 = 2.0;
            const double v10 = (x[b + i] < (float)v1) ? v8 : v9;
            const double v11 = (x[b + i] < (float)v1) ? v9 : v8;
            const double v12 = fma(v10, v7, v11);
            const double v13 = v12 * v0;
            const double v14 = fma(v10, v7, v9);
            const double v15 = fma(v14, v7, v11);
            const double v16 = v13 / v15;
            const double v17 = (x[b + i] < (float)v1) ? v7 : v8;
            const double v18 = v16 * v17;
            const double v19 = -109.0;
            const double v20 = -0.0;
            const double v21 = (x[b + i] < (float)v19) ? v20 : v18;
            const double v22 = 4.0;
            const double v23 = (x[b + i] < (float)v1) ? v1 : v22;
            const double v24 = fma(v23, v7, v23);
            const double v25 = (x[b + i] < (float)v1) ? v22 : v1;
            const double v26 = fma(v24, v7, v25);
            const double v27 = fma(v26, v7, v25);
            const double v28 = (x[b + i] < (float)v1) ? v8 : v22;
            const double v29 = 6.0;
            const double v30 = (x[b + i] < (float)v1) ? v22 : v29;
            const double v31 = fma(v28, v7, v30);
            const double v32 = (x[b + i] < (float)v1) ? v29 : v22;
            const double v33 = fma(v31, v7, v32);
            const double v34 = (x[b + i] < (float)v1) ? v22 : v8;
            const double v35 = fma(v33, v7, v34);
            const double v36 = fma(v27, v0, v35);
            const double v37 = 8.0;
            const double v38 = (x[b + i] < (float)v1) ? v22 : v37;
            const double v39 = fma(v28, v7, v38);
            const double v40 = fma(v39, v7, v37);
            const double v41 = (x[b + i] < (float)v1) ? v37 : v22;
            const double v42 = fma(v40, v7, v41);
            const double v43 = fma(v42, v7, v34);
            const double v44 = v36 / v43;
            const double v45 = v44 * v17;
            const double v46 = -0x1.31432c0d12d84p+0;
            const double v47 = v0 - v46;
            const double v48 = -0x1.bf319154da21p-55;
            const double v49 = v47 - v48;
            const double v50 = 0x1.0a7954e86867p-12;
            const double v51 = 0x1.03799182b217fp-10;
            const double v52 = fma(v50, v49, v51);
            const double v53 = 0x1.1e5e184a0fep-10;
            const double v54 = fma(v52, v49, v53);
            const double v55 = -0x1.b87ddfb51b745p-9;
            const double v56 = fma(v54, v49, v55);
            const double v57 = -0x1.03369d4ac90fap-6;
            const double v58 = fma(v56, v49, v57);
            const double v59 = -0x1.4c222fe64d4fbp-6;
            const double v60 = fma(v58, v49, v59);
            const double v61 = 0x1.574f121a868dbp-5;
            const double v62 = fma(v60, v49, v61);
            const double v63 = 0x1.a34a251d8ad7bp-3;
            const double v64 = fma(v62, v49, v63);
            const double v65 = 0x1.115acb42500bbp-2;
            const double v66 = fma(v64, v49, v65);
            const double v67 = v66 * v49;
            const double v68 = fabs(v49);
            const double v69 = 0x1p-6;
            const double v70 = (v68 < v69) ? v67 : v45;
            const double v71 = 0x1.8996bd5e23721p-8;
            const double v72 = 0x1.804d983947497p-5;
            const double v73 = fma(v71, v0, v72);
            const double v74 = -0x1.e955e124ba3b4p-10;
            const double v75 = fma(v73, v0, v74);
            const double v76 = -0x1.77bd5f29ea6d8p-3;
            const double v77 = fma(v75, v0, v76);
            const double v78 = -0x1.89374bc6a7efap-5;
            const double v79 = fma(v77, v0, v78);
            const double v80 = 0x1.47ae147ae147bp-1;
            const double v81 = fma(v79, v0, v80);
            const double v82 = 0x1.3333333333333p-1;
            const double v83 = v81 * v0;
            const double v84 = v82 + v83;
            const double v85 = v82 - v84;
            const double v86 = v85 + v83;
            const double v87 = 0x1.999999999999ap-56;
            const double v88 = v86 + v87;
            const double v89 = v84 + v88;
            const double v90 = v84 - v89;
            const double v91 = v90 + v88;
            const double v92 = mish_round_to_odd(v89, v91);
            const double v93 = 0x1p-12;
            const double v94 = (v3 < v93) ? v92 : v70;
            const double v95 = (x[b + i] < (float)v19) ? v20 : v94;
            const double v96 = 16.0;
            const double v97 = ((float)v96 < x[b + i]) ? v8 : v95;
            y[b + i] = (float)v21;
            { const int64_t key = mish_boundary_key(v21, 29, 0x1p-126, 1024); lowest = (key < lowest) ? key : lowest; }
            dydx[b + i] = (float)v97;
            { const int64_t key = mish_boundary_key(v97, 29, 0x1p-126, 1024); lowest = (key < lowest) ? key : lowest; }
        }
        if (lowest <= 2048) {
            for (size_t i = 0; i < m; i++) {
                mish_fused_f32_scalar(x[b + i], &y[b + i], &dydx[b + i]);
            }
        }
    }
}
