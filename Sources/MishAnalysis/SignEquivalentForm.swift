import Foundation
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
    /// f⁽ᵏ⁾ as the engine differentiates it (the Horner normal form when exp-rational).
    public var target: Expr { targetRational?.hornerExpr ?? expressions!.target }
    /// g, g′, g″ as expressions (Horner in u for exp-rational g, built on demand: the search, Newton's method
    /// and the certificate evaluate exp-rational forms from their normal form).
    public var g: Expr { rational?.g.hornerExpr ?? expressions!.g }
    public var gPrime: Expr { rational?.gPrime.hornerExpr ?? expressions!.gPrime }
    public var gSecond: Expr { rational?.gSecond.hornerExpr ?? expressions!.gSecond }
    /// How g was obtained, for certificates (rendered on demand).
    public var derivation: String {
        let name = order == 0 ? "f" : "f" + String(repeating: "′", count: Swift.min(order, 3)) + (order > 3 ? "(\(order))" : "")
        if let rational {
            return "\(name) = N(x, u)/D(u) with u = e^x in normal form; D has no positive root "
                + "(Descartes' rule of signs) and sign \(denominatorSign > 0 ? "+" : "-"), so \(name) has the zeros "
                + "and signs of g = \(rational.g.text)"
        }
        return "g = \(name) = \(expressions!.target), as the engine differentiates it (not in the exp-rational class, or its "
            + "denominator may vanish)"
    }
    /// The sign of f⁽ᵏ⁾'s denominator (exp-rational g: f⁽ᵏ⁾ = σ·g·(a positive factor)).
    let denominatorSign: Int
    let rational: (g: ExpRational, gPrime: ExpRational, gSecond: ExpRational)?
    let targetRational: ExpRational?
    let expressions: (target: Expr, g: Expr, gPrime: Expr, gSecond: Expr)?

    /// The form of the k-th derivative of f (k ≥ 0).
    public init(derivative k: Int, of f: Expr) {
        self.init(derivative: k, of: f, normalForm: ExpRational(f))
    }

    /// The same, given f's exp-rational normal form (nil when f has none), so that callers convert f once.
    public init(derivative k: Int, of f: Expr, normalForm: ExpRational?) {
        order = k
        let derivative = normalForm?.derivative(order: k) ?? ExpRational(f.derivative(order: k))
        targetRational = derivative
        if let derivative, let reduced = SignEquivalentForm.reducedNumerator(of: derivative) {
            let g1 = reduced.form.derivative()
            rational = (reduced.form, g1, g1.derivative())
            expressions = nil
            denominatorSign = reduced.sign
            return
        }
        rational = nil
        let target = derivative?.hornerExpr ?? f.derivative(order: k)
        let gPrime = target.derivative()
        expressions = (target, target, gPrime, gPrime.derivative())
        denominatorSign = 1
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
    ///
    /// At ≤ 64 bits an exp-rational form is enclosed in double interval arithmetic when that proves a sign
    /// (the branch-and-bound asks for nothing else) or when X is wider than 2⁻⁴⁰·max(1, |X|), where the
    /// width of X, not the 53-bit rounding, decides the enclosure; otherwise at `precision` bits.
    public func enclosure(_ j: Int, over x: BigInterval) -> BigInterval {
        if let form = rationalForm(j) {
            if x.precision <= 64 {
                let fast = form.enclosure(at: DoubleInterval(enclosing: x))
                let a = x.lower.toDouble(), b = x.upper.toDouble()
                let wide = !(b - a <= 0x1p-40 * Swift.max(1, Swift.max(a.magnitude, b.magnitude)))
                if fast.provenSign != nil || wide, let decided = fast.bigInterval(precision: x.precision) { return decided }
            }
            return form.enclosure(at: x)
        }
        let e = expressions!
        return [e.g, e.gPrime, e.gSecond][j].enclosure(at: x, precision: x.precision)
    }

    /// g⁽ʲ⁾ in normal form (nil outside the exp-rational class).
    func rationalForm(_ j: Int) -> ExpRational? {
        guard let r = rational else { return nil }
        switch j {
        case 0: return r.g
        case 1: return r.gPrime
        default: return r.gSecond
        }
    }

    public var isExpRational: Bool { rational != nil }

    /// An enclosure of g⁽ʲ⁾(X) where its width matters little (a term multiplied by a tiny radius): in
    /// double interval arithmetic for exp-rational forms when that is bounded, else as ``enclosure(_:over:)``.
    public func coarseEnclosure(_ j: Int, over x: BigInterval) -> BigInterval {
        if let fast = rationalForm(j)?.enclosure(at: DoubleInterval(enclosing: x)), fast.isBounded,
           let bounded = fast.bigInterval(precision: x.precision) {
            return bounded
        }
        return enclosure(j, over: x)
    }

    /// The sign of g at x, proven in double interval arithmetic when that decides, else at 128 bits.
    public func provenSign(at x: Double) -> Int? {
        if let r = rational, let s = r.g.enclosure(at: DoubleInterval(x)).provenSign { return s }
        return enclosure(0, over: BigInterval(BigFloat(x, precision: 128))).provenSign
    }

    /// g(x) and g′(x) rounded at `precision` bits (exp-rational forms share one eˣ), for Newton's method.
    public func values(at x: BigFloat, precision p: Int) -> (g: BigFloat, gPrime: BigFloat) {
        guard let r = rational else {
            let v = Expr.evaluate([g, gPrime], in: BigFloatAlgebra(x: x, precision: p))
            return (v[0], v[1])
        }
        let xp = x.rounded(toPrecision: p)
        let u = xp.exp(precision: p)
        return (r.g.evaluate(x: xp, u: u, precision: p), r.gPrime.evaluate(x: xp, u: u, precision: p))
    }

    /// g(x) and g′(x) in double arithmetic.
    public func values(at x: Double) -> (g: Double, gPrime: Double) {
        guard let r = rational else {
            let v = Expr.evaluate([g, gPrime], in: DoubleAlgebra(x: x))
            return (v[0], v[1])
        }
        let u = Foundation.exp(x)
        return (r.g.evaluate(x: x, u: u), r.gPrime.evaluate(x: x, u: u))
    }
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
