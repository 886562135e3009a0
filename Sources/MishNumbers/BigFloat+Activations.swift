/// The activation functions that are not MPFR primitives, with the same guarantee as MPFR's: the result
/// is the exact value rounded once in the requested direction.
///
/// Each is computed as a pair of bounds (every step rounded away from the exact value, so
/// lower ≤ f(x) ≤ upper) at a working precision that grows until both bounds round to the same number
/// (Ziv's strategy). Rounding is monotone, so that number is the correctly rounded f(x). Within MPFR's
/// exponent range this terminates for all inputs: f(x) is transcendental except at the trivial inputs
/// (x = 0 and ±∞), where the bounds are exact.
extension BigFloat {
    /// σ(x) = 1/(1 + e^(−x)), correctly rounded.
    public func sigmoid(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        correctlyRounded(precision: precision, rounding: rounding) { sigmoidBound(below: $0, precision: $1) }
    }
    /// softplus(x) = ln(1 + eˣ), correctly rounded.
    public func softplus(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        correctlyRounded(precision: precision, rounding: rounding) { softplusBound(below: $0, precision: $1) }
    }
    /// mish(x) = x·tanh(softplus(x)), correctly rounded; mish(−∞) = −0 (the limit), mish(+∞) = +∞.
    public func mish(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        correctlyRounded(precision: precision, rounding: rounding) { mishBound(below: $0, precision: $1) }
    }
    /// swish(x) = x·σ(x), correctly rounded; swish(−∞) = −0 (the limit), swish(+∞) = +∞.
    public func swish(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        correctlyRounded(precision: precision, rounding: rounding) { swishBound(below: $0, precision: $1) }
    }

    /// Ziv's loop over a bound function: `bound(true, w)` ≤ f(x) ≤ `bound(false, w)` at working precision w.
    func correctlyRounded(precision: Int?, rounding: RoundingMode,
                          bound: (Bool, Int) -> BigFloat) -> BigFloat {
        let p = precision ?? self.precision
        var w = p + 32
        while true {
            let lo = bound(true, w), hi = bound(false, w)
            if lo.isNaN || hi.isNaN { return .nan(precision: p) }
            let a = BigFloat(lo, precision: p, rounding: rounding)
            let b = BigFloat(hi, precision: p, rounding: rounding)
            if a.isIdentical(to: b) || w > 8 * p + 4096 { return a }
            w *= 2
        }
    }

    private static func direction(_ below: Bool) -> RoundingMode { below ? .down : .up }

    /// A lower (below = true) or upper bound of σ(x) at precision w.
    func sigmoidBound(below: Bool, precision w: Int) -> BigFloat {
        let r = BigFloat.direction(below), o = r.opposite
        let t = (-self).exp(precision: w, rounding: o)
        let s = BigFloat(1, precision: 2).adding(t, precision: w, rounding: o).value
        return BigFloat(1, precision: 2).divided(by: s, precision: w, rounding: r).value
    }

    /// A bound of softplus(x) = max(x, 0) + ln(1 + e^(−|x|)) at precision w (no overflow for large x).
    func softplusBound(below: Bool, precision w: Int) -> BigFloat {
        let r = BigFloat.direction(below)
        if isNaN { return .nan(precision: w) }
        if !hasSignBit {
            let l = (-self).exp(precision: w, rounding: r).log1p(precision: w, rounding: r)
            return adding(l, precision: w, rounding: r).value
        }
        return exp(precision: w, rounding: r).log1p(precision: w, rounding: r)
    }

    /// A bound of x·g(x), where g > 0 has the given bound function: for x ≥ 0 the product grows with g,
    /// for x < 0 it shrinks, so the bound of g is taken in the matching direction.
    private func timesPositiveBound(below: Bool, precision w: Int, _ g: (Bool) -> BigFloat) -> BigFloat {
        if isNaN { return .nan(precision: w) }
        if isInfinite && hasSignBit { return .zero(sign: -1, precision: w) }
        let r = BigFloat.direction(below)
        let gb = hasSignBit ? g(!below) : g(below)
        return multiplied(by: gb, precision: w, rounding: r).value
    }

    func mishBound(below: Bool, precision w: Int) -> BigFloat {
        timesPositiveBound(below: below, precision: w) { b in
            softplusBound(below: b, precision: w).tanh(precision: w, rounding: BigFloat.direction(b))
        }
    }

    func swishBound(below: Bool, precision w: Int) -> BigFloat {
        timesPositiveBound(below: below, precision: w) { b in sigmoidBound(below: b, precision: w) }
    }
}
