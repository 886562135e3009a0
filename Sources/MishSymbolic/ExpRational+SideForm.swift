import MishNumbers

/// f on one side of 0 in s = e^(−|x|) ∈ (0, 1], where no power of eˣ can overflow:
///
///     f(x) = s^shift · Σᵢ xⁱ·Nᵢ(s) / D(s)
///
/// For x < 0, u = s: Nᵢ = Pᵢ/s^shift and D = Q. For x ≥ 0, numerator and denominator are divided by u^d
/// (d the largest degree in u), which makes them polynomials in t = e^(−x) = s. `shift` is the power of s
/// dividing every Nᵢ when D(0) ≠ 0 (so Σ xⁱNᵢ(0) is f's leading behaviour toward that end), 0 otherwise.
public struct ExpRationalSideForm: Sendable, Equatable {
    /// numerators[i][m] is the coefficient of xⁱsᵐ; every row has `degree + 1` entries.
    public let numerators: [[BigInt]]
    /// denominator[m] is the coefficient of sᵐ.
    public let denominator: [BigInt]
    public let shift: Int
    /// d: the largest degree in s.
    public var degree: Int { denominator.count - 1 }
    /// g where f grows like e^(g|x|) on this side: D(0) = 0 with lowest term d_g·s^g (then `shift` is 0); 0 otherwise.
    public var growth: Int { denominator[0].isZero ? (denominator.firstIndex { !$0.isZero } ?? 0) : 0 }
    /// D′ = D/s^g for a growth g (``growth`` or 0), padded to d + 1 entries: D′(0) = d_g ≠ 0.
    public func denominator(dividedByPower g: Int) -> [BigInt] {
        Array(denominator.dropFirst(g)) + Array(repeating: BigInt(0), count: g)
    }
    /// f = Σ cᵢxⁱ + (terms vanishing like a power of s) toward this end, where no shift divides the form and
    /// D(0) ≠ 0: cᵢ = Nᵢ(0)/D(0), lowest power first. nil otherwise.
    public var limitPolynomial: [Rational]? {
        guard shift == 0, !denominator[0].isZero else { return nil }
        return numerators.map { Rational($0[0]) / Rational(denominator[0]) }
    }

    /// f = c·xⁿ + (terms vanishing like a power of s) toward this end, where the limit polynomial has one
    /// nonzero term: c = Nₙ(0)/D(0). nil otherwise.
    public var limitTerm: (power: Int, coefficient: Rational)? {
        guard let c = limitPolynomial else { return nil }
        let rows = c.indices.filter { !c[$0].isZero }
        guard rows.count == 1, let n = rows.first else { return nil }
        return (n, c[n])
    }
}

extension ExpRational {
    /// The forms for x < 0 (`negative`) and x ≥ 0 (`positive`).
    public var sideForms: (negative: ExpRationalSideForm, positive: ExpRationalSideForm) {
        let q = denominatorPolynomial
        let nonzero = numerator.filter { !$0.isZero }
        let d = Swift.max(nonzero.map(\.degree).max() ?? 0, q.degree)
        let negativeShift = q[0].isZero || nonzero.isEmpty ? 0 : nonzero.map(\.lowestDegree).min()!
        let positiveShift = nonzero.isEmpty ? 0 : Swift.max(0, q.degree - nonzero.map(\.degree).max()!)
        func row(_ p: IntegerPolynomial, negative: Bool, shift: Int) -> [BigInt] {
            (0...d).map { m in
                if negative { return p[m + shift] }
                return d - m - shift >= 0 ? p[d - m - shift] : BigInt(0)
            }
        }
        return (
            ExpRationalSideForm(numerators: numerator.map { row($0, negative: true, shift: negativeShift) },
                                denominator: row(q, negative: true, shift: 0), shift: negativeShift),
            ExpRationalSideForm(numerators: numerator.map { row($0, negative: false, shift: positiveShift) },
                                denominator: row(q, negative: false, shift: 0), shift: positiveShift)
        )
    }
}

extension ExpRational {
    /// f(0) = P₀(1)/Q(1), exactly; nil when Q(1) = 0.
    public var valueAtOrigin: Rational? {
        let q = denominatorPolynomial.coefficients.reduce(BigInt(0), +)
        guard !q.isZero else { return nil }
        let p = numerator.first?.coefficients.reduce(BigInt(0), +) ?? BigInt(0)
        return Rational(p, q)
    }

    /// Whether f(x) = 0 exactly at a rational x ≠ 0: eˣ is then transcendental (Lindemann–Weierstrass), so
    /// Σᵢ xⁱPᵢ(eˣ) vanishes only if Σᵢ xⁱPᵢ(u) is the zero polynomial in u, and Q(eˣ) ≠ 0 for the same reason.
    public func vanishes(at x: Rational) -> Bool {
        guard !x.isZero else { return false }
        let length = numerator.map { $0.degree + 1 }.max() ?? 0
        return (0..<length).allSatisfy { m in
            var sum = Rational(0), power = Rational(1)
            for row in numerator {
                if m <= row.degree { sum = sum + power * Rational(row[m]) }
                power = power * x
            }
            return sum.isZero
        }
    }

    /// The nonzero numerator rows Nᵢ(s) of both side forms that vanish at s = 1 (x = 0): computing one from s
    /// near 1 cancels, so the form's relative error near 0 grows like 2⁻⁵³/|x| (tanh = (1 − t²)/(1 + t²)).
    public var rowsCancellingAtOrigin: [[BigInt]] {
        let forms = sideForms
        return [forms.negative, forms.positive].flatMap { form in
            form.numerators.filter { row in !row.allSatisfy(\.isZero) && row.reduce(BigInt(0), +).isZero }
        }
    }

    /// Whether some numerator row cancels at x = 0 (``rowsCancellingAtOrigin``).
    public var cancelsAtOrigin: Bool { !rowsCancellingAtOrigin.isEmpty }
}
