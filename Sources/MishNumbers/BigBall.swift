import Foundation
internal import CMPFR

/// A ball m ± r of real numbers: the midpoint m rounded to nearest at `precision` bits, the radius r an upper
/// bound kept as a double mantissa and an integer exponent (no allocation, any magnitude).
///
/// Each operation costs one `precision`-bit operation on the midpoints, where ``BigInterval`` costs two
/// (one per endpoint); the radius collects the propagated radii and the midpoint's rounding error, at most
/// |m|·2^(−precision) (zero when MPFR reports the result exact). For x ∈ A and y ∈ B, x ∘ y ∈ A ∘ B:
/// (a ± r)(b ± s) ⊆ ab ± (|a|s + |b|r + rs), (a ± r)/(b ± s) ⊆ a/b ± (|a|s + |b|r)/(|b|(|b| − s)) when
/// |b| > s, e^(a ± r) ⊆ e^a ± e^a·(e^r − 1). Full-precision evaluation at a point (the interval Newton
/// certificate) is where this halves the cost.
public struct BigBall: EnclosureArithmetic {
    public let midpoint: BigFloat
    let bound: Magnitude
    public let precision: Int

    init(midpoint: BigFloat, bound: Magnitude, precision: Int) {
        self.midpoint = midpoint
        self.bound = bound
        self.precision = precision
    }

    /// m ± r (r ≥ 0).
    public init(midpoint: BigFloat, radius: BigFloat, precision: Int) {
        self.init(midpoint: midpoint, bound: Magnitude(above: radius), precision: precision)
    }

    /// The point x rounded to `precision` bits, with that rounding error as the radius.
    public init(_ x: BigFloat, precision: Int) {
        let r = BigFloat.make(precision: precision) { mpfr_set($0, x.x, MPFR_RNDN) }
        self = BigBall.ball(r, propagated: .zero, precision: precision)
    }

    /// The radius as a 64-bit number.
    public var radius: BigFloat { bound.bigFloat }

    /// A rounded midpoint with the radius `propagated` plus its own rounding error.
    static func ball(_ r: RoundedBigFloat, propagated: Magnitude, precision p: Int) -> BigBall {
        if r.value.isNaN { return .undefined(precision: p) }
        let rounding = r.ternary == 0 ? Magnitude.zero : Magnitude(above: r.value).scaled(-p)
        return BigBall(midpoint: r.value, bound: propagated + rounding, precision: p)
    }

    static func undefined(precision p: Int) -> BigBall {
        BigBall(midpoint: .nan(precision: p), bound: .infinity, precision: p)
    }

    /// The same ball with its midpoint rounded to q bits.
    public func rounded(toPrecision q: Int) -> BigBall {
        let m = midpoint
        return BigBall.ball(BigFloat.make(precision: q) { mpfr_set($0, m.x, MPFR_RNDN) }, propagated: bound, precision: q)
    }

    /// The same set as an interval at `precision` bits (ends rounded outward).
    public var interval: BigInterval {
        if midpoint.isNaN || !bound.isFinite { return .undefined(precision: precision) }
        let r = bound.bigFloat
        return BigInterval(lower: midpoint.subtracting(r, precision: precision, rounding: .down).value,
                           upper: midpoint.adding(r, precision: precision, rounding: .up).value)
    }

    public static func + (a: BigBall, b: BigBall) -> BigBall {
        let p = Swift.max(a.precision, b.precision)
        return ball(a.midpoint.adding(b.midpoint, precision: p), propagated: a.bound + b.bound, precision: p)
    }

    public static prefix func - (a: BigBall) -> BigBall {
        BigBall(midpoint: -a.midpoint, bound: a.bound, precision: a.precision)
    }

    public static func * (a: BigBall, b: BigBall) -> BigBall {
        let p = Swift.max(a.precision, b.precision)
        let ma = Magnitude(above: a.midpoint), mb = Magnitude(above: b.midpoint)
        let spread = ma * b.bound + mb * a.bound + a.bound * b.bound
        return ball(a.midpoint.multiplied(by: b.midpoint, precision: p), propagated: spread, precision: p)
    }

    /// a/b; undefined (NaN) when b's ball may contain 0.
    public static func / (a: BigBall, b: BigBall) -> BigBall {
        let p = Swift.max(a.precision, b.precision)
        let below = Magnitude(below: b.midpoint)
        guard let gap = below.minus(b.bound) else { return .undefined(precision: p) }
        let spread = (Magnitude(above: a.midpoint) * b.bound + Magnitude(above: b.midpoint) * a.bound)
            .divided(byLowerBound: below.timesLowerBound(gap))
        return ball(a.midpoint.divided(by: b.midpoint, precision: p), propagated: spread, precision: p)
    }

    public func pow(_ n: Int) -> BigBall {
        precondition(n >= 0)
        if n == 0 { return integer(BigInt(1)) }
        var acc = self
        for _ in 1..<n { acc = acc * self }
        return acc
    }

    /// self·n by one mpfr_mul_z (linear in the precision), radius |n|·r plus the rounding.
    public func times(_ n: BigInt) -> BigBall {
        let p = precision, m = midpoint
        let r = withExtendedLifetime(n) { BigFloat.make(precision: p) { mpfr_mul_z($0, m.x, n.storage.z, MPFR_RNDN) } }
        let size = Magnitude(above: BigFloat(n, precision: 64, rounding: n.signum >= 0 ? .up : .down))
        return BigBall.ball(r, propagated: size * bound, precision: p)
    }

    /// e^m rounded to nearest, with radius (|ê|(1 + 2^(1−p)))(e^r − 1) + |ê|·2^(1−p).
    public func exp() -> BigBall {
        let e = midpoint.exp(precision: precision)
        let size = Magnitude(above: e)
        let rounding = size.scaled(1 - precision)
        let growth = bound.expm1()
        return BigBall(midpoint: e, bound: (size + rounding) * growth + rounding, precision: precision)
    }

    /// For an exact u > 0: m = log u rounded to nearest at p bits, and a ball holding e^m, from a logarithm
    /// instead of an exponential (MPFR's is 15–25 % cheaper at 10³–10⁶ digits). Since
    /// |m − log u| ≤ η = |m|·2^(−p) (0 when MPFR reports m exact), e^m = u·e^(m − log u) ∈ u ± u·(e^η − 1).
    /// nil when u ≤ 0 or is not exact at p bits.
    public static func logarithm(of u: BigFloat, precision p: Int) -> (m: BigFloat, exponential: BigBall)? {
        guard u.signum > 0, u.isFinite, u.precision <= p else { return nil }
        let m = u.apply(.log, precision: p)
        let eta = m.isExact ? Magnitude.zero : Magnitude(above: m.value).scaled(-p)
        let point = BigFloat.make(precision: p) { mpfr_set($0, u.x, MPFR_RNDN) }.value
        return (m.value, BigBall(midpoint: point, bound: Magnitude(above: point) * eta.expm1(), precision: p))
    }

    /// e^d for a ball d ± r with |d| < 2^(−e), e ≥ 8, by Taylor's series: the exponential of a Newton
    /// correction, far cheaper than MPFR's exponential at the same precision (~1/40 of it at 10⁶ digits with
    /// e ≈ p/16), which gains nothing from a small argument. Term j, below 2^(−je), is formed at the
    /// p − je + 16 bits its size needs; the terms from the first j with je > p + 8 on sum to at most
    /// 2·2^(−je) (|d| ≤ ½), added to the radius; r enters as e^(d ± r) ⊆ e^d ± e^d(e^r − 1).
    /// nil unless |d| < 2⁻⁸.
    public func smallArgumentExp() -> BigBall? {
        let p = precision
        if midpoint.isZero { return BigBall(1, precision: p).widened(byExponentialOf: bound) }
        guard midpoint.isFinite, let exponent = midpoint.binaryExponent, exponent <= -8 else { return nil }
        let e = -exponent
        let point = BigBall(midpoint: midpoint, bound: .zero, precision: Swift.max(p, midpoint.precision))
        var sum = point.plus(BigInt(1)).rounded(toPrecision: p)
        var term = point
        var j = 1
        while true {
            j += 1
            if j * e > p + 8 { break }
            let q = Swift.max(32, p - j * e + 16)
            term = (term.rounded(toPrecision: q) * point.rounded(toPrecision: q)).divided(by: j)
            sum = sum + term
        }
        let rest = Magnitude.normalized(2, -j * e)
        return BigBall(midpoint: sum.midpoint, bound: sum.bound + rest, precision: p).widened(byExponentialOf: bound)
    }

    /// This ball times e^[−r, r]: m ± (|m| + s)(e^r − 1) + s for the ball m ± s.
    func widened(byExponentialOf r: Magnitude) -> BigBall {
        if r.mantissa == 0 { return self }
        let size = Magnitude(above: midpoint) + bound
        return BigBall(midpoint: midpoint, bound: size * r.expm1() + bound, precision: precision)
    }

    /// The integer `value` rounded to `precision` bits.
    public init(_ value: Int, precision: Int) {
        self = BigBall.ball(BigFloat.make(precision: precision) { mpfr_set_si($0, value, MPFR_RNDN) },
                            propagated: .zero, precision: precision)
    }

    /// self/n for an integer n ≥ 1 (one mpfr_div_ui).
    public func divided(by n: Int) -> BigBall {
        precondition(n >= 1)
        let m = midpoint
        let r = BigFloat.make(precision: precision) { mpfr_div_ui($0, m.x, UInt(n), MPFR_RNDN) }
        return BigBall.ball(r, propagated: bound.divided(byLowerBound: .normalized(Double(n), 0)), precision: precision)
    }

    public func integer(_ n: BigInt) -> BigBall {
        let p = precision
        let r = withExtendedLifetime(n) { BigFloat.make(precision: p) { mpfr_set_z($0, n.storage.z, MPFR_RNDN) } }
        return BigBall.ball(r, propagated: .zero, precision: p)
    }

    public func plus(_ n: BigInt) -> BigBall {
        let p = precision, m = midpoint
        let r = withExtendedLifetime(n) { BigFloat.make(precision: p) { mm_mpfr_add_z($0, m.x, n.storage.z, MPFR_RNDN) } }
        return BigBall.ball(r, propagated: bound, precision: p)
    }

    public func polynomial(_ p: IntegerPolynomial) -> BigBall { p.hornerEnclosure(self) }
    public func reversedPolynomial(_ p: IntegerPolynomial) -> BigBall { p.hornerEnclosure(self, reversed: true) }

    public var midpointIsNonnegative: Bool { midpoint.signum >= 0 }
}

/// A bound m·2^e ≥ 0 with a double mantissa m ∈ [½, 1) (or m = 0, or m = ∞) and an integer exponent: the
/// radius of a ``BigBall`` at any magnitude without allocation. Upper bounds round up (next double above
/// each rounded-to-nearest result); `below`, `minus` and `timesLowerBound` give lower bounds, rounded down.
struct Magnitude: Sendable {
    let mantissa: Double
    let exponent: Int

    static let zero = Magnitude(mantissa: 0, exponent: 0)
    static let infinity = Magnitude(mantissa: .infinity, exponent: 0)

    private init(mantissa: Double, exponent: Int) {
        self.mantissa = mantissa
        self.exponent = exponent
    }

    /// v·2^e for v ≥ 0 (exact: frexp only moves the exponent).
    static func normalized(_ v: Double, _ e: Int) -> Magnitude {
        if v == 0 { return .zero }
        if !v.isFinite { return .infinity }
        let f = frexp(v)
        return Magnitude(mantissa: f.0, exponent: e + f.1)
    }

    var isFinite: Bool { mantissa.isFinite }

    /// An upper bound of |x| (NaN or ∞: ∞).
    init(above x: BigFloat) { self = Magnitude.of(x, rounding: MPFR_RNDU) }

    /// A lower bound of |x|.
    init(below x: BigFloat) { self = Magnitude.of(x, rounding: MPFR_RNDZ) }

    private static func of(_ x: BigFloat, rounding: mpfr_rnd_t) -> Magnitude {
        if x.isZero { return .zero }
        if !x.isFinite { return .infinity }
        var e = 0
        let m = Swift.abs(mpfr_get_d_2exp(&e, x.x, x.signum > 0 ? rounding : (rounding == MPFR_RNDU ? MPFR_RNDD : rounding)))
        return normalized(m, e)
    }

    var bigFloat: BigFloat {
        if !isFinite { return .infinity(precision: 64) }
        return BigFloat(mantissa, precision: 64).scaled(byPowerOfTwo: exponent)
    }

    func scaled(_ k: Int) -> Magnitude { mantissa == 0 || !isFinite ? self : Magnitude(mantissa: mantissa, exponent: exponent + k) }

    static func + (a: Magnitude, b: Magnitude) -> Magnitude {
        if a.mantissa == 0 { return b }
        if b.mantissa == 0 { return a }
        if !a.isFinite || !b.isFinite { return .infinity }
        let (big, small) = a.exponent >= b.exponent ? (a, b) : (b, a)
        let shift = small.exponent - big.exponent
        // Below 2^-60 of the larger, the smaller is less than one ulp of its mantissa: one step up covers it.
        let sum = shift < -60 ? big.mantissa : big.mantissa + scalbn(small.mantissa, shift)
        return normalized(sum.nextUp, big.exponent)
    }

    static func * (a: Magnitude, b: Magnitude) -> Magnitude {
        if a.mantissa == 0 || b.mantissa == 0 { return .zero }
        if !a.isFinite || !b.isFinite { return .infinity }
        return normalized((a.mantissa * b.mantissa).nextUp, a.exponent + b.exponent)
    }

    /// self/d for a lower bound d > 0, rounded up; ∞ when d = 0.
    func divided(byLowerBound d: Magnitude) -> Magnitude {
        if mantissa == 0 { return .zero }
        if d.mantissa == 0 || !isFinite { return .infinity }
        return Magnitude.normalized((mantissa / d.mantissa).nextUp, exponent - d.exponent)
    }

    /// self − u for a lower bound self and an upper bound u, rounded down; nil unless positive.
    func minus(_ u: Magnitude) -> Magnitude? {
        if u.mantissa == 0 { return mantissa > 0 ? self : nil }
        guard isFinite, u.isFinite, mantissa > 0, exponent >= u.exponent else { return nil }
        let shift = u.exponent - exponent
        let difference = (mantissa - (shift < -60 ? 0x1p-60 : scalbn(u.mantissa, shift))).nextDown
        return difference > 0 ? Magnitude.normalized(difference, exponent) : nil
    }

    /// self·d for lower bounds, rounded down.
    func timesLowerBound(_ d: Magnitude) -> Magnitude {
        Magnitude.normalized((mantissa * d.mantissa).nextDown, exponent + d.exponent)
    }

    /// An upper bound of e^self − 1 (MPFR rounded up; e^r − 1 ≤ 2r for tiny r).
    func expm1() -> Magnitude {
        if mantissa == 0 { return .zero }
        if !isFinite || exponent > 20 { return .infinity }
        if exponent < -900 { return scaled(1) }
        return Magnitude(above: BigFloat(scalbn(mantissa, exponent), precision: 53).expm1(precision: 53, rounding: .up))
    }
}
