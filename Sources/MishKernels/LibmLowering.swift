import MishAnalysis
import MishNumbers
import MishSymbolic

/// The fast-tier kernels of an expression outside the exp-rational class (gelu, softplus, logsigmoid, erf,
/// logarithms, non-integer powers): f and f′ (the chain rule on the expression, ``Expr/derivative()``) lowered
/// into ``KernelIR`` node by node, each named function by calls to the system's math library
/// (``KernelIR/Operation/libm(_:_:)``), in double for every element type (the calls keep the loop scalar either
/// way; f32 gelu through erfcf measured 195 ulp, from the rounding of erfc's argument alone).
///
/// The named functions are written so that nothing overflows on the way to a finite result, with t = e^(−|u|) ≤ 1:
///
///     sigmoid(u)    = 1/(1 + t) for u ≥ 0, t/(1 + t) for u < 0
///     softplus(u)   = max(u, 0) + log1p(t)          logsigmoid(u) = −softplus(−u) (−0 where it underflows)
///     mish(u)       = u·tanh(softplus(u))           swish(u) = u·sigmoid(u)
///     gelu(u)       = (u/2)·erfc(−u/√2)             sech(u) = 1/cosh(u)
///
/// Integer powers are products, u^(1/2) is sqrt, other powers e^(v·log u). Subexpressions free of x are
/// evaluated in MPFR at 256 bits and enter as one rounded constant. At x = ±∞, where a form can meet ∞·0
/// (gelu(−∞) = −∞·erfc(∞)), the kernel returns f's limit there when it is certified (``Limit``); beyond the last
/// zero of f (``signedTail``) a result that underflowed to zero takes f's sign there, which also signs a zero
/// limit. The error is the library's and the roundings', measured and printed by `codegen` (no bound is
/// designed), and the CPU and GPU libraries differ.
public struct LibmLowering {
    public let expression: Expr
    public let derivative: Expr

    public init(_ f: Expr) {
        expression = f
        derivative = f.derivative()
    }

    /// The kernel body: forward y = f(x); backward dx = dy·f′(x); fused (y, f′(x)).
    public func kernel(_ kind: KernelLowering.Kind, type: KernelLowering.OutputType) -> KernelIR {
        let algebra = KernelExprAlgebra(arithmetic: .double, exactArguments: type == .f64)
        let functions = kind == .forward ? [expression] : (kind == .backward ? [derivative] : [expression, derivative])
        let values = Expr.evaluate(functions, in: algebra)
        var outputs: [Int] = []
        let labels = kind == .fused ? ["f", "f'"] : [kind == .forward ? "f" : "f'"]
        for (label, (h, value)) in zip(labels, zip(functions, values)) {
            var out = algebra.materialized(value)
            let facts = TailFacts(h)
            for direction in [-1, 1] {
                let end = facts.end(direction)
                let tail = end.sign.map { (boundary: $0.boundary.toDouble(rounding: direction < 0 ? .down : .up), sign: $0.sign) }
                defer {
                    if let (boundary, sign) = tail {
                        // A result that underflowed to a zero of either sign (gelu' = erfc(-x/sqrt 2)/2 + x*phi(x) is
                        // +0 + -0 far left) takes f's sign there.
                        let zero = algebra.ir.constant(sign < 0 ? -0.0 : 0.0)
                        let signed = algebra.ir.value(.selectLess(algebra.ir.value(.absolute(out)), algebra.ir.constant(.leastNonzeroMagnitude), zero, out))
                        let b = algebra.ir.constant(boundary), x = algebra.x
                        out = direction < 0 ? algebra.ir.value(.selectLess(x, b, signed, out)) : algebra.ir.value(.selectLess(b, x, signed, out))
                        algebra.ir.notes.append(String(format: "%@ at x %@ %.17g: a zero result is %@0, f's sign there (%@)", label,
                            direction < 0 ? "<" : ">", boundary, sign < 0 ? "-" : "+",
                            end.sign?.fromDerivative == false ? "f has no zero beyond: interval branch-and-bound and its tail"
                                : "f tends to 0 there and f' has no zero beyond, by interval branch-and-bound and its tail"))
                    }
                }
                guard let (limit, note) = LibmLowering.limit(end, h) else { continue }
                let x = algebra.x
                let largest = algebra.ir.constant(.greatestFiniteMagnitude)
                let negativeLargest = algebra.ir.value(.negate(largest))
                let l = algebra.ir.constant(limit)
                out = direction < 0 ? algebra.ir.value(.selectLess(x, negativeLargest, l, out))
                                    : algebra.ir.value(.selectLess(largest, x, l, out))
                algebra.ir.notes.append(label + " at " + note)
            }
            outputs.append(out)
        }
        if kind == .backward {
            let dy = algebra.ir.value(.input(1))
            outputs = [algebra.ir.value(.multiply(dy, outputs[0]))]
        }
        algebra.ir.outputs = outputs
        algebra.ir.notes.insert("libm: outside the exp-rational class, so evaluated from the expression with the math library's "
            + "double functions (sigmoid, softplus and logsigmoid by e^-|u|, gelu(u) = u/2*erfc(-u/sqrt(2))); "
            + "the results are the library's: glibc's on the CPU, libdevice's on a GPU", at: 0)
        return algebra.ir
    }

    /// f's limit toward one end as a double, a zero limit with f's proven sign there (``TailFacts``), and the header
    /// note; nil when the limit is not certified. A zero whose sign is not proven is taken from an enclosure of f at
    /// ∓2¹⁰, and the note says so.
    static func limit(_ end: TailFacts.End, _ h: Expr) -> (Double, String)? {
        guard let l = end.limit else { return nil }
        let side = end.direction < 0 ? "-" : "+"
        if let v = end.signedValue {
            return (v.toDouble(), "x = \(side)inf: its limit \(v.toDouble()) (certified), where the form can meet inf*0")
        }
        guard end.limitIsZero else { return nil }
        let far = h.enclosure(at: BigInterval(BigFloat(Double(end.direction) * 1024, precision: 64)), precision: 256)
        let value = far.upper.signum < 0 ? -0.0 : 0.0
        return (value, "x = \(side)inf: its limit 0 (certified), where the form can meet inf*0; the zero's sign from f at \(side)1024 only")
    }
}

/// ``ExprAlgebra`` into a ``KernelIR``: a value is a KernelIR value, or a constant (free of x) kept in MPFR
/// until an operation with x needs it (``Expr/evaluate(_:in:)`` walks the DAG, each shared node once). The sums
/// that cancel in the tails are written without the cancellation (``complement(_:_:sign:)``,
/// ``logOfOnePlus(_:)``):
///
///     1 + erf(w) = erfc(−w)       1 − erf(w) = erfc(w)          (gelu′ = erf(x/√2)/2 + 1/2 + …)
///     1 − sigmoid(w) = sigmoid(−w)                               (logsigmoid′ = 1 − σ)
///     1 − e^w = −expm1(w)         log(1 + w) = log1p(w)
///
/// `exactArguments` (f64): where the argument w of exp, erf or erfc is a product of x and constants, its
/// rounding error δ (``roundingError``) is carried: e^w·(1 + δ), and erfc(w) − δ·(2/√π)·e^(−w²) (erf: +). The
/// argument's rounding alone costs |w|·2⁻⁵³ relative in e^w and 2w²·2⁻⁵³ in erfc(w), 1600 ulp at w = 27.
final class KernelExprAlgebra: ExprAlgebra {
    enum Value {
        case constant(BigFloat)
        case value(Int)
    }

    var ir: KernelIR
    let x: Int
    let exactArguments: Bool
    let exact = BigFloatAlgebra(x: BigFloat(0, precision: 256), precision: 256)
    /// c − RN(c) for the constants that came from MPFR values, by their IR value.
    private var constantLows: [Int: Double] = [:]

    init(arithmetic: KernelIR.Arithmetic, exactArguments: Bool = false) {
        ir = KernelIR(arithmetic: arithmetic)
        x = ir.value(.input(0))
        self.exactArguments = exactArguments
    }

    func complement(_ f: Primitive, _ a: Value, sign: Int) -> Value? {
        if case .constant = a { return nil }
        switch (f, sign) {
        case (.erf, 1): return error(complement: true, multiply(number(Rational(-1)), a))
        case (.erf, -1): return error(complement: true, a)
        case (.sigmoid, -1): return apply(.sigmoid, multiply(number(Rational(-1)), a))
        case (.exp, -1): return multiply(number(Rational(-1)), call(.expm1, a))
        default: return nil
        }
    }

    func logOfOnePlus(_ w: Value) -> Value? {
        if case .constant = w { return nil }
        return call(.log1p, w)
    }

    /// erf(w) or erfc(w) (`complement`), with the argument's rounding corrected where ``exactArguments``.
    private func error(complement: Bool, _ w: Value) -> Value {
        let function: LibmFunction = complement ? .erfc : .erf
        guard exactArguments, case .value(let high) = w, let low = roundingError(high) else { return call(function, w) }
        let value = ir.value(.libm(function, high))
        let square = ir.value(.multiply(high, high))
        let density = ir.value(.libm(.exp, ir.value(.negate(square))))
        let slope = ir.value(.multiply(low, ir.constant((complement ? -2 : 2) / Double.pi.squareRoot())))
        return .value(corrected(value, by: low, ir.value(.fma(slope, density, value))))
    }

    /// `correction` where the argument's error δ is below 1 in magnitude, else `value`: an argument that overflowed
    /// (x² beyond 2¹⁰²⁴) has an infinite or NaN δ, and 0·∞ would turn a right 0 into NaN.
    private func corrected(_ value: Int, by delta: Int, _ correction: Int) -> Int {
        ir.value(.selectLess(ir.value(.absolute(delta)), ir.constant(1), correction, value))
    }

    func materialized(_ v: Value) -> Int {
        switch v {
        case .value(let i): return i
        case .constant(let c):
            let rounded = c.toDouble(), i = ir.constant(rounded)
            if constantLows[i] == nil && rounded.isFinite {
                constantLows[i] = c.subtracting(BigFloat(rounded), precision: 256).value.toDouble()
            }
            return i
        }
    }

    /// exact − computed for a chain of products and negations of x and constants: each product's rounding by fma,
    /// the operands' own errors to first order, a constant's c − RN(c); nil for any other value (taken as exact).
    private func roundingError(_ i: Int) -> Int? {
        switch ir.operations[i] {
        case .multiply(let a, let b):
            var error = ir.value(.fma(a, b, ir.value(.negate(i))))
            if let ea = roundingError(a) { error = ir.value(.fma(ea, b, error)) }
            if let eb = roundingError(b) { error = ir.value(.fma(a, eb, error)) }
            return error
        case .negate(let a): return roundingError(a).map { ir.value(.negate($0)) }
        case .constant: return constantLows[i].flatMap { $0 == 0 ? nil : ir.constant($0) }
        default: return nil
        }
    }

    func number(_ q: Rational) -> Value { .constant(exact.number(q)) }
    func variable() -> Value { .value(x) }
    func pi() -> Value { .constant(exact.pi()) }

    func add(_ a: Value, _ b: Value) -> Value {
        if case .constant(let p) = a, case .constant(let q) = b { return .constant(exact.add(p, q)) }
        if case .constant(let p) = a, p.isZero { return b }
        if case .constant(let q) = b, q.isZero { return a }
        return .value(ir.value(.add(materialized(a), materialized(b))))
    }

    func multiply(_ a: Value, _ b: Value) -> Value {
        if case .constant(let p) = a, case .constant(let q) = b { return .constant(exact.multiply(p, q)) }
        for (c, other) in [(a, b), (b, a)] {
            guard case .constant(let k) = c, case .value(let v) = other else { continue }
            if k.exactRational == Rational(1) { return other }
            if k.exactRational == Rational(-1) { return .value(ir.value(.negate(v))) }
            return .value(ir.value(.multiply(v, materialized(c))))
        }
        return .value(ir.value(.multiply(materialized(a), materialized(b))))
    }

    func power(_ base: Value, _ exponent: Value, rational: Rational?) -> Value {
        if case .constant(let b) = base, case .constant(let e) = exponent { return .constant(exact.power(b, e, rational: rational)) }
        if let q = rational, q.denominator == BigInt(1), q.numerator.magnitude <= BigInt(64), let n = Int(exactly: q.numerator.doubleValue) {
            guard n != 0 else { return .constant(exact.number(Rational(1))) }
            let b = materialized(base)
            var result: Int?, square = b, m = Swift.abs(n)
            while m > 0 {
                if m & 1 == 1 { result = result.map { ir.value(.multiply($0, square)) } ?? square }
                m >>= 1
                if m > 0 { square = ir.value(.multiply(square, square)) }
            }
            return .value(n > 0 ? result! : ir.value(.divide(ir.constant(1), result!)))
        }
        if let q = rational, q == Rational(1, 2) { return call(.sqrt, base) }
        if let q = rational, q == Rational(-1, 2) { return .value(ir.value(.divide(ir.constant(1), materialized(call(.sqrt, base))))) }
        return call(.exp, multiply(exponent, call(.log, base)))
    }

    private func call(_ f: LibmFunction, _ a: Value) -> Value {
        if case .constant(let c) = a {
            switch f {
            case .exp: return .constant(exact.apply(.exp, c))
            case .log: return .constant(exact.apply(.log, c))
            case .sqrt: return .constant(exact.apply(.sqrt, c))
            default: break
            }
        }
        let u = materialized(a)
        let value = ir.value(.libm(f, u))
        // e^(a + δ) = e^a·(1 + δ): the Gaussian e^(−x²/2) at x = 28 loses 400·2⁻⁵³ to the rounding of x²/2 alone.
        if f == .exp, exactArguments, let delta = roundingError(u) { return .value(corrected(value, by: delta, ir.value(.fma(value, delta, value)))) }
        return .value(value)
    }

    /// e^(−|u|) and the selection by u < 0.
    private func decaying(_ u: Int) -> Int { ir.value(.libm(.exp, ir.value(.negate(ir.value(.absolute(u)))))) }

    private func sigmoid(_ u: Int) -> Int {
        let t = decaying(u)
        let s = ir.value(.divide(ir.constant(1), ir.value(.add(ir.constant(1), t))))
        return ir.value(.selectLess(u, ir.constant(0), ir.value(.multiply(t, s)), s))
    }

    private func softplus(_ u: Int) -> Int {
        let zero = ir.constant(0)
        // max(u, 0) keeping a NaN u (the select's false branch).
        return ir.value(.add(ir.value(.selectLess(u, zero, zero, u)), ir.value(.libm(.log1p, decaying(u)))))
    }

    func apply(_ f: Primitive, _ a: Value) -> Value {
        if case .constant(let c) = a { return .constant(exact.apply(f, c)) }
        let u = materialized(a)
        switch f {
        case .exp: return call(.exp, a)
        case .log: return call(.log, a)
        case .log1p: return call(.log1p, a)
        case .expm1: return call(.expm1, a)
        case .sqrt: return call(.sqrt, a)
        case .tanh: return call(.tanh, a)
        case .sinh: return call(.sinh, a)
        case .cosh: return call(.cosh, a)
        case .sech: return .value(ir.value(.divide(ir.constant(1), ir.value(.libm(.cosh, u)))))
        case .sigmoid: return .value(sigmoid(u))
        case .softplus: return .value(softplus(u))
        case .logsigmoid: return .value(ir.value(.negate(softplus(ir.value(.negate(u))))))
        case .mish: return .value(ir.value(.multiply(u, ir.value(.libm(.tanh, softplus(u))))))
        case .swish: return .value(ir.value(.multiply(u, sigmoid(u))))
        case .gelu:
            let half = ir.value(.multiply(u, ir.constant(0.5)))
            let scaled = multiply(a, .constant(-exact.apply(.sqrt, exact.number(Rational(1, 2)))))
            return .value(ir.value(.multiply(half, materialized(error(complement: true, scaled)))))
        case .erf: return error(complement: false, a)
        }
    }
}
