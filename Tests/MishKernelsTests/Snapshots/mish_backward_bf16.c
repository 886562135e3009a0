/*
 * snapshot of mish backward bf16
 * exp: the argument -|x| is raised to -188 (every input beyond returns a threshold's limit, or the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two
 * series: |x - x0| < 1/64 around the zero x0 = -1.1924312145154952 -4.85e-17 of f: degree-9 Taylor series at x0 (x0 a double-double from the certified root finder), so the relative error stays bounded through the zero
 * threshold: x < -187: |f(x) - 0| < 2^-262 (interval evaluation at x = -187; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which times any finite dy of the output type rounds to 0 there (with the sign of dy times -0); there f' stands as the least nonzero number with its sign, not as 0 (times dy, and scaled once more where dy folds in), so that dy = +-inf gives +-inf as dy*f' does, not NaN
 * threshold: x > 21: |f(x) - 1| < 2^-54 (interval evaluation at x = 21; f - 1 and f' keep one sign beyond 16, so |f - 1| decreases toward +inf), which rounds to 1 in f64
 * rounding fallback: where the double result is within 1024 ulp of a rounding boundary of bf16 and comes from the generic form, that form again in double-double, rounded to odd, then rounded once (the tolerance is measured: the form's error stays below 70 ulp on samples)
 */
/* gcc if-converts the branch-free selects (and so vectorises the loop) only when it may assume that
   floating-point operations do not trap; without jump threading it keeps the selects as selects instead
   of duplicating the form for each sign (two divisions per element). Results and rounding are unchanged. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math", "no-thread-jumps")
#endif
#include "mish_backward_bf16.h"

void mish_backward_bf16(const uint16_t *restrict x, const uint16_t *restrict dy, uint16_t *restrict dx, size_t n) {
    for (size_t b = 0; b < n; b += 256) {
        const size_t m = (n - b < 256) ? n - b : 256;
        int64_t lowest = INT64_MAX;
        for (size_t i = 0; i < m; i++) {
            const double v0 = (double)mish_bf16_to_float(x[b + i]);
            const double v1 = 0.0;
            const double v2 = -188.0;
            const double v3 = fabs(v0);
            const double v4 = -v3;
            const double v5 = mish_exp_floor(v4, v2);
            const double v6 = mish_exp_mantissa(v5);
            const double v7 = mish_exp_scale_clamped(v6, v5);
            const double v8 = 4.0;
            const double v9 = (v0 < v1) ? v1 : v8;
            const double v10 = fma(v9, v7, v9);
            const double v11 = (v0 < v1) ? v8 : v1;
            const double v12 = fma(v10, v7, v11);
            const double v13 = fma(v12, v7, v11);
            const double v14 = 1.0;
            const double v15 = (v0 < v1) ? v14 : v8;
            const double v16 = 6.0;
            const double v17 = (v0 < v1) ? v8 : v16;
            const double v18 = fma(v15, v7, v17);
            const double v19 = (v0 < v1) ? v16 : v8;
            const double v20 = fma(v18, v7, v19);
            const double v21 = (v0 < v1) ? v8 : v14;
            const double v22 = fma(v20, v7, v21);
            const double v23 = fma(v13, v0, v22);
            const double v24 = 8.0;
            const double v25 = (v0 < v1) ? v8 : v24;
            const double v26 = fma(v15, v7, v25);
            const double v27 = fma(v26, v7, v24);
            const double v28 = (v0 < v1) ? v24 : v8;
            const double v29 = fma(v27, v7, v28);
            const double v30 = fma(v29, v7, v21);
            const double v31 = v23 / v30;
            const double v32 = (v0 < v1) ? v7 : v14;
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
            const double v59 = -187.0;
            const double v60 = -0x0.0000000000001p-1022;
            const double v61 = (v0 < v59) ? v60 : v58;
            const double v62 = 21.0;
            const double v63 = (v62 < v0) ? v14 : v61;
            const double v64 = (double)mish_bf16_to_float(dy[b + i]);
            const double v65 = v64 * v63;
            dx[b + i] = mish_double_to_bf16(v65);
            { const int64_t key = mish_boundary_key(v65, 45, 0x1p-126, 1024); lowest = (key < lowest) ? key : lowest; }
        }
        if (lowest <= 2048) {
            for (size_t i = 0; i < m; i++) {
                dx[b + i] = mish_backward_bf16_scalar(x[b + i], dy[b + i]);
            }
        }
    }
}
