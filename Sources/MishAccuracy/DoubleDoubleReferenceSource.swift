import Foundation
import MishNumbers
import MishSymbolic

/// C source for the fast half of the f64 reference: an enclosure |f(x) − (y + l)| ≤ r of an exp-rational
/// f with y + l a double-double, so that the rounding to f64 is decided for all but the inputs within
/// about 2⁻⁹⁰ relative of a midpoint (and those near cancellations), which go to MPFR.
///
/// The same side forms as ``ReferenceSource`` in double-word midpoint-radius arithmetic: each operation's
/// midpoint by the algorithms of Joldes, Muller and Popescu (relative error at most 15u² + 56u³ < 2⁻¹⁰¹
/// with u = 2⁻⁵³, the radius adding |result|·2⁻¹⁰¹, or 2⁻¹⁰⁰ for a quotient, and 2⁻¹⁰⁷⁰ for underflow)
/// and the propagated radii; e^(−|x|) = m·2^k by ``DoubleDoubleExpKernel`` with radius 2⁻⁹⁰·|m| (16 times
/// its bound). The value is W·2^K (K = shift·k), scaled at the end by `ldexp` (each scaled part within
/// 2⁻¹⁰⁷⁵ absolute, so the radius gains 2⁻¹⁰⁷²). Arguments below −1600 and tails beyond the thresholds of
/// ``SpecialValue/tailShortcut(_:direction:double:)`` (the signed zero below 2⁻²²⁰⁰, or c·x^i₀ within
/// 2⁻¹³⁰) are answered per input; NaN, ±∞ and ±0 as in the double reference (a radius that does not decide
/// f64 leaves them to MPFR), and where f grows like e^(m|x|), ±∞ beyond a threshold where |f| > 2¹¹⁰⁰. The
/// harness widens the radius by 1 + 2⁻⁴⁰ for its own rounding.
enum DoubleDoubleReferenceSource {
    static func prelude() -> String {
        let k = DoubleDoubleExpKernel.self
        let lit = ReferenceSource.literal
        let coefficients = k.coefficients.map { "{\(lit($0.hi)), \(lit($0.lo)), 0}" }.joined(separator: ", ")
        return """
        typedef struct { double h, l, r; } mm_dd;

        static inline __attribute__((always_inline)) mm_dd mm_dd_norm(double a, double b) {
            const double s = a + b;
            return (mm_dd){s, b - (s - a), 0};
        }

        static inline __attribute__((always_inline)) mm_dd mm_dd_two_sum(double a, double b) {
            const double s = a + b, bb = s - a;
            return (mm_dd){s, (a - (s - bb)) + (b - bb), 0};
        }

        static inline __attribute__((always_inline)) mm_dd mm_dd_add(mm_dd a, mm_dd b) {
            const mm_dd s = mm_dd_two_sum(a.h, b.h), t = mm_dd_two_sum(a.l, b.l);
            const mm_dd c = mm_dd_norm(s.h, s.l + t.h);
            mm_dd z = mm_dd_norm(c.h, t.l + c.l);
            z.r = fma(fabs(z.h), 0x1p-101, a.r + b.r) + 0x1p-1070;
            return z;
        }

        static inline __attribute__((always_inline)) mm_dd mm_dd_add_exact(mm_dd a, double c) {
            const mm_dd s = mm_dd_two_sum(a.h, c);
            mm_dd z = mm_dd_norm(s.h, a.l + s.l);
            z.r = fma(fabs(z.h), 0x1p-101, a.r) + 0x1p-1070;
            return z;
        }

        static inline __attribute__((always_inline)) mm_dd mm_dd_mul(mm_dd a, mm_dd b) {
            const double p = a.h * b.h, e = fma(a.h, b.h, -p);
            mm_dd z = mm_dd_norm(p, e + fma(a.l, b.h, fma(a.h, b.l, a.l * b.l)));
            const double ma = fabs(a.h) * (1 + 0x1p-52), mb = fabs(b.h) * (1 + 0x1p-52);
            z.r = fma(ma, b.r, fma(mb + b.r, a.r, fma(fabs(z.h), 0x1p-101, 0x1p-1070)));
            return z;
        }

        static inline __attribute__((always_inline)) mm_dd mm_dd_mul_exact(mm_dd a, double c) {
            const double p = a.h * c, e = fma(a.h, c, -p);
            mm_dd z = mm_dd_norm(p, fma(a.l, c, e));
            z.r = fma(a.r, fabs(c), fma(fabs(z.h), 0x1p-101, 0x1p-1070));
            return z;
        }

        /* b's enclosure must exclude 0 (checked by the caller). */
        static inline __attribute__((always_inline)) mm_dd mm_dd_div(mm_dd a, mm_dd b) {
            const double t = a.h / b.h;
            const double p = b.h * t, e = fma(b.h, t, -p);
            const mm_dd q = mm_dd_norm(p, fma(b.l, t, e));
            mm_dd z = mm_dd_norm(t, ((a.h - q.h) + (a.l - q.l)) / b.h);
            const double m = fabs(b.h) * (1 - 0x1p-52) - b.r;
            z.r = (a.r + fabs(z.h) * (1 + 0x1p-50) * b.r) / m + fma(fabs(z.h), 0x1p-100, 0x1p-1070);
            return z;
        }

        static const mm_dd mm_dd_exp_coefficients[\(k.degree)] = {\(coefficients)};

        /* e^a = m*2^k for -1600 <= a <= 0 (a clamped there): the faithful kernels' double-double exponential,
           relative error below \(String(format: "%.3g", k.relativeErrorBound)); the radius says 2^-90. */
        static inline __attribute__((always_inline)) mm_dd mm_dd_exp(double a, double *kout) {
            const double b = (a < -1600.0) ? -1600.0 : a;
            const double kd = fma(b, \(lit(k.inverseLn2)), 0x1.8p52) - 0x1.8p52;
            const double first = fma(-kd, \(lit(k.ln2Parts[0])), b);
            const mm_dd second = mm_dd_two_sum(first, -kd * \(lit(k.ln2Parts[1])));
            mm_dd r = mm_dd_norm(second.h, fma(-kd, \(lit(k.ln2Parts[2])), second.l));
            r.h *= 0x1p-\(k.squarings);
            r.l *= 0x1p-\(k.squarings);
            mm_dd e = mm_dd_exp_coefficients[\(k.degree - 1)];
            for (int n = \(k.degree - 2); n >= 0; n--) e = mm_dd_add(mm_dd_mul(e, r), mm_dd_exp_coefficients[n]);
            e = mm_dd_mul(e, r);
            for (int i = 0; i < \(k.squarings); i++) e = mm_dd_mul(e, mm_dd_add_exact(e, 2.0));
            const mm_dd one = mm_dd_two_sum(1.0, e.h);
            mm_dd m = mm_dd_norm(one.h, one.l + e.l);
            m.r = fabs(m.h) * 0x1p-90;
            *kout = kd == kd ? kd : 0.0;
            return m;
        }

        """
    }

    /// `void NAME(const double *x, double *y, double *l, double *r, int n)` for f: |f(xᵢ) − (yᵢ + lᵢ)| ≤ rᵢ,
    /// or rᵢ = NaN where double-double cannot bound it.
    static func function(named name: String, _ f: ExpRational) -> String {
        let (negative, positive) = f.sideForms
        let lit = ReferenceSource.literal
        func constant(_ c: BigInt) -> String {
            if let v = ReferenceSource.exactDouble(c) { return "(mm_dd){\(lit(v)), 0, 0}" }
            let big = BigFloat(c, precision: 256)
            let hi = big.toDouble()
            let lo = big.subtracting(BigFloat(hi), precision: 256).value.toDouble()
            return "(mm_dd){\(lit(hi)), \(lit(lo)), \(lit(abs(hi) * 0x1p-104))}"
        }
        func selected(_ n: BigInt, _ p: BigInt) -> (text: String, exact: String?) {
            if let en = ReferenceSource.exactDouble(n), let ep = ReferenceSource.exactDouble(p) {
                let e = en == ep ? lit(en) : "(neg ? \(lit(en)) : \(lit(ep)))"
                return ("(mm_dd){\(e), 0, 0}", e)
            }
            return (n == p ? constant(n) : "(neg ? \(constant(n)) : \(constant(p)))", nil)
        }
        func horner(_ target: String, _ nr: [BigInt], _ pr: [BigInt]) -> [String] {
            guard let top = (0..<nr.count).last(where: { !nr[$0].isZero || !pr[$0].isZero }) else { return [] }
            var lines: [String] = []
            for m in stride(from: top, through: 0, by: -1) {
                let c = selected(nr[m], pr[m])
                if lines.isEmpty { lines.append("\(target) = \(c.text);"); continue }
                if nr[m].isZero && pr[m].isZero { lines.append("\(target) = mm_dd_mul(\(target), s);"); continue }
                lines.append(c.exact.map { "\(target) = mm_dd_add_exact(mm_dd_mul(\(target), s), \($0));" }
                             ?? "\(target) = mm_dd_add(mm_dd_mul(\(target), s), \(c.text));")
            }
            return lines
        }
        let body = ReferenceSource.quotientTerms(negative, positive, arithmetic: "mm_dd", zero: "(mm_dd){0, 0, 0}", horner: horner)
        let shifts = (0..<max(negative.shift, positive.shift)).map { j in
            j < min(negative.shift, positive.shift) ? "w = mm_dd_mul(w, m);" : "if (\(j < negative.shift ? "neg" : "!neg")) w = mm_dd_mul(w, m);"
        }
        let zero = ReferenceSource.valueAtZero(f)
        let plus = ReferenceSource.limitValue(f, direction: 1), minus = ReferenceSource.limitValue(f, direction: -1)
        let tails = [1, -1].compactMap { direction -> String? in
            guard let t = SpecialValue.tailShortcut(f, direction: direction, double: true) else { return nil }
            let test = direction > 0 ? "x >= \(lit(t.threshold))" : "x <= \(lit(-t.threshold))"
            return "        if ((\(test)) && fabs(x) < INFINITY) { y = \(t.value); l = \(t.low); r = \(t.radius); tail = 1; }"
        }
        return """
        void \(name)(const double *xs, double *ys, double *ls, double *rs, int count) {
            for (int i = 0; i < count; i++) {
                const double x = xs[i];
                const int neg = x < 0;
                const double a = -fabs(x);
                double k;
                const mm_dd m = mm_dd_exp(a, &k);
                const mm_dd s = {ldexp(m.h, (int)k), ldexp(m.l, (int)k), ldexp(m.r, (int)k) + 0x1p-1072};
                mm_dd n, d, t;
        \(body.map { "        " + $0 }.joined(separator: "\n"))
                const double unbounded = fabs(d.h) > d.r * (1 + 0x1p-40) ? 0.0 : NAN;
                mm_dd w = mm_dd_div(n, d);
        \(shifts.map { "        " + $0 }.joined(separator: "\n"))
                const int e = (int)((neg ? \(negative.shift).0 : \(positive.shift).0) * k);
                double y = ldexp(w.h, e), l = ldexp(w.l, e);
                double r = ldexp(w.r, e) + 0x1p-1072 + unbounded + (a < -1600.0 ? NAN : 0.0);
                int tail = 0;
        \(tails.joined(separator: "\n"))
                ys[i] = y;
                ls[i] = l;
                rs[i] = fabs(y) < INFINITY || tail ? r : NAN;
            }
            for (int i = 0; i < count; i++) {
                const double x = xs[i];
                if (x != x) { ys[i] = x; ls[i] = 0; rs[i] = 0; }
                else if (x == INFINITY) { ys[i] = \(plus.value); ls[i] = 0; rs[i] = \(plus.radius); }
                else if (x == -INFINITY) { ys[i] = \(minus.value); ls[i] = 0; rs[i] = \(minus.radius); }
        \(zero.map { "        else if (x == 0) { ys[i] = signbit(x) ? \($0.negative) : \($0.positive); ls[i] = 0; rs[i] = \($0.radius); }" } ?? "        else if (x == 0) rs[i] = NAN;")
            }
        }

        """
    }
}
