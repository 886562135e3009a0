/*
 * snapshot of mish fused f32
 * exp: the argument -|x| is raised to -700 (every input beyond returns a threshold's limit, or the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two
 * threshold: x < -109: |f(x) - 0| < 2^-150 (interval evaluation at x = -109; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which rounds to -0 in f32
 * series: |x - x0| < 1/64 around the zero x0 = -1.1924312145154952 -4.85e-17 of f: degree-9 Taylor series at x0 (x0 a double-double from the certified root finder), so the relative error stays bounded through the zero
 * series: |x| < 2^-12: f(0) + sum c_k x^k (degree 6) with f(0) = 0.59999999999999998 +2.22e-17 as a double-double, rounded to odd before the rounding to the output type, so that inputs near an output rounding boundary are decided to ~2^-65
 * threshold: x < -109: |f(x) - 0| < 2^-150 (interval evaluation at x = -109; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which rounds to -0 in f32
 * threshold: x > 16: |f(x) - 1| < 2^-25 (interval evaluation at x = 16; f - 1 and f' keep one sign beyond 16, so |f - 1| decreases toward +inf), which rounds to 1 in f32
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
        for (size_t i = 0; i < m; i++) {
            const double v0 = (double)x[b + i];
            const double v3 = -700.0;
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
            const double v9 = 0x1p-1;
            const double v10 = 0x1.8p+0;
            const double v11 = fma(v9, v2, v10);
            const double v12 = -0x1p-1;
            const double v13 = fma(v12, v2, v10);
            const double v14 = fma(v11, v8, v13);
            const double v15 = v14 * v0;
            const double v16 = 2.0;
            const double v17 = fma(v11, v8, v16);
            const double v18 = fma(v17, v8, v13);
            const double v19 = v15 / v18;
            const double v20 = fma(v12, v2, v9);
            const double v21 = fma(v9, v2, v9);
            const double v22 = fma(v20, v8, v21);
            const double v23 = v19 * v22;
            const double v24 = -109.0;
            const double v25 = -0.0;
            const double v26 = (x[b + i] < (float)v24) ? v25 : v23;
            const double v27 = fma(v16, v2, v16);
            const double v28 = fma(v27, v8, v27);
            const double v29 = -2.0;
            const double v30 = fma(v29, v2, v16);
            const double v31 = fma(v28, v8, v30);
            const double v32 = fma(v31, v8, v30);
            const double v33 = 0x1.4p+1;
            const double v34 = fma(v10, v2, v33);
            const double v35 = 1.0;
            const double v36 = 5.0;
            const double v37 = fma(v35, v2, v36);
            const double v38 = fma(v34, v8, v37);
            const double v39 = -1.0;
            const double v40 = fma(v39, v2, v36);
            const double v41 = fma(v38, v8, v40);
            const double v42 = -0x1.8p+0;
            const double v43 = fma(v42, v2, v33);
            const double v44 = fma(v41, v8, v43);
            const double v45 = fma(v32, v0, v44);
            const double v46 = 6.0;
            const double v47 = fma(v16, v2, v46);
            const double v48 = fma(v34, v8, v47);
            const double v49 = 8.0;
            const double v50 = fma(v48, v8, v49);
            const double v51 = fma(v29, v2, v46);
            const double v52 = fma(v50, v8, v51);
            const double v53 = fma(v52, v8, v43);
            const double v54 = v45 / v53;
            const double v55 = v54 * v22;
            const double v56 = -0x1.31432c0d12d84p+0;
            const double v57 = v0 - v56;
            const double v58 = -0x1.bf319154da21p-55;
            const double v59 = v57 - v58;
            const double v60 = 0x1.0a7954e86867p-12;
            const double v61 = 0x1.03799182b217fp-10;
            const double v62 = fma(v60, v59, v61);
            const double v63 = 0x1.1e5e184a0fep-10;
            const double v64 = fma(v62, v59, v63);
            const double v65 = -0x1.b87ddfb51b745p-9;
            const double v66 = fma(v64, v59, v65);
            const double v67 = -0x1.03369d4ac90fap-6;
            const double v68 = fma(v66, v59, v67);
            const double v69 = -0x1.4c222fe64d4fbp-6;
            const double v70 = fma(v68, v59, v69);
            const double v71 = 0x1.574f121a868dbp-5;
            const double v72 = fma(v70, v59, v71);
            const double v73 = 0x1.a34a251d8ad7bp-3;
            const double v74 = fma(v72, v59, v73);
            const double v75 = 0x1.115acb42500bbp-2;
            const double v76 = fma(v74, v59, v75);
            const double v77 = v76 * v59;
            const double v78 = fabs(v59);
            const double v79 = 0x1p-6;
            const double v80 = (v78 < v79) ? v77 : v55;
            const double v81 = 0x1.8996bd5e23721p-8;
            const double v82 = 0x1.804d983947497p-5;
            const double v83 = fma(v81, v0, v82);
            const double v84 = -0x1.e955e124ba3b4p-10;
            const double v85 = fma(v83, v0, v84);
            const double v86 = -0x1.77bd5f29ea6d8p-3;
            const double v87 = fma(v85, v0, v86);
            const double v88 = -0x1.89374bc6a7efap-5;
            const double v89 = fma(v87, v0, v88);
            const double v90 = 0x1.47ae147ae147bp-1;
            const double v91 = fma(v89, v0, v90);
            const double v92 = 0x1.3333333333333p-1;
            const double v93 = v91 * v0;
            const double v94 = v92 + v93;
            const double v95 = v92 - v94;
            const double v96 = v95 + v93;
            const double v97 = 0x1.999999999999ap-56;
            const double v98 = v96 + v97;
            const double v99 = v94 + v98;
            const double v100 = v94 - v99;
            const double v101 = v100 + v98;
            const double v102 = mish_round_to_odd(v99, v101);
            const double v103 = 0x1p-12;
            const double v104 = (v4 < v103) ? v102 : v80;
            const double v105 = (x[b + i] < (float)v24) ? v25 : v104;
            const double v106 = 16.0;
            const double v107 = ((float)v106 < x[b + i]) ? v35 : v105;
            y[b + i] = (float)v26;
            dydx[b + i] = (float)v107;
        }
    }
}
