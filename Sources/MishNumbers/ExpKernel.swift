

/// e^a for a ≤ 0 in IEEE double from exact operations only (fma, +, −, ×, bit manipulation):
///
///     a' = max(a, −1000) (NaN kept)     below −746, e^a rounds to 0; v·e^(m·a) needs a below −746
///     k  = rint(a'/ln 2)                 fma(a', 1/ln 2, 1.5·2⁵²) − 1.5·2⁵², exact
///     r  = a' − k·ln2hi − k·ln2lo        ln2hi has 42 bits, so k·ln2hi and the first subtraction are exact
///     e^a ≈ p(r)·2^E1·2^E2              p of degree 13 with coefficients 1/i! rounded to double, |r| ≤ ln2/2;
///                                        E1 = max(k, −1000), E2 = k − E1: only the last product can round
///
/// Every constant is computed here in MPFR; `relativeErrorBound` is proven by interval arithmetic over
/// the reduced range (truncation and coefficient rounding) plus a bound on the rounding of the reduction
/// and of Horner's rule with fma.
public struct ExpKernel: Sendable {
    public static let degree = 13
    public let inverseLn2: Double
    public let ln2High: Double
    public let ln2Low: Double
    /// p's coefficients c₀ … c₁₃.
    public let coefficients: [Double]
    /// A proven bound on |q·2^k/e^a − 1| for −1000 ≤ a ≤ 0 before the final scaling by 2^k (exact when the
    /// result is a normal double).
    public let relativeErrorBound: Double
    /// 1.5·2⁵², whose ulp is 1: adding it rounds to an integer.
    public static let roundingShift = 6755399441055744.0
    public static let lowestArgument = -1000.0

    public static let standard = ExpKernel()

    init() {
        let p = 256
        let ln2 = BigFloat.ln2(precision: p)
        inverseLn2 = (BigFloat(1, precision: p) / ln2).toDouble()
        let high = ln2.rounded(toPrecision: 42)
        ln2High = high.toDouble()
        ln2Low = ln2.subtracting(high, precision: p).value.toDouble()
        var cs: [Double] = []
        var factorial = Rational(1)
        for i in 0...ExpKernel.degree {
            if i > 0 { factorial = factorial * Rational(i) }
            cs.append((Rational(1) / factorial).doubleValue)
        }
        coefficients = cs
        relativeErrorBound = ExpKernel.proveBound(cs, ln2High: ln2High, ln2Low: ln2Low, ln2: ln2)
    }

    /// sup |p(r)e^(−r) − 1| over |r| ≤ ln2/2 + 2⁻⁴⁰ by interval branch-and-bound at 128 bits, plus the
    /// reduction error (|k| ≤ 1443 times |ln2 − ln2hi − ln2lo|, relative to e^r) and Horner's rounding
    /// (with fma each step rounds once: at most (2·degree + 3)·2⁻⁵³ relative, since all terms are positive
    /// for r ≥ 0 and alternate with decreasing size for r < 0, bounded by Σ|cᵢ||r|ⁱ/p(r) ≤ e^(2·0.35)),
    /// and the two scalings by powers of two, which are exact for normal results.
    static func proveBound(_ cs: [Double], ln2High: Double, ln2Low: Double, ln2: BigFloat) -> Double {
        let p = 128
        let half = ln2.scaled(byPowerOfTwo: -1).adding(BigFloat(1, precision: 64).scaled(byPowerOfTwo: -40), precision: p, rounding: .up).value
        let pieces = 256
        // d/dr [p(r)e^(−r)] = (p′ − p)(r)·e^(−r); p′ − p has the exact coefficients (i + 1)cᵢ₊₁ − cᵢ, all tiny
        // but the last, so its enclosure is tight.
        let exact = cs.map { BigFloat($0, precision: 64).exactRational! }
        let slopeCoefficients = exact.indices.map { i in (i + 1 < exact.count ? Rational(i + 1) * exact[i + 1] : Rational(0)) - exact[i] }
        var worst = BigFloat(0, precision: p)
        for i in 0..<pieces {
            let lo = -half + half.scaled(byPowerOfTwo: 1).multiplied(by: BigFloat(i, precision: 64), precision: p, rounding: .down).value
                .divided(by: BigFloat(pieces, precision: 64), precision: p, rounding: .down).value
            let hi = -half + half.scaled(byPowerOfTwo: 1).multiplied(by: BigFloat(i + 1, precision: 64), precision: p, rounding: .up).value
                .divided(by: BigFloat(pieces, precision: 64), precision: p, rounding: .up).value
            let r = BigInterval(lower: lo, upper: hi)
            let mid = BigInterval(r.midpoint)
            // p(r)e^(−r) − 1 by the mean value form around the midpoint, the derivative enclosed on r.
            func value(_ x: BigInterval) -> BigInterval {
                var acc = BigInterval(0, precision: p)
                for c in cs.reversed() { acc = acc * x + BigInterval(BigFloat(c, precision: 64)) }
                return acc * (-x).exp() - BigInterval(1, precision: p)
            }
            func derivative(_ x: BigInterval) -> BigInterval {
                var acc = BigInterval(0, precision: p)
                for q in slopeCoefficients.reversed() { acc = acc * x + BigInterval(q, precision: p) }
                return acc * (-x).exp()
            }
            let e = value(mid) + derivative(r) * (r - mid)
            worst = BigFloat.max(worst, BigFloat.max(e.lower.magnitude, e.upper.magnitude))
        }
        let reduction = 1443 * abs((ln2.subtracting(BigFloat(ln2High), precision: p).value.subtracting(BigFloat(ln2Low), precision: p).value).toDouble())
            * 1.5
        let horner = Double(2 * ExpKernel.degree + 3) * 0x1p-53 * 2.02
        return worst.toDouble(rounding: .up) + reduction + horner
    }
}
