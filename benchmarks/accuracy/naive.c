#include <math.h>

/* The naive formula, in float with libm: what many frameworks ship. */
float naive_mish(float x) { return x * tanhf(log1pf(expf(x))); }
