import MishNumbers
import MishSymbolic

/// A function g with the same real zeros as f⁽ᵏ⁾ and the same sign at every real x, in the simplest form
/// the engine finds, with g′ and g″ for Newton's method and its certificate.
///
/// When f⁽ᵏ⁾ is in the exp-rational class (f need not be: softplus′ = σ is), f⁽ᵏ⁾ = N(x, u)/(c·Πⱼ qⱼ(u)^eⱼ) with u = eˣ > 0. When no qⱼ has a
/// positive root (Descartes' rule of signs: no sign change among its coefficients), the denominator has
/// one sign σ on the real line, and g = σ·N/(u^m·content) with u^m the largest power of u dividing N:
/// for mish′ this is u³ + 4u² + 6u + 4 + 4x(u + 1). Otherwise g = f⁽ᵏ⁾ itself, as an expression.
public struct SignEquivalentForm: Sendable {
    /// k: the form has the zeros and signs of f⁽ᵏ⁾.
    public let order: Int
    /// f⁽ᵏ⁾ as the engine differentiates it.
    public let target: Expr
    /// g, g′, g″ (Horner in u for exp-rational g).
    public let g: Expr
    public let gPrime: Expr
    /// g″ (built on demand: the exp-rational certificate encloses it from its normal form).
    public var gSecond: Expr { rational?.gSecond.hornerExpr ?? expressionSecond! }
    let expressionSecond: Expr?
    /// How g was obtained, for certificates.
    public let derivation: String
    let rational: (g: ExpRational, gPrime: ExpRational, gSecond: ExpRational)?

    /// The form of the k-th derivative of f (k ≥ 0).
    public init(derivative k: Int, of f: Expr) {
        order = k
        let name = k == 0 ? "f" : "f" + String(repeating: "′", count: Swift.min(k, 3)) + (k > 3 ? "(\(k))" : "")
        let derivative = ExpRational(f)?.derivative(order: k) ?? ExpRational(f.derivative(order: k))
        target = derivative?.hornerExpr ?? f.derivative(order: k)
        if let derivative, let reduced = SignEquivalentForm.reducedNumerator(of: derivative) {
            let g1 = reduced.form.derivative()
            let g2 = g1.derivative()
            rational = (reduced.form, g1, g2)
            g = reduced.form.hornerExpr
            gPrime = g1.hornerExpr
            expressionSecond = nil
            derivation = "\(name) = N(x, u)/D(u) with u = e^x in normal form; D has no positive root "
                + "(Descartes' rule of signs) and sign \(reduced.sign > 0 ? "+" : "-"), so \(name) has the zeros "
                + "and signs of g = \(reduced.form.text)"
            return
        }
        rational = nil
        g = target
        gPrime = g.derivative()
        expressionSecond = gPrime.derivative()
        derivation = "g = \(name) = \(g), as the engine differentiates it (not in the exp-rational class, or its "
            + "denominator may vanish)"
    }

    /// σ·N/(u^m·content) when every denominator factor keeps one sign for u > 0.
    static func reducedNumerator(of r: ExpRational) -> (form: ExpRational, sign: Int)? {
        if r.isZero { return (r, 0) }
        var sign = 1
        for factor in r.denominatorFactors {
            guard factor.polynomial.positiveRootsExcludedByDescartes else { return nil }
            if factor.exponent % 2 == 1 && factor.polynomial.signForLargeU < 0 { sign = -sign }
        }
        let shift = r.numerator.filter { !$0.isZero }.map(\.lowestDegree).min() ?? 0
        var content = BigInt(0)
        for p in r.numerator { content = BigInt.gcd(content, p.content) }
        let scale = sign < 0 ? -content : content
        let reduced = r.numerator.map { $0.droppingLowest(shift).dividedExactly(by: scale) }
        return (ExpRational(polynomialsInU: reduced), sign)
    }

    /// An enclosure of g⁽ʲ⁾(X), j = 0, 1, 2; exp-rational forms use the t = e⁻ˣ form for X ≥ 0, so
    /// unbounded X (the tails) are enclosed without ∞ − ∞.
    public func enclosure(_ j: Int, over x: BigInterval) -> BigInterval {
        if let r = rational { return [r.g, r.gPrime, r.gSecond][j].enclosure(at: x) }
        return [g, gPrime, expressionSecond!][j].enclosure(at: x, precision: x.precision)
    }

    public var isExpRational: Bool { rational != nil }
}

extension IntegerPolynomial {
    /// True when the coefficients have no sign change, so p has no root u > 0.
    var positiveRootsExcludedByDescartes: Bool {
        let signs = coefficients.map(\.signum).filter { $0 != 0 }
        return zip(signs, signs.dropFirst()).allSatisfy { $0 == $1 }
    }

    /// The sign of p(u) as u → +∞.
    var signForLargeU: Int { leadingSign }

    /// p/u^k for a p divisible by u^k.
    func droppingLowest(_ k: Int) -> IntegerPolynomial {
        k == 0 ? self : IntegerPolynomial(Array(coefficients.dropFirst(k)))
    }
}
