import MishNumbers
import MishSymbolic

/// How ``ExpRational/maclaurinCoefficients(order:method:)`` computes the integers Ρᵢ,ₘ.
public enum MaclaurinMethod: Sendable {
    /// The integer recurrence, O(N²) operations on integers of O(N log N) bits.
    case recurrence
    /// Modulo word-size primes with number-theoretic transforms, then the Chinese remainder theorem;
    /// throws ``SeriesError/noCoefficientBound`` when no Cauchy bound can be certified.
    case residues
    /// Residues from order ``residuesFromOrder`` on (the recurrence when they have no bound), the
    /// recurrence below.
    case automatic

    /// Where residues become the faster route (measured by benchmarks/series).
    public static let residuesFromOrder = 256
}

extension ExpRational {
    /// The exact Maclaurin coefficients c₀ … c_(N−1) of f = Σᵢ xⁱ·Pᵢ(eˣ)/Q(eˣ), by integer arithmetic.
    ///
    /// With exponential generating coefficients (n-th derivatives at 0): Pᵢ(eˣ) has πᵢ,ₙ = Σⱼ pᵢⱼ·jⁿ and
    /// Q(eˣ) has δₙ = Σⱼ qⱼ·jⁿ; the quotient Rᵢ = Pᵢ/Q has ρᵢ,ₙ with Σₖ C(n,k)·δₖ·ρᵢ,ₙ₋ₖ = πᵢ,ₙ. Scaled by
    /// δ₀ⁿ⁺¹ these are integers: Ρₙ = δ₀ⁿ·πₙ − Σₖ₌₁ⁿ C(n,k)·δₖ·δ₀ᵏ⁻¹·Ρₙ₋ₖ. Then cₙ = Σᵢ ρᵢ,ₙ₋ᵢ/(n−i)!.
    /// Needs Q(1) = δ₀ ≠ 0 (no pole at 0). O(N²) multiply-adds of integers.
    public func maclaurinCoefficients(order n: Int, method: MaclaurinMethod = .automatic) throws -> [Rational] {
        if isZero { return Array(repeating: 0, count: n) }
        if method == .residues || (method == .automatic && n >= MaclaurinMethod.residuesFromOrder) {
            if let c = try maclaurinCoefficientsByResidues(order: n) { return c }
            if method == .residues { throw SeriesError.noCoefficientBound }
        }
        let q = denominatorPolynomial
        let d0 = q.coefficients.reduce(BigInt(0), +)
        guard !d0.isZero else { throw SeriesError.pole }
        var result = Array(repeating: Rational(0), count: n)
        for (i, p) in numerator.enumerated() where !p.isZero && i < n {
            // π̂ₘ = Σⱼ pⱼ·(j·δ₀)ᵐ, then Ρₘ = δ₀^(m+1)·ρᵢ,ₘ from the exponential convolution with Q.
            let moments = ExpRational.momentsOfExponentials(p, count: n - i, scale: d0)
            let scaled = ExponentialConvolution.solve(rightHandSide: moments, weights: q.coefficients, scale: d0)
            var denominator = d0
            var factorial = BigInt(1)
            for m in 0..<(n - i) {
                if m > 0 { factorial *= BigInt(m); denominator *= d0 }
                result[m + i] += Rational(scaled[m], denominator * factorial)
            }
        }
        return result
    }

    /// Σⱼ pⱼ·(j·scale)ᵏ for k = 0 … count−1: the k-th derivative at 0 of p(e^(scale·x)).
    static func momentsOfExponentials(_ p: IntegerPolynomial, count: Int, scale: BigInt = 1) -> [BigInt] {
        var sums = Array(repeating: BigInt(0), count: count)
        for j in 0...max(p.degree, 0) {
            let c = p[j]
            if c.isZero { continue }
            var power = c
            let base = BigInt(j) * scale
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

    /// The expansion as an expression: Σₖ pₖ(x)·τ^(k + shift), τ = e^(∓x).
    public var expr: Expr {
        let tau = direction == .plusInfinity ? Expr.apply(.exp, -Expr.x) : Expr.apply(.exp, .x)
        return Expr.sum(polynomials.enumerated().map { k, poly in
            Expr.sum(poly.enumerated().map { Expr.number($0.element) * Expr.x.pow($0.offset) }) * tau.pow(k + shift)
        })
    }

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
                polynomials[k + s - shift][i] += series[k]
            }
        }
        let radius = ConvergenceRadius.forAsymptoticExpansion(of: denominatorFactors.map(\.polynomial), direction: direction)
        return AsymptoticExpansion(direction: direction, polynomials: polynomials, shift: shift, radius: radius)
    }
}
