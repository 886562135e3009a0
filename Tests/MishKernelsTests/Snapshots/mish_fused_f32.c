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
    for (size_t i = 0; i < n; i++) {
        mish_fused_f32_scalar(x[i], &y[i], &dydx[i]);
    }
}
