/*
 * snapshot of mish forward bf16
 * exp: the argument -|x| is raised to -700 (every input beyond returns a threshold's limit, or the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two
 * threshold: x < -98: |f(x) - 0| < 2^-134 (interval evaluation at x = -98; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which rounds to -0 in bf16
 */
/* gcc if-converts the branch-free selects (and so vectorises the loop) only when it may assume that
   floating-point operations do not trap; without jump threading it keeps the selects as selects instead
   of duplicating the form for each sign (two divisions per element). Results and rounding are unchanged. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math", "no-thread-jumps")
#endif
#include "mish_forward_bf16.h"

void mish_forward_bf16(const uint16_t *restrict x, uint16_t *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) {
        y[i] = mish_forward_bf16_scalar(x[i]);
    }
}
