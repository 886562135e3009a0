import Foundation
import MishNumbers

extension Expr {
    /// The value at x in Double arithmetic; quick, with no error bound.
    public func evaluate(at x: Double) -> Double {
        switch self {
        case .number(let q): return q.doubleValue
        case .variable: return x
        case .constant(let c): return c.doubleValue
        case .sum(let ts): return ts.reduce(0) { $0 + $1.evaluate(at: x) }
        case .product(let fs): return fs.reduce(1) { $0 * $1.evaluate(at: x) }
        case .negate(let a): return -a.evaluate(at: x)
        case .reciprocal(let a): return 1 / a.evaluate(at: x)
        case .power(let a, let b): return Foundation.pow(a.evaluate(at: x), b.evaluate(at: x))
        case .apply(let f, let a): return f.evaluate(a.evaluate(at: x))
        }
    }

    /// The value at x with every operation rounded to nearest at `precision` bits (IEEE 754 semantics at
    /// ±∞ and for 0/0). Each step is correctly rounded, but errors accumulate: use
    /// ``enclosure(at:precision:)`` or ``certifiedValue(at:digits:)`` for a guaranteed result.
    public func evaluate(at x: BigFloat, precision p: Int) -> BigFloat {
        switch self {
        case .number(let q): return BigFloat(q, precision: p)
        case .variable: return x.rounded(toPrecision: p)
        case .constant(let c): return c.evaluate(precision: p)
        case .sum(let ts):
            return ts.dropFirst().reduce(ts[0].evaluate(at: x, precision: p)) {
                $0.adding($1.evaluate(at: x, precision: p), precision: p).value
            }
        case .product(let fs):
            return fs.dropFirst().reduce(fs[0].evaluate(at: x, precision: p)) {
                $0.multiplied(by: $1.evaluate(at: x, precision: p), precision: p).value
            }
        case .negate(let a): return -a.evaluate(at: x, precision: p)
        case .reciprocal(let a):
            return BigFloat(1, precision: 2).divided(by: a.evaluate(at: x, precision: p), precision: p).value
        case .power(let a, let b):
            if let q = b.rationalValue, q.isInteger, let n = q.numerator.exactInt {
                return a.evaluate(at: x, precision: p).pow(n, precision: p)
            }
            return a.evaluate(at: x, precision: p).pow(b.evaluate(at: x, precision: p), precision: p)
        case .apply(let f, let a): return f.evaluate(a.evaluate(at: x, precision: p), precision: p)
        }
    }

    /// An interval that contains the exact value f(x) for every x in `x`, with endpoints of `precision` bits.
    public func enclosure(at x: BigInterval, precision p: Int) -> BigInterval {
        switch self {
        case .number(let q): return BigInterval(q, precision: p)
        case .variable: return x
        case .constant(let c): return c.enclosure(precision: p)
        case .sum(let ts):
            return ts.dropFirst().reduce(ts[0].enclosure(at: x, precision: p)) { $0 + $1.enclosure(at: x, precision: p) }
        case .product(let fs):
            return fs.dropFirst().reduce(fs[0].enclosure(at: x, precision: p)) { $0 * $1.enclosure(at: x, precision: p) }
        case .negate(let a): return -a.enclosure(at: x, precision: p)
        case .reciprocal(let a): return BigInterval(1, precision: p) / a.enclosure(at: x, precision: p)
        case .power(let a, let b):
            let base = a.enclosure(at: x, precision: p)
            if let q = b.rationalValue, q.isInteger, let n = q.numerator.exactInt { return base.pow(n) }
            return base.pow(b.enclosure(at: x, precision: p))
        case .apply(let f, let a): return f.evaluate(a.enclosure(at: x, precision: p))
        }
    }
}

/// Where to evaluate an expression: at a real point given by a constant expression (exact: "-1.1924",
/// "pi/4"), or at ±∞, where the value is the limit of each named function (mish(−∞) = −0).
public enum EvaluationPoint: Sendable, Equatable {
    case finite(Expr)
    case infinity(sign: Int)
}

/// Why an expression has no printable value.
public enum EvaluationError: Error, CustomStringConvertible, Equatable {
    case needsPoint
    case pointDependsOnX
    case notANumberPoint
    case indeterminateAtInfinity(sign: Int)
    case certification(CertificationError)

    public var description: String {
        switch self {
        case .needsPoint:
            return "the expression depends on x: give the point with --at X (for example --at -1.1924)"
        case .pointDependsOnX:
            return "the point must be a constant (a number, pi, e, or an expression of them), not depend on x"
        case .notANumberPoint:
            return "x = nan is not a point of the real line; give a real number, inf or -inf"
        case .indeterminateAtInfinity(let s):
            return "the expression has an indeterminate form (such as inf*0 or inf-inf) at x = \(s > 0 ? "inf" : "-inf"); "
                + "the named functions carry their limits (mish(-inf) = -0), but a general expression's limit is not computed"
        case .certification(let e):
            return e.description
        }
    }
}

extension Expr {
    /// The value at `point` with exactly `digits` significant digits, certified by interval evaluation at
    /// rising precision (see ``DecimalCertifier``).
    public func certifiedValue(at point: EvaluationPoint?, digits: Int) throws -> CertifiedDecimal {
        let xAt: (Int) -> BigInterval
        switch point {
        case .none:
            guard !dependsOnX else { throw EvaluationError.needsPoint }
            xAt = { BigInterval.undefined(precision: $0) }
        case .finite(let e):
            guard !e.dependsOnX else { throw EvaluationError.pointDependsOnX }
            xAt = { e.enclosure(at: .undefined(precision: $0), precision: $0) }
        case .infinity(let sign):
            let inf = BigFloat.infinity(sign: sign, precision: 64)
            if dependsOnX && evaluate(at: inf, precision: 64).isNaN {
                throw EvaluationError.indeterminateAtInfinity(sign: sign)
            }
            xAt = { BigInterval(BigFloat.infinity(sign: sign, precision: $0)) }
        }
        do {
            return try DecimalCertifier.certify(significantDigits: digits) { p in
                enclosure(at: xAt(p), precision: p)
            }
        } catch let e as CertificationError {
            throw EvaluationError.certification(e)
        }
    }
}
