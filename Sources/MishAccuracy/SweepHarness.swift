/// The C half of a sweep, compiled once per run together with the reference (``ReferenceSource``): it calls
/// the kernel under test on blocks of inputs, decides the correctly rounded result from the reference's
/// double enclosure y ± r, and records the comparison. Inputs the enclosure cannot decide are handed back
/// (`pending`) for MPFR; the Swift side records them through the same `mm_record`, so every statistic is
/// kept by one piece of code.
enum SweepHarness {
    static let histogramBuckets = 36
    static let binades = 4096
    static let worstCount = 10

    /// Indices into the counters array.
    enum Counter: Int, CaseIterable {
        case checked = 0, incorrect, nanFailures, zeroSignFailures, pending, exact, overOneUlp
    }

    static let source = """
    #include <math.h>
    #include <stddef.h>
    #include <stdint.h>
    #include <string.h>

    enum { MM_F32 = 0, MM_F16 = 1, MM_BF16 = 2, MM_F64 = 3 };
    enum { MM_SCALAR = 0, MM_ARRAY = 1, MM_SCALAR_BACKWARD = 2, MM_ARRAY_BACKWARD = 3, MM_ARRAY_FUSED = 4 };
    enum { MM_BUCKETS = \(histogramBuckets), MM_BINADES = \(binades), MM_WORST = \(worstCount), MM_COUNTERS = \(Counter.allCases.count) };
    enum { C_CHECKED, C_INCORRECT, C_NAN, C_ZERO_SIGN, C_PENDING, C_EXACT, C_OVER_ONE };

    typedef struct {
        uint64_t counters[MM_COUNTERS];
        uint64_t histogram[MM_BUCKETS];
        uint64_t binade_count[MM_BINADES], binade_incorrect[MM_BINADES];
        double binade_max[MM_BINADES];
        uint64_t worst_input[MM_WORST], worst_dy[MM_WORST], worst_output[MM_WORST], worst_expected[MM_WORST];
        double worst_error[MM_WORST];
        int worst_n;
        double max_finite;
        uint64_t max_finite_input, max_finite_dy;
    } mm_stats;

    size_t mm_stats_size(void) { return sizeof(mm_stats); }
    void mm_stats_init(mm_stats *s) { memset(s, 0, sizeof *s); }

    static const int mm_precision[4] = {24, 11, 8, 53};
    static const int mm_emin[4] = {-126, -14, -126, -1022};
    static const int mm_emax[4] = {127, 15, 127, 1023};

    /* 2^e for -1074 <= e <= 1023, from the bits. */
    static inline double mm_pow2(int e) {
        if (e < -1022) return mm_pow2(e + 200) * 0x1p-200;
        const uint64_t b = (uint64_t)(e + 1023) << 52;
        double v;
        memcpy(&v, &b, sizeof v);
        return v;
    }

    /* floor(log2 |v|) for finite nonzero v (-1023 for the subnormals, which lie below every format's emin). */
    static inline int mm_exponent(double v) {
        uint64_t b;
        memcpy(&b, &v, sizeof b);
        return (int)((b >> 52) & 0x7ff) - 1023;
    }

    /* The value of a bit pattern (exact). */
    static inline __attribute__((always_inline)) double mm_decode(int fmt, uint64_t b) {
        switch (fmt) {
        case MM_F32: { uint32_t w = (uint32_t)b; float f; memcpy(&f, &w, sizeof f); return f; }
        case MM_BF16: { uint32_t w = (uint32_t)b << 16; float f; memcpy(&f, &w, sizeof f); return f; }
        case MM_F16: {
            const double sign = (b & 0x8000) ? -1.0 : 1.0;
            const int e = (int)((b >> 10) & 0x1f), m = (int)(b & 0x3ff);
            if (e == 0x1f) return m ? (double)NAN : sign * (double)INFINITY;
            if (e == 0) return sign * (double)m * 0x1p-24;
            return sign * (1.0 + m * 0x1p-10) * mm_pow2(e - 15);
        }
        default: { double d; memcpy(&d, &b, sizeof d); return d; }
        }
    }

    /* v rounded to nearest even in the format, as its bit pattern (overflow to infinity, NaN kept). */
    static inline __attribute__((always_inline)) uint64_t mm_encode(int fmt, double v) {
        if (fmt == MM_F64) { uint64_t b; memcpy(&b, &v, sizeof b); return b; }
        if (fmt == MM_F32) { float f = (float)v; uint32_t b; memcpy(&b, &f, sizeof b); return b; }
        const int p = mm_precision[fmt], emin = mm_emin[fmt];
        const uint64_t sign = signbit(v) ? 0x8000 : 0;
        if (v != v) return sign | (fmt == MM_F16 ? 0x7e00 : 0x7fc0);
        const double a = fabs(v);
        const uint64_t inf = fmt == MM_F16 ? 0x7c00 : 0x7f80;
        if (a >= 0x1p200) return sign | inf;
        int e = a == 0 ? emin : mm_exponent(a);
        if (e < emin) e = emin;
        const double c = 1.5 * mm_pow2(e - p + 53);
        const double r = (a + c) - c;
        if (r >= mm_pow2(mm_emax[fmt] + 1)) return sign | inf;
        if (fmt == MM_BF16) { float f = (float)r; uint32_t w; memcpy(&w, &f, sizeof w); return sign | (w >> 16); }
        if (r < 0x1p-14) return sign | (uint64_t)(r * 0x1p24);
        const int re = mm_exponent(r);
        return sign | (uint64_t)(re + 15) << 10 | (uint64_t)((r * mm_pow2(-re) - 1.0) * 0x1p10);
    }

    static inline __attribute__((always_inline)) int mm_is_nan_bits(int fmt, uint64_t b) { const double v = mm_decode(fmt, b); return v != v; }

    /* d*2^t for 0 <= t <= 1074 (f64 binades down to 2^-1022), as two factors that stay finite. */
    static inline __attribute__((always_inline)) double mm_scale_to_ulps(double d, int t) {
        return d * mm_pow2(t / 2) * mm_pow2(t - t / 2);
    }

    /* |o - y| in units of the exact value's last place (binade of y, not below the subnormal spacing);
       an infinite o against a finite y counts as 2^(emax+1), and at most 1/2 where y rounds to that
       infinity (|y| at or above the overflow threshold (2 - 2^-p)*2^emax): a correctly rounded overflow. */
    static inline __attribute__((always_inline)) double mm_ulp_error(int fmt, double o, double y, double l) {
        if (o != o || y != y) return (o != o && y != y) ? 0.0 : INFINITY;
        if (isinf(y)) return o == y ? 0.0 : INFINITY;
        const double top = mm_pow2(mm_emax[fmt] + 1);
        const int overflow = isinf(o) && (o > 0) == (y > 0)
            && fabs(y) + (y > 0 ? l : -l) >= (2.0 - mm_pow2(-mm_precision[fmt])) * mm_pow2(mm_emax[fmt]);
        if (isinf(o)) o = o > 0 ? top : -top;
        int e = y == 0 ? mm_emin[fmt] : mm_exponent(y);
        if (e < mm_emin[fmt]) e = mm_emin[fmt];
        if (e > mm_emax[fmt]) e = mm_emax[fmt];
        const double err = mm_scale_to_ulps(fabs((o - y) - l), mm_precision[fmt] - 1 - e);
        return overflow && err > 0.5 ? 0.5 : err;
    }

    static int mm_bucket(double err) {
        if (err == 0) return 0;
        if (err <= 0.5) return 1;
        int k = 2;
        double edge = 1.0;
        while (k < MM_BUCKETS - 1 && err > edge) { edge *= 2; k++; }
        return k;
    }

    static inline __attribute__((always_inline)) int mm_binade(int fmt, uint64_t b) {
        switch (fmt) {
        case MM_F32: return (int)((b >> 31) & 1) * 2048 + (int)((b >> 23) & 0xff);
        case MM_F16: return (int)((b >> 15) & 1) * 2048 + (int)((b >> 10) & 0x1f);
        case MM_BF16: return (int)((b >> 15) & 1) * 2048 + (int)((b >> 7) & 0xff);
        default: return (int)((b >> 63) & 1) * 2048 + (int)((b >> 52) & 0x7ff);
        }
    }

    static void mm_worst_insert(mm_stats *s, double rank, uint64_t input, uint64_t dy, uint64_t output, uint64_t expected) {
        const int n = s->worst_n;
        if (n == MM_WORST && !(rank > s->worst_error[n - 1])) return;
        int i = n < MM_WORST ? n : MM_WORST - 1;
        while (i > 0 && (s->worst_error[i - 1] < rank || (s->worst_error[i - 1] == rank && s->worst_input[i - 1] > input))) {
            s->worst_error[i] = s->worst_error[i - 1];
            s->worst_input[i] = s->worst_input[i - 1];
            s->worst_dy[i] = s->worst_dy[i - 1];
            s->worst_output[i] = s->worst_output[i - 1];
            s->worst_expected[i] = s->worst_expected[i - 1];
            i--;
        }
        s->worst_error[i] = rank;
        s->worst_input[i] = input;
        s->worst_dy[i] = dy;
        s->worst_output[i] = output;
        s->worst_expected[i] = expected;
        if (n < MM_WORST) s->worst_n = n + 1;
    }

    /* Records one comparison: the kernel gave `output`, the correctly rounded result is `expected`, and
       `error` is |output - exact| in ulps. */
    static inline __attribute__((always_inline)) void mm_record_one(mm_stats *s, int fmt, uint64_t input, uint64_t dy, uint64_t output, uint64_t expected, double error) {
        if (output == expected && error <= 0.5 && !(s->worst_n == MM_WORST && error > s->worst_error[MM_WORST - 1])) {
            const int bi = mm_binade(fmt, input);
            s->counters[C_CHECKED]++;
            s->counters[C_EXACT] += error == 0;
            s->histogram[error != 0]++;
            s->binade_count[bi]++;
            if (error > s->binade_max[bi]) s->binade_max[bi] = error;
            if (error > 0 && s->worst_n < MM_WORST) mm_worst_insert(s, error, input, dy, output, expected);
            if (error > s->max_finite) { s->max_finite = error; s->max_finite_input = input; s->max_finite_dy = dy; }
            return;
        }
        const int on = mm_is_nan_bits(fmt, output), en = mm_is_nan_bits(fmt, expected);
        const uint64_t sign = fmt == MM_F64 ? UINT64_C(1) << 63 : (fmt == MM_F32 ? 0x80000000u : 0x8000u);
        const int correct = on ? en : output == expected;
        s->counters[C_CHECKED]++;
        if (!correct) {
            s->counters[C_INCORRECT]++;
            if (on != en) s->counters[C_NAN]++;
            else if (((output | expected) & ~sign) == 0) s->counters[C_ZERO_SIGN]++;
        }
        if (correct && error > 0.5) error = 0.5;
        if (error > 1.0) s->counters[C_OVER_ONE]++;
        if (error < INFINITY && error > s->max_finite) { s->max_finite = error; s->max_finite_input = input; s->max_finite_dy = dy; }
        if (error == 0) s->counters[C_EXACT]++;
        s->histogram[mm_bucket(error)]++;
        const int bi = mm_binade(fmt, input);
        s->binade_count[bi]++;
        if (!correct) s->binade_incorrect[bi]++;
        if (error > s->binade_max[bi]) s->binade_max[bi] = error;
        /* A wrong NaN or sign of zero ranks with the worst even when its ulp distance is 0. */
        if (!correct || error > 0) mm_worst_insert(s, correct ? error : (error > 0 ? error : 0.25), input, dy, output, expected);
    }

    void mm_record(mm_stats *s, int fmt, uint64_t input, uint64_t dy, uint64_t output, uint64_t expected, double error) {
        mm_record_one(s, fmt, input, dy, output, expected, error);
    }

    void mm_stats_merge(mm_stats *into, const mm_stats *from) {
        for (int i = 0; i < MM_COUNTERS; i++) into->counters[i] += from->counters[i];
        for (int i = 0; i < MM_BUCKETS; i++) into->histogram[i] += from->histogram[i];
        for (int i = 0; i < MM_BINADES; i++) {
            into->binade_count[i] += from->binade_count[i];
            into->binade_incorrect[i] += from->binade_incorrect[i];
            if (from->binade_max[i] > into->binade_max[i]) into->binade_max[i] = from->binade_max[i];
        }
        if (from->max_finite > into->max_finite || (from->max_finite == into->max_finite && from->max_finite_input < into->max_finite_input)) {
            into->max_finite = from->max_finite;
            into->max_finite_input = from->max_finite_input;
            into->max_finite_dy = from->max_finite_dy;
        }
        for (int i = 0; i < from->worst_n; i++)
            mm_worst_insert(into, from->worst_error[i], from->worst_input[i], from->worst_dy[i], from->worst_output[i], from->worst_expected[i]);
    }

    void mm_stats_export(const mm_stats *s, uint64_t *counters, uint64_t *histogram, uint64_t *binade_count,
                         uint64_t *binade_incorrect, double *binade_max, uint64_t *worst, double *worst_error) {
        memcpy(counters, s->counters, sizeof s->counters);
        memcpy(histogram, s->histogram, sizeof s->histogram);
        memcpy(binade_count, s->binade_count, sizeof s->binade_count);
        memcpy(binade_incorrect, s->binade_incorrect, sizeof s->binade_incorrect);
        memcpy(binade_max, s->binade_max, sizeof s->binade_max);
        for (int i = 0; i < s->worst_n; i++) {
            worst[4 * i] = s->worst_input[i];
            worst[4 * i + 1] = s->worst_dy[i];
            worst[4 * i + 2] = s->worst_output[i];
            worst[4 * i + 3] = s->worst_expected[i];
            worst_error[i] = s->worst_error[i];
        }
        counters[MM_COUNTERS] = (uint64_t)s->worst_n;
        counters[MM_COUNTERS + 1] = s->max_finite_input;
        counters[MM_COUNTERS + 2] = s->max_finite_dy;
        memcpy(&counters[MM_COUNTERS + 3], &s->max_finite, sizeof s->max_finite);
    }

    /* A reference, for n inputs: |f(x[i]) - y[i]| <= r[i] (r[i] = 0: y[i] is exact, or rounds as the exact
       value does), or r[i] = NaN where it cannot bound f(x[i]) in double. */
    typedef void (*mm_reference)(const double *x, double *y, double *r, int n);

    void mm_reference_none(const double *x, double *y, double *r, int n) {
        for (int i = 0; i < n; i++) { y[i] = x[i]; r[i] = NAN; }
    }

    /* The f64 reference: |f(x[i]) - (y[i] + l[i])| <= r[i], y + l a double-double (DoubleDoubleReferenceSource). */
    typedef void (*mm_reference64)(const double *x, double *y, double *l, double *r, int n);

    void mm_reference64_none(const double *x, double *y, double *l, double *r, int n) {
        for (int i = 0; i < n; i++) { y[i] = x[i]; l[i] = 0; r[i] = NAN; }
    }

    /* A random dy: sign, significand and a binade in [2^-8, 2^8) from a hash of the input and the seed. */
    static uint64_t mm_random_dy(int fmt, uint64_t input, uint64_t seed) {
        uint64_t h = (input + 1) * UINT64_C(0x9e3779b97f4a7c15) ^ seed;
        h ^= h >> 31; h *= UINT64_C(0xbf58476d1ce4e5b9); h ^= h >> 29; h *= UINT64_C(0x94d049bb133111eb); h ^= h >> 32;
        const double m = 1.0 + (double)(h >> 12) * 0x1p-52;
        const int e = (int)((h >> 4) & 15) - 8;
        return mm_encode(fmt, ((h & 1) ? -1.0 : 1.0) * m * mm_pow2(e));
    }

    /* Kernels that return 0, for running the reference alone (trace mode). */
    void mm_zero_f32(const float *x, float *y, size_t n) { (void)x; memset(y, 0, n * sizeof *y); }
    void mm_zero_f64(const double *x, double *y, size_t n) { (void)x; memset(y, 0, n * sizeof *y); }
    void mm_zero_half(const uint16_t *x, uint16_t *y, size_t n) { (void)x; memset(y, 0, n * sizeof *y); }

    enum { MM_BLOCK = 512 };

    static void mm_call(int fmt, int signature, int output, void *fn, const uint64_t *x, const uint64_t *dy, uint64_t *out, int n) {
        if (fmt == MM_F32) {
            float xs[MM_BLOCK], ds[MM_BLOCK], o1[MM_BLOCK], o2[MM_BLOCK];
            for (int i = 0; i < n; i++) { uint32_t w = (uint32_t)x[i]; memcpy(&xs[i], &w, 4); w = (uint32_t)dy[i]; memcpy(&ds[i], &w, 4); }
            switch (signature) {
            case MM_SCALAR: for (int i = 0; i < n; i++) o1[i] = ((float (*)(float))fn)(xs[i]); break;
            case MM_ARRAY: ((void (*)(const float *, float *, size_t))fn)(xs, o1, (size_t)n); break;
            case MM_SCALAR_BACKWARD: for (int i = 0; i < n; i++) o1[i] = ((float (*)(float, float))fn)(xs[i], ds[i]); break;
            case MM_ARRAY_BACKWARD: ((void (*)(const float *, const float *, float *, size_t))fn)(xs, ds, o1, (size_t)n); break;
            default: ((void (*)(const float *, float *, float *, size_t))fn)(xs, o1, o2, (size_t)n); break;
            }
            const float *o = (signature == MM_ARRAY_FUSED && output == 1) ? o2 : o1;
            for (int i = 0; i < n; i++) { uint32_t w; memcpy(&w, &o[i], 4); out[i] = w; }
        } else if (fmt == MM_F64) {
            double xs[MM_BLOCK], ds[MM_BLOCK], o1[MM_BLOCK], o2[MM_BLOCK];
            memcpy(xs, x, (size_t)n * 8); memcpy(ds, dy, (size_t)n * 8);
            switch (signature) {
            case MM_SCALAR: for (int i = 0; i < n; i++) o1[i] = ((double (*)(double))fn)(xs[i]); break;
            case MM_ARRAY: ((void (*)(const double *, double *, size_t))fn)(xs, o1, (size_t)n); break;
            case MM_SCALAR_BACKWARD: for (int i = 0; i < n; i++) o1[i] = ((double (*)(double, double))fn)(xs[i], ds[i]); break;
            case MM_ARRAY_BACKWARD: ((void (*)(const double *, const double *, double *, size_t))fn)(xs, ds, o1, (size_t)n); break;
            default: ((void (*)(const double *, double *, double *, size_t))fn)(xs, o1, o2, (size_t)n); break;
            }
            memcpy(out, (signature == MM_ARRAY_FUSED && output == 1) ? o2 : o1, (size_t)n * 8);
        } else {
            uint16_t xs[MM_BLOCK], ds[MM_BLOCK], o1[MM_BLOCK], o2[MM_BLOCK];
            for (int i = 0; i < n; i++) { xs[i] = (uint16_t)x[i]; ds[i] = (uint16_t)dy[i]; }
            switch (signature) {
            case MM_SCALAR: for (int i = 0; i < n; i++) o1[i] = ((uint16_t (*)(uint16_t))fn)(xs[i]); break;
            case MM_ARRAY: ((void (*)(const uint16_t *, uint16_t *, size_t))fn)(xs, o1, (size_t)n); break;
            case MM_SCALAR_BACKWARD: for (int i = 0; i < n; i++) o1[i] = ((uint16_t (*)(uint16_t, uint16_t))fn)(xs[i], ds[i]); break;
            case MM_ARRAY_BACKWARD: ((void (*)(const uint16_t *, const uint16_t *, uint16_t *, size_t))fn)(xs, ds, o1, (size_t)n); break;
            default: ((void (*)(const uint16_t *, uint16_t *, uint16_t *, size_t))fn)(xs, o1, o2, (size_t)n); break;
            }
            const uint16_t *o = (signature == MM_ARRAY_FUSED && output == 1) ? o2 : o1;
            for (int i = 0; i < n; i++) out[i] = o[i];
        }
    }

    /* Checks the inputs begin..end-1: bit patterns, or list[begin..end-1] when list is not NULL. dy_mode:
       0 none, 1 dy = 1, 2 random dy. Undecided inputs go to pending (input, dy, output), at most `capacity`
       (give at least end - begin); returns their number. When trace is not NULL, trace[2k] and trace[2k + 1]
       receive the expected bits (all ones when pending) and the output of input begin + k. */
    static inline __attribute__((always_inline)) long mm_sweep_format(const int fmt, int signature, int output, int dy_mode, uint64_t seed, void *fn, mm_reference reference,
                  const uint64_t *list, uint64_t begin, uint64_t end, mm_stats *s,
                  uint64_t *pending, long capacity, uint64_t *trace) {
        uint64_t xb[MM_BLOCK], db[MM_BLOCK], ob[MM_BLOCK];
        double xs[MM_BLOCK], ys[MM_BLOCK], ls[MM_BLOCK], rs[MM_BLOCK], errs[MM_BLOCK];
        uint64_t eb[MM_BLOCK];
        long np = 0;
        const uint64_t one = mm_encode(fmt, 1.0);
        for (uint64_t start = begin; start < end; start += MM_BLOCK) {
            const int n = (int)((end - start) < MM_BLOCK ? (end - start) : MM_BLOCK);
            for (int i = 0; i < n; i++) {
                xb[i] = list ? list[start + (uint64_t)i] : start + (uint64_t)i;
                db[i] = dy_mode == 2 ? mm_random_dy(fmt, xb[i], seed) : one;
            }
            mm_call(fmt, signature, output, fn, xb, db, ob, n);
            for (int i = 0; i < n; i++) xs[i] = mm_decode(fmt, xb[i]);
            if (fmt == MM_F64) {
                ((mm_reference64)reference)(xs, ys, ls, rs, n);
            } else {
                reference(xs, ys, rs, n);
                for (int i = 0; i < n; i++) ls[i] = 0;
            }
            /* The common case, branch-free so that it vectorises: both ends of y +- r round alike, and the
               error is finite; errs[i] is NaN where the case-by-case path below must decide. For f64 the ends
               of y + l +- r are rounded as y + (l -+ rr), rr covering the rounding of l -+ rr (RN is monotone). */
            for (int i = 0; i < n; i++) {
                const double y = ys[i], r = rs[i], l = ls[i];
                uint64_t lo, hi;
                if (fmt == MM_F64) {
                    /* (l = 0: y itself, so that -0 keeps its sign.) */
                    const double rr = r == 0 ? 0.0 : r * (1 + 0x1p-40) + fabs(l) * 0x1p-50 + 0x1p-1074;
                    lo = mm_encode(fmt, (l == 0 && rr == 0) ? y : y + (l - rr));
                    hi = mm_encode(fmt, (l == 0 && rr == 0) ? y : y + (l + rr));
                } else {
                    const double rr = r == 0 ? 0.0 : r * (1 + 0x1p-40) + fabs(y) * 0x1p-51 + 0x1p-1074;
                    lo = mm_encode(fmt, y - rr);
                    hi = mm_encode(fmt, y + rr);
                }
                const double o = mm_decode(fmt, ob[i]);
                int e = mm_exponent(y);
                e = e < mm_emin[fmt] ? mm_emin[fmt] : (e > mm_emax[fmt] ? mm_emax[fmt] : e);
                const double err = mm_scale_to_ulps(fabs((o - y) - l), mm_precision[fmt] - 1 - e);
                eb[i] = lo;
                errs[i] = (lo == hi && r < INFINITY && err < INFINITY) ? err : NAN;
            }
            /* A block of consecutive patterns in one binade whose results are all correctly rounded and no
               worse than the worst kept: counted in bulk (the reductions vectorise). */
            if (!list && dy_mode != 2 && !trace && s->worst_n == MM_WORST && mm_binade(fmt, xb[0]) == mm_binade(fmt, xb[n - 1])) {
                int good = 1, zeros = 0;
                double worst = 0;
                for (int i = 0; i < n; i++) {
                    const double e = errs[i];
                    good &= (e <= 0.5) & (ob[i] == eb[i]);
                    zeros += e == 0;
                    worst = e > worst ? e : worst;
                }
                if (good && !(worst > s->worst_error[MM_WORST - 1])) {
                    const int bi = mm_binade(fmt, xb[0]);
                    s->counters[C_CHECKED] += (uint64_t)n;
                    s->counters[C_EXACT] += (uint64_t)zeros;
                    s->histogram[0] += (uint64_t)zeros;
                    s->histogram[1] += (uint64_t)(n - zeros);
                    s->binade_count[bi] += (uint64_t)n;
                    if (worst > s->binade_max[bi]) s->binade_max[bi] = worst;
                    if (worst > s->max_finite) {
                        for (int i = 0; i < n; i++) if (errs[i] == worst) { s->max_finite_input = xb[i]; s->max_finite_dy = db[i]; break; }
                        s->max_finite = worst;
                    }
                    continue;
                }
            }
            for (int i = 0; i < n; i++) {
                if (dy_mode != 2 && !trace && errs[i] == errs[i]) {
                    mm_record_one(s, fmt, xb[i], db[i], ob[i], eb[i], errs[i]);
                    continue;
                }
                const double x = xs[i];
                double y = ys[i], r = rs[i], l = ls[i];
                uint64_t e;
                if (x != x) {
                    e = mm_encode(fmt, x);
                    y = x;
                } else {
                    if (!(r < INFINITY)) goto undecided;
                    if (dy_mode == 2 && fmt == MM_F64) {
                        /* (y + l)*d as a double-double: the product's error by fma (exact above 2^-960). */
                        const double d = mm_decode(fmt, db[i]);
                        const double yd = y * d;
                        if (r == 0 && l == 0 && (y == 0 || isinf(y))) {
                            y = yd;
                        } else {
                            if (!(fabs(yd) >= 0x1p-960 && fabs(yd) < 0x1p1020)) goto undecided;
                            l = fma(l, d, fma(y, d, -yd));
                            r = fabs(d) * r * (1 + 0x1p-50) + fabs(yd) * 0x1p-104 + 0x1p-1074;
                            y = yd;
                        }
                    } else if (dy_mode == 2) {
                        const double d = mm_decode(fmt, db[i]);
                        /* The reference's representative of a value far below every subnormal keeps that
                           property when scaled by d (|d| < 2^1024): only its sign changes. */
                        if (r == 0 && y != 0 && fabs(y) < 0x1p-1000) {
                            y = (signbit(y) != signbit(d)) ? -0x1p-1074 : 0x1p-1074;
                        } else if (r == 0 && fabs(y) == 0x1p1023) {
                            /* Likewise the representative of a value above 2^1100 (a growing tail): times
                               |d| >= 2^-8 it stays above every f32, f16 and bf16 value. */
                            y = (signbit(y) != signbit(d)) ? -0x1p1023 : 0x1p1023;
                        } else {
                            const double yd = y * d;
                            const int exact = r == 0 && (y == 0 || isinf(y) || (isfinite(yd) && fabs(yd) >= 0x1p-1022 && fma(y, d, -yd) == 0));
                            if (!exact) r = fabs(d) * r * (1 + 0x1p-50) + fabs(yd) * 0x1p-53 + 0x1p-1074;
                            y = yd;
                        }
                    }
                    if (r == 0) {
                        e = mm_encode(fmt, l == 0 ? y : y + l);
                    } else if (fmt == MM_F64) {
                        if (y != y || l != l) goto undecided;
                        const double rr = r * (1 + 0x1p-40) + fabs(l) * 0x1p-50 + 0x1p-1074;
                        e = mm_encode(fmt, y + (l - rr));
                        if (e != mm_encode(fmt, y + (l + rr))) goto undecided;
                    } else {
                        if (y != y) goto undecided;
                        const double rr = r * (1 + 0x1p-40) + fabs(y) * 0x1p-51 + 0x1p-1074;
                        e = mm_encode(fmt, y - rr);
                        if (e != mm_encode(fmt, y + rr)) goto undecided;
                    }
                }
                if (trace) { trace[2 * (start + (uint64_t)i - begin)] = e; trace[2 * (start + (uint64_t)i - begin) + 1] = ob[i]; }
                mm_record_one(s, fmt, xb[i], db[i], ob[i], e, mm_ulp_error(fmt, mm_decode(fmt, ob[i]), y, l));
                continue;
            undecided:
                if (trace) { trace[2 * (start + (uint64_t)i - begin)] = UINT64_MAX; trace[2 * (start + (uint64_t)i - begin) + 1] = ob[i]; }
                if (np >= capacity) return -1;
                pending[np * 3] = xb[i];
                pending[np * 3 + 1] = db[i];
                pending[np * 3 + 2] = ob[i];
                np++;
            }
        }
        return np;
    }

    /* The kernel's outputs for the pairs (x[i], dy[i]), bit patterns of the format. */
    void mm_call_pairs(int fmt, int signature, int output, void *fn, const uint64_t *x, const uint64_t *dy, uint64_t *out, long n) {
        for (long start = 0; start < n; start += MM_BLOCK) {
            const int m = (int)((n - start) < MM_BLOCK ? (n - start) : MM_BLOCK);
            mm_call(fmt, signature, output, fn, x + start, dy + start, out + start, m);
        }
    }

    long mm_sweep(int fmt, int signature, int output, int dy_mode, uint64_t seed, void *fn, mm_reference reference,
                  const uint64_t *list, uint64_t begin, uint64_t end, mm_stats *s,
                  uint64_t *pending, long capacity, uint64_t *trace) {
        switch (fmt) {
        case MM_F32: return mm_sweep_format(MM_F32, signature, output, dy_mode, seed, fn, reference, list, begin, end, s, pending, capacity, trace);
        case MM_F16: return mm_sweep_format(MM_F16, signature, output, dy_mode, seed, fn, reference, list, begin, end, s, pending, capacity, trace);
        case MM_BF16: return mm_sweep_format(MM_BF16, signature, output, dy_mode, seed, fn, reference, list, begin, end, s, pending, capacity, trace);
        default: return mm_sweep_format(MM_F64, signature, output, dy_mode, seed, fn, reference, list, begin, end, s, pending, capacity, trace);
        }
    }

    """
}
