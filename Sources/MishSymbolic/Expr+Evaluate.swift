import Foundation
import MishNumbers

/// A number system in which expressions can be evaluated; ``Expr/evaluate(in:)`` walks the DAG once,
/// evaluating each shared node a single time.
public protocol ExprAlgebra {
    associatedtype Value
    func number(_ q: Rational) -> Value
    func variable() -> Value
    func pi() -> Value
    func add(_ a: Value, _ b: Value) -> Value
    func multiply(_ a: Value, _ b: Value) -> Value
    /// base^exponent; `rational` is the exponent's exact value when it is a number.
    func power(_ base: Value, _ exponent: Value, rational: Rational?) -> Value
    func apply(_ f: Primitive, _ a: Value) -> Value
    /// 1 + f(a) (`sign` 1) or 1 − f(a) (`sign` −1) without the cancellation of the sum where the algebra has such
    /// a form (1 ± erf(a) = erfc(∓a), 1 − σ(a) = σ(−a), 1 − e^a = −expm1(a)); nil to add as written.
    func complement(_ f: Primitive, _ a: Value, sign: Int) -> Value?
    /// log(1 + w) without rounding 1 + w (log1p), or nil to take the logarithm of the sum.
    func logOfOnePlus(_ w: Value) -> Value?
}

extension ExprAlgebra {
    public func complement(_ f: Primitive, _ a: Value, sign: Int) -> Value? { nil }
    public func logOfOnePlus(_ w: Value) -> Value? { nil }
}

extension Expr {
    /// The value in `algebra`, each node of the DAG evaluated once.
    public func evaluate<A: ExprAlgebra>(in algebra: A) -> A.Value {
        var memo: [ObjectIdentifier: A.Value] = [:]
        return evaluate(algebra, &memo)
    }

    /// The values of several expressions in `algebra`, each node they share evaluated once (f and f′ of an
    /// exp-rational form share eˣ, so both cost one exponential).
    public static func evaluate<A: ExprAlgebra>(_ exprs: [Expr], in algebra: A) -> [A.Value] {
        var memo: [ObjectIdentifier: A.Value] = [:]
        return exprs.map { $0.evaluate(algebra, &memo) }
    }

    private func evaluate<A: ExprAlgebra>(_ a: A, _ memo: inout [ObjectIdentifier: A.Value]) -> A.Value {
        if let v = memo[ObjectIdentifier(self)] { return v }
        let v: A.Value
        switch kind {
        case .number(let q): v = a.number(q)
        case .variable: v = a.variable()
        case .pi: v = a.pi()
        case .sum(let k, let terms):
            var acc: A.Value? = k.isZero ? nil : a.number(k)
            var rest = terms[...]
            // k ± k·f(w) as k·(1 ± f(w)) where the algebra forms that without cancellation (gelu′ = 1/2 + erf(x/√2)/2 + …).
            if !k.isZero {
                for (i, t) in terms.enumerated() where t.coefficient == k || t.coefficient == -k {
                    guard case .apply(let f, let w) = t.expr.kind,
                          let complement = a.complement(f, w.evaluate(a, &memo), sign: t.coefficient == k ? 1 : -1) else { continue }
                    acc = k.isOne ? complement : a.multiply(a.number(k), complement)
                    rest = (terms[..<i] + terms[(i + 1)...])[...]
                    break
                }
            }
            for t in rest {
                let tv = t.expr.evaluate(a, &memo)
                let scaled = t.coefficient.isOne ? tv : a.multiply(a.number(t.coefficient), tv)
                acc = acc.map { a.add($0, scaled) } ?? scaled
            }
            v = acc!
        case .product(let c, let fs):
            var acc: A.Value? = c.isOne ? nil : a.number(c)
            for f in fs {
                let fv = f.evaluate(a, &memo)
                acc = acc.map { a.multiply($0, fv) } ?? fv
            }
            v = acc!
        case .power(let b, let e):
            v = a.power(b.evaluate(a, &memo), e.evaluate(a, &memo), rational: e.rationalValue)
        case .apply(.log, let x):
            if case .sum(let k, let terms) = x.kind, k.isOne, !terms.isEmpty,
               let l = a.logOfOnePlus(Expr.sum(terms.map { Expr.number($0.coefficient) * $0.expr }).evaluate(a, &memo)) {
                v = l
            } else {
                v = a.apply(.log, x.evaluate(a, &memo))
            }
        case .apply(let f, let x):
            v = a.apply(f, x.evaluate(a, &memo))
        }
        memo[ObjectIdentifier(self)] = v
        return v
    }

    /// The value at x in Double arithmetic; quick, with no error bound.
    public func evaluate(at x: Double) -> Double { evaluate(in: DoubleAlgebra(x: x)) }

    /// The value at x with every operation rounded to nearest at `precision` bits (IEEE 754 semantics at
    /// ±∞ and for 0/0). Each step is correctly rounded but errors accumulate: use ``enclosure(at:precision:)``
    /// or ``certifiedValue(at:digits:)`` for a guaranteed result.
    public func evaluate(at x: BigFloat, precision p: Int) -> BigFloat { evaluate(in: BigFloatAlgebra(x: x, precision: p)) }

    /// An interval that contains f(x) for every x in `x`, with endpoints of `precision` bits.
    public func enclosure(at x: BigInterval, precision p: Int) -> BigInterval { evaluate(in: IntervalAlgebra(x: x, precision: p)) }

    /// The value at a complex point, principal branches, at z's precision.
    public func evaluate(at z: BigComplex) -> BigComplex { evaluate(in: ComplexAlgebra(z: z)) }
}

public struct DoubleAlgebra: ExprAlgebra {
    public let x: Double
    public init(x: Double) { self.x = x }
    public func number(_ q: Rational) -> Double { q.doubleValue }
    public func variable() -> Double { x }
    public func pi() -> Double { Double.pi }
    public func add(_ a: Double, _ b: Double) -> Double { a + b }
    public func multiply(_ a: Double, _ b: Double) -> Double { a * b }
    public func power(_ b: Double, _ e: Double, rational: Rational?) -> Double {
        if rational == Rational(1, 2) { return b.squareRoot() }
        return Foundation.pow(b, e)
    }
    public func apply(_ f: Primitive, _ a: Double) -> Double { f.evaluate(a) }
}

public struct BigFloatAlgebra: ExprAlgebra {
    public let x: BigFloat
    public let precision: Int
    public init(x: BigFloat, precision: Int) {
        self.x = x
        self.precision = precision
    }
    public func number(_ q: Rational) -> BigFloat { BigFloat(q, precision: precision) }
    public func variable() -> BigFloat { x.rounded(toPrecision: precision) }
    public func pi() -> BigFloat { .pi(precision: precision) }
    public func add(_ a: BigFloat, _ b: BigFloat) -> BigFloat { a.adding(b, precision: precision).value }
    public func multiply(_ a: BigFloat, _ b: BigFloat) -> BigFloat { a.multiplied(by: b, precision: precision).value }
    public func power(_ b: BigFloat, _ e: BigFloat, rational: Rational?) -> BigFloat {
        if let q = rational {
            if q.isInteger, let n = q.numerator.exactInt { return b.pow(n, precision: precision) }
            if q == Rational(1, 2) { return b.squareRoot(precision: precision) }
        }
        return b.pow(e, precision: precision)
    }
    public func apply(_ f: Primitive, _ a: BigFloat) -> BigFloat { f.evaluate(a, precision: precision) }
}

public struct IntervalAlgebra: ExprAlgebra {
    public let x: BigInterval
    public let precision: Int
    public init(x: BigInterval, precision: Int) {
        self.x = x
        self.precision = precision
    }
    public func number(_ q: Rational) -> BigInterval { BigInterval(q, precision: precision) }
    /// x with `precision`-bit endpoints (exact when x has fewer bits, rounded outward when more), so that
    /// functions of x are evaluated at the algebra's precision.
    public func variable() -> BigInterval {
        if x.isUndefined || (x.lower.precision == precision && x.upper.precision == precision) { return x }
        return BigInterval(lower: x.lower.rounded(toPrecision: precision, rounding: .down),
                           upper: x.upper.rounded(toPrecision: precision, rounding: .up))
    }
    public func pi() -> BigInterval { .pi(precision: precision) }
    public func add(_ a: BigInterval, _ b: BigInterval) -> BigInterval { a + b }
    public func multiply(_ a: BigInterval, _ b: BigInterval) -> BigInterval { a * b }
    public func power(_ b: BigInterval, _ e: BigInterval, rational: Rational?) -> BigInterval {
        if let q = rational {
            if q.isInteger, let n = q.numerator.exactInt { return b.pow(n) }
            if q.denominator == BigInt(2), let n = q.numerator.exactInt {
                return b.squareRoot().pow(n)
            }
        }
        return b.pow(e)
    }
    public func apply(_ f: Primitive, _ a: BigInterval) -> BigInterval { f.evaluate(a) }
    public func complement(_ f: Primitive, _ a: BigInterval, sign: Int) -> BigInterval? {
        switch (f, sign) {
        case (.erf, 1): return (-a).erfc()
        case (.erf, -1): return a.erfc()
        case (.sigmoid, -1): return Primitive.sigmoid.evaluate(-a)
        case (.exp, -1): return -a.expm1()
        default: return nil
        }
    }
    public func logOfOnePlus(_ w: BigInterval) -> BigInterval? { w.log1p() }
}

public struct ComplexAlgebra: ExprAlgebra {
    public let z: BigComplex
    public init(z: BigComplex) { self.z = z }
    var precision: Int { z.precision }
    public func number(_ q: Rational) -> BigComplex { BigComplex(BigFloat(q, precision: precision)) }
    public func variable() -> BigComplex { z }
    public func pi() -> BigComplex { BigComplex(.pi(precision: precision)) }
    public func add(_ a: BigComplex, _ b: BigComplex) -> BigComplex { a + b }
    public func multiply(_ a: BigComplex, _ b: BigComplex) -> BigComplex { a * b }
    public func power(_ b: BigComplex, _ e: BigComplex, rational: Rational?) -> BigComplex {
        if let q = rational, q.isInteger, var n = q.numerator.exactInt {
            let one = BigComplex(BigFloat(1, precision: precision))
            var base = n < 0 ? one / b : b
            n = abs(n)
            var acc = one
            while n > 0 {
                if n & 1 == 1 { acc = acc * base }
                base = base * base
                n >>= 1
            }
            return acc
        }
        if b.re.isZero && b.im.isZero { return b }
        return (e * b.log()).exp()
    }
    public func apply(_ f: Primitive, _ a: BigComplex) -> BigComplex { f.evaluate(a) }
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
