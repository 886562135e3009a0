internal import CMPFR

/// A ball m ± r of real numbers: the midpoint m rounded to nearest at `precision` bits, the radius r an upper
/// bound at 64 bits (rounded up).
///
/// Each operation costs one `precision`-bit operation on the midpoints, where ``BigInterval`` costs two
/// (one per endpoint); the radius collects the propagated radii and the midpoint's rounding error, at most
/// |m|·2^(−precision) (zero when MPFR reports the result exact). For x ∈ A and y ∈ B, x ∘ y ∈ A ∘ B:
/// (a ± r)(b ± s) ⊆ ab ± (|a|s + |b|r + rs), (a ± r)/(b ± s) ⊆ a/b ± (|a|s + |b|r)/(|b|(|b| − s)) when
/// |b| > s, e^(a ± r) ⊆ e^a ± e^a·(e^r − 1). Full-precision evaluation at a point (the interval Newton
/// certificate) is where this halves the cost.
public struct BigBall: EnclosureArithmetic {
    public let midpoint: BigFloat
    public let radius: BigFloat
    public let precision: Int

    static let radiusPrecision = 64

    /// m ± r (r ≥ 0).
    public init(midpoint: BigFloat, radius: BigFloat, precision: Int) {
        self.midpoint = midpoint
        self.radius = radius
        self.precision = precision
    }

    /// The exact point x (rounded to `precision` bits, with that rounding error as the radius).
    public init(_ x: BigFloat, precision: Int) {
        let m = x.rounded(toPrecision: precision)
        let error = m.subtracting(x, precision: BigBall.radiusPrecision, rounding: .up).value.magnitude
        self.init(midpoint: m, radius: x.precision <= precision ? BigBall.zero : BigBall.up(error), precision: precision)
    }

    static var zero: BigFloat { BigFloat(precision: radiusPrecision) }

    /// An upper bound of |v| at the radius precision.
    public static func up(_ v: BigFloat) -> BigFloat { v.magnitude.rounded(toPrecision: radiusPrecision, rounding: .up) }

    public static func sum(_ a: BigFloat, _ b: BigFloat) -> BigFloat { a.adding(b, precision: radiusPrecision, rounding: .up).value }
    static func product(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
        a.multiplied(by: b, precision: radiusPrecision, rounding: .up).value
    }

    /// A rounded midpoint with the radius `propagated` plus its own rounding error.
    static func ball(_ r: RoundedBigFloat, propagated: BigFloat, precision p: Int) -> BigBall {
        if r.value.isNaN { return BigBall(midpoint: r.value, radius: r.value, precision: p) }
        let rounding = r.ternary == 0 ? zero : up(r.value).scaled(byPowerOfTwo: -p)
        return BigBall(midpoint: r.value, radius: sum(propagated, rounding), precision: p)
    }

    /// The same set as an interval at `precision` bits (ends rounded outward).
    public var interval: BigInterval {
        if midpoint.isNaN || radius.isNaN { return .undefined(precision: precision) }
        return BigInterval(lower: midpoint.subtracting(radius, precision: precision, rounding: .down).value,
                           upper: midpoint.adding(radius, precision: precision, rounding: .up).value)
    }

    public static func + (a: BigBall, b: BigBall) -> BigBall {
        let p = Swift.max(a.precision, b.precision)
        return ball(a.midpoint.adding(b.midpoint, precision: p), propagated: sum(a.radius, b.radius), precision: p)
    }

    public static prefix func - (a: BigBall) -> BigBall {
        BigBall(midpoint: -a.midpoint, radius: a.radius, precision: a.precision)
    }

    public static func * (a: BigBall, b: BigBall) -> BigBall {
        let p = Swift.max(a.precision, b.precision)
        let spread = sum(sum(product(up(a.midpoint), b.radius), product(up(b.midpoint), a.radius)), product(a.radius, b.radius))
        return ball(a.midpoint.multiplied(by: b.midpoint, precision: p), propagated: spread, precision: p)
    }

    /// a/b; undefined (NaN) when b's ball contains 0.
    public static func / (a: BigBall, b: BigBall) -> BigBall {
        let p = Swift.max(a.precision, b.precision)
        let mb = b.midpoint.magnitude.rounded(toPrecision: radiusPrecision, rounding: .down)
        let gap = mb.subtracting(b.radius, precision: radiusPrecision, rounding: .down).value
        guard gap.signum > 0 else {
            let nan = BigFloat.nan(precision: p)
            return BigBall(midpoint: nan, radius: nan, precision: p)
        }
        let numerator = sum(product(up(a.midpoint), b.radius), product(up(b.midpoint), a.radius))
        let denominator = mb.multiplied(by: gap, precision: radiusPrecision, rounding: .down).value
        let spread = numerator.divided(by: denominator, precision: radiusPrecision, rounding: .up).value
        return ball(a.midpoint.divided(by: b.midpoint, precision: p), propagated: spread, precision: p)
    }

    public func pow(_ n: Int) -> BigBall {
        var acc = integer(BigInt(1))
        for _ in 0..<n { acc = acc * self }
        return acc
    }

    public func exp() -> BigBall {
        let e = midpoint.exp(precision: precision)
        let growth = radius.expm1(precision: BigBall.radiusPrecision, rounding: .up)
        let bound = BigBall.product(BigBall.up(e), growth)
        // e^m itself is within its rounding error of the midpoint; e^(m ± r) − e^m ≤ e^m(e^r − 1) ≤ (|ê| + err)(e^r − 1).
        let rounding = BigBall.up(e).scaled(byPowerOfTwo: -precision + 1)
        return BigBall(midpoint: e, radius: BigBall.sum(BigBall.sum(bound, BigBall.product(rounding, growth)), rounding),
                       precision: precision)
    }

    public func integer(_ n: BigInt) -> BigBall {
        let p = precision
        let r = withExtendedLifetime(n) { BigFloat.make(precision: p) { mpfr_set_z($0, n.storage.z, MPFR_RNDN) } }
        return BigBall.ball(r, propagated: BigBall.zero, precision: p)
    }

    public func plus(_ n: BigInt) -> BigBall {
        let p = precision, m = midpoint
        let r = withExtendedLifetime(n) { BigFloat.make(precision: p) { mm_mpfr_add_z($0, m.x, n.storage.z, MPFR_RNDN) } }
        return BigBall.ball(r, propagated: radius, precision: p)
    }

    public func polynomial(_ p: IntegerPolynomial) -> BigBall { p.hornerEnclosure(self) }

    public var midpointIsNonnegative: Bool { midpoint.signum >= 0 }
}
