import Foundation
import MishNumbers

/// A kernel body in static single assignment form over IEEE double or binary32 (``arithmetic``): every
/// value is defined once, by an operation on earlier values; building the same operation twice returns the
/// first value (common subexpressions are shared). Every emitter (C, CUDA) walks the same list, so the
/// targets execute the same operations in the same order, each rounded once: products that feed additions
/// are explicit fma.
public struct KernelIR: Sendable, Equatable {
    /// The format every operation rounds to: double for the exact tiers, binary32 for the fast tier of the
    /// 32- and 16-bit types (twice the lanes per vector).
    public enum Arithmetic: Sendable, Equatable {
        case double, single
        /// The exponential's constants and reduction (``ExpKernel``) in this format.
        public var exp: ExpKernel { self == .double ? .standard : .single }
        public var precision: Int { self == .double ? 53 : 24 }
    }
    public enum Operation: Hashable, Sendable {
        /// The n-th input of the scalar function (x, then dy).
        case input(Int)
        /// A double given by its bit pattern (so −0 and +0 stay distinct); in binary32 arithmetic it is a
        /// binary32 value, widened exactly.
        case constant(bits: UInt64)
        case add(Int, Int)
        case subtract(Int, Int)
        case multiply(Int, Int)
        case divide(Int, Int)
        /// a·b + c rounded once.
        case fma(Int, Int, Int)
        case negate(Int)
        case absolute(Int)
        /// q = p(r) in the reduction e^a = q·2^k of the arithmetic's ``ExpKernel``, for
        /// ``ExpKernel/lowestArgument`` ≤ a ≤ 0 (NaN stays NaN): the lowering raises a to its floor first.
        case expMantissa(Int)
        /// e^r − 1 for the reduced argument r of a (binary32: r + r²·c(r), one rounding last): q − 1 without q's
        /// rounding, for forms that add it to a value instead of multiplying by q. Also for 0 < a ≤ ln2/2, where
        /// k = 0.
        case expMinusOne(Int)
        /// v·2^max(k, emin + 1) for k from the reduction of a, by adding to v's exponent field: exact for
        /// 1/2 ≤ |v| < 2 (a mantissa q). e^a where only values above 2^(emin + 1) matter: where the form
        /// uses s = e^a in a correction that vanishes with s, any s below that changes nothing. For a NaN a the
        /// value is unspecified (the kernel's result carries the NaN through x). In double the lowering uses it
        /// only where a's floor (≥ −708) keeps k ≥ −1021, so the helpers there add k unclamped.
        case scaleByClampedExp(Int, Int)
        /// max(a, A) for a constant A < 0 by the unsigned order of the bit patterns, an integer minimum: any
        /// a ≥ +0 stays, negative a below A (and a NaN with its sign bit set) become A. Operands a, A.
        case raiseToFloor(Int, Int)
        /// x < b ? v·2^k : v (binary32, k from the reduction of a), with k taken as 0 where x ≥ b: (v·2^(k+c))·2^(−c)
        /// with k + c added to v's exponent field, so only the product rounds, where v·2^(k+c) is a finite normal
        /// number (the lowering picks the constant c ≥ 0 so that it is on every input the kernel returns: k + c ≥ −100
        /// for 2⁻²⁶ ≤ |v|, and |v·2^k| < 2^(127−c)); other inputs, and a NaN a, give an unspecified value where x < b,
        /// which the kernel must not return. Operands v, a, x, b (the selection costs no select of its own); c.
        case scaleLargeByExpWhereLess(Int, Int, Int, Int, offset: Int)
        /// v·2^(m·k) with k from the reduction of a ≤ 0 in the arithmetic's ``ExpKernel``, as two multiplications
        /// by powers of two of which only the last can round (into the subnormal range):
        /// e^(m·a)·w = scaleByExp(w·qᵐ, a, m).
        case scaleByExp(Int, Int, Int)
        /// v·2^(m·k) by one multiplication, for kernels whose a keeps m·k ≥ −1022 (2^(m·k) a normal double).
        case scaleByNormalExp(Int, Int, Int)
        /// v·t·2^(m·k) in binary32 as ((v·2^E1)·t)·2^E2·2^E3 (the factors of ``scaleByExp`` with a third,
        /// E3, down to 2⁻³⁷⁸): a backward kernel's dy·f′ whose f′ alone would be a subnormal (t = dy), without
        /// the overflow of v·t before the scaling. Operands v, t, a.
        case scaleByExpTimes(Int, Int, Int, Int)
        /// a < b ? t : f, branch-free (false for NaN operands).
        case selectLess(Int, Int, Int, Int)
        /// hi + lo rounded to odd, for a double-double with |lo| ≤ ulp(hi)/2: hi when lo = 0 or hi's last
        /// significand bit is 1, otherwise hi's neighbour toward lo. Rounding the result once more to a
        /// format of at most 51 bits gives hi + lo correctly rounded (round-to-odd makes double rounding
        /// innocuous).
        case roundToOdd(Int, Int)
        /// v·2^k for a double k holding an integer (double arithmetic): k is clamped to [−2200, 2200] (any
        /// |v| < 2¹⁰²⁴ times 2⁻²²⁰⁰ rounds to 0, any |v| ≥ 2⁻¹¹⁰⁰ times 2²²⁰⁰ overflows; NaN counts as −2200)
        /// and applied as v·2^E1·2^E2·2^E3 with E1 = k clamped to [−960, 960], E2 = k − E1 clamped to
        /// [−1022, 1023], E3 = k − E1 − E2, so that for 2⁻⁶⁰ ≤ |v| ≤ 2⁶⁰ only the last multiplications can
        /// round (into the subnormal range, or to ±∞).
        case scaleByPowerOfTwo(Int, Int)
        /// A function of the system's math library in the arithmetic's format (erff in binary32, erf in double):
        /// the fast tier of expressions outside the exp-rational class only (``LibmLowering``). Its error is the
        /// library's, so the C (glibc) and CUDA (libdevice) results may differ.
        case libm(LibmFunction, Int)

        /// Operands, in order.
        public var operands: [Int] {
            switch self {
            case .input, .constant: return []
            case .negate(let a), .absolute(let a), .expMantissa(let a), .expMinusOne(let a), .libm(_, let a): return [a]
            case .scaleByExp(let v, let a, _), .scaleByNormalExp(let v, let a, _), .scaleByClampedExp(let v, let a),
                 .raiseToFloor(let v, let a): return [v, a]
            case .scaleLargeByExpWhereLess(let v, let a, let x, let b, _): return [v, a, x, b]
            case .scaleByExpTimes(let v, let t, let a, _): return [v, t, a]
            case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b),
                 .roundToOdd(let a, let b), .scaleByPowerOfTwo(let a, let b): return [a, b]
            case .fma(let a, let b, let c): return [a, b, c]
            case .selectLess(let a, let b, let t, let f): return [a, b, t, f]
            }
        }
    }

    public let arithmetic: Arithmetic
    public private(set) var operations: [Operation] = []
    /// The values returned, in order (y; or y and f′ for a fused kernel).
    public var outputs: [Int] = []
    /// Comments that justify constants (thresholds), emitted with the code.
    public var notes: [String] = []
    /// The correctly-rounded tiers' recomputation of outputs that lie near a rounding boundary.
    public var fallback: RoundingFallback?
    private var index: [Operation: Int] = [:]

    public init(arithmetic: Arithmetic = .double) { self.arithmetic = arithmetic }

    /// The value of `op`, shared with an identical earlier operation.
    public mutating func value(_ op: Operation) -> Int {
        if let i = index[op] { return i }
        operations.append(op)
        index[op] = operations.count - 1
        return operations.count - 1
    }

    /// `c`, rounded to binary32 in binary32 arithmetic.
    public mutating func constant(_ c: Double) -> Int {
        value(.constant(bits: (arithmetic == .single ? Double(Float(c)) : c).bitPattern))
    }

    public static func == (a: KernelIR, b: KernelIR) -> Bool {
        a.arithmetic == b.arithmetic && a.operations == b.operations && a.outputs == b.outputs && a.notes == b.notes && a.fallback == b.fallback
    }

    /// The operations that the outputs depend on, in order (dead values dropped).
    public var live: [Int] { dependencies(of: outputs) }

    /// The operations the fallback's values and tags need, in order (it runs as a function of the inputs).
    public var fallbackLive: [Int] {
        guard let fallback else { return [] }
        return dependencies(of: fallback.values + fallback.tags)
    }

    public func dependencies(of roots: [Int]) -> [Int] {
        var needed = Set(roots)
        for i in stride(from: operations.count - 1, through: 0, by: -1) where needed.contains(i) {
            needed.formUnion(operations[i].operands)
        }
        return (0..<operations.count).filter { needed.contains($0) }
    }
}

/// The math-library functions a ``KernelIR/Operation/libm(_:_:)`` calls: C99 names, with the f suffix in binary32.
public enum LibmFunction: String, Hashable, Sendable, CaseIterable {
    case exp, expm1, log, log1p, sqrt, tanh, sinh, cosh, erf, erfc

    /// The C (and CUDA) name in `arithmetic`: `erf` or `erff`.
    public func name(in arithmetic: KernelIR.Arithmetic) -> String { arithmetic == .double ? rawValue : rawValue + "f" }

    /// The system library's double function (the C kernel calls the same one).
    public func callAsFunction(_ a: Double) -> Double {
        switch self {
        case .exp: return Foundation.exp(a)
        case .expm1: return Foundation.expm1(a)
        case .log: return Foundation.log(a)
        case .log1p: return Foundation.log1p(a)
        case .sqrt: return Foundation.sqrt(a)
        case .tanh: return Foundation.tanh(a)
        case .sinh: return Foundation.sinh(a)
        case .cosh: return Foundation.cosh(a)
        case .erf: return Foundation.erf(a)
        case .erfc: return Foundation.erfc(a)
        }
    }

    /// The system library's binary32 function (expf, …).
    public func callAsFunction(_ a: Float) -> Float {
        switch self {
        case .exp: return expf(a)
        case .expm1: return expm1f(a)
        case .log: return logf(a)
        case .log1p: return log1pf(a)
        case .sqrt: return sqrtf(a)
        case .tanh: return tanhf(a)
        case .sinh: return sinhf(a)
        case .cosh: return coshf(a)
        case .erf: return erff(a)
        case .erfc: return erfcf(a)
        }
    }
}
