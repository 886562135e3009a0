/* The rational form in double, built apart with -ffast-math so that gcc calls glibc's vector exp
 * (libmvec): the reference point of issue 6 (about 1.5 G elem/s on its machine). */
#include <math.h>
#include <stddef.h>

void rational_double_vector(const float *restrict x, float *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const double e = exp((double)x[i]), m = e * (e + 2.0);
        y[i] = (float)((double)x[i] * m / (m + 2.0));
    }
}
