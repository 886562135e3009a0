import Foundation
import MishNumbers

/// The catalogue of functions the engine knows, each declared once: its text, LaTeX and C names, its
/// derivative, its exact value at 0, and its evaluators (Double, BigFloat, complex, interval). Every
/// `switch` over `Primitive` is exhaustive, so adding a case makes the compiler name each gap.
public enum Primitive: String, CaseIterable, Sendable, Comparable {
    case exp, log, log1p, expm1, sqrt, tanh, sinh, cosh, sech, erf
    case sigmoid, softplus, mish, swish, gelu, logsigmoid

    public static func < (a: Primitive, b: Primitive) -> Bool { a.rawValue < b.rawValue }

    /// The primitives by their text names.
    public static let byName: [String: Primitive] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// The name in the text syntax, e.g. `softplus`.
    public var name: String { rawValue }

    /// What the function is, for help texts and error messages.
    public var meaning: String {
        switch self {
        case .exp: return "e^u"
        case .log: return "natural logarithm, u > 0"
        case .log1p: return "ln(1 + u), u > -1"
        case .expm1: return "e^u - 1"
        case .sqrt: return "square root, u >= 0"
        case .tanh: return "hyperbolic tangent"
        case .sinh: return "hyperbolic sine"
        case .cosh: return "hyperbolic cosine"
        case .sech: return "1/cosh(u)"
        case .erf: return "error function 2/sqrt(pi) * integral of e^(-t^2) from 0 to u"
        case .sigmoid: return "1/(1 + e^(-u))"
        case .softplus: return "ln(1 + e^u)"
        case .mish: return "u*tanh(softplus(u))"
        case .swish: return "u*sigmoid(u)"
        case .gelu: return "u*Phi(u) = u*erfc(-u/sqrt(2))/2"
        case .logsigmoid: return "ln(sigmoid(u)) = -softplus(-u)"
        }
    }

    /// The LaTeX operator, written before a parenthesised argument.
    public var latex: String {
        switch self {
        case .exp: return "\\exp"
        case .log: return "\\ln"
        case .log1p: return "\\operatorname{log1p}"
        case .expm1: return "\\operatorname{expm1}"
        case .sqrt: return "\\sqrt"
        case .tanh: return "\\tanh"
        case .sinh: return "\\sinh"
        case .cosh: return "\\cosh"
        case .sech: return "\\operatorname{sech}"
        case .erf: return "\\operatorname{erf}"
        case .sigmoid: return "\\sigma"
        case .softplus: return "\\operatorname{softplus}"
        case .mish: return "\\operatorname{mish}"
        case .swish: return "\\operatorname{swish}"
        case .gelu: return "\\operatorname{GELU}"
        case .logsigmoid: return "\\operatorname{logsigmoid}"
        }
    }

    /// The C expression of f applied to the C expression `a` (double precision, <math.h> only).
    public func c(_ a: String) -> String {
        switch self {
        case .exp, .log, .log1p, .expm1, .sqrt, .tanh, .sinh, .cosh, .erf: return "\(rawValue)(\(a))"
        case .sech: return "(1.0 / cosh(\(a)))"
        case .sigmoid: return "(1.0 / (1.0 + exp(-(\(a)))))"
        case .softplus: return "(fmax(\(a), 0.0) + log1p(exp(-fabs(\(a)))))"
        case .mish: return "((\(a)) * tanh(fmax(\(a), 0.0) + log1p(exp(-fabs(\(a))))))"
        case .swish: return "((\(a)) / (1.0 + exp(-(\(a)))))"
        case .gelu: return "(0.5 * (\(a)) * erfc(-(\(a)) * 0.70710678118654752440))"
        case .logsigmoid: return "(-(fmax(-(\(a)), 0.0) + log1p(exp(-fabs(\(a))))))"
        }
    }

    /// f(0) when it is exact in the engine's terms.
    var valueAtZero: Expr? {
        switch self {
        case .exp, .cosh, .sech: return .one
        case .log: return nil
        case .log1p, .expm1, .sqrt, .tanh, .sinh, .erf, .mish, .swish, .gelu: return .zero
        case .sigmoid: return .half
        case .softplus: return Expr.apply(.log, .number(2))
        case .logsigmoid: return -Expr.apply(.log, .number(2))
        }
    }

    /// d/du f(u), as an expression in u.
    public func derivative(at u: Expr) -> Expr {
        switch self {
        case .exp: return .apply(.exp, u)
        case .log: return u.pow(-1)
        case .log1p: return (u + 1).pow(-1)
        case .expm1: return .apply(.exp, u)
        case .sqrt: return Expr.half * u.pow(Expr.number(Rational(-1, 2)))
        case .tanh: return .one - Expr.apply(.tanh, u).pow(2)
        case .sinh: return .apply(.cosh, u)
        case .cosh: return .apply(.sinh, u)
        case .sech: return -(Expr.apply(.sech, u) * .apply(.tanh, u))
        case .erf: return 2 * Expr.pi.pow(.number(Rational(-1, 2))) * .apply(.exp, -u.pow(2))
        case .sigmoid:
            let s = Expr.apply(.sigmoid, u)
            return s * (.one - s)
        case .softplus: return .apply(.sigmoid, u)
        case .mish:
            let t = Expr.apply(.tanh, .apply(.softplus, u))
            return t + u * .apply(.sigmoid, u) * (.one - t.pow(2))
        case .swish:
            let s = Expr.apply(.sigmoid, u)
            return s + u * s * (.one - s)
        case .gelu:
            let cdf = Expr.half * (.one + .apply(.erf, u * Expr.number(2).pow(.number(Rational(-1, 2)))))
            let pdf = Expr.apply(.exp, -(Expr.half * u.pow(2))) * (2 * Expr.pi).pow(.number(Rational(-1, 2)))
            return cdf + u * pdf
        case .logsigmoid: return .one - .apply(.sigmoid, u)
        }
    }

    /// f(u) in Double arithmetic (libm), for quick numerical work; no error bound is claimed.
    public func evaluate(_ u: Double) -> Double {
        switch self {
        case .exp: return Foundation.exp(u)
        case .log: return Foundation.log(u)
        case .log1p: return Foundation.log1p(u)
        case .expm1: return Foundation.expm1(u)
        case .sqrt: return u.squareRoot()
        case .tanh: return Foundation.tanh(u)
        case .sinh: return Foundation.sinh(u)
        case .cosh: return Foundation.cosh(u)
        case .sech: return 1 / Foundation.cosh(u)
        case .erf: return Foundation.erf(u)
        case .sigmoid: return 1 / (1 + Foundation.exp(-u))
        case .softplus: return Swift.max(u, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(u)))
        case .mish: return u == -.infinity ? -0.0 : u * Foundation.tanh(Primitive.softplus.evaluate(u))
        case .swish: return u == -.infinity ? -0.0 : u / (1 + Foundation.exp(-u))
        case .gelu: return u == -.infinity ? -0.0 : 0.5 * u * Foundation.erfc(-u / 2.0.squareRoot())
        case .logsigmoid: return -Primitive.softplus.evaluate(-u)
        }
    }

    /// f(u) rounded to `precision` bits: correctly rounded for all but sech and gelu, which are computed
    /// with 32 guard bits and rounded once (error below 0.5001 ulp); at ±∞ the limit.
    public func evaluate(_ u: BigFloat, precision p: Int) -> BigFloat {
        switch self {
        case .exp: return u.exp(precision: p)
        case .log: return u.log(precision: p)
        case .log1p: return u.log1p(precision: p)
        case .expm1: return u.expm1(precision: p)
        case .sqrt: return u.squareRoot(precision: p)
        case .tanh: return u.tanh(precision: p)
        case .sinh: return u.sinh(precision: p)
        case .cosh: return u.cosh(precision: p)
        case .sech:
            let w = p + 32
            return BigFloat(1, precision: 2).divided(by: u.cosh(precision: w), precision: p).value
        case .erf: return u.erf(precision: p)
        case .sigmoid: return u.sigmoid(precision: p)
        case .softplus: return u.softplus(precision: p)
        case .mish: return u.mish(precision: p)
        case .swish: return u.swish(precision: p)
        case .gelu:
            if u.isInfinite { return u.hasSignBit ? .zero(sign: -1, precision: p) : u.rounded(toPrecision: p) }
            // x·erfc(−x/√2)/2: erfc keeps full relative accuracy where 1 + erf(x/√2) would cancel.
            let w = p + 32
            let invSqrt2 = BigFloat(Rational(1, 2), precision: w).squareRoot(precision: w)
            let tail = (-u).multiplied(by: invSqrt2, precision: w).value.erfc(precision: w)
            return u.multiplied(by: tail, precision: w).value.scaled(byPowerOfTwo: -1).rounded(toPrecision: p)
        case .logsigmoid: return -(-u).softplus(precision: p)
        }
    }

    /// An enclosure of f(U): every f(u), u ∈ U, lies inside.
    public func evaluate(_ u: BigInterval) -> BigInterval {
        switch self {
        case .exp: return u.exp()
        case .log: return u.log()
        case .log1p: return u.log1p()
        case .expm1: return u.expm1()
        case .sqrt: return u.squareRoot()
        case .tanh: return u.tanh()
        case .sinh: return u.sinh()
        case .cosh: return u.cosh()
        case .sech: return BigInterval(1, precision: u.precision) / u.cosh()
        case .erf: return u.erf()
        case .sigmoid: return u.sigmoid()
        case .softplus: return u.softplus()
        case .mish: return u.mish()
        case .swish: return u.swish()
        case .gelu:
            let p = u.precision
            let invSqrt2 = BigInterval(1, precision: p) / BigInterval(2, precision: p).squareRoot()
            let half = BigInterval(Rational(1, 2), precision: p)
            return u * half * (-u * invSqrt2).erfc()
        case .logsigmoid: return -(-u).softplus()
        }
    }

    /// f(z) on the principal branch, in complex arithmetic at z's precision (a few ulps per step).
    public func evaluate(_ z: BigComplex) -> BigComplex {
        let p = z.precision
        let one = BigComplex(BigFloat(1, precision: p))
        switch self {
        case .exp: return z.exp()
        case .log: return z.log()
        case .log1p: return (one + z).log()
        case .expm1: return z.exp() - one
        case .sqrt:
            if z.re.isZero && z.im.isZero { return z }
            let l = z.log()
            return BigComplex(l.re.scaled(byPowerOfTwo: -1), l.im.scaled(byPowerOfTwo: -1)).exp()
        case .tanh:
            let w = (z + z).exp()
            return (w - one) / (w + one)
        case .sinh:
            let w = z.exp()
            let d = w - one / w
            return BigComplex(d.re.scaled(byPowerOfTwo: -1), d.im.scaled(byPowerOfTwo: -1))
        case .cosh:
            let w = z.exp()
            let s = w + one / w
            return BigComplex(s.re.scaled(byPowerOfTwo: -1), s.im.scaled(byPowerOfTwo: -1))
        case .sech:
            let w = z.exp()
            let s = w + one / w
            return BigComplex(BigFloat(2, precision: p)) / s
        case .erf: return Primitive.complexErf(z)
        case .sigmoid: return one / (one + (-z).exp())
        case .softplus: return (one + z.exp()).log()
        case .mish:
            // tanh(log w) = (w² − 1)/(w² + 1) with w = 1 + eᶻ: no branch of log is involved.
            let w = one + z.exp()
            let w2 = w * w
            return z * ((w2 - one) / (w2 + one))
        case .swish: return z / (one + (-z).exp())
        case .gelu:
            let invSqrt2 = BigComplex(BigFloat(Rational(1, 2), precision: p).squareRoot())
            let half = BigComplex(BigFloat(Rational(1, 2), precision: p))
            return z * half * (one + Primitive.complexErf(z * invSqrt2))
        case .logsigmoid: return -(one + (-z).exp()).log()
        }
    }

    /// erf z = 2/√π · Σ (−1)ⁿ z^(2n+1)/(n!(2n+1)), summed with guard bits until the terms are negligible
    /// (the series converges for every z; for |z| ≤ 6 the cancellation costs under 16 digits).
    static func complexErf(_ z: BigComplex) -> BigComplex {
        let p = z.precision
        let w = p + 64 + Int(z.magnitude.toDouble() * z.magnitude.toDouble() * 1.5)
        let zw = BigComplex(z.re.rounded(toPrecision: w), z.im.rounded(toPrecision: w))
        let z2 = zw * zw
        var power = zw
        var sum = zw
        var n = 0
        let tiny = BigFloat(1, precision: 2).scaled(byPowerOfTwo: -w)
        while true {
            n += 1
            power = -(power * z2) / BigComplex(BigFloat(n, precision: w))
            let term = power / BigComplex(BigFloat(2 * n + 1, precision: w))
            sum = sum + term
            if term.magnitude < tiny.multiplied(by: sum.magnitude, precision: w).value || n > 100_000 { break }
        }
        let scale = BigFloat(2, precision: w) / BigFloat.pi(precision: w).squareRoot()
        let r = sum * BigComplex(scale)
        return BigComplex(r.re.rounded(toPrecision: p), r.im.rounded(toPrecision: p))
    }
}

/// The named constants of the text syntax.
public enum MathConstant: String, CaseIterable, Sendable {
    case pi, e

    /// The expression the name stands for (e is exp(1)).
    public var expr: Expr {
        switch self {
        case .pi: return .pi
        case .e: return .e
        }
    }
}
