/* The clock of the kernel harnesses. */
#include <stddef.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

/* name(k, x, y, n, total): G elements/s of the kernel k over x[0..n) into y, repeated until `total` elements are
 * done, the least time of three passes; one definition per element type T. */
#define DEFINE_RATE(name, T)                                                                                   \
    static double name(void (*k)(const T *restrict, T *restrict, size_t), const T *x, T *y, size_t n,         \
                       size_t total) {                                                                         \
        double best = 1e30;                                                                                    \
        for (int rep = 0; rep < 3; rep++) {                                                                    \
            double t = now();                                                                                  \
            for (size_t done = 0; done < total; done += n) k(x, y, n);                                         \
            t = now() - t;                                                                                     \
            if (t < best) best = t;                                                                            \
        }                                                                                                      \
        return (double)((total + n - 1) / n * n) / best / 1e9;                                                 \
    }
