import Foundation
import MishNumbers
import MishSymbolic

/// C source for the fast half of the correctly rounded reference: an enclosure y ± r of an exp-rational f
/// in double, from f's side forms (``ExpRationalSideForm``, s = e^(−|x|), so no power of eˣ overflows).
///
/// e^a comes from ``ExpKernel`` (relative error below its proven bound, plus 2⁻¹⁰⁷⁴ absolute for a
/// subnormal or clamped result). Each polynomial in s is evaluated by Horner's rule beside the Horner of
/// its |cₖ|, which bounds the rounding a priori, plus a Lipschitz term for the error of s; the polynomials
/// are combined (× x, +, ÷) in midpoint-radius arithmetic, each operation adding the rounding of its
/// midpoint (|v|·2⁻⁵³, plus 2⁻¹⁰⁷⁴ for underflow) to the propagated radius; a quotient is formed only when
/// the divisor's enclosure excludes 0. The radius itself is computed in round-to-nearest (each fma or
/// operation within a factor 1 + 2⁻⁵³), so the harness widens it by a factor 1 + 2⁻⁴⁰ (far above
/// (1 + 2⁻⁵³)ⁿ for the n < 2¹³ operations of a reference). NaN, ±∞ (the exact limits) and ±0 (f(0), or the
/// signed zero f tends to) are answered exactly. Where the power of s factored out of the numerator makes
/// |f| < 2⁻⁴¹⁰, far below half the smallest f32, f16 or bf16 subnormal, the answer is the signed zero's
/// representative ±2⁻¹⁰⁷⁴: so this reference decides f32, f16 and bf16 only, never f64.
enum ReferenceSource {
    static func prelude(_ k: ExpKernel = .standard) -> String {
        var exp = [
            "static inline __attribute__((always_inline)) double mm_exp_neg(double a) {",
            "    const double b = (a < -1000.0) ? -1000.0 : a;",
            "    const double kd = fma(b, \(literal(k.inverseLn2)), \(literal(k.roundingShift))) - \(literal(k.roundingShift));",
            "    double t = fma(-kd, \(literal(k.ln2High)), b);",
            "    t = fma(-kd, \(literal(k.ln2Low)), t);",
            "    double p = \(literal(k.coefficients[k.degree]));",
        ]
        for c in k.coefficients.dropLast().reversed() { exp.append("    p = fma(p, t, \(literal(c)));") }
        exp += [
            "    const double shifted = fma(b, \(literal(k.inverseLn2)), \(literal(k.roundingShift)));",
            "    uint64_t kb;",
            "    memcpy(&kb, &shifted, sizeof kb);",
            "    const int64_t kk = (int64_t)(kb - UINT64_C(0x4338000000000000)), e1 = kk < -1000 ? -1000 : kk;",
            "    uint64_t b1 = (uint64_t)(e1 + 1023) << 52, b2 = (uint64_t)(kk - e1 + 1023) << 52;",
            "    double s1, s2;",
            "    memcpy(&s1, &b1, sizeof s1);",
            "    memcpy(&s2, &b2, sizeof s2);",
            "    return p * s1 * s2;",
            "}",
        ]
        return """
        typedef struct { double v, r; } mm_mr;

        static inline __attribute__((always_inline)) mm_mr mm_mr_add(mm_mr a, mm_mr b) {
            const double v = a.v + b.v;
            return (mm_mr){v, fma(fabs(v), 0x1p-53, a.r + b.r)};
        }

        static inline __attribute__((always_inline)) mm_mr mm_mr_mul(mm_mr a, mm_mr b) {
            const double v = a.v * b.v;
            return (mm_mr){v, fma(fabs(a.v), b.r, fma(fabs(b.v) + b.r, a.r, fma(fabs(v), 0x1p-53, 0x1p-1074)))};
        }

        /* The same with an exact operand c. */
        static inline __attribute__((always_inline)) mm_mr mm_mr_add_exact(mm_mr a, double c) {
            const double v = a.v + c;
            return (mm_mr){v, fma(fabs(v), 0x1p-53, a.r)};
        }

        static inline __attribute__((always_inline)) mm_mr mm_mr_mul_exact(mm_mr a, double c) {
            const double v = a.v * c;
            return (mm_mr){v, fma(a.r, fabs(c), fma(fabs(v), 0x1p-53, 0x1p-1074))};
        }

        /* b's enclosure must exclude 0 (checked by the caller). */
        static inline __attribute__((always_inline)) mm_mr mm_mr_div(mm_mr a, mm_mr b) {
            const double v = a.v / b.v, m = fabs(b.v);
            return (mm_mr){v, fma(a.r, m, fabs(a.v) * b.r) / (m * (m - b.r)) + fma(fabs(v), 0x1p-53, 0x1p-1074)};
        }

        /* e^a for a <= 0: Cody-Waite reduction and a degree-\(k.degree) polynomial, relative error below
           \(String(format: "%.3g", k.relativeErrorBound)) (proven by mish-math); 0 below a = -1000. */
        \(exp.joined(separator: "\n"))

        static inline __attribute__((always_inline)) mm_mr mm_mr_exp(double a) {
            const double s = mm_exp_neg(a);
            return (mm_mr){s, fma(s, \(literal(k.relativeErrorBound)), 0x1p-1074)};
        }

        """
    }

    /// `void NAME(const double *x, double *y, double *r, int n)` for f: |f(xᵢ) − yᵢ| ≤ rᵢ, or rᵢ = NaN where
    /// double cannot bound it. Branch-free (the coefficients of both sides selected by the sign of x, as in
    /// the kernels; an undecidable input gets a NaN added to its radius), so that the compiler vectorises
    /// the loop; NaN, ±∞, ±0 and each input beyond a tail threshold (``SpecialValue/tailShortcut(_:direction:double:)``,
    /// also when its block is not wholly beyond: random-dy sweeps mix the inputs) are answered after it.
    static func function(named name: String, _ f: ExpRational) -> String {
        let (negative, positive) = f.sideForms
        /// The coefficient pair selected by the sign of x: an exact double, or an enclosure when a
        /// coefficient does not fit a double's significand.
        func selected(_ n: BigInt, _ p: BigInt) -> (text: String, exact: Bool) {
            guard let en = exactDouble(n), let ep = exactDouble(p) else {
                return (n == p ? coefficient(n) : "(neg ? \(coefficient(n)) : \(coefficient(p)))", false)
            }
            return (en == ep ? literal(en) : "(neg ? \(literal(en)) : \(literal(ep)))", true)
        }
        func plus(_ target: String, _ c: (text: String, exact: Bool)) -> String {
            c.exact ? "mm_mr_add_exact(\(target), \(c.text))" : "mm_mr_add(\(target), \(c.text))"
        }
        /// Horner in s over paired rows (empty when both rows are zero). With exact coefficients, in plain
        /// double beside the same Horner of |cₖ|: |p̂(ŝ) − p(s)| ≤ (2n + 4)·2⁻⁵³·Σ|cₖ|ŝᵏ + L·|ŝ − s| with
        /// L = Σ k|cₖ| ≥ max |p′| on [0, 1] (ŝ exceeds 1 by 2⁻⁴⁶ at most, which the final widening covers),
        /// plus 2⁻¹⁰⁷⁰ for products that underflow; otherwise in midpoint-radius arithmetic.
        func horner(_ target: String, _ nr: [BigInt], _ pr: [BigInt]) -> [String] {
            guard let top = (0..<nr.count).last(where: { !nr[$0].isZero || !pr[$0].isZero }) else { return [] }
            let pairs = (0...top).map { selected(nr[$0], pr[$0]) }
            if pairs.allSatisfy(\.exact) {
                let n = exactDouble(nr[top].magnitude)!, p = exactDouble(pr[top].magnitude)!
                let absolute = n == p ? literal(n) : "(neg ? \(literal(n)) : \(literal(p)))"
                var lines = ["{", "    double v = \(pairs[top].text), a = \(absolute);"]
                for m in stride(from: top - 1, through: 0, by: -1) {
                    let an = exactDouble(nr[m].magnitude)!, ap = exactDouble(pr[m].magnitude)!
                    let a = an == ap ? literal(an) : "(neg ? \(literal(an)) : \(literal(ap)))"
                    lines.append("    v = fma(v, s.v, \(pairs[m].text));")
                    lines.append("    a = fma(a, s.v, \(a));")
                }
                let lipschitz = [nr, pr].map { row in row.enumerated().reduce(0.0) { $0 + Double($1.offset) * abs(exactDouble($1.element)!) } }.max()!
                let relative = Double(2 * top + 4) * 0x1p-53
                lines.append("    \(target) = (mm_mr){v, fma(a, \(literal(relative)), fma(\(literal(lipschitz)), s.r, 0x1p-1070))};")
                lines.append("}")
                return lines
            }
            var lines: [String] = []
            for m in stride(from: top, through: 0, by: -1) {
                let zero = nr[m].isZero && pr[m].isZero
                let c = pairs[m]
                if lines.isEmpty {
                    lines.append("\(target) = " + (c.exact ? "(mm_mr){\(c.text), 0}" : c.text) + ";")
                } else {
                    lines.append(zero ? "\(target) = mm_mr_mul(\(target), s);" : "\(target) = \(plus("mm_mr_mul(\(target), s)", c));")
                }
            }
            return lines
        }
        let body = quotientTerms(negative, positive, arithmetic: "mm_mr", zero: "(mm_mr){0, 0}", horner: horner)
        let shifted = negative.shift != 0 || positive.shift != 0
        let zero = valueAtZero(f)
        let origin = OriginSeriesEnclosure(f)
        let plus = limitValue(f, direction: 1), minus = limitValue(f, direction: -1)
        let shortcuts = [1, -1].compactMap { direction in SpecialValue.tailShortcut(f, direction: direction).map { (direction, $0) } }
        let blocks = shortcuts.map { direction, t -> String in
            let test = direction > 0 ? "xs[i] >= \(literal(t.threshold))" : "xs[i] <= \(literal(-t.threshold))"
            return """
                {
                    int beyond = 1;
                    for (int i = 0; i < count; i++) beyond &= (\(test)) & (fabs(xs[i]) < INFINITY);
                    if (beyond) {
                        for (int i = 0; i < count; i++) { const double x = xs[i]; ys[i] = \(t.value); rs[i] = \(t.radius); }
                        return;
                    }
                }
            """
        }
        return """
        void \(name)(const double *xs, double *ys, double *rs, int count) {
        \(blocks.isEmpty ? "" : "    /* Blocks beyond a far-tail threshold (see ReferenceSource.tailShortcut), answered without evaluation. */\n" + blocks.joined(separator: "\n"))
            for (int i = 0; i < count; i++) {
                const double x = xs[i];
                const int neg = x < 0;
                const double a = -fabs(x);
                const mm_mr s = mm_mr_exp(a);
                mm_mr n, d, t;
        \(body.map { "        " + $0 }.joined(separator: "\n"))
                const double unbounded = fabs(d.v) > d.r * (1 + 0x1p-40) ? 0.0 : NAN;
                const mm_mr q = mm_mr_div(n, d);
        \(shifted ? """
                const double m = (neg ? \(negative.shift).0 : \(positive.shift).0) * a;
                mm_mr w = q;
        \((0..<max(negative.shift, positive.shift)).map { k in
            "        w = " + (k < min(negative.shift, positive.shift) ? "mm_mr_mul(w, s);"
                : "\(k < negative.shift ? "neg" : "!neg") ? mm_mr_mul(w, s) : w;") }.joined(separator: "\n"))
                const double signKnown = (fabs(q.v) > q.r * (1 + 0x1p-40)) && (fabs(q.v) < 0x1p300) ? 0.0 : NAN;
                double y = m < -700 ? copysign(0x1p-1074, q.v) : w.v;
                double r = (m < -700 ? signKnown : w.r) + unbounded;
        """ : """
                double y = q.v, r = q.r + unbounded;
        """)
        \(origin.map { ["{"] + $0.cStatements().map { "    " + $0 } + ["}"] }.map { $0.map { "        " + $0 }.joined(separator: "\n") } ?? "")
                ys[i] = y;
                rs[i] = fabs(y) < INFINITY ? r : NAN;
            }
            for (int i = 0; i < count; i++) {
                const double x = xs[i];
                if (x != x) { ys[i] = x; rs[i] = 0; }
                else if (x == INFINITY) { ys[i] = \(plus.value); rs[i] = \(plus.radius); }
                else if (x == -INFINITY) { ys[i] = \(minus.value); rs[i] = \(minus.radius); }
        \(shortcuts.map { direction, t in
            "        else if ((\(direction > 0 ? "x >= \(literal(t.threshold))" : "x <= \(literal(-t.threshold))")) && fabs(x) < INFINITY) { ys[i] = \(t.value); rs[i] = \(t.radius); }\n"
        }.joined())\(zero.map { "        else if (x == 0) { ys[i] = signbit(x) ? \($0.negative) : \($0.positive); rs[i] = \($0.radius); }" } ?? "        else if (x == 0) rs[i] = NAN;")
            }
        }

        """
    }

    /// The C statements that leave N(x, s) in `n` and D(s) in `d` (temporary `t`): Horner in x over the rows,
    /// each row by `horner(target, negativeRow, positiveRow)` (no lines for a zero row), in the enclosure
    /// arithmetic named by `arithmetic` (its `_mul_exact` and `_add`) with `zero` its literal 0.
    static func quotientTerms(_ negative: ExpRationalSideForm, _ positive: ExpRationalSideForm, arithmetic: String, zero: String,
                              horner: (String, [BigInt], [BigInt]) -> [String]) -> [String] {
        var body: [String] = []
        var started = false
        for (nr, pr) in zip(negative.numerators, positive.numerators).reversed() {
            let t = horner("t", nr, pr)
            if !started {
                if t.isEmpty { continue }
                body += t + ["n = t;"]
                started = true
            } else {
                body += t.isEmpty ? ["n = \(arithmetic)_mul_exact(n, x);"] : t + ["n = \(arithmetic)_add(\(arithmetic)_mul_exact(n, x), t);"]
            }
        }
        if !started { body.append("n = \(zero);") }
        let d = horner("d", negative.denominator, positive.denominator)
        return body + (d.isEmpty ? ["d = \(zero);"] : d)
    }

    static func literal(_ c: Double) -> String {
        if c.isInfinite { return c < 0 ? "-INFINITY" : "INFINITY" }
        if c == 0 { return c.sign == .minus ? "-0.0" : "0.0" }
        return String(format: "%a", c)
    }

    /// The integer as a double when it is one exactly.
    static func exactDouble(_ q: Rational) -> Double? {
        let v = q.doubleValue
        return v.isFinite && BigFloat(v, precision: 53).exactRational == q ? v : nil
    }

    static func exactDouble(_ c: BigInt) -> Double? {
        let v = BigFloat(c, precision: 53).toDouble()
        return BigFloat(v, precision: 53).exactRational == Rational(c) ? v : nil
    }

    /// An integer coefficient as an enclosure: exact when it fits a double's significand.
    static func coefficient(_ c: BigInt) -> String {
        if let v = exactDouble(c) { return "(mm_mr){\(literal(v)), 0}" }
        let v = BigFloat(c, precision: 53).toDouble()
        return "(mm_mr){\(literal(v)), \(literal(abs(v) * 0x1p-52))}"
    }

    /// A special value as (value, radius) literals: radius 0 when the double is exact.
    static func literals(_ v: SpecialValue) -> (value: String, radius: String) {
        switch v {
        case .infinite(let negative): return (negative ? "-INFINITY" : "INFINITY", "0")
        case .zero(let negative): return (negative ? "-0.0" : "0.0", "0")
        case .rational(let q):
            let v = q.doubleValue
            let exact = v.isFinite && BigFloat(v, precision: 53).exactRational == q
            return (literal(v), exact ? "0" : literal(abs(v) * 0x1p-52 + 0x1p-1074))
        }
    }

    /// f(±∞) as its limit; a zero limit carries the sign f approaches it with.
    static func limitValue(_ f: ExpRational, direction: Int) -> (value: String, radius: String) {
        literals(SpecialValue.limit(f, direction: direction))
    }

    /// f(±0): f(0), or the signed zeros f tends to from each side. nil when Q(1) = 0.
    static func valueAtZero(_ f: ExpRational) -> (positive: String, negative: String, radius: String)? {
        guard let p = SpecialValue.atZero(f, negative: false), let n = SpecialValue.atZero(f, negative: true) else { return nil }
        let (pt, nt) = (literals(p), literals(n))
        return (pt.value, nt.value, pt.radius == "0" ? nt.radius : pt.radius)
    }
}

/// The exact values an exp-rational f takes at the special inputs: its limits at ±∞ and its value at ±0,
/// where a zero carries the sign f approaches it with (so mish(−∞) = −0 and mish(−0) = −0).
enum SpecialValue: Equatable {
    case rational(Rational)
    case zero(negative: Bool)
    case infinite(negative: Bool)

    /// A 200-bit value (exact for zeros and infinities).
    var bigFloat: BigFloat {
        switch self {
        case .rational(let q): return BigFloat(q, precision: 200)
        case .zero(let negative): return .zero(sign: negative ? -1 : 1, precision: 53)
        case .infinite(let negative): return .infinity(sign: negative ? -1 : 1, precision: 53)
        }
    }

    static func limit(_ f: ExpRational, direction: Int) -> SpecialValue {
        switch f.limit(direction: direction) {
        case .infinite(let sign): return .infinite(negative: sign < 0)
        case .finite(let q):
            let sides = f.sideForms
            return q.isZero ? .zero(negative: tailSign(direction < 0 ? sides.negative : sides.positive, direction: direction) < 0) : .rational(q)
        }
    }

    /// The sign of f toward x = direction·∞: of its leading term s^k·(Σᵢ xⁱ·nᵢ)/d, with nᵢ the coefficients
    /// of the lowest power of s in the numerator and d that of the denominator (all other terms are smaller
    /// by powers of s = e^(−|x|)).
    static func tailSign(_ form: ExpRationalSideForm, direction: Int) -> Int {
        guard let m0 = (0...form.degree).first(where: { m in form.numerators.contains { !$0[m].isZero } }),
              let d0 = form.denominator.first(where: { !$0.isZero }) else { return 1 }
        let top = form.numerators.lastIndex { !$0[m0].isZero }!
        return form.numerators[top][m0].signum * d0.signum * (direction < 0 && top % 2 == 1 ? -1 : 1)
    }

    /// The signed zero that f(x) rounds to in every format when x is so far out on a side whose form has
    /// shift k ≥ 1 and D(0) ≠ 0 that |f(x)| < 2⁻¹¹⁰⁰: there |f| ≤ e^(−k|x|)·Σᵢ|x|ⁱΣₘ|nᵢₘ| / (|D(0)|/2) (s ≤ 1,
    /// and |D(s)| ≥ |D(0)|/2 once s is tiny), computed in log₂ with a margin; the sign is that of the leading
    /// term, which dominates once |x| exceeds 1 + maxᵢ|nᵢ₀/n_top,0| (Cauchy's bound). nil otherwise (MPFR's
    /// exponent range ends near 2^(−2³⁰), so far tails need this). `form` is f's side form for x's sign.
    static func farTail(_ form: ExpRationalSideForm, x: Double) -> SpecialValue? {
        guard x.isFinite, abs(x) > 1e4 else { return nil }
        guard form.shift >= 1, let d0 = ReferenceSource.exactDouble(form.denominator[0]), d0 != 0 else { return nil }
        let tail = form.denominator.dropFirst().reduce(0.0) { $0 + abs(BigFloat($1, precision: 64).toDouble()) }
        let magnitude = abs(x)
        // s = e^(−|x|) < 2^(−14000) here, so Σ_{m≥1} |d_m| s^m < |D(0)|/2.
        guard tail * 0x1p-1000 < abs(d0) / 2 else { return nil }
        var log2Numerator = -Double.infinity
        for (i, row) in form.numerators.enumerated() {
            let sum = row.reduce(0.0) { $0 + abs(BigFloat($1, precision: 64).toDouble(rounding: .up)) }
            if sum > 0 { log2Numerator = Swift.max(log2Numerator, Foundation.log2(sum) + Double(i) * Foundation.log2(magnitude)) }
        }
        let terms = Foundation.log2(Double(form.numerators.count))
        let log2Bound = -Double(form.shift) * magnitude * 1.4426950408889634 + log2Numerator + terms + 1 - Foundation.log2(abs(d0)) + 1
        guard log2Bound < -1100 else { return nil }
        let constants = form.numerators.map { BigFloat($0[0], precision: 64).toDouble() }
        guard let top = constants.lastIndex(where: { $0 != 0 }) else { return nil }
        let cauchy = 1 + constants.map { abs($0 / constants[top]) }.max()!
        guard magnitude > cauchy * 2 else { return nil }
        return .zero(negative: tailSign(form, direction: x < 0 ? -1 : 1) < 0)
    }

    /// A threshold T beyond which (|x| ≥ T on the side `direction`) the enclosure needs no evaluation, as C
    /// expressions in x for the value and the radius; for the side form with s = e^(−|x|) ≤ e^(−T), u = |x|,
    /// D = Σₘ≥₁|dₘ| and |D(s)| ≥ |d₀| − D·s:
    /// - numerator divided by s^k (k ≥ 1) and d₀ ≠ 0: |f| ≤ s^k·Σᵢuⁱ·Σₘ|nᵢₘ| / (|d₀| − D·s) < 2⁻¹¹⁰⁰, and u beyond
    ///   twice Cauchy's bound of the leading term, so f has the tail's sign: the signed zero's representative
    ///   ±2⁻¹⁰⁷⁴ with radius 0 (as for the shifted forms below 2⁻⁷⁰⁰);
    /// - k = 0, d₀ ≠ 0 and one row i₀ with nᵢ₀,₀ ≠ 0: f = c·x^i₀ + (Σᵢxⁱ·Σₘ≥₁(nᵢₘ − cᵢdₘ)sᵐ)/D(s) with
    ///   c = nᵢ₀,₀/d₀ exact in double, and the correction below 2⁻⁶⁰·|c|u^i₀: the value c·x^i₀ (rounded
    ///   i₀ times) with radius |y|·(2⁻⁶⁰ + (i₀ + 1)·2⁻⁵²).
    /// Each bound, u^j·e^(−u) with j below T, decreases in u beyond T; it is evaluated in log₂ with doubles
    /// and four bits of margin (far above their rounding). nil when no T ≤ 2000 qualifies.
    ///
    /// `double` (the f64 reference, ``DoubleDoubleReferenceSource``): the zero below 2⁻²²⁰⁰ (so that dy·f
    /// stays below every f64 subnormal) as the signed zero itself, and the correction below 2⁻¹³⁰·|c|u^i₀,
    /// the value c·x^i₀ for i₀ ≤ 1 as a double-double (`low`: c·x's rounding error, exact by fma) with radius
    /// |y|·2⁻¹²⁸.
    static func tailShortcut(_ f: ExpRational, direction: Int, double: Bool = false)
        -> (threshold: Double, value: String, radius: String, low: String)? {
        let zeroExponent = double ? -2200.0 : -1100.0, relativeExponent = double ? -130.0 : -60.0
        let form = direction < 0 ? f.sideForms.negative : f.sideForms.positive
        if form.denominator[0].isZero {
            return growthShortcut(form, direction: direction, double: double)
        }
        guard let d0 = ReferenceSource.exactDouble(form.denominator[0]), d0 != 0 else { return nil }
        let magnitude = { (b: BigInt) in abs(BigFloat(b, precision: 64).toDouble(rounding: .up)) }
        let tailD = form.denominator.dropFirst().reduce(0.0) { $0 + magnitude($1) }
        let rows = form.numerators.enumerated().filter { !$0.element.allSatisfy(\.isZero) }
        guard !rows.isEmpty else { return nil }
        let log2e = 1.4426950408889634
        func log2Denominator(_ u: Double) -> Double { Foundation.log2(abs(d0) - tailD * Foundation.exp(-u)) }
        if form.shift >= 1 {
            let constants = form.numerators.map { BigFloat($0[0], precision: 64).toDouble() }
            guard let top = constants.lastIndex(where: { $0 != 0 }) else { return nil }
            let cauchy = 1 + constants.map { abs($0 / constants[top]) }.max()!
            let sign = tailSign(form, direction: direction)
            for t in stride(from: max(Double(form.numerators.count) + 1, (2 * cauchy).rounded(.up)), through: 2000, by: 1) {
                guard tailD * Foundation.exp(-t) < abs(d0) / 2 else { continue }
                let numerator = rows.reduce(0.0) { $0 + Foundation.pow(t, Double($1.offset)) * $1.element.reduce(0.0) { $0 + magnitude($1) } }
                let bound = -Double(form.shift) * t * log2e + Foundation.log2(numerator) - log2Denominator(t) + 4
                if bound < zeroExponent {
                    let zero = double ? (sign < 0 ? "-0.0" : "0.0") : (sign < 0 ? "-0x1p-1074" : "0x1p-1074")
                    return (t, zero, "0.0", "0.0")
                }
            }
            return nil
        }
        guard let (i0, ratio) = form.limitTerm, !double || i0 <= 1, let c = ReferenceSource.exactDouble(ratio) else { return nil }
        let corrections = rows.map { i, row -> (Int, Double) in
            let ci = i == i0 ? ratio : Rational(0)
            return (i, row.indices.dropFirst().reduce(0.0) { sum, m in
                sum + abs((Rational(row[m]) - ci * Rational(form.denominator[m])).doubleValue) * (1 + 0x1p-50) })
        }
        for t in stride(from: Double(form.numerators.count) + 1, through: 2000, by: 1) {
            guard tailD * Foundation.exp(-t) < abs(d0) / 2 else { continue }
            let sum = corrections.reduce(0.0) { $0 + Foundation.pow(t, Double($1.0 - i0)) * $1.1 }
            let bound = -t * log2e + Foundation.log2(sum) - Foundation.log2(abs(c)) - log2Denominator(t) + 4
            if sum == 0 || bound < relativeExponent {
                let power = i0 == 0 ? ReferenceSource.literal(c) : ([ReferenceSource.literal(c)] + Array(repeating: "x", count: i0)).joined(separator: " * ")
                if double {
                    let low = i0 == 0 ? "0.0" : "fma(\(ReferenceSource.literal(c)), x, -(\(power)))"
                    return (t, power, "fabs(\(power)) * 0x1p-128", low)
                }
                return (t, power, "fabs(\(power)) * \(ReferenceSource.literal(0x1p-60 + Double(i0 + 1) * 0x1p-52))", "0.0")
            }
        }
        return nil
    }

    /// A threshold T beyond which |f| > 2¹¹⁰⁰ on the side `direction`, where f grows like e^(m|x|): D(s) has
    /// lowest term d_m·s^m (m ≥ 1) and the numerator's value at s = 0, L(x) = Σᵢ nᵢ₀xⁱ, has top term
    /// n_k·x^k. For u = |x| ≥ T ≥ 1 with u ≥ 2C/|n_k| (C = Σᵢ₍ᵢ₌₀…ₖ₋₁₎|nᵢ₀|) and E·u^R·e^(−u) ≤ |n_k|u^k/4
    /// (E = Σᵢ Σₘ≥₁ |nᵢₘ|, R the top row; both keep holding as u grows once T ≥ R − k), the numerator is at
    /// least |n_k|u^k/4 and |D(s)| ≤ s^m·Σ|dⱼ|, so |f| ≥ e^(m·u)·|n_k|u^k/(4Σ|dⱼ|), increasing in u; this is
    /// checked above 2¹¹⁰⁰ in log₂ with four bits of margin. The value is the representative ±2¹⁰²³ with
    /// radius 0 (it rounds to ±∞ in f32, f16 and bf16, as |f| does, also times any dy ≥ 2⁻⁸⁹⁰), its sign that
    /// of n_k·d_m·sign(x)^k; `double` (the f64 reference): ±∞ itself, which f64 rounds |f| > 2¹¹⁰⁰ to, times
    /// any nonzero dy. nil when L vanishes or no T ≤ 2000 qualifies.
    static func growthShortcut(_ form: ExpRationalSideForm, direction: Int, double: Bool = false)
        -> (threshold: Double, value: String, radius: String, low: String)? {
        let m = form.growth
        guard m > 0, let k = form.numerators.lastIndex(where: { !$0[0].isZero }) else { return nil }
        let magnitude = { (b: BigInt) in abs(BigFloat(b, precision: 64).toDouble(rounding: .up)) }
        let top = abs(BigFloat(form.numerators[k][0], precision: 64).toDouble(rounding: .down))
        let lower = form.numerators[..<k].reduce(0.0) { $0 + magnitude($1[0]) }
        let rest = form.numerators.reduce(0.0) { sum, row in sum + row.dropFirst().reduce(0.0) { $0 + magnitude($1) } }
        let denominator = form.denominator.reduce(0.0) { $0 + magnitude($1) }
        let r = form.numerators.count - 1
        let sign = form.numerators[k][0].signum * form.denominator[m].signum * (direction < 0 && k % 2 == 1 ? -1 : 1)
        let log2e = 1.4426950408889634
        for t in stride(from: max(1.0, Double(r - k)), through: 2000, by: 1) {
            guard t >= 2 * lower / top * (1 + 0x1p-40) else { continue }
            guard rest == 0 || Foundation.log2(rest) + Double(r - k) * Foundation.log2(t) - t * log2e + 4 <= Foundation.log2(top / 4) else { continue }
            let bound = Double(m) * t * log2e + Foundation.log2(top / 4) + Double(k) * Foundation.log2(t) - Foundation.log2(denominator) - 4
            if bound > 1100 {
                if double { return (t, sign < 0 ? "-INFINITY" : "INFINITY", "0.0", "0.0") }
                return (t, sign < 0 ? "-0x1p1023" : "0x1p1023", "0.0", "0.0")
            }
        }
        return nil
    }

    /// f(0) = P₀(1)/Q(1); when it is 0, the sign f approaches 0 with from the side of `negative`, by the
    /// first derivative that does not vanish at 0. nil when Q(1) = 0 or 12 derivatives vanish.
    static func atZero(_ f: ExpRational, negative: Bool) -> SpecialValue? {
        guard let v = f.valueAtOrigin else { return nil }
        if !v.isZero { return .rational(v) }
        var g = f
        for k in 1...12 {
            g = g.derivative()
            guard let c = g.valueAtOrigin else { return nil }
            if c.isZero { continue }
            return .zero(negative: c.signum * (negative && k % 2 == 1 ? -1 : 1) < 0)
        }
        return nil
    }
}
