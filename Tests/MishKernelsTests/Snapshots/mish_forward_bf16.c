/*
 * snapshot of mish forward bf16
 * exp: the argument -|x| is raised to -700 (every input beyond returns a threshold's limit, or the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two
 * threshold: x < -98: |f(x) - 0| < 2^-134 (interval evaluation at x = -98; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which rounds to -0 in bf16
 * rounding fallback: where the double result is within 1024 ulp of a rounding boundary of bf16 and comes from the generic form, that form again in double-double, rounded to odd, then rounded once (the tolerance is measured: the form's error stays below 70 ulp on samples)
 */
/* gcc if-converts the branch-free selects (and so vectorises the loop) only when it may assume that
   floating-point operations do not trap; without jump threading it keeps the selects as selects instead
   of duplicating the form for each sign (two divisions per element). Results and rounding are unchanged. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math", "no-thread-jumps")
#endif
#include "mish_forward_bf16.h"

void mish_forward_bf16(const uint16_t *restrict x, uint16_t *restrict y, size_t n) {
    for (size_t b = 0; b < n; b += 256) {
        const size_t m = (n - b < 256) ? n - b : 256;
        int64_t lowest = INT64_MAX;
        for (size_t i = 0; i < m; i++) {
            const double v0 = (double)mish_bf16_to_float(x[b + i]);
            const double v1 = 0.0;
            const double v2 = -700.0;
            const double v3 = fabs(v0);
            const double v4 = -v3;
            const double v5 = mish_exp_floor(v4, v2);
            const double v6 = mish_exp_mantissa(v5);
            const double v7 = mish_exp_scale_clamped(v6, v5);
            const double v8 = 1.0;
            const double v9 = 2.0;
            const double v10 = (v0 < v1) ? v8 : v9;
            const double v11 = (v0 < v1) ? v9 : v8;
            const double v12 = fma(v10, v7, v11);
            const double v13 = v12 * v0;
            const double v14 = fma(v10, v7, v9);
            const double v15 = fma(v14, v7, v11);
            const double v16 = v13 / v15;
            const double v17 = (v0 < v1) ? v7 : v8;
            const double v18 = v16 * v17;
            const double v19 = -98.0;
            const double v20 = -0.0;
            const double v21 = (v0 < v19) ? v20 : v18;
            y[b + i] = mish_double_to_bf16(v21);
            { const int64_t key = mish_boundary_key(v21, 45, 0x1p-126, 1024); lowest = (key < lowest) ? key : lowest; }
        }
        if (lowest <= 2048) {
            for (size_t i = 0; i < m; i++) {
                y[b + i] = mish_forward_bf16_scalar(x[b + i]);
            }
        }
    }
}
