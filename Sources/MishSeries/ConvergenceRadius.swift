import Foundation
import MishNumbers
import MishSymbolic

/// Where a series converges, derived from the complex roots of the denominator Q(u), u = eˣ.
///
/// Maclaurin series: the poles of f are z = log r + 2πik for the roots r of Q; the nearest one to 0 has
/// k = 0 (|arg r| ≤ π), so the radius is min over r of |ln|r| + i·arg r|.
/// Expansion at +∞ in t = e^(−x): converges for |t| < 1/max|r|, i.e. x > ln max|r|; at −∞ in u = eˣ:
/// for |u| < min|r|, i.e. x < ln min|r|.
public struct ConvergenceRadius {
    /// The value as an expression when it has a closed form (then `certifiedValue` gives exact digits).
    public let closedForm: Expr?
    /// A human-readable statement: "|1/2*log(2) + 3*pi/4*i|", "x > 1/2*log(2)".
    public let statement: String
    /// The boundary value (the radius, or the x of the region's edge) as a function of the precision,
    /// from numerically computed roots when there is no closed form.
    public let numeric: (Int) -> BigFloat

    /// The value to `digits` significant digits: certified from the closed form when there is one.
    public func value(digits: Int) throws -> CertifiedDecimal {
        if let e = closedForm { return try e.certifiedValue(at: nil, digits: digits) }
        let p = BigFloat.precision(forDecimalDigits: digits) + 64
        let v = numeric(p)
        return CertifiedDecimal(text: v.decimalString(significantDigits: digits), significantDigits: digits,
                                isCertified: false, caveat: "computed from numerically refined roots, not certified",
                                enclosure: BigInterval(v), workingPrecision: p)
    }

    /// A root of Q with what is known exactly about it.
    struct Root {
        /// ln|r| as an expression, when exact.
        let logModulus: Expr?
        /// arg r as an expression, when exact.
        let argument: Expr?
        let value: (Int) -> BigComplex
    }

    /// The roots of every factor of q: exact for degrees 1 and 2, Durand–Kerner otherwise.
    static func roots(of q: IntegerPolynomial) -> [Root] {
        // The squarefree part without the factor u (u = 0 is no pole: eˣ ≠ 0).
        var rest = q.primitivePart
        let g = IntegerPolynomial.gcd(rest, rest.derivative)
        if g.degree > 0, let r = rest.exactQuotient(dividingBy: g) { rest = r.primitivePart }
        let low = rest.lowestDegree
        if low > 0 { rest = IntegerPolynomial((low...rest.degree).map { rest[$0] }) }
        return rootsOfFactor(rest)
    }

    static func rootsOfFactor(_ p: IntegerPolynomial) -> [Root] {
        switch p.degree {
        case ..<1:
            return []
        case 1:
            let r = Rational(-p[0], p[1])
            let logModulus = Expr.apply(.log, .number(r.magnitude))
            let argument: Expr = r.signum > 0 ? .zero : .pi
            return [Root(logModulus: logModulus, argument: argument,
                         value: { BigComplex(BigFloat(r, precision: $0)) })]
        case 2:
            let a = Rational(p[2]), b = Rational(p[1]), c = Rational(p[0])
            let disc = b * b - Rational(4) * a * c
            if disc.signum >= 0 {
                return numericRoots(p)
            }
            // r = α ± iβ, |r|² = c/a, α = −b/2a, β = √(−disc)/2a.
            let alpha = -b / (Rational(2) * a)
            let logModulus = Expr.half * Expr.apply(.log, .number(c / a))
            let betaSquared = -disc / (Rational(4) * a * a)
            var argument: Expr? = nil
            if alpha.isZero { argument = Expr.half * Expr.pi }
            else if alpha * alpha == betaSquared {
                argument = alpha.signum > 0 ? Expr.number(Rational(1, 4)) * Expr.pi : Expr.number(Rational(3, 4)) * Expr.pi
            }
            let value: (Int) -> BigComplex = { prec in
                let beta = BigFloat(betaSquared, precision: prec).squareRoot()
                return BigComplex(BigFloat(alpha, precision: prec), beta)
            }
            let upper = Root(logModulus: logModulus, argument: argument, value: value)
            let lower = Root(logModulus: logModulus, argument: argument.map { -$0 }, value: { value($0).conjugate })
            return [upper, lower]
        default:
            return numericRoots(p)
        }
    }

    /// Durand–Kerner iteration at the requested precision from points on a circle.
    static func numericRoots(_ p: IntegerPolynomial) -> [Root] {
        let n = p.degree
        let compute: (Int) -> [BigComplex] = { prec in
            let w = prec + 32
            let lead = BigFloat(p[n], precision: w)
            let coefficients = (0...n).map { BigComplex(BigFloat(p[$0], precision: w) / lead) }
            func eval(_ z: BigComplex) -> BigComplex {
                var acc = coefficients[n]
                for i in stride(from: n - 1, through: 0, by: -1) { acc = acc * z + coefficients[i] }
                return acc
            }
            var zs = (0..<n).map { k -> BigComplex in
                let angle = 2 * Double.pi * Double(k) / Double(n) + 0.4
                return BigComplex(BigFloat(0.9 * cos(angle), precision: w), BigFloat(0.9 * sin(angle), precision: w))
            }
            for _ in 0..<(200 + w / 4) {
                var next = zs
                for i in 0..<n {
                    var d = BigComplex(BigFloat(1, precision: w))
                    for j in 0..<n where j != i { d = d * (zs[i] - zs[j]) }
                    next[i] = zs[i] - eval(zs[i]) / d
                }
                zs = next
            }
            return zs
        }
        return (0..<n).map { i in Root(logModulus: nil, argument: nil, value: { compute($0)[i] }) }
    }

    /// The Maclaurin radius of convergence of f = Σ xⁱPᵢ(eˣ)/Q(eˣ); nil when Q has no roots (f entire).
    public static func maclaurin(of f: ExpRational) -> ConvergenceRadius? {
        let rs = f.denominatorFactors.flatMap { roots(of: $0.polynomial) }
        if rs.isEmpty { return nil }
        func distance(_ r: Root, _ p: Int) -> BigFloat {
            let l = r.value(p).log()
            return l.magnitude
        }
        let nearest = rs.min { distance($0, 80) < distance($1, 80) }!
        var closed: Expr? = nil
        var statement = ""
        if let m = nearest.logModulus, let a = nearest.argument {
            closed = Expr.power(m.pow(2) + a.pow(2), .half)
            if m.isZero { statement = a.description }
            else if a.isZero { statement = "|\(m)|" }
            else { statement = "|\(m) + \(a.text(context: .product))*i|" }
        } else {
            statement = "min |log(u)| over the roots u of \(f.denominatorPolynomial)"
        }
        return ConvergenceRadius(closedForm: closed, statement: statement, numeric: { p in
            rs.map { distance($0, p) }.min()!
        })
    }

    /// The region of the expansion at ±∞ as the boundary x₀: x > x₀ (at +∞) or x < x₀ (at −∞).
    static func forAsymptoticExpansion(of factors: [IntegerPolynomial], direction: AsymptoticExpansion.Direction) -> ConvergenceRadius {
        let rs = factors.flatMap { roots(of: $0) }
        let q = factors.reduce(IntegerPolynomial.one, *)
        guard !rs.isEmpty else {
            return ConvergenceRadius(closedForm: nil, statement: "all x", numeric: { BigFloat.infinity(sign: direction == .plusInfinity ? -1 : 1, precision: $0) })
        }
        func logModulus(_ r: Root, _ p: Int) -> BigFloat { r.value(p).magnitude.log() }
        let pick: (BigFloat, BigFloat) -> Bool = direction == .plusInfinity ? { $0 > $1 } : { $0 < $1 }
        let extreme = rs.reduce(rs[0]) { pick(logModulus($1, 80), logModulus($0, 80)) ? $1 : $0 }
        let relation = direction == .plusInfinity ? "x >" : "x <"
        let statement = "\(relation) \(extreme.logModulus?.description ?? "ln|u| of a root u of \(q)")"
        return ConvergenceRadius(closedForm: extreme.logModulus, statement: statement, numeric: { p in
            let values = rs.map { logModulus($0, p) }
            return direction == .plusInfinity ? values.max()! : values.min()!
        })
    }

    /// An estimate of the radius from the coefficients alone: the nearest poles of a real series are a
    /// conjugate pair, so c(n+1) ≈ p·c(n) − q·c(n−1) with q = R⁻²; solved from the last four coefficients.
    public static func estimate(from c: [Rational], precision: Int) -> BigFloat? {
        let n = c.count
        guard n >= 8 else { return nil }
        let v = c.suffix(4).map { BigFloat($0, precision: precision) }
        // v3 = p·v2 − q·v1, v2 = p·v1 − q·v0 ⇒ q = (v2² − v1·v3)/(v1² − v0·v2).
        let num = v[2] * v[2] - v[1] * v[3]
        let den = v[1] * v[1] - v[0] * v[2]
        guard !den.isZero else { return nil }
        let q = num / den
        guard q.signum > 0 else { return nil }
        return BigFloat(1, precision: 2) / q.squareRoot()
    }
}
