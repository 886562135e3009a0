/*
 * snapshot of mish forward f32
 * exp: the argument -|x| is raised to -700 (every input beyond returns a threshold's limit, or the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two
 * threshold: x < -109: |f(x) - 0| < 2^-150 (interval evaluation at x = -109; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which rounds to -0 in f32
 */
/* gcc if-converts the branch-free selects (and so vectorises the loop) only when it may assume that
   floating-point operations do not trap; without jump threading it keeps the selects as selects instead
   of duplicating the form for each sign (two divisions per element). Results and rounding are unchanged. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math", "no-thread-jumps")
#endif
#include "mish_forward_f32.h"

void mish_forward_f32(const float *restrict x, float *restrict y, size_t n) {
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
            y[b + i] = (float)v26;
        }
    }
}
