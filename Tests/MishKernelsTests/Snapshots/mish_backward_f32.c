/*
 * snapshot of mish backward f32
 * exp: the argument -|x| is raised to -199 (every input beyond returns a threshold's limit, or the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two
 * series: |x - x0| < 1/64 around the zero x0 = -1.1924312145154952 -4.85e-17 of f: degree-9 Taylor series at x0 (x0 a double-double from the certified root finder), so the relative error stays bounded through the zero
 * series: |x| < 2^-12: f(0) + sum c_k x^k (degree 6) with f(0) = 0.59999999999999998 +2.22e-17 as a double-double, rounded to odd before the rounding to the output type, so that inputs near an output rounding boundary are decided to ~2^-65
 * threshold: x < -198: |f(x) - 0| < 2^-278 (interval evaluation at x = -198; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which times any finite dy of the output type rounds to 0 there (with the sign of dy times -0); there f' stands as the least nonzero number with its sign, not as 0 (times dy, and scaled once more where dy folds in), so that dy = +-inf gives +-inf as dy*f' does, not NaN
 * threshold: x > 21: |f(x) - 1| < 2^-54 (interval evaluation at x = 21; f - 1 and f' keep one sign beyond 16, so |f - 1| decreases toward +inf), which rounds to 1 in f64
 * rounding fallback: where the double result is within 1024 ulp of a rounding boundary of f32 and comes from the generic form, that form again in double-double, rounded to odd, then rounded once (the tolerance is measured: the form's error stays below 70 ulp on samples)
 */
/* gcc if-converts the branch-free selects (and so vectorises the loop) only when it may assume that
   floating-point operations do not trap; without jump threading it keeps the selects as selects instead
   of duplicating the form for each sign (two divisions per element). Results and rounding are unchanged. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math", "no-thread-jumps")
#endif
#include "mish_backward_f32.h"

void mish_backward_f32(const float *restrict x, const float *restrict dy, float *restrict dx, size_t n) {
    double e0[256];
    for (size_t b = 0; b < n; b += 256) {
        const size_t m = (n - b < 256) ? n - b : 256;
        int64_t lowest = INT64_MAX;
        for (size_t i = 0; i < m; i++) {
            const double v5 = (double)mish_exp_argument_f32(x[b + i], -199.0f);
            const double v6 = mish_exp_mantissa(v5);
            const double v7 = mish_exp_scale_clamped(v6, v5);
            e0[i] = v7;
        }
        for (size_t i = 0; i < m; i++) {
            const double v0 = (double)x[b + i];
            const double v1 = 0.0;
            const double v3 = fabs(v0);
            const double v7 = e0[i];
            const double v8 = 4.0;
            const double v9 = (x[b + i] < (float)v1) ? v1 : v8;
            const double v10 = fma(v9, v7, v9);
            const double v11 = (x[b + i] < (float)v1) ? v8 : v1;
            const double v12 = fma(v10, v7, v11);
            const double v13 = fma(v12, v7, v11);
            const double v14 = 1.0;
            const double v15 = (x[b + i] < (float)v1) ? v14 : v8;
            const double v16 = 6.0;
            const double v17 = (x[b + i] < (float)v1) ? v8 : v16;
            const double v18 = fma(v15, v7, v17);
            const double v19 = (x[b + i] < (float)v1) ? v16 : v8;
            const double v20 = fma(v18, v7, v19);
            const double v21 = (x[b + i] < (float)v1) ? v8 : v14;
            const double v22 = fma(v20, v7, v21);
            const double v23 = fma(v13, v0, v22);
            const double v24 = 8.0;
            const double v25 = (x[b + i] < (float)v1) ? v8 : v24;
            const double v26 = fma(v15, v7, v25);
            const double v27 = fma(v26, v7, v24);
            const double v28 = (x[b + i] < (float)v1) ? v24 : v8;
            const double v29 = fma(v27, v7, v28);
            const double v30 = fma(v29, v7, v21);
            const double v31 = v23 / v30;
            const double v32 = (x[b + i] < (float)v1) ? v7 : v14;
            const double v33 = v31 * v32;
            const double v34 = -0x1.31432c0d12d84p+0;
            const double v35 = v0 - v34;
            const double v36 = -0x1.bf319154da21p-55;
            const double v37 = v35 - v36;
            const double v38 = 0x1.0a7954e86867p-12;
            const double v39 = 0x1.03799182b217fp-10;
            const double v40 = fma(v38, v37, v39);
            const double v41 = 0x1.1e5e184a0fep-10;
            const double v42 = fma(v40, v37, v41);
            const double v43 = -0x1.b87ddfb51b745p-9;
            const double v44 = fma(v42, v37, v43);
            const double v45 = -0x1.03369d4ac90fap-6;
            const double v46 = fma(v44, v37, v45);
            const double v47 = -0x1.4c222fe64d4fbp-6;
            const double v48 = fma(v46, v37, v47);
            const double v49 = 0x1.574f121a868dbp-5;
            const double v50 = fma(v48, v37, v49);
            const double v51 = 0x1.a34a251d8ad7bp-3;
            const double v52 = fma(v50, v37, v51);
            const double v53 = 0x1.115acb42500bbp-2;
            const double v54 = fma(v52, v37, v53);
            const double v55 = v54 * v37;
            const double v56 = fabs(v37);
            const double v57 = 0x1p-6;
            const double v58 = (v56 < v57) ? v55 : v33;
            const double v59 = 0x1.8996bd5e23721p-8;
            const double v60 = 0x1.804d983947497p-5;
            const double v61 = fma(v59, v0, v60);
            const double v62 = -0x1.e955e124ba3b4p-10;
            const double v63 = fma(v61, v0, v62);
            const double v64 = -0x1.77bd5f29ea6d8p-3;
            const double v65 = fma(v63, v0, v64);
            const double v66 = -0x1.89374bc6a7efap-5;
            const double v67 = fma(v65, v0, v66);
            const double v68 = 0x1.47ae147ae147bp-1;
            const double v69 = fma(v67, v0, v68);
            const double v70 = 0x1.3333333333333p-1;
            const double v71 = v69 * v0;
            const double v72 = v70 + v71;
            const double v73 = v70 - v72;
            const double v74 = v73 + v71;
            const double v75 = 0x1.999999999999ap-56;
            const double v76 = v74 + v75;
            const double v77 = v72 + v76;
            const double v78 = v72 - v77;
            const double v79 = v78 + v76;
            const double v80 = mish_round_to_odd(v77, v79);
            const double v81 = 0x1p-12;
            const double v82 = (v3 < v81) ? v80 : v58;
            const double v83 = -198.0;
            const double v84 = -0x0.0000000000001p-1022;
            const double v85 = (x[b + i] < (float)v83) ? v84 : v82;
            const double v86 = 21.0;
            const double v87 = ((float)v86 < x[b + i]) ? v14 : v85;
            const double v88 = (double)dy[b + i];
            const double v89 = v88 * v87;
            dx[b + i] = (float)v89;
            { const int64_t key = mish_boundary_key(v89, 29, 0x1p-126, 1024); lowest = (key < lowest) ? key : lowest; }
        }
        if (lowest <= 2048) {
            for (size_t i = 0; i < m; i++) {
                dx[b + i] = mish_backward_f32_scalar(x[b + i], dy[b + i]);
            }
        }
    }
}
