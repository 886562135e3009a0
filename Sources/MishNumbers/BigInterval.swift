/// A closed interval [lower, upper] of real numbers with BigFloat endpoints.
///
/// Every operation rounds outward (lower bounds toward −∞, upper bounds toward +∞), so if x ∈ X and
/// y ∈ Y then x ∘ y ∈ X ∘ Y and f(x) ∈ f(X): the true result is always inside. An infinite endpoint means
/// unbounded on that side. An interval that reaches outside a function's domain (log of an interval with
/// negative numbers, division by an interval that is exactly [0, 0]) gives the undefined interval, whose
/// endpoints are NaN; so does any operation on it.
public struct BigInterval: Sendable {
    public let lower: BigFloat
    public let upper: BigFloat

    /// [lower, upper]; requires lower ≤ upper unless either is NaN.
    public init(lower: BigFloat, upper: BigFloat) {
        precondition(lower.isNaN || upper.isNaN || lower <= upper, "interval with lower > upper")
        self.lower = lower
        self.upper = upper
    }

    /// The point interval [x, x].
    public init(_ x: BigFloat) { self.init(lower: x, upper: x) }

    /// The smallest interval with `precision`-bit endpoints that contains q.
    public init(_ q: Rational, precision: Int) {
        self.init(lower: BigFloat(q, precision: precision, rounding: .down),
                  upper: BigFloat(q, precision: precision, rounding: .up))
    }

    public init(_ n: Int, precision: Int) { self.init(Rational(n), precision: precision) }

    public static func undefined(precision: Int) -> BigInterval {
        BigInterval(lower: .nan(precision: precision), upper: .nan(precision: precision))
    }

    /// (−∞, +∞).
    public static func entire(precision: Int) -> BigInterval {
        BigInterval(lower: .infinity(sign: -1, precision: precision), upper: .infinity(precision: precision))
    }

    public static func pi(precision: Int) -> BigInterval {
        BigInterval(lower: .pi(precision: precision, rounding: .down), upper: .pi(precision: precision, rounding: .up))
    }
    public static func e(precision: Int) -> BigInterval {
        BigInterval(lower: .e(precision: precision, rounding: .down), upper: .e(precision: precision, rounding: .up))
    }
    public static func ln2(precision: Int) -> BigInterval {
        BigInterval(lower: .ln2(precision: precision, rounding: .down), upper: .ln2(precision: precision, rounding: .up))
    }

    public var precision: Int { Swift.max(lower.precision, upper.precision) }
    public var isUndefined: Bool { lower.isNaN || upper.isNaN }
    public var isPoint: Bool { !isUndefined && lower == upper }
    public var isBounded: Bool { !isUndefined && lower.isFinite && upper.isFinite }
    public var containsZero: Bool { !isUndefined && lower.signum <= 0 && upper.signum >= 0 }
    /// 1 or −1 when every point of the interval has that sign; nil when it meets 0 or is undefined.
    public var provenSign: Int? {
        if isUndefined { return nil }
        if lower.signum > 0 { return 1 }
        if upper.signum < 0 { return -1 }
        return nil
    }

    /// True when x ∈ [lower, upper].
    public func contains(_ x: BigFloat) -> Bool { !isUndefined && lower <= x && x <= upper }

    /// An upper bound of upper − lower.
    public var width: BigFloat {
        if isUndefined { return .nan(precision: precision) }
        return upper.subtracting(lower, precision: precision, rounding: .up).value
    }

    /// (lower + upper)/2 rounded to nearest (inside the interval for bounded intervals).
    public var midpoint: BigFloat {
        lower.adding(upper, precision: precision + 1).value.scaled(byPowerOfTwo: -1).rounded(toPrecision: precision)
    }
}

extension BigInterval: CustomStringConvertible {
    public var description: String { "[\(lower), \(upper)]" }
}

// MARK: - Arithmetic

extension BigInterval {
    private func precision(with other: BigInterval) -> Int { Swift.max(precision, other.precision) }

    public static func + (a: BigInterval, b: BigInterval) -> BigInterval {
        let w = a.precision(with: b)
        return BigInterval(lower: a.lower.adding(b.lower, precision: w, rounding: .down).value,
                           upper: a.upper.adding(b.upper, precision: w, rounding: .up).value).normalized(w)
    }

    public static func - (a: BigInterval, b: BigInterval) -> BigInterval {
        let w = a.precision(with: b)
        return BigInterval(lower: a.lower.subtracting(b.upper, precision: w, rounding: .down).value,
                           upper: a.upper.subtracting(b.lower, precision: w, rounding: .up).value).normalized(w)
    }

    public static prefix func - (a: BigInterval) -> BigInterval {
        BigInterval(lower: -a.upper, upper: -a.lower)
    }

    /// An endpoint product; 0·(±∞) is 0, since an infinite endpoint stands for unboundedness, not a value.
    private static func productBound(_ a: BigFloat, _ b: BigFloat, _ r: RoundingMode, _ w: Int) -> BigFloat {
        if a.isZero || b.isZero { return BigFloat(precision: w) }
        return a.multiplied(by: b, precision: w, rounding: r).value
    }

    public static func * (a: BigInterval, b: BigInterval) -> BigInterval {
        let w = a.precision(with: b)
        if a.isUndefined || b.isUndefined { return .undefined(precision: w) }
        if a.isPoint && b.isPoint && a.lower.isFinite && b.lower.isFinite {
            return enclosing(a.lower.multiplied(by: b.lower, precision: w))
        }
        func bound(_ x: BigFloat, _ y: BigFloat, _ u: BigFloat, _ v: BigFloat) -> BigInterval {
            BigInterval(lower: productBound(x, y, .down, w), upper: productBound(u, v, .up, w))
        }
        let (al, au, bl, bu) = (a.lower, a.upper, b.lower, b.upper)
        switch (a.signClass, b.signClass) {
        case (1, 1): return bound(al, bl, au, bu)
        case (1, -1): return bound(au, bl, al, bu)
        case (-1, 1): return bound(al, bu, au, bl)
        case (-1, -1): return bound(au, bu, al, bl)
        case (1, 0): return bound(au, bl, au, bu)
        case (0, 1): return bound(al, bu, au, bu)
        case (-1, 0): return bound(al, bu, al, bl)
        case (0, -1): return bound(au, bl, al, bl)
        default:
            return BigInterval(lower: BigFloat.min(productBound(al, bu, .down, w), productBound(au, bl, .down, w)),
                               upper: BigFloat.max(productBound(al, bl, .up, w), productBound(au, bu, .up, w)))
        }
    }

    /// 1 when lower ≥ 0, −1 when upper ≤ 0, 0 when the interval straddles 0.
    var signClass: Int { lower.signum >= 0 ? 1 : (upper.signum <= 0 ? -1 : 0) }

    /// a/b; the entire line when b contains 0 but is not [0, 0], undefined when b = [0, 0].
    public static func / (a: BigInterval, b: BigInterval) -> BigInterval {
        let w = a.precision(with: b)
        if a.isUndefined || b.isUndefined || (b.lower.isZero && b.upper.isZero) { return .undefined(precision: w) }
        if b.containsZero { return .entire(precision: w) }
        func q(_ x: BigFloat, _ y: BigFloat, _ r: RoundingMode) -> BigFloat {
            if x.isInfinite && y.isInfinite { return BigFloat(precision: w) }
            return x.divided(by: y, precision: w, rounding: r).value
        }
        if a.isPoint && b.isPoint && a.lower.isFinite && b.lower.isFinite {
            return enclosing(a.lower.divided(by: b.lower, precision: w))
        }
        let (al, au, bl, bu) = (a.lower, a.upper, b.lower, b.upper)
        func bound(_ x: BigFloat, _ y: BigFloat, _ u: BigFloat, _ v: BigFloat) -> BigInterval {
            BigInterval(lower: q(x, y, .down), upper: q(u, v, .up))
        }
        if b.lower.signum > 0 {
            switch a.signClass {
            case 1: return bound(al, bu, au, bl)
            case -1: return bound(al, bl, au, bu)
            default: return bound(al, bl, au, bl)
            }
        }
        switch a.signClass {
        case 1: return bound(au, bu, al, bl)
        case -1: return bound(au, bl, al, bu)
        default: return bound(au, bu, al, bu)
        }
    }

    /// xⁿ for an integer n, tight for even n (xⁿ ≥ 0) and monotone for odd n.
    public func pow(_ n: Int) -> BigInterval {
        let w = precision
        if isUndefined { return .undefined(precision: w) }
        if n == 0 { return BigInterval(1, precision: w) }
        if n < 0 { return BigInterval(1, precision: w) / pow(-n) }
        if n % 2 == 1 || lower.signum >= 0 {
            return BigInterval(lower: lower.pow(n, precision: w, rounding: .down),
                               upper: upper.pow(n, precision: w, rounding: .up))
        }
        if upper.signum <= 0 {
            return BigInterval(lower: upper.pow(n, precision: w, rounding: .down),
                               upper: lower.pow(n, precision: w, rounding: .up))
        }
        let m = BigFloat.max(-lower, upper)
        return BigInterval(lower: BigFloat(precision: w), upper: m.pow(n, precision: w, rounding: .up))
    }

    /// xʸ = exp(y·ln x) for x > 0 (0ʸ = 0 for y > 0); undefined when x reaches below 0.
    public func pow(_ y: BigInterval) -> BigInterval {
        let w = precision(with: y)
        if isUndefined || y.isUndefined || lower.signum < 0 { return .undefined(precision: w) }
        if lower.isZero && upper.isZero {
            return y.lower.signum > 0 ? BigInterval(0, precision: w) : .undefined(precision: w)
        }
        return (y * log()).exp()
    }

    /// The tightest interval around a value rounded to nearest: the value itself when exact, else the
    /// value and its neighbour on the side the ternary says the exact result lies.
    static func enclosing(_ r: RoundedBigFloat) -> BigInterval {
        if r.ternary == 0 || r.value.isNaN { return BigInterval(r.value) }
        return r.ternary > 0 ? BigInterval(lower: r.value.nextDown, upper: r.value)
                             : BigInterval(lower: r.value, upper: r.value.nextUp)
    }

    /// Replaces a NaN endpoint produced by ∞ − ∞ with the undefined interval.
    private func normalized(_ w: Int) -> BigInterval { isUndefined ? .undefined(precision: w) : self }
}

// MARK: - Functions

extension BigInterval {
    private func increasing(_ f: BigFloatFunction) -> BigInterval {
        if isUndefined { return self }
        if isPoint { return BigInterval.enclosing(lower.apply(f)) }
        return BigInterval(lower: lower.apply(f, rounding: .down).value, upper: upper.apply(f, rounding: .up).value)
    }

    private func increasing(_ f: (BigFloat, Bool) -> BigFloat) -> BigInterval {
        if isUndefined { return self }
        return BigInterval(lower: f(lower, true), upper: f(upper, false))
    }

    public func exp() -> BigInterval { increasing(.exp) }
    public func expm1() -> BigInterval { increasing(.expm1) }
    public func tanh() -> BigInterval { increasing(.tanh) }
    public func sinh() -> BigInterval { increasing(.sinh) }
    public func erf() -> BigInterval { increasing(.erf) }

    /// erfc X = 1 − erf X, which decreases.
    public func erfc() -> BigInterval {
        if isUndefined { return self }
        return BigInterval(lower: upper.apply(.erfc, rounding: .down).value, upper: lower.apply(.erfc, rounding: .up).value)
    }

    /// √x; undefined when the interval reaches below 0.
    public func squareRoot() -> BigInterval { lower.signum < 0 ? .undefined(precision: precision) : increasing(.sqrt) }
    /// ln x; undefined when the interval reaches below 0, −∞ at 0.
    public func log() -> BigInterval { lower.signum < 0 ? .undefined(precision: precision) : increasing(.log) }
    /// ln(1 + x); undefined when the interval reaches below −1.
    public func log1p() -> BigInterval {
        lower < BigFloat(-1, precision: 2) ? .undefined(precision: precision) : increasing(.log1p)
    }

    /// cosh x, whose minimum 1 is at 0.
    public func cosh() -> BigInterval {
        if isUndefined { return self }
        let w = precision
        if lower.signum >= 0 {
            return BigInterval(lower: lower.cosh(rounding: .down), upper: upper.cosh(rounding: .up))
        }
        if upper.signum <= 0 {
            return BigInterval(lower: upper.cosh(rounding: .down), upper: lower.cosh(rounding: .up))
        }
        return BigInterval(lower: BigFloat(1, precision: w), upper: BigFloat.max(-lower, upper).cosh(rounding: .up))
    }

    public func sigmoid() -> BigInterval { increasing { x, below in x.sigmoidBound(below: below, precision: x.precision) } }
    public func softplus() -> BigInterval { increasing { x, below in x.softplusBound(below: below, precision: x.precision) } }

    /// mish(X) ⊆ X·tanh(softplus(X)); mish is not monotone, so the enclosure is the product's.
    public func mish() -> BigInterval {
        if isPoint { return increasing { x, below in x.mishBound(below: below, precision: x.precision) } }
        return self * softplus().tanh()
    }

    /// swish(X) ⊆ X·σ(X).
    public func swish() -> BigInterval {
        if isPoint { return increasing { x, below in x.swishBound(below: below, precision: x.precision) } }
        return self * sigmoid()
    }
}
