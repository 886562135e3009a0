import MishNumbers
import MishSymbolic

/// A function to evaluate at a certified root, with the two derivatives its enclosure needs.
public struct ValueAtRoot: Sendable {
    /// h, h′ and h″ as expressions (exp-rational h in Horner form, built on demand: the certificate encloses
    /// exp-rational h from its normal form, sharing eˣ with g).
    public var h: Expr { rational?.h.hornerExpr ?? expressions!.h }
    public var hPrime: Expr { rational?.hPrime.hornerExpr ?? expressions!.hPrime }
    public var hSecond: Expr { rational?.hSecond.hornerExpr ?? expressions!.hSecond }
    let expressions: (h: Expr, hPrime: Expr, hSecond: Expr)?
    let rational: (h: ExpRational, hPrime: ExpRational, hSecond: ExpRational)?

    /// h, with h′ and h″ by the engine.
    public init(_ h: Expr) {
        self.init(h, rational: ExpRational(h))
    }

    /// h given as an exp-rational normal form (no expression is built); `derivative`, h′ when the caller has it.
    public init(_ r: ExpRational, derivative: ExpRational? = nil) {
        self.init(nil, rational: r, derivative: derivative)
    }

    private init(_ h: Expr?, rational r: ExpRational?, derivative: ExpRational? = nil) {
        if let r {
            let r1 = derivative ?? r.derivative()
            rational = (r, r1, r1.derivative())
            expressions = nil
        } else {
            rational = nil
            let h1 = h!.derivative()
            expressions = (h!, h1, h1.derivative())
        }
    }

    /// h″(X) for a term multiplied by a tiny radius: double intervals when bounded.
    func secondDerivativeEnclosure(over x: BigInterval) -> BigInterval {
        if let r = rational {
            let fast = r.hSecond.enclosure(at: DoubleInterval(enclosing: x))
            return (fast.isBounded ? fast.bigInterval(precision: x.precision) : nil) ?? r.hSecond.enclosure(at: x)
        }
        return expressions!.hSecond.enclosure(at: x, precision: x.precision)
    }
}

/// A zero of g proven unique in its isolating box, and the values of the requested functions there.
public struct CertifiedRoot: Sendable {
    /// x*, to the requested digits (certified unless `x.caveat` says otherwise).
    public let x: CertifiedDecimal
    /// h(x*) for each requested h, in order.
    public let values: [CertifiedDecimal]
    /// The sign of g′(x*).
    public let slope: Int
    /// The working precision of the final interval Newton step (bits).
    public let precision: Int
    /// True when g vanishes exactly at a rational x* (then `x.text` is exact).
    public let isExact: Bool
}

extension CertifiedRoot {
    /// The root of f(x) = F(c·x) (c > 0) from this root y* of F's: x* = y*/c, and each value vⱼ times `valueScales[j]`
    /// (cʲ for F⁽ʲ⁾(y*) = f⁽ʲ⁾(x*)/cʲ), every enclosure divided or multiplied outward and its `digits` decided anew.
    func dividingX(by c: Rational, valueScales: [Rational], digits: Int) throws -> CertifiedRoot {
        func decided(_ e: BigInterval, precision: Int) throws -> CertifiedDecimal {
            try DecimalCertifier.decide(e, digits: digits, precision: precision)
                ?? DecimalCertifier.undecided(e, digits: digits, precision: precision, overflow: false)
        }
        let p = precision + 64
        let mappedValues = try zip(values, valueScales).map { v, scale in
            try decided(v.enclosure * BigInterval(scale, precision: p), precision: p)
        }
        return CertifiedRoot(x: try decided(x.enclosure / BigInterval(c, precision: p), precision: p), values: mappedValues,
                             slope: slope, precision: precision, isExact: false)
    }
}

public enum RootRefinementError: Error, CustomStringConvertible, Equatable {
    case noConvergence(String)
    public var description: String {
        switch self {
        case .noConvergence(let why): return "the root finder did not converge: \(why)"
        }
    }
}

/// Newton's method with precision doubling, then one interval Newton step at full precision.
///
/// From the isolating box, a safeguarded Newton/bisection at 128 bits reaches ~100 correct bits. Each
/// Newton step then doubles the bits: the step at p bits evaluates g and g′ at p bits (sharing eˣ, or, for
/// exp-rational forms iterated on u = eˣ, sharing x = log u), so reaching P/2 bits costs about one
/// evaluation at P/2. The last step is the certificate: with m the
/// P/2-bit iterate and X = m ± r (r a few times the Newton correction), the interval Newton operator
/// N(X) = m − g(m)/g′(X) at P bits, with g′(X) ⊆ g′(m) + g″(X)·[−r, r] (g″ at 128 bits), proves a unique
/// zero in N(X) when N(X) ⊆ X and 0 ∉ g′(X), and N(X) has width ~2⁻ᴾ because |g(m)| ~ 2^(−P/2).
/// Values h(x*) come from the same evaluation at m: h(x*) ∈ h(m) + h′(m)·(N − m) + h″(X)·(N − m)²/2.
public enum RootRefinement {
    static let guardBits = 32
    /// Bits beyond 4× the starting precision that the steps may reach to decide the values h(x*): at a
    /// critical point h′(x*) = 0, h(x*) is known to about h″·|X|²/2 for an enclosure X of x*, whose width is
    /// bounded by x*'s magnitude, so a tiny h(x*) far from 0 (e^(−1000) at x* ≈ 1000) needs x* to about half
    /// the bits of h(x*)'s exponent beyond its own.
    static let extraValueBits = 8192

    /// `progress` receives a line per stage (for long runs: a Newton step or certificate at 10⁶ digits takes
    /// seconds).
    public static func refine(_ form: SignEquivalentForm, in piece: RootIsolation.Piece, digits: Int,
                              values: [ValueAtRoot] = [], progress: ((String) -> Void)? = nil) throws -> CertifiedRoot {
        if case .multipleZero(let q, let m, let right) = piece.kind {
            // Odd m: g changes sign at q as a simple zero with g′ of sign `right` would; even m: it does not (0).
            return try exactRoot(q, digits: digits, values: values, slope: m % 2 == 1 ? right : 0)
        }
        guard case .simpleZero(let slope) = piece.kind else {
            throw RootRefinementError.noConvergence("the box does not isolate a zero")
        }
        let start = DecimalCertifier.startingPrecision(digits: digits)
        let limit = 4 * start + extraValueBits
        var x = try bracketedNewton(form, piece, slope: slope)
        if let exact = try exactZero(form, near: x, digits: digits, values: values, slope: slope) { return exact }
        var p = start
        while true {
            progress?("Newton's method with precision doubling to \(p / 2 + guardBits) bits")
            let iterate = try newton(form, from: x, toBits: p / 2 + guardBits, piece: piece, values: values,
                                     certificatePrecision: p)
            progress?("interval Newton certificate at \(p) bits")
            guard let step = certify(form, at: iterate, precision: p, piece: piece, values: values) else {
                if p >= limit {
                    throw RootRefinementError.noConvergence("the interval Newton step did not contract at \(p) bits")
                }
                p *= 2
                x = iterate.x(precision: p)
                continue
            }
            progress?("deciding \(digits) digits")
            let xd = DecimalCertifier.decide(step.root, digits: digits, precision: p)
            let vd = step.values.map { DecimalCertifier.decide($0, digits: digits, precision: p) }
            if let xd, vd.allSatisfy({ $0 != nil }) {
                return CertifiedRoot(x: xd, values: vd.map { $0! }, slope: slope, precision: p, isExact: false)
            }
            if p >= limit {
                return CertifiedRoot(x: try xd ?? DecimalCertifier.undecided(step.root, digits: digits, precision: p, overflow: false),
                                     values: try zip(vd, step.values).map {
                                         try $0 ?? DecimalCertifier.undecided($1, digits: digits, precision: p, overflow: false)
                                     },
                                     slope: slope, precision: p, isExact: false)
            }
            x = step.root.midpoint
            p *= 2
        }
    }

    /// x* = a/b, the fraction with b ≤ 1000 within 2⁻⁴⁰·max(1, |x|) of the approximation x (≥ 50 bits; a
    /// convergent of its continued fraction), when g vanishes there identically (checked symbolically; the
    /// box holds one zero, so it is this one). The values h(a/b) are then evaluated from the exact point, so
    /// that an exact value (0 at the minimum of (x − 1/3)²) is printed as such.
    static func exactZero(_ form: SignEquivalentForm, near x: BigFloat, digits: Int,
                          values: [ValueAtRoot], slope: Int) throws -> CertifiedRoot? {
        guard let fraction = smallFraction(near: x.toDouble()) else { return nil }
        guard form.g.substituting(x: .number(fraction)).isZero else { return nil }
        return try exactRoot(fraction, digits: digits, values: values, slope: slope)
    }

    /// The root x* = a/b, exact, with the values h(a/b) evaluated from the exact point.
    static func exactRoot(_ fraction: Rational, digits: Int, values: [ValueAtRoot], slope: Int) throws -> CertifiedRoot {
        let q = Expr.number(fraction)
        let vs = try values.map { try $0.h.substituting(x: q).certifiedValue(at: nil, digits: digits) }
        let p = DecimalCertifier.startingPrecision(digits: digits)
        let root = fraction.denominator == 1
            ? CertifiedDecimal(text: fraction.numerator.description, significantDigits: digits, isCertified: true, caveat: nil,
                               enclosure: BigInterval(fraction, precision: p), workingPrecision: p)
            : try DecimalCertifier.certify(significantDigits: digits) { BigInterval(fraction, precision: $0) }
        return CertifiedRoot(x: root, values: vs, slope: slope, precision: root.workingPrecision, isExact: true)
    }

    /// The continued-fraction convergent a/b of x with b ≤ 1000 that lies within 2⁻⁴⁰·max(1, |x|) of x, if any.
    static func smallFraction(near x: Double) -> Rational? {
        guard x.isFinite, abs(x) < 1e9 else { return nil }
        let tolerance = 0x1p-40 * Swift.max(1, abs(x))
        var (p0, q0, p1, q1) = (0.0, 1.0, 1.0, 0.0)
        var rest = x
        for _ in 0..<20 {
            let a = rest.rounded(.down)
            (p0, q0, p1, q1) = (p1, q1, a * p1 + p0, a * q1 + q0)
            if q1 > 1000 { return nil }
            if abs(x - p1 / q1) <= tolerance { return Rational(Int(p1), Int(q1)) }
            let f = rest - a
            if f == 0 { return nil }
            rest = 1 / f
        }
        return nil
    }

    /// A start for the precision-doubling Newton steps: Newton's method with bisection in Double arithmetic
    /// (~50 bits, its bracket confirmed at 128 bits), or, when Double evaluation cannot keep the signs,
    /// bisection-safeguarded Newton at 128 bits (~100 bits). Both bisect when a Newton step would leave the
    /// bracket or is not below half the step before the last (as in rtsafe): far from the root of an
    /// exponential, Newton's steps shrink to about 1 per step, and bisection halves the bracket instead.
    static func bracketedNewton(_ form: SignEquivalentForm, _ piece: RootIsolation.Piece, slope: Int) throws -> BigFloat {
        let p = 128
        var lo = piece.lower.rounded(toPrecision: p, rounding: .down), hi = piece.upper.rounded(toPrecision: p, rounding: .up)
        var x = lo.adding(hi, precision: p).value.scaled(byPowerOfTwo: -1)
        if let (a, b, estimate) = doubleBracket(form, lo.toDouble(rounding: .up), hi.toDouble(rounding: .down), slope: slope) {
            let da = BigFloat(a, precision: p), db = BigFloat(b, precision: p)
            if lo <= da && db <= hi && da <= db && a <= estimate && estimate <= b {
                return BigFloat(estimate, precision: p)
            }
        }
        var last = Double.infinity, beforeLast = Double.infinity
        for _ in 0..<400 {
            let v = form.values(at: x, precision: p)
            if v.g.isZero { return x }
            let step = v.g.divided(by: v.gPrime, precision: p).value
            let scale = BigFloat.max(x.magnitude, BigFloat(1, precision: 64))
            if step.isFinite && step.magnitude <= scale.scaled(byPowerOfTwo: -100) {
                return x.subtracting(step, precision: p).value
            }
            if v.g.signum == slope { hi = x } else { lo = x }
            var next = x.subtracting(step, precision: p).value
            if !next.isFinite || next <= lo || next >= hi || !(2 * step.magnitude.toDouble() <= beforeLast) {
                next = lo.adding(hi, precision: p).value.scaled(byPowerOfTwo: -1)
            }
            (beforeLast, last) = (last, next.subtracting(x, precision: 64).value.magnitude.toDouble())
            x = next
            if hi.subtracting(lo, precision: 64).value <= scale.scaled(byPowerOfTwo: -110) { return x }
        }
        throw RootRefinementError.noConvergence("Newton's method with bisection did not reach 100 bits in 400 steps")
    }

    /// A bracket [a, b] of width ~10⁻¹²·max(1, |x|) inside [lo, hi], from Newton's method with bisection in
    /// Double arithmetic; nil unless g(a), g(b) are proven (at 128 bits) to have the signs −slope, +slope.
    static func doubleBracket(_ form: SignEquivalentForm, _ lo: Double, _ hi: Double, slope: Int) -> (Double, Double, Double)? {
        guard lo.isFinite, hi.isFinite, lo < hi else { return nil }
        var a = lo, b = hi
        var x = (a + b) / 2
        var last = Double.infinity, beforeLast = Double.infinity
        for _ in 0..<200 {
            let v = form.values(at: x)
            guard v.g.isFinite, v.gPrime.isFinite else { return nil }
            if v.g == 0 { a = x.nextDown; b = x.nextUp; break }
            if (v.g > 0) == (slope > 0) { b = x } else { a = x }
            let step = v.g / v.gPrime
            var next = x - step
            if !(next > a && next < b) || !(2 * abs(step) <= beforeLast) { next = (a + b) / 2 }
            (beforeLast, last) = (last, abs(next - x))
            let scale = max(abs(next), 1)
            if abs(next - x) <= 1e-13 * scale {
                // The ends 10⁻¹² away on both sides (within the box), not the last bracket: an end at the
                // root itself has no sign that double intervals prove.
                x = next
                a = max(lo, next - 1e-12 * scale)
                b = min(hi, next + 1e-12 * scale)
                break
            }
            x = next
            if b - a <= 1e-12 * scale { break }
        }
        return form.provenSign(at: a) == -slope && form.provenSign(at: b) == slope ? (a, b, x) : nil
    }

    /// The result of the precision-doubling Newton steps: x itself, or, for exp-rational forms, u = eˣ, or
    /// x = base + offset with e^base enclosed at the certificate's precision.
    enum Iterate {
        case x(BigFloat)
        /// An exact u > 0 approximating e^(x*): x = log u, from a logarithm instead of an exponential.
        case u(BigFloat)
        /// x = base + offset, e^base ∈ `exponential` (a ball at the certificate's precision), |offset| small:
        /// e^x = e^base·e^offset by ``BigBall/smallArgumentExp()``.
        case shifted(base: BigFloat, exponential: BigBall, offset: BigFloat)

        func x(precision p: Int) -> BigFloat {
            switch self {
            case .x(let x): return x
            case .u(let u): return u.log(precision: p)
            case .shifted(let base, _, let offset): return base.adding(offset, precision: p).value
            }
        }
    }

    /// The precision of a Newton correction g/g′ at a step to p bits: the iterate is already right to about
    /// p/2 + 32 bits (the schedule halves and adds ``guardBits``), so the correction, of that size, needs only
    /// p/2 + 64 bits of its own: g′ and the quotient at that precision (g itself at p, where it cancels).
    static func correctionPrecision(_ p: Int) -> Int { Swift.min(p, p / 2 + 64) }

    /// Up to this precision a Newton step on u takes e^x of the iterate kept as x instead of log u: MPFR's
    /// exponential costs less there (200 bits: 1.9 against 3.3 µs; 900: 8.7 against 10.7), its logarithm above
    /// about 1700 bits.
    static let exponentialStepBits = 1024

    /// Steps above 1/d of the certificate's precision P correct an offset from one logarithm at P instead of
    /// taking a logarithm each: d = 16, and 8 below 16 384 bits, where a logarithm at P/8 is cheaper than the
    /// longer Taylor series of e^offset that d = 16 leaves (10³ digits: 0.187 against 0.192 ms; 10⁶ digits:
    /// d = 8 is 5–9 % slower, 10⁴ and 10⁵ alike).
    static func offsetStepDivisor(_ p: Int) -> Int { p < 16_384 ? 8 : 16 }

    /// Newton steps at doubling precision from ≥ 50 bits to `bits` (the first at 97…192 bits).
    ///
    /// Exp-rational forms (and values) iterate on u = eˣ instead: for G(u) = g(log u, u), G′(u) = g′/u and
    /// the step is u − u·g/g′, with x = log u at each precision (up to ``exponentialStepBits``, u = eˣ of x kept too). MPFR's logarithm costs 15–25 % less than its
    /// exponential from 10³ to 10⁶ digits (``BigBall/logarithm(of:precision:)``). Given the certificate's
    /// precision P, the steps above P/16 bits (P/8 below 16 384, ``offsetStepDivisor(_:)``) take one logarithm, base = log u at P bits, and then iterate on
    /// x = base + offset with e^x = u·e^offset, |offset| ≲ 2^(−P/16), from Taylor's series: the logarithms
    /// at P/2, P/4, … (about 0.8 of the one at P) become ~16 multiplications at P bits, and the certificate
    /// reuses base and u.
    static func newton(_ form: SignEquivalentForm, from x0: BigFloat, toBits bits: Int, piece: RootIsolation.Piece,
                       values: [ValueAtRoot] = [], certificatePrecision: Int? = nil) throws -> Iterate {
        var schedule: [Int] = []
        var b = bits
        while b > 96 {
            schedule.append(b)
            b = b / 2 + guardBits
        }
        guard let r = form.rational, values.allSatisfy({ $0.rational != nil }), let first = schedule.last else {
            var x = x0
            for p in schedule.reversed() {
                let v = form.values(at: x, precision: p)
                if v.g.isZero { continue }
                x = x.subtracting(v.g.divided(by: v.gPrime, precision: p).value, precision: p).value
                guard x.isFinite, piece.lower <= x, x <= piece.upper else {
                    throw RootRefinementError.noConvergence("a Newton step at \(p) bits left the isolating box")
                }
            }
            return .x(x)
        }
        let cut = certificatePrecision.map { $0 / offsetStepDivisor($0) + 2 * guardBits } ?? Int.max
        let logSteps = schedule.reversed().filter { $0 == first || $0 <= cut }
        let offsetSteps = schedule.reversed().filter { $0 != first && $0 > cut }
        var u = x0.exp(precision: first)
        // Up to exponentialStepBits the iterate is also kept as x (e^x cheaper than log u there), u = e^x as rounded.
        var known: BigFloat? = x0
        for p in logSteps {
            let x: BigFloat
            if p <= exponentialStepBits, let k = known {
                x = k
                if p != first { u = x.exp(precision: p) }
            } else {
                x = u.log(precision: p)
            }
            guard x.isFinite, piece.lower <= x, x <= piece.upper else {
                throw RootRefinementError.noConvergence("a Newton step at \(p / 2 + guardBits) bits left the isolating box")
            }
            let g = r.g.evaluate(x: x, u: u, precision: p)
            known = nil
            if g.isZero { continue }
            let q = correctionPrecision(p)
            let ratio = g.divided(by: r.gPrime.evaluate(x: x.rounded(toPrecision: q), u: u.rounded(toPrecision: q), precision: q), precision: q).value
            if p <= exponentialStepBits { known = x.subtracting(ratio, precision: p).value }
            u = u.subtracting(u.multiplied(by: ratio, precision: q).value, precision: p).value
            guard u.isFinite, u.signum > 0 else {
                throw RootRefinementError.noConvergence("a Newton step at \(p) bits left the isolating box")
            }
        }
        guard let full = certificatePrecision, !offsetSteps.isEmpty,
              let (base, exponential) = BigBall.logarithm(of: u, precision: full) else { return .u(u) }
        var offset = BigFloat(0, precision: 64)
        for p in offsetSteps {
            let x = base.adding(offset, precision: p).value
            guard x.isFinite, piece.lower <= x, x <= piece.upper,
                  let shift = BigBall(offset, precision: p).smallArgumentExp() else {
                throw RootRefinementError.noConvergence("a Newton step at \(p) bits left the isolating box")
            }
            let ux = exponential.midpoint.rounded(toPrecision: p).multiplied(by: shift.midpoint, precision: p).value
            let g = r.g.evaluate(x: x, u: ux, precision: p)
            if g.isZero { continue }
            let q = correctionPrecision(p)
            let step = g.divided(by: r.gPrime.evaluate(x: x.rounded(toPrecision: q), u: ux.rounded(toPrecision: q), precision: q), precision: q).value
            offset = offset.subtracting(step, precision: p).value
        }
        return .shifted(base: base, exponential: exponential, offset: offset)
    }

    struct Step {
        let root: BigInterval
        let values: [BigInterval]
    }

    /// m and g(m), g′(m), then h(m), h′(m) for each h. Exp-rational forms share one eᵐ at p bits and are
    /// evaluated in ball arithmetic (one rounding per operation); the derivatives, which the step multiplies
    /// by |N − m| ~ 2^(−p/2), at p/2 + 64 bits. From a u iterate, m = log u rounded at p bits and eᵐ is the
    /// ball u ± u(e^η − 1) (``BigBall/logarithm(of:precision:)``): no exponential at p bits. From a shifted
    /// iterate, m = base + offset rounded at p bits and eᵐ = e^base·e^(m − base), the second factor by
    /// Taylor's series: no transcendental function at p bits beyond the one logarithm that gave base.
    static func pointValues(_ form: SignEquivalentForm, at iterate: Iterate, precision p: Int,
                            values: [ValueAtRoot]) -> (m: BigFloat, values: [BigInterval]) {
        guard let r = form.rational, values.allSatisfy({ $0.rational != nil }) else {
            let m = iterate.x(precision: p)
            let exprs = [form.g, form.gPrime] + values.flatMap { [$0.h, $0.hPrime] }
            return (m, Expr.evaluate(exprs, in: IntervalAlgebra(x: BigInterval(m), precision: p)))
        }
        let m: BigFloat, u: BigBall
        if case .u(let iterateU) = iterate, let pair = BigBall.logarithm(of: iterateU, precision: p) {
            (m, u) = pair
        } else if case .shifted(let base, let exponential, let offset) = iterate, exponential.precision == p,
                  case let point = base.adding(offset, precision: p).value,
                  let shift = (BigBall(point, precision: p) + -BigBall(base, precision: p)).smallArgumentExp() {
            (m, u) = (point, exponential * shift)
        } else {
            m = iterate.x(precision: p)
            u = BigBall(m, precision: Swift.max(p, m.precision)).exp()
        }
        let width = Swift.max(p, m.precision)
        let x = BigBall(m, precision: width)
        let q = Swift.min(p, p / 2 + 64)
        let xLow = BigBall(m, precision: q)
        let uLow = u.rounded(toPrecision: q)
        var out = [r.g.enclosure(x: x, u: u), r.gPrime.enclosure(x: xLow, u: uLow)]
        for v in values {
            out.append(v.rational!.h.enclosure(x: x, u: u))
            out.append(v.rational!.hPrime.enclosure(x: xLow, u: uLow))
        }
        return (m, out.map(\.interval))
    }

    /// X with its ends rounded outward to q bits (no narrower than X).
    static func outward(_ x: BigInterval, toPrecision q: Int) -> BigInterval {
        guard q < x.precision, !x.isUndefined else { return x }
        return BigInterval(lower: x.lower.rounded(toPrecision: q, rounding: .down), upper: x.upper.rounded(toPrecision: q, rounding: .up))
    }

    /// The interval Newton step at m with precision p; nil when it does not contract.
    static func certify(_ form: SignEquivalentForm, at iterate: Iterate, precision p: Int, piece: RootIsolation.Piece,
                        values: [ValueAtRoot]) -> Step? {
        let (m, at) = pointValues(form, at: iterate, precision: p, values: values)
        let point = BigInterval(m)
        let gm = at[0], gpm = at[1]
        guard !gm.isUndefined, !gpm.isUndefined, !gpm.containsZero else { return nil }
        let correction = gm.midpoint.divided(by: gpm.midpoint, precision: 64).value.magnitude
        let floor = BigFloat.max(m.magnitude, BigFloat(1, precision: 64)).scaled(byPowerOfTwo: -p + 8)
        var r = BigFloat.max(correction.scaled(byPowerOfTwo: 2), floor)
        // The step and the offset N − m are about |m|·2^(−p/2): q bits keep them to ~2^(−p−32)·|m| (outward
        // rounding only widens), so g(m)/g′(X) and the value corrections cost operations at q bits, not p.
        let below = Swift.max(0, (BigFloat.max(m.magnitude, BigFloat(1, precision: 64)).binaryExponent ?? 0) - (r.binaryExponent ?? 0))
        let q = Swift.min(p, Swift.max(128, p - below + 32))
        let gmShort = outward(gm, toPrecision: q)
        for _ in 0..<3 {
            let radius = BigInterval(lower: -r, upper: r)
            let x = point + radius
            let low = outward(x, toPrecision: 128)
            let gpX = gpm + form.coarseEnclosure(2, over: low) * radius
            if !gpX.containsZero && !gpX.isUndefined {
                let n = point - gmShort / gpX
                if x.lower <= n.lower && n.upper <= x.upper && piece.lower <= n.lower && n.upper <= piece.upper {
                    let offset = outward(n - point, toPrecision: q)
                    let half = BigInterval(Rational(1, 2), precision: 64)
                    let vs = values.enumerated().map { i, v in
                        at[2 + 2 * i] + at[3 + 2 * i] * offset
                            + v.secondDerivativeEnclosure(over: low) * offset.pow(2) * half
                    }
                    return Step(root: n, values: vs)
                }
            }
            r = r.scaled(byPowerOfTwo: 4)
        }
        return nil
    }
}
