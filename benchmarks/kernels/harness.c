#define _POSIX_C_SOURCE 200809L
/* Single-thread throughput of mish forward f32 kernels, in one process: the generated correctly-rounded
 * and fast kernels, the naive libm formula, the rational float form, the rational form in double with libm
 * exp (scalar here, and vectorised by glibc's libmvec in rational_vector.c), and a plain copy (the memory
 * limit). Each runs over a large array (memory-bound) and over a small array looped in cache. Prints one
 * line per kernel: name, G elem/s large, G elem/s small. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timing.h"
#include "mish_forward_f32.h"
#include "mish_fast_forward_f32.h"

static void naive(const float *restrict x, float *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = x[i] * tanhf(log1pf(expf(x[i])));
}
static void rational_float(const float *restrict x, float *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) { float e = expf(x[i]); float m = e * (e + 2.0f); y[i] = x[i] * m / (m + 2.0f); }
}
static void rational_double(const float *restrict x, float *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) { double e = exp((double)x[i]); double m = e * (e + 2.0); y[i] = (float)((double)x[i] * m / (m + 2.0)); }
}
void rational_double_vector(const float *restrict x, float *restrict y, size_t n);
static void copy(const float *restrict x, float *restrict y, size_t n) { memcpy(y, x, n * sizeof *x); }

DEFINE_RATE(rate, float)

int main(void) {
    const size_t big = (size_t)1 << 24, small = (size_t)1 << 14;
    float *x = aligned_alloc(64, big * sizeof(float)), *y = aligned_alloc(64, big * sizeof(float));
    srand(7);
    for (size_t i = 0; i < big; i++) x[i] = (float)(((double)rand() / RAND_MAX) * 40.0 - 20.0);
    struct { const char *name; void (*k)(const float *restrict, float *restrict, size_t); } ks[] = {
        {"mish-math correctly-rounded f32", mish_forward_f32}, {"mish-math fast f32", mish_fast_forward_f32},
        {"naive libm x*tanhf(log1pf(expf(x)))", naive},
        {"rational float form (expf)", rational_float}, {"rational form in double (exp)", rational_double},
        {"rational form in double, glibc vector exp (-ffast-math)", rational_double_vector},
        {"copy (memory limit)", copy},
    };
    /* Three rounds over all kernels, the best rate of each kept: the machine's drift (neighbours on the host)
     * then hits every kernel alike instead of whichever ran during it (the ratios to copy stay comparable).
     * The naive formula, 50x slower than the rest, runs in the first round only. */
    enum { kernels = sizeof ks / sizeof ks[0], rounds = 3 };
    double large[kernels] = {0}, cached[kernels] = {0};
    for (int round = 0; round < rounds; round++) {
        for (size_t i = 0; i < kernels; i++) {
            if (round > 0 && ks[i].k == naive) continue;
            const double l = rate(ks[i].k, x, y, big, big * 4), c = rate(ks[i].k, x, y, small, big * 4);
            if (l > large[i]) large[i] = l;
            if (c > cached[i]) cached[i] = c;
        }
    }
    for (size_t i = 0; i < kernels; i++) printf("%s\t%.4f\t%.4f\n", ks[i].name, large[i], cached[i]);
    free(x); free(y);
    return 0;
}
