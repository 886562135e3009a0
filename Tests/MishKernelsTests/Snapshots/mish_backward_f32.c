/*
 * snapshot of mish backward f32
 * exp: the argument -|x| is raised to -199 (every input beyond returns a threshold's limit, or the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two
 * series: |x - x0| < 1/64 around the zero x0 = -1.1924312145154952 -4.85e-17 of f: degree-9 Taylor series at x0 (x0 a double-double from the certified root finder), so the relative error stays bounded through the zero
 * series: |x| < 2^-12: f(0) + sum c_k x^k (degree 6) with f(0) = 0.59999999999999998 +2.22e-17 as a double-double, rounded to odd before the rounding to the output type, so that inputs near an output rounding boundary are decided to ~2^-65
 * threshold: x < -198: |f(x) - 0| < 2^-278 (interval evaluation at x = -198; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which times any finite dy of the output type rounds to 0 there (with the sign of dy times -0)
 * threshold: x > 21: |f(x) - 1| < 2^-54 (interval evaluation at x = 21; f - 1 and f' keep one sign beyond 16, so |f - 1| decreases toward +inf), which rounds to 1 in f64
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
        for (size_t i = 0; i < m; i++) {
            const double v0 = (double)x[b + i];
            const double v3 = -199.0;
            const double v4 = fabs(v0);
            const double v5 = -v4;
            const double v6 = mish_exp_floor(v5, v3);
            const double v7 = mish_exp_mantissa(v6);
            const double v8 = mish_exp_scale_clamped(v7, v6);
            e0[i] = v8;
        }
        for (size_t i = 0; i < m; i++) {
            const double v0 = (double)x[b + i];
            const double v2 = copysign(1.0, v0);
            const double v4 = fabs(v0);
            const double v8 = e0[i];
            const double v9 = 2.0;
            const double v10 = fma(v9, v2, v9);
            const double v11 = fma(v10, v8, v10);
            const double v12 = -2.0;
            const double v13 = fma(v12, v2, v9);
            const double v14 = fma(v11, v8, v13);
            const double v15 = fma(v14, v8, v13);
            const double v16 = 0x1.8p+0;
            const double v17 = 0x1.4p+1;
            const double v18 = fma(v16, v2, v17);
            const double v19 = 1.0;
            const double v20 = 5.0;
            const double v21 = fma(v19, v2, v20);
            const double v22 = fma(v18, v8, v21);
            const double v23 = -1.0;
            const double v24 = fma(v23, v2, v20);
            const double v25 = fma(v22, v8, v24);
            const double v26 = -0x1.8p+0;
            const double v27 = fma(v26, v2, v17);
            const double v28 = fma(v25, v8, v27);
            const double v29 = fma(v15, v0, v28);
            const double v30 = 6.0;
            const double v31 = fma(v9, v2, v30);
            const double v32 = fma(v18, v8, v31);
            const double v33 = 8.0;
            const double v34 = fma(v32, v8, v33);
            const double v35 = fma(v12, v2, v30);
            const double v36 = fma(v34, v8, v35);
            const double v37 = fma(v36, v8, v27);
            const double v38 = v29 / v37;
            const double v39 = -0x1p-1;
            const double v40 = 0x1p-1;
            const double v41 = fma(v39, v2, v40);
            const double v42 = fma(v40, v2, v40);
            const double v43 = fma(v41, v8, v42);
            const double v44 = v38 * v43;
            const double v45 = -0x1.31432c0d12d84p+0;
            const double v46 = v0 - v45;
            const double v47 = -0x1.bf319154da21p-55;
            const double v48 = v46 - v47;
            const double v49 = 0x1.0a7954e86867p-12;
            const double v50 = 0x1.03799182b217fp-10;
            const double v51 = fma(v49, v48, v50);
            const double v52 = 0x1.1e5e184a0fep-10;
            const double v53 = fma(v51, v48, v52);
            const double v54 = -0x1.b87ddfb51b745p-9;
            const double v55 = fma(v53, v48, v54);
            const double v56 = -0x1.03369d4ac90fap-6;
            const double v57 = fma(v55, v48, v56);
            const double v58 = -0x1.4c222fe64d4fbp-6;
            const double v59 = fma(v57, v48, v58);
            const double v60 = 0x1.574f121a868dbp-5;
            const double v61 = fma(v59, v48, v60);
            const double v62 = 0x1.a34a251d8ad7bp-3;
            const double v63 = fma(v61, v48, v62);
            const double v64 = 0x1.115acb42500bbp-2;
            const double v65 = fma(v63, v48, v64);
            const double v66 = v65 * v48;
            const double v67 = fabs(v48);
            const double v68 = 0x1p-6;
            const double v69 = (v67 < v68) ? v66 : v44;
            const double v70 = 0x1.8996bd5e23721p-8;
            const double v71 = 0x1.804d983947497p-5;
            const double v72 = fma(v70, v0, v71);
            const double v73 = -0x1.e955e124ba3b4p-10;
            const double v74 = fma(v72, v0, v73);
            const double v75 = -0x1.77bd5f29ea6d8p-3;
            const double v76 = fma(v74, v0, v75);
            const double v77 = -0x1.89374bc6a7efap-5;
            const double v78 = fma(v76, v0, v77);
            const double v79 = 0x1.47ae147ae147bp-1;
            const double v80 = fma(v78, v0, v79);
            const double v81 = 0x1.3333333333333p-1;
            const double v82 = v80 * v0;
            const double v83 = v81 + v82;
            const double v84 = v81 - v83;
            const double v85 = v84 + v82;
            const double v86 = 0x1.999999999999ap-56;
            const double v87 = v85 + v86;
            const double v88 = v83 + v87;
            const double v89 = v83 - v88;
            const double v90 = v89 + v87;
            const double v91 = mish_round_to_odd(v88, v90);
            const double v92 = 0x1p-12;
            const double v93 = (v4 < v92) ? v91 : v69;
            const double v94 = -198.0;
            const double v95 = -0.0;
            const double v96 = (x[b + i] < (float)v94) ? v95 : v93;
            const double v97 = 21.0;
            const double v98 = ((float)v97 < x[b + i]) ? v19 : v96;
            const double v99 = (double)dy[b + i];
            const double v100 = v99 * v98;
            dx[b + i] = (float)v100;
        }
    }
}
