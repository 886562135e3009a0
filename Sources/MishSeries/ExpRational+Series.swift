import MishNumbers
import MishSymbolic

extension ExpRational {
    /// The exact Maclaurin coefficients c₀ … c_(N−1) of f = Σᵢ xⁱ·Pᵢ(eˣ)/Q(eˣ), by integer arithmetic.
    ///
    /// With exponential generating coefficients (n-th derivatives at 0): Pᵢ(eˣ) has πᵢ,ₙ = Σⱼ pᵢⱼ·jⁿ and
    /// Q(eˣ) has δₙ = Σⱼ qⱼ·jⁿ; the quotient Rᵢ = Pᵢ/Q has ρᵢ,ₙ with Σₖ C(n,k)·δₖ·ρᵢ,ₙ₋ₖ = πᵢ,ₙ. Scaled by
    /// δ₀ⁿ⁺¹ these are integers: Ρₙ = δ₀ⁿ·πₙ − Σₖ₌₁ⁿ C(n,k)·δₖ·δ₀ᵏ⁻¹·Ρₙ₋ₖ. Then cₙ = Σᵢ ρᵢ,ₙ₋ᵢ/(n−i)!.
    /// Needs Q(1) = δ₀ ≠ 0 (no pole at 0). O(N²) multiply-adds of integers.
    public func maclaurinCoefficients(order n: Int) throws -> [Rational] {
        if isZero { return Array(repeating: 0, count: n) }
        let q = denominatorPolynomial
        let delta = ExpRational.momentsOfExponentials(q, count: n)
        guard !delta[0].isZero else { throw SeriesError.pole }
        let d0 = delta[0]
        // δ₀^k for k < n, and the multipliers m(n, k) = C(n,k)·δₖ·δ₀^(k−1) built row by row.
        var d0Powers = [BigInt(1)]
        for _ in 1..<max(n, 1) { d0Powers.append(d0Powers.last! * d0) }
        // δₖ·δ₀^(k−1), the part of each multiplier that does not depend on the row.
        let weights = (0..<n).map { k in k == 0 ? BigInt(0) : delta[k] * d0Powers[k - 1] }
        var result = Array(repeating: Rational(0), count: n)
        for (i, p) in numerator.enumerated() where !p.isZero && i < n {
            let pi = ExpRational.momentsOfExponentials(p, count: n - i)
            var scaled: [BigInt] = []
            var binomial = [BigInt(1)]
            for m in 0..<(n - i) {
                if m > 0 {
                    var next = [BigInt(1)]
                    for k in 1..<m { next.append(binomial[k - 1] + binomial[k]) }
                    next.append(1)
                    binomial = next
                }
                var value = d0Powers[m] * pi[m]
                if m > 0 {
                    for k in 1...m where !weights[k].isZero {
                        value -= binomial[k] * weights[k] * scaled[m - k]
                    }
                }
                scaled.append(value)
            }
            // ρᵢ,ₘ = scaled[m]/δ₀^(m+1); cₘ₊ᵢ += ρᵢ,ₘ/m!.
            var factorial = BigInt(1)
            for m in 0..<(n - i) {
                if m > 0 { factorial *= BigInt(m) }
                result[m + i] += Rational(scaled[m], d0Powers[m] * d0 * factorial)
            }
        }
        let c = Rational(BigInt(1), denominatorConstant)
        return result.map { $0 * c }
    }

    /// Σⱼ pⱼ·jᵏ for k = 0 … count−1: the k-th derivative at 0 of p(eˣ).
    static func momentsOfExponentials(_ p: IntegerPolynomial, count: Int) -> [BigInt] {
        var sums = Array(repeating: BigInt(0), count: count)
        for j in 0...max(p.degree, 0) {
            let c = p[j]
            if c.isZero { continue }
            var power = c
            let base = BigInt(j)
            for k in 0..<count {
                sums[k] += power
                power *= base
            }
        }
        return sums
    }
}

/// An expansion f(x) = Σₖ pₖ(x)·τᵏ for large |x|, τ = e^(−x) at +∞ or τ = eˣ at −∞, with pₖ polynomials in x
/// of rational coefficients; `shift` allows finitely many negative powers (terms that grow like e^(k|x|)).
public struct AsymptoticExpansion {
    public enum Direction: String, Sendable { case plusInfinity = "+inf", minusInfinity = "-inf" }
    public let direction: Direction
    /// polynomials[k][i] = coefficient of xⁱ·τ^(k + shift).
    public let polynomials: [[Rational]]
    /// The power of τ of the first polynomial (negative when f grows exponentially).
    public let shift: Int
    /// The expansion converges where |τ| < radius, τ = e^(∓x).
    public let radius: ConvergenceRadius

    /// The partial sum at x with every term of τ-power below `order` (exact rational arithmetic on
    /// intervals of precision p).
    public func partialSum(at x: BigInterval) -> BigInterval {
        let p = x.precision
        let tau = (direction == .plusInfinity ? -x : x).exp()
        var sum = BigInterval(0, precision: p)
        for (k, poly) in polynomials.enumerated() {
            var px = BigInterval(0, precision: p)
            for c in poly.reversed() { px = px * x + BigInterval(c, precision: p) }
            sum = sum + px * tau.pow(k + shift)
        }
        return sum
    }
}

extension ExpRational {
    /// The expansion at +∞ (in t = e^(−x)) or −∞ (in u = eˣ) with `order` powers of the variable.
    public func asymptoticExpansion(_ direction: AsymptoticExpansion.Direction, order n: Int) throws -> AsymptoticExpansion {
        // In τ: u = τ^(−1) at +∞, u = τ at −∞. Write Pᵢ(u)/Q(u) = τ^(sᵢ)·Aᵢ(τ)/B(τ) with B(0) ≠ 0.
        let q = denominatorPolynomial
        func inTau(_ p: IntegerPolynomial) -> (IntegerPolynomial, Int) {
            if direction == .minusInfinity {
                let low = p.lowestDegree
                return (IntegerPolynomial((low...max(p.degree, low)).map { p[$0] }), low)
            }
            let reversed = IntegerPolynomial((0...max(p.degree, 0)).map { p[p.degree - $0] })
            let low = reversed.lowestDegree
            return (IntegerPolynomial((low...max(reversed.degree, low)).map { reversed[$0] }), low - p.degree)
        }
        let (b, sb) = inTau(q)
        let bSeries = TruncatedSeries<Rational>((0..<n).map { Rational(b[$0]) })
        let bInverse = try bSeries.reciprocal()
        var parts: [(Int, TruncatedSeries<Rational>)] = []
        var shifts: [Int] = []
        var minShift = Int.max
        for (i, p) in numerator.enumerated() where !p.isZero {
            let (a, sa) = inTau(p)
            let ratio = TruncatedSeries<Rational>((0..<n).map { Rational(a[$0]) }) * bInverse
            parts.append((i, ratio))
            minShift = min(minShift, sa - sb)
            shifts.append(sa - sb)
        }
        let shift = minShift == Int.max ? 0 : minShift
        var polynomials = Array(repeating: Array(repeating: Rational(0), count: max(degreeInX + 1, 1)), count: n)
        for ((i, series), s) in zip(parts, shifts) {
            for k in 0..<n where k + s - shift < n {
                polynomials[k + s - shift][i] += series[k] * Rational(BigInt(1), denominatorConstant)
            }
        }
        let radius = ConvergenceRadius.forAsymptoticExpansion(of: denominatorFactors.map(\.polynomial), direction: direction)
        return AsymptoticExpansion(direction: direction, polynomials: polynomials, shift: shift, radius: radius)
    }
}
