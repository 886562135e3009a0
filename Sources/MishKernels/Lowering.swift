import MishAnalysis
import MishNumbers
import MishSymbolic

public enum KernelError: Error, CustomStringConvertible, Equatable {
    case notExpRational(String)
    case coefficientTooLarge(String)
    case threshold(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .notExpRational(let e):
            return "\(e) is not in the exp-rational class Q(x, e^x); the exact tiers are derived from its normal form"
        case .coefficientTooLarge(let c):
            return "the normal form has the coefficient \(c), which a double cannot hold exactly"
        case .threshold(let why):
            return "no certified threshold for the tail: \(why)"
        case .unsupported(let what):
            return what
        }
    }
}

/// The kernels of f and f′, lowered from the exp-rational normal form into ``KernelIR``.
///
/// With s = e^(−|x|) ∈ (0, 1], f = Σᵢ xⁱPᵢ(u)/Q(u) is evaluated as N(x, s)/D(s): for x < 0, u = s; for
/// x ≥ 0, numerator and denominator are divided by u^d (d the largest degree in u), a polynomial in t = s.
/// The coefficients of each power of s are selected by the sign of x without branches, so no power of eˣ
/// overflows. Where the form is 0·∞ at x = ±∞ and f has a finite limit L there, the kernel returns L beyond a
/// threshold T at which |f − L| is proven to round to L in the output type.
public struct KernelLowering {
    public let expression: Expr
    public let function: ExpRational
    public let derivative: ExpRational

    public init(_ f: Expr) throws {
        guard let r = ExpRational(f) else { throw KernelError.notExpRational(f.description) }
        expression = f
        function = r
        derivative = r.derivative()
    }

    /// Appends the evaluation of r at input x; returns its value.
    static func lower(_ r: ExpRational, x: Int, into ir: inout KernelIR) throws -> Int {
        let q = r.denominatorPolynomial
        let d = Swift.max(r.numerator.map(\.degree).max() ?? 0, q.degree)
        func double(_ b: BigInt) throws -> Double {
            guard let i = b.exactInt, abs(i) <= 1 << 53 else { throw KernelError.coefficientTooLarge(b.description) }
            return Double(i)
        }
        let zero = ir.constant(0)
        func selected(_ negative: Double, _ positive: Double) -> Int {
            negative == positive ? ir.constant(negative)
                : ir.value(.selectLess(x, zero, ir.constant(negative), ir.constant(positive)))
        }
        /// Σᵢ xⁱ·Rᵢ(s) by Horner in x, Rᵢ(s) = Σₘ (coefficient of sᵐ in the sign's form of Pᵢ)·sᵐ by Horner in
        /// s: x multiplies whole polynomials in s, so x = ±∞ meets a zero only where the limit needs a threshold.
        func polynomial(_ ps: [IntegerPolynomial], _ s: Int) throws -> Int {
            func inS(_ p: IntegerPolynomial) throws -> Int? {
                var acc: Int?
                for m in stride(from: d, through: 0, by: -1) {
                    let negative = try double(p[m]), positive = try double(p[d - m])
                    let isZero = negative == 0 && positive == 0
                    if let a = acc {
                        acc = isZero ? ir.value(.multiply(a, s)) : ir.value(.fma(a, s, selected(negative, positive)))
                    } else if !isZero {
                        acc = selected(negative, positive)
                    }
                }
                return acc
            }
            var acc: Int?
            for p in ps.reversed() {
                let r = try inS(p)
                if let a = acc {
                    acc = r.map { ir.value(.fma(a, x, $0)) } ?? ir.value(.multiply(a, x))
                } else {
                    acc = r
                }
            }
            return acc ?? ir.constant(0)
        }
        let s = ir.value(.expNonPositive(ir.value(.negate(ir.value(.absolute(x))))))
        let numerator = try polynomial(r.numerator.map { $0 }, s)
        let denominator = try polynomial([q], s)
        return ir.value(.divide(numerator, denominator))
    }

    /// Output types, by their smallest subnormal.
    public enum OutputType: String, Sendable, CaseIterable {
        case f32, f64
        /// Half the smallest positive subnormal: values of smaller magnitude round to ±0.
        var zeroBound: Double { self == .f32 ? 0x1p-150 : 0x1p-1075 }
    }

    /// f's limit at +∞ (t → 0) or −∞ (u → 0) when it is finite: the ratio of the coefficients of u^d (resp.
    /// u⁰) when no power of x survives there.
    static func finiteLimit(_ r: ExpRational, direction: Int) -> Rational? {
        let q = r.denominatorPolynomial
        let d = Swift.max(r.numerator.map(\.degree).max() ?? 0, q.degree)
        let k = direction > 0 ? d : 0
        guard !q[k].isZero, r.numerator.dropFirst().allSatisfy({ $0[k].isZero }) else { return nil }
        return Rational(r.numerator.first?[k] ?? BigInt(0), q[k])
    }

    /// Where the form is 0·∞ at x = ±∞ (NaN) and f has a finite limit L there: the first integer T toward
    /// that end with |f(T) − L| below a quarter ulp of L in the output type (half the smallest subnormal
    /// for L = 0), with f − L and f′ of one sign beyond T so that |f − L| decreases toward the end. Beyond T
    /// the output is L (for L = 0, the zero with the sign of f).
    static func tailThreshold(_ r: ExpRational, direction: Int, type: OutputType) throws -> (threshold: Double, value: Double, note: String)? {
        var probe = KernelIR()
        let x = probe.value(.input(0))
        probe.outputs = [try lower(r, x: x, into: &probe)]
        guard KernelInterpreter.evaluate(probe, [Double.infinity * Double(direction)])[0].isNaN else { return nil }
        let end = direction < 0 ? "-inf" : "+inf"
        guard let limit = finiteLimit(r, direction: direction) else {
            throw KernelError.threshold("the form is 0*inf at x = \(end) and the limit there is not finite")
        }
        let value = limit.doubleValue
        let exact = BigFloat(type == .f32 ? Double(Float(value)) : value, precision: 64).exactRational == limit
        guard exact else { throw KernelError.threshold("the limit \(limit) at \(end) is not representable in \(type.rawValue)") }
        let h = r - ExpRational(limit)
        let bound: Double = limit.isZero ? type.zeroBound : (type == .f32 ? Double(Float(value).ulp) : value.ulp) / 4
        let differences = RootIsolation.realLine(SignEquivalentForm(derivative: 0, of: h.hornerExpr))
        let slopes = RootIsolation.realLine(SignEquivalentForm(derivative: 1, of: h.hornerExpr))
        let differenceSign = direction < 0 ? differences.leftTailSign : differences.rightTailSign
        let slopeSign = direction < 0 ? slopes.leftTailSign : slopes.rightTailSign
        guard let ds = differenceSign, let ss = slopeSign, ds * ss * direction < 0 else {
            throw KernelError.threshold("f - \(limit) and f' are not proven of one sign with |f - \(limit)| decreasing toward \(end)")
        }
        let boundary = direction < 0 ? Swift.min(differences.lower.toDouble(), slopes.lower.toDouble())
                                     : Swift.max(differences.upper.toDouble(), slopes.upper.toDouble())
        var t = boundary.rounded(direction < 0 ? .down : .up)
        for _ in 0..<20_000 {
            let e = h.enclosure(at: BigInterval(BigFloat(t, precision: 128)))
            if e.isBounded && BigFloat.max(e.lower.magnitude, e.upper.magnitude) < BigFloat(bound) {
                let output = limit.isZero ? (ds < 0 ? -0.0 : 0.0) : value
                let outputText = limit.isZero ? (ds < 0 ? "-0" : "+0") : limit.description
                let note = "x \(direction < 0 ? "<" : ">") \(Int(t)): |f(x) - \(limit)| < \(String(format: "%a", bound)) (interval evaluation "
                    + "at x = \(Int(t)); f - \(limit) and f' keep one sign beyond \(Int(boundary)), so |f - \(limit)| decreases toward "
                    + "\(end)), which rounds to \(outputText) in \(type.rawValue)"
                return (t, output, note)
            }
            t += Double(direction)
        }
        throw KernelError.threshold("|f - \(limit)| is not below the \(type.rawValue) bound within 20000 of the boundary")
    }

    public enum Kind: String, Sendable, CaseIterable {
        case forward, backward, fused
    }

    /// The kernel body: forward y = f(x); backward dx = dy·f′(x) (inputs x, dy); fused (y, f′(x)).
    public func kernel(_ kind: Kind, type: OutputType) throws -> KernelIR {
        var ir = KernelIR()
        let x = ir.value(.input(0))
        func withThresholds(_ r: ExpRational, _ v: Int) throws -> Int {
            var out = v
            for direction in [-1, 1] {
                guard let t = try KernelLowering.tailThreshold(r, direction: direction, type: type) else { continue }
                let bound = ir.constant(t.threshold), limit = ir.constant(t.value)
                out = direction < 0 ? ir.value(.selectLess(x, bound, limit, out)) : ir.value(.selectLess(bound, x, limit, out))
                ir.notes.append(t.note)
            }
            return out
        }
        switch kind {
        case .forward:
            ir.outputs = [try withThresholds(function, try KernelLowering.lower(function, x: x, into: &ir))]
        case .backward:
            let dy = ir.value(.input(1))
            let slope = try withThresholds(derivative, try KernelLowering.lower(derivative, x: x, into: &ir))
            ir.outputs = [ir.value(.multiply(dy, slope))]
        case .fused:
            let y = try withThresholds(function, try KernelLowering.lower(function, x: x, into: &ir))
            let slope = try withThresholds(derivative, try KernelLowering.lower(derivative, x: x, into: &ir))
            ir.outputs = [y, slope]
        }
        return ir
    }
}
