import Foundation
import MishNumbers

/// The catalogue of functions the engine knows, each declared once: its name in text, its derivative,
/// and its evaluators (Double, BigFloat, interval). Adding a case makes every `switch` below, and every
/// switch elsewhere over `Primitive`, name the gap.
public enum Primitive: String, CaseIterable, Sendable, Comparable {
    case exp, log, log1p, expm1, sqrt, tanh, sinh, cosh, erf, sigmoid, softplus, mish, swish

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
        case .erf: return "error function 2/sqrt(pi) * integral of e^(-t^2) from 0 to u"
        case .sigmoid: return "1/(1 + e^(-u))"
        case .softplus: return "ln(1 + e^u)"
        case .mish: return "u*tanh(softplus(u))"
        case .swish: return "u*sigmoid(u)"
        }
    }

    /// d/du f(u), as an expression in u.
    public func derivative(at u: Expr) -> Expr {
        switch self {
        case .exp: return .apply(.exp, u)
        case .log: return .reciprocal(u)
        case .log1p: return .reciprocal(.sum([1, u]))
        case .expm1: return .apply(.exp, u)
        case .sqrt: return .reciprocal(.product([2, .apply(.sqrt, u)]))
        case .tanh: return .sum([1, .negate(.power(.apply(.tanh, u), 2))])
        case .sinh: return .apply(.cosh, u)
        case .cosh: return .apply(.sinh, u)
        case .erf:
            return .product([2, .reciprocal(.apply(.sqrt, .constant(.pi))),
                             .apply(.exp, .negate(.power(u, 2)))])
        case .sigmoid:
            let s = Expr.apply(.sigmoid, u)
            return .product([s, .sum([1, .negate(s)])])
        case .softplus: return .apply(.sigmoid, u)
        case .mish:
            let t = Expr.apply(.tanh, .apply(.softplus, u))
            return .sum([t, .product([u, .apply(.sigmoid, u), .sum([1, .negate(.power(t, 2))])])])
        case .swish:
            let s = Expr.apply(.sigmoid, u)
            return .sum([s, .product([u, s, .sum([1, .negate(s)])])])
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
        case .erf: return Foundation.erf(u)
        case .sigmoid: return 1 / (1 + Foundation.exp(-u))
        case .softplus: return Swift.max(u, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(u)))
        case .mish: return u == -.infinity ? -0.0 : u * Foundation.tanh(Primitive.softplus.evaluate(u))
        case .swish: return u == -.infinity ? -0.0 : u / (1 + Foundation.exp(-u))
        }
    }

    /// f(u) correctly rounded to `precision` bits (MPFR, or Ziv's loop for the activations); at ±∞ the limit.
    public func evaluate(_ u: BigFloat, precision: Int) -> BigFloat {
        switch self {
        case .exp: return u.exp(precision: precision)
        case .log: return u.log(precision: precision)
        case .log1p: return u.log1p(precision: precision)
        case .expm1: return u.expm1(precision: precision)
        case .sqrt: return u.squareRoot(precision: precision)
        case .tanh: return u.tanh(precision: precision)
        case .sinh: return u.sinh(precision: precision)
        case .cosh: return u.cosh(precision: precision)
        case .erf: return u.erf(precision: precision)
        case .sigmoid: return u.sigmoid(precision: precision)
        case .softplus: return u.softplus(precision: precision)
        case .mish: return u.mish(precision: precision)
        case .swish: return u.swish(precision: precision)
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
        case .erf: return u.erf()
        case .sigmoid: return u.sigmoid()
        case .softplus: return u.softplus()
        case .mish: return u.mish()
        case .swish: return u.swish()
        }
    }
}

/// The named constants of the text syntax.
public enum MathConstant: String, CaseIterable, Sendable, Comparable {
    case pi, e

    public static func < (a: MathConstant, b: MathConstant) -> Bool { a.rawValue < b.rawValue }

    public func evaluate(precision: Int) -> BigFloat {
        switch self {
        case .pi: return .pi(precision: precision)
        case .e: return .e(precision: precision)
        }
    }

    public func enclosure(precision: Int) -> BigInterval {
        switch self {
        case .pi: return .pi(precision: precision)
        case .e: return .e(precision: precision)
        }
    }

    public var doubleValue: Double {
        switch self {
        case .pi: return Double.pi
        case .e: return M_E
        }
    }
}
