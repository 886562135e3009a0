#define _POSIX_C_SOURCE 200809L
/* Single-thread throughput of mish forward f64 kernels, in one process: the generated faithful (double-double)
 * and fast kernels, the naive libm formula x*tanh(log1p(exp(x))), the rational form with libm exp, and a
 * plain copy (the memory limit), each over a large array (memory-bound) and a small array looped in cache.
 * Prints one line per kernel: name, G elem/s large, G elem/s small. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timing.h"
#include "mish_forward_f64.h"
#include "mish_fast_forward_f64.h"

static void naive(const double *restrict x, double *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = x[i] * tanh(log1p(exp(x[i])));
}
static void rational(const double *restrict x, double *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) { double e = exp(x[i]); double m = e * (e + 2.0); y[i] = x[i] * m / (m + 2.0); }
}
static void copy(const double *restrict x, double *restrict y, size_t n) { memcpy(y, x, n * sizeof *x); }

DEFINE_RATE(rate, double)

int main(void) {
    const size_t big = (size_t)1 << 23, small = (size_t)1 << 13;
    double *x = aligned_alloc(64, big * sizeof(double)), *y = aligned_alloc(64, big * sizeof(double));
    srand(7);
    for (size_t i = 0; i < big; i++) x[i] = ((double)rand() / RAND_MAX) * 40.0 - 20.0;
    struct { const char *name; void (*k)(const double *restrict, double *restrict, size_t); } ks[] = {
        {"mish-math faithful f64 (double-double)", mish_forward_f64}, {"mish-math fast f64", mish_fast_forward_f64},
        {"naive libm x*tanh(log1p(exp(x)))", naive}, {"rational form in double (exp)", rational},
        {"copy (memory limit)", copy},
    };
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        double large = rate(ks[i].k, x, y, big, big * 2);
        double cached = rate(ks[i].k, x, y, small, big * 2);
        printf("%s\t%.4f\t%.4f\n", ks[i].name, large, cached);
    }
    free(x); free(y);
    return 0;
}
