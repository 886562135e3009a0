

/// e^a for a ≤ 0 in IEEE double (``standard``) or binary32 (``single``) from exact operations only (fma,
/// +, −, ×, bit manipulation); for double:
///
///     a' = max(a, −1000) (NaN kept)     below −746, e^a rounds to 0; v·e^(m·a) needs a below −746
///     k  = rint(a'/ln 2)                 fma(a', 1/ln 2, 1.5·2⁵²) − 1.5·2⁵², exact
///     r  = a' − k·ln2hi − k·ln2lo        ln2hi has 42 bits, so k·ln2hi and the first subtraction are exact
///     e^a ≈ p(r)·2^E1·2^E2              p(r) = 1 + r + r²·c(r) of degree 11, |r| ≤ ln2/2, c interpolating
///                                        (e^r − 1 − r)/r² at the Chebyshev nodes (near-minimax, so two degrees
///                                        fewer than the Taylor polynomial of the same accuracy), rounded to double;
///                                        E1 = max(k, −1000), E2 = k − E1: only the last product can round
///
/// and for binary32 the same with a' = max(a, −300) (a backward kernel's dy·f′ reaches below 2⁻²⁵²), 1.5·2²³, a
/// 16-bit ln2hi, p of degree 6 (c of degree 4, the same interpolation), E1, E2, E3 ≥ −126; besides q = p(r) by
/// Horner (one rounding last, as in double), e^r − 1 = r + r²·c(r) (c by Horner, then one fma) for forms that
/// add e^r − 1 to a value instead of multiplying by q (``minusOneForm``).
/// Every constant is computed here in MPFR; `relativeErrorBound` is proven by interval arithmetic over
/// the reduced range (truncation and coefficient rounding) plus a bound on the rounding of the reduction
/// and of Horner's rule with fma.
public struct ExpKernel: Sendable {
    /// Significand bits of the arithmetic (53 or 24).
    public let precision: Int
    public let degree: Int
    public let inverseLn2: Double
    public let ln2High: Double
    public let ln2Low: Double
    /// p's coefficients c₀ … c_degree.
    public let coefficients: [Double]
    /// A proven bound on |q·2^k/e^a − 1| for lowestArgument ≤ a ≤ 0 before the final scaling by 2^k (exact
    /// when the result is normal).
    public let relativeErrorBound: Double
    /// 1.5·2^(precision − 1), whose ulp is 1: adding it rounds to an integer.
    public let roundingShift: Double
    /// Arguments below are raised to it (e^a is 0 in the format well before).
    public let lowestArgument: Double
    /// The smallest exponent of a normal number: the scaling uses 2^max(E, minimumExponent) twice.
    public let minimumExponent: Int
    /// Whether e^r − 1 is offered as r + r²·c(r) (c = coefficients[2...] by Horner, then fma(c, r·r, r)):
    /// binary32.
    public var minusOneForm: Bool { precision == 24 }

    public static let standard = ExpKernel(precision: 53)
    public static let single = ExpKernel(precision: 24)

    init(precision: Int) {
        self.precision = precision
        let isDouble = precision == 53
        degree = isDouble ? 11 : 6
        lowestArgument = isDouble ? -1000 : -300
        minimumExponent = isDouble ? -1022 : -126
        roundingShift = 1.5 * Double(sign: .plus, exponent: precision - 1, significand: 1)
        let p = 256
        let ln2 = BigFloat.ln2(precision: p)
        func rounded(_ v: BigFloat) -> Double { v.rounded(toPrecision: precision).toDouble() }
        inverseLn2 = rounded(BigFloat(1, precision: p) / ln2)
        let high = ln2.rounded(toPrecision: isDouble ? 42 : 16)
        ln2High = high.toDouble()
        ln2Low = rounded(ln2.subtracting(high, precision: p).value)
        let cs = [1, 1] + ExpKernel.chebyshevTail(degree: degree, halfWidth: ln2.scaled(byPowerOfTwo: -1), precision: p).map(rounded)
        coefficients = cs
        let largestK = Int((-lowestArgument / 0.6931471805599453).rounded(.up)) + 1
        relativeErrorBound = ExpKernel.proveBound(cs, ln2High: ln2High, ln2Low: ln2Low, ln2: ln2, largestK: largestK,
                                                  unitRoundoff: Double(sign: .plus, exponent: -precision, significand: 1))
    }

    /// c₀ … c_(n−2) of the polynomial c of degree n − 2 that interpolates g(r) = (e^r − 1 − r)/r² (g(0) = 1/2) at
    /// the Chebyshev nodes of [−h, h]: then 1 + r + r²·c(r) keeps e^r's first two coefficients exactly.
    static func chebyshevTail(degree n: Int, halfWidth h: BigFloat, precision p: Int) -> [BigFloat] {
        // An odd count of nodes puts one at r = cos(π/2)·h, zero up to the rounding of π: there (e^r − 1 − r)/r²
        // cancels every bit, and 1/2 + r/6 is exact to r², far below the precision.
        chebyshevInterpolant(degree: n - 2, halfWidth: h, precision: p) { r in
            r.isZero || r.binaryExponent! < -p / 2 + 8
                ? BigFloat(0.5, precision: p).adding(r.divided(by: BigFloat(6, precision: 64), precision: p).value, precision: p).value
                : r.expm1(precision: p).subtracting(r, precision: p).value.divided(by: r.multiplied(by: r, precision: p).value, precision: p).value
        }
    }

    /// The monomial coefficients of the polynomial of degree d that interpolates g at the d + 1 Chebyshev nodes
    /// h·cos(π(2j + 1)/(2(d + 1))) of [−h, h], by Gaussian elimination with partial pivoting on the Vandermonde
    /// system at `precision` bits (for d ≤ 16 and h < 1 its condition costs far fewer bits than the 256 used).
    static func chebyshevInterpolant(degree d: Int, halfWidth h: BigFloat, precision p: Int, _ g: (BigFloat) -> BigFloat) -> [BigFloat] {
        let count = d + 1
        let pi = BigFloat.pi(precision: p)
        let nodes = (0..<count).map { j -> BigFloat in
            let angle = pi.multiplied(by: BigFloat(2 * j + 1, precision: 64), precision: p).value
                .divided(by: BigFloat(2 * count, precision: 64), precision: p).value
            return h.multiplied(by: angle.sinCos(precision: p).cos, precision: p).value
        }
        var rows = nodes.map { r -> [BigFloat] in
            var powers = [BigFloat(1, precision: p)]
            for _ in 1..<count { powers.append(powers.last!.multiplied(by: r, precision: p).value) }
            return powers + [g(r)]
        }
        for column in 0..<count {
            let pivot = (column..<count).max { rows[$0][column].magnitude < rows[$1][column].magnitude }!
            rows.swapAt(column, pivot)
            for row in (column + 1)..<count {
                let factor = rows[row][column].divided(by: rows[column][column], precision: p).value
                for k in column...count {
                    rows[row][k] = rows[row][k].subtracting(factor.multiplied(by: rows[column][k], precision: p).value, precision: p).value
                }
            }
        }
        var solution = [BigFloat](repeating: BigFloat(0, precision: p), count: count)
        for row in stride(from: count - 1, through: 0, by: -1) {
            var rest = rows[row][count]
            for k in (row + 1)..<count { rest = rest.subtracting(rows[row][k].multiplied(by: solution[k], precision: p).value, precision: p).value }
            solution[row] = rest.divided(by: rows[row][row], precision: p).value
        }
        return solution
    }

    /// sup over |r| ≤ h of Σᵢ₌₀ⁿ⁻¹ |r|ⁱ|Pᵢ(r)| / p(r), Pᵢ(r) = Σⱼ₌ᵢ cⱼrʲ⁻ⁱ (P₀ = p), enclosed on 32 pieces at 64 bits
    /// (outward rounding; a coarse bound suffices, it multiplies u).
    static func hornerRounding(_ cs: [Double], halfWidth h: BigFloat) -> Double {
        let p = 64, pieces = 32
        var largest = 0.0
        for i in 0..<pieces {
            let r = piece(i, of: pieces, halfWidth: h, precision: p)
            let magnitude = BigInterval(BigFloat.max(r.lower.magnitude, r.upper.magnitude))
            var partial = BigInterval(0, precision: p), partials: [BigInterval] = []
            for c in cs.reversed() {
                partial = partial * r + BigInterval(BigFloat(c, precision: 64))
                partials.append(partial)
            }
            var sum = BigInterval(0, precision: p), power = BigInterval(1, precision: p)
            for partialSum in partials.reversed().dropLast() {
                sum = sum + power * BigInterval(BigFloat.max(partialSum.lower.magnitude, partialSum.upper.magnitude))
                power = power * magnitude
            }
            largest = Swift.max(largest, (sum / BigInterval(partials.last!.lower)).upper.toDouble(rounding: .up))
        }
        return largest
    }

    /// The i-th of `count` equal pieces of [−h, h], its ends rounded outward at `precision` bits.
    static func piece(_ i: Int, of count: Int, halfWidth h: BigFloat, precision p: Int) -> BigInterval {
        func end(_ j: Int, _ rounding: RoundingMode) -> BigFloat {
            -h + h.scaled(byPowerOfTwo: 1).multiplied(by: BigFloat(j, precision: 64), precision: p, rounding: rounding).value
                .divided(by: BigFloat(count, precision: 64), precision: p, rounding: rounding).value
        }
        return BigInterval(lower: end(i, .down), upper: end(i + 1, .up))
    }

    /// sup |p(r)e^(−r) − 1| over |r| ≤ ln2/2 + 2⁻⁴⁰ (binary32: 2⁻¹⁵, k may be off by one there) by interval branch-and-bound at 128 bits, plus the
    /// reduction error (|k| ≤ largestK times |ln2 − ln2hi − ln2lo|, relative to e^r), the rounding of r by the
    /// second fma (|Δr| ≤ u|r|, relative u|r| in e^r), and Horner's rounding with fma: step i computes
    /// p̂ᵢ = (p̂ᵢ₊₁·r + cᵢ)(1 + δᵢ), |δᵢ| ≤ u, and its error reaches the result multiplied by rⁱ, so
    /// |p̂₀ − p(r)| ≤ u/(1 − u)·Σᵢ|r|ⁱ|p̂ᵢ| with Pᵢ(r) = Σⱼ₌ᵢ cⱼrʲ⁻ⁱ the exact partial sums; that sum relative to
    /// p(r), enclosed on each piece, times 1 + 2⁻⁴⁰ for |p̂ᵢ| against |Pᵢ| (far below: each is within n·u of it).
    /// The two scalings by powers of two are exact for normal results.
    static func proveBound(_ cs: [Double], ln2High: Double, ln2Low: Double, ln2: BigFloat, largestK: Int, unitRoundoff u: Double) -> Double {
        let p = 128
        let half = ln2.scaled(byPowerOfTwo: -1).adding(BigFloat(1, precision: 64).scaled(byPowerOfTwo: u < 0x1p-40 ? -40 : -15), precision: p, rounding: .up).value
        let pieces = 256
        // d/dr [p(r)e^(−r)] = (p′ − p)(r)·e^(−r); p′ − p has the exact coefficients (i + 1)cᵢ₊₁ − cᵢ, all tiny
        // but the last, so its enclosure is tight.
        let exact = cs.map { BigFloat($0, precision: 64).exactRational! }
        let slopeCoefficients = exact.indices.map { i in (i + 1 < exact.count ? Rational(i + 1) * exact[i + 1] : Rational(0)) - exact[i] }
        var worst = BigFloat(0, precision: p)
        for i in 0..<pieces {
            let r = piece(i, of: pieces, halfWidth: half, precision: p)
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
        let reduction = Double(largestK) * abs((ln2.subtracting(BigFloat(ln2High), precision: p).value.subtracting(BigFloat(ln2Low), precision: p).value).toDouble())
            * 1.5
        let horner = hornerRounding(cs, halfWidth: half) * u / (1 - u) * (1 + 0x1p-40)
        let argument = half.toDouble(rounding: .up) * u
        return (worst.toDouble(rounding: .up) + reduction + argument + horner) * (1 + 0x1p-40)
    }
}

/// The constants of the double-double exponential e^a = m·2^k (a ≤ 0) of the faithful f64 kernels and of
/// the f64 reference, computed here in MPFR:
///
///     k = rint(a/ln 2)                   fma(a, 1/ln 2, 1.5·2⁵²) − 1.5·2⁵², exact
///     r = a − k·L₁ − k·L₂ − k·L₃         L₁, L₂ of 40 bits (k·Lᵢ exact for |k| < 2¹²; a − k·L₁ exact by
///                                        Sterbenz), the second subtraction by TwoSum, L₃ by one fma
///     E = e^(r/2⁴) − 1                   Σ r'ⁿ/n! to ``degree``: the terms beyond ``doubleWordTerms`` by Horner
///                                        in double on r'.hi, the rest by Horner in double-double
///     E ← E·(E + 2), 4 times             (1 + E)² − 1, so that E keeps its relative accuracy
///     m = 1 + E
///
/// With |r'| ≤ ln2/2⁵ the truncation is below 2⁻¹¹⁰ relative; the double tail is below 2⁻⁶² of E, so its
/// rounding stays below 2⁻¹¹²; about 40 double-word operations, each within 2⁻¹⁰² relative (Joldes, Muller
/// and Popescu's bounds), keep |m·2^k/e^a − 1| below ``relativeErrorBound`` (errors of E pass through the
/// squarings with a factor at most 1). Fewer squarings and a shorter double-word Horner than r/2⁸ with
/// degree 10 in double-word: the chain of dependent operations, which bounds the kernels' speed, is shorter.
public struct DoubleDoubleExpKernel: Sendable {
    public static let squarings = 4
    public static let roundingShift = 0x1.8p52
    public static let relativeErrorBound = 0x1p-94
    public static let inverseLn2: Double = (BigFloat(1, precision: 256) / BigFloat.ln2(precision: 256)).toDouble()
    /// L₁ + L₂ + L₃ = ln 2 to about 2⁻¹³³.
    public static let ln2Parts: [Double] = {
        let ln2 = BigFloat.ln2(precision: 256)
        let first = ln2.rounded(toPrecision: 40)
        let rest = ln2.subtracting(first, precision: 256).value
        let second = rest.rounded(toPrecision: 40)
        return [first.toDouble(), second.toDouble(), rest.subtracting(second, precision: 256).value.toDouble()]
    }()
    /// The smallest n with (ln2/2^(squarings+1))ⁿ/(n+1)! < 2⁻¹¹⁰ (the first omitted term relative to r').
    public static let degree: Int = {
        let r = 0.6931471805599453 / Double(1 << (squarings + 1))
        var n = 1, term = r / 2
        while term >= 0x1p-110 { n += 1; term *= r / Double(n + 1) }
        return n
    }()
    /// The terms r'ⁿ/n! up to this n are summed in double-double; those above it, below 2⁻⁶² of E, in double:
    /// the smallest T with 2⁻⁵⁰·(ln2/2^(squarings+1))^T/(T+1)! < 2⁻¹⁰⁸.
    public static let doubleWordTerms: Int = {
        let r = 0.6931471805599453 / Double(1 << (squarings + 1))
        var t = 1, term = r / 2
        while term * 0x1p-50 >= 0x1p-108 { t += 1; term *= r / Double(t + 1) }
        return t
    }()
    /// 1/n! for n = 1 … ``degree`` as (hi, lo) pairs, both rounded to nearest.
    public static let coefficients: [(hi: Double, lo: Double)] = {
        var factorial = BigFloat(1, precision: 256)
        return (1...degree).map { n in
            factorial = factorial.multiplied(by: BigFloat(n, precision: 64), precision: 256).value
            let c = BigFloat(1, precision: 256).divided(by: factorial, precision: 256).value
            let hi = c.toDouble()
            return (hi, c.subtracting(BigFloat(hi), precision: 256).value.toDouble())
        }
    }()
}
