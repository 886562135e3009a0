/*
 * snapshot of mish backward f64, faithful tier (double-double)
 * exp: e^-|x| = m*2^k in double-double (Cody-Waite by a three-part ln 2, a degree-14 polynomial for e^(r/16) - 1 with the terms beyond the 8th in double, 4 squarings), relative error below 2^-94
 * series: |x - x0| < 2^-10 around the zero x0 = -1.1924312145154952 -4.85e-17 of f: degree-10 Taylor series in double-double (x0 a triple-double from the certified root finder), so the relative error stays bounded through the zero
 * series: |x| < 2^-20: x^0*g(x), g the degree-5 Taylor polynomial of f/x^0 at 0 in double-double, with x scaled by 2^200 and the result rounded once (subnormal results keep every digit)
 * threshold: x < -1463: |f(x) - 0| < 2^-2099 (interval evaluation at x = -1463; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which times any finite dy of the output type rounds to 0 there (with the sign of dy times -0); there f' stands as the least nonzero number with its sign, not as 0 (times dy, and scaled once more where dy folds in), so that dy = +-inf gives +-inf as dy*f' does, not NaN
 * threshold: x > 21: |f(x) - 1| < 2^-54 (interval evaluation at x = 21; f - 1 and f' keep one sign beyond 16, so |f - 1| decreases toward +inf), which rounds to 1 in f64
 */
/* gcc if-converts the branch-free selects (and so vectorises the loop) only when it may assume that
   floating-point operations do not trap; without jump threading it keeps the selects as selects instead
   of duplicating the form for each sign (two divisions per element). Results and rounding are unchanged. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math", "no-thread-jumps")
#endif
#include "mish_backward_f64.h"

void mish_backward_f64(const double *restrict x, const double *restrict dy, double *restrict dx, size_t n) {
    for (size_t i = 0; i < n; i++) {
        dx[i] = mish_backward_f64_scalar(x[i], dy[i]);
    }
}
