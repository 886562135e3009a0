/*
 * snapshot of mish forward f32, fast tier
 * form: x >= -0.346573561: x^1*(19/32 + R(t)/D(t)), t = e^-x (the positive side's form across 0, t <= sqrt 2; 19/32 near the centre of the range of f/x^1 there, so the correction's rounding errors count at most 0.45 of their size); x < -0.346573561: the limit 1 plus R(s)/D(s), times e^x = m*2^k as fma(x^n, q*m + (m - 1), x^n) with m - 1 before its rounding, then 2^k, as 2^(k+59) added to the exponent field (exact: the value stays normal down to the threshold) times 2^-59
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
    for (size_t i = 0; i < n; i++) {
        y[i] = mish_forward_f32_scalar(x[i]);
    }
}
