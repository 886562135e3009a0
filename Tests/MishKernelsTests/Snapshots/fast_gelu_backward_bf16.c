/*
 * snapshot of gelu backward bf16, fast tier
 * libm: outside the exp-rational class, so evaluated from the expression with the math library's double functions (sigmoid, softplus and logsigmoid by e^-|u|, gelu(u) = u/2*erfc(-u/sqrt(2))); the results are the library's: glibc's on the CPU, libdevice's on a GPU
 * f' at x = -inf: its limit -0.0 (certified), where the form can meet inf*0
 * f' at x < -0.78186020068096695: a zero result is -0, f's sign there (f has no zero beyond: interval branch-and-bound and its tail)
 * f' at x = +inf: its limit 1.0 (certified), where the form can meet inf*0
 * f' at x > -0.25: a zero result is +0, f's sign there (f has no zero beyond: interval branch-and-bound and its tail)
 */
/* gcc if-converts the branch-free selects (and so vectorises the loop) only when it may assume that
   floating-point operations do not trap; without jump threading it keeps the selects as selects instead
   of duplicating the form for each sign (two divisions per element). Results and rounding are unchanged. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math", "no-thread-jumps")
#endif
#include "gelu_backward_bf16.h"

void gelu_backward_bf16(const uint16_t *restrict x, const uint16_t *restrict dy, uint16_t *restrict dx, size_t n) {
    for (size_t i = 0; i < n; i++) {
        dx[i] = gelu_backward_bf16_scalar(x[i], dy[i]);
    }
}
