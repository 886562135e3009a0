/* The straightforward way to check a float kernel against a correctly rounded reference: mish in double
 * with libm (its error assumed below 2^-48 relative, which libm does not promise), MPFR at 128 bits when
 * that cannot decide the rounding. One thread, all f32 values in [A, B]; prints the count of results that
 * differ from the reference and the time per input. Usage: plain_reference A B (linked with the kernel's
 * mish_forward_f32 array entry point). */
#include <math.h>
#include <mpfr.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void mish_forward_f32(const float *x, float *y, size_t n);

static float mpfr_mish(float x, mpfr_t t, mpfr_t u) {
    mpfr_set_flt(t, x, MPFR_RNDN);
    mpfr_exp(u, t, MPFR_RNDN);
    mpfr_log1p(u, u, MPFR_RNDN);
    mpfr_tanh(u, u, MPFR_RNDN);
    mpfr_mul(u, u, t, MPFR_RNDN);
    return mpfr_get_flt(u, MPFR_RNDN);
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: plain_reference A B\n"); return 64; }
    const float a = strtof(argv[1], NULL), b = strtof(argv[2], NULL);
    mpfr_t t, u;
    mpfr_init2(t, 128);
    mpfr_init2(u, 128);
    enum { BLOCK = 512 };
    float xs[BLOCK], ys[BLOCK];
    uint64_t checked = 0, wrong = 0, fallbacks = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (float x = a; x <= b;) {
        int n = 0;
        while (n < BLOCK && x <= b) { xs[n++] = x; x = nextafterf(x, INFINITY); }
        mish_forward_f32(xs, ys, (size_t)n);
        for (int i = 0; i < n; i++) {
            const double xd = xs[i], y = xd * tanh(log1p(exp(xd))), e = fabs(y) * 0x1p-48;
            float r = (float)(y - e);
            if (r != (float)(y + e)) { r = mpfr_mish(xs[i], t, u); fallbacks++; }
            wrong += memcmp(&r, &ys[i], sizeof r) != 0;
            checked++;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    const double s = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    printf("checked %llu wrong %llu fallbacks %llu seconds %.3f ns_per_input %.2f\n", (unsigned long long)checked,
           (unsigned long long)wrong, (unsigned long long)fallbacks, s, 1e9 * s / checked);
    mpfr_clear(t);
    mpfr_clear(u);
    return 0;
}
