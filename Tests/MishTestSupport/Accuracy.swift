import Foundation
import MishNumbers

/// Error measures against a high-precision value, for the assertions of the test targets.
public enum Accuracy {
    /// The number of correct significant decimal digits of `approximation`: −log₁₀(|a − x|/|x|), or
    /// `.infinity` when they are equal. Computed at the larger precision plus 64 bits.
    public static func agreeingDigits(_ approximation: BigFloat, _ exact: BigFloat) -> Double {
        let p = max(approximation.precision, exact.precision) + 64
        let diff = approximation.subtracting(exact, precision: p).value
        if diff.isZero { return .infinity }
        if exact.isZero { return -Foundation.log10(diff.magnitude.toDouble()) }
        let rel = diff.divided(by: exact, precision: 64).value.magnitude
        return -rel.log(precision: 64).toDouble() / Foundation.log(10)
    }

    /// The error of a double in units in the last place of the exact value's binade, in double's format
    /// (subnormal spacing 2⁻¹⁰⁷⁴ below 2⁻¹⁰²²), measured exactly.
    public static func ulpError(_ computed: Double, exact: BigFloat) -> Double {
        ulpError(computed: BigFloat(computed, precision: 53), exact: exact, significandBits: 53, minExponent: -1022)
    }

    /// The error of a float in ulps of float's format (subnormal spacing 2⁻¹⁴⁹).
    public static func ulpError(_ computed: Float, exact: BigFloat) -> Double {
        ulpError(computed: BigFloat(Double(computed), precision: 24), exact: exact, significandBits: 24, minExponent: -126)
    }

    static func ulpError(computed: BigFloat, exact: BigFloat, significandBits: Int, minExponent: Int) -> Double {
        if computed.isNaN || exact.isNaN { return computed.isNaN && exact.isNaN ? 0 : .infinity }
        if computed.isInfinite || exact.isInfinite { return computed == exact ? 0 : .infinity }
        let p = max(exact.precision, 64) + 64
        let diff = computed.subtracting(exact, precision: p).value.magnitude
        if diff.isZero { return 0 }
        // exact = m·2^e with ½ ≤ |m| < 1, so its binade is [2^(e−1), 2^e) and the ulp there is
        // 2^(e − 1 − (significandBits − 1)), but not below the subnormal spacing.
        let e = exact.binaryExponent ?? minExponent
        let ulpExponent = max(e - significandBits, minExponent - significandBits + 1)
        return diff.scaled(byPowerOfTwo: -ulpExponent).toDouble()
    }
}

/// A self-checking high-precision oracle: evaluates at two precisions and returns the value only when
/// the two agree to the requested number of digits.
public enum Oracle {
    /// `f` evaluated at precisions for 2·digits and 3·digits; nil if they disagree beyond `digits`.
    public static func value(digits: Int, _ f: (Int) -> BigFloat) -> BigFloat? {
        let p1 = BigFloat.precision(forDecimalDigits: 2 * digits) + 32
        let p2 = BigFloat.precision(forDecimalDigits: 3 * digits) + 32
        let a = f(p1), b = f(p2)
        if a.isNaN || b.isNaN { return nil }
        return Accuracy.agreeingDigits(a, b) >= Double(digits) ? b : nil
    }
}

/// Derivatives by an independent method: Cauchy's integral formula on a circle, evaluated by the
/// trapezoid rule in complex MPFR arithmetic:
///
///     f⁽ⁿ⁾(x) ≈ n!/(M·rⁿ) · Σₖ f(x + r·ωᵏ)·ω^(−k·n),   ω = e^(2πi/M),
///
/// whose error decays like (r/R)^M for f analytic in the disc of radius R > r around x.
public enum CauchyDerivatives {
    /// f⁽ⁿ⁾(x) for n = 0…maxOrder (real parts), from M samples on the circle of radius r.
    public static func compute(_ f: (BigComplex) -> BigComplex, at x: BigFloat, radius r: Rational = 1,
                               samples m: Int = 256, maxOrder: Int, precision p: Int) -> [BigFloat] {
        let twoPi = BigFloat.pi(precision: p).scaled(byPowerOfTwo: 1)
        let rr = BigFloat(r, precision: p)
        var sums = Array(repeating: BigComplex(BigFloat(precision: p)), count: maxOrder + 1)
        for k in 0..<m {
            let angle = twoPi * BigFloat(Rational(k, m), precision: p)
            let (s, c) = angle.sinCos(precision: p)
            let z = BigComplex(x.rounded(toPrecision: p) + rr * c, rr * s)
            let value = f(z)
            // value · ω^(−k·n) for each n, by repeated multiplication with conj(ω^k).
            let step = BigComplex(c, -s)
            var term = value
            for n in 0...maxOrder {
                sums[n] = sums[n] + term
                term = term * step
            }
        }
        var result: [BigFloat] = []
        var factorial = Rational(1)
        for n in 0...maxOrder {
            if n > 0 { factorial *= Rational(n) }
            let scale = BigFloat(factorial / (Rational(m) * r.power(n)), precision: p)
            result.append(sums[n].re * scale)
        }
        return result
    }
}
