import MishNumbers
import MishSymbolic

/// The correctly rounded value of f(x) or dy·f′(x) in a format, for any expression the engine evaluates.
///
/// Two halves: for an exp-rational f, a double enclosure compiled to C (``ReferenceSource``) decides the
/// rounding to f32, f16 and bf16 whenever both ends of y ± r round to the same value, which is all but a
/// few hundred of the 2³² f32 inputs, and a double-double enclosure (``DoubleDoubleReferenceSource``)
/// decides f64 likewise; everything else (other expressions, the inputs the enclosures
/// leave undecided) goes to MPFR interval evaluation, its precision doubled from 96 bits until both ends
/// of the enclosure round alike (Ziv's strategy), up to `precisionLimit` (by default `maximumPrecision`).
public struct CorrectlyRoundedReference: Sendable {
    public enum Function: String, Sendable, Codable {
        /// f(x).
        case value
        /// f′(x) (times dy for a backward kernel).
        case derivative
    }

    public let expression: Expr
    let derivativeExpression: Expr
    let rational: ExpRational?
    let rationalDerivative: ExpRational?
    /// The side forms (negative, positive) of f and f′, computed once for the far-tail test.
    let sideForms: [Function: (negative: ExpRationalSideForm, positive: ExpRationalSideForm)]
    /// f and f′ as c·x^i₀ plus a remainder on the sides where that form exists (``LimitTailSplit``).
    let tailSplits: [Function: [LimitTailSplit]]
    /// f and f′ as c·xʲ plus a remainder near 0 (``OriginLeadingSplit``).
    let originSplits: [Function: OriginLeadingSplit]
    public static let maximumPrecision = 1 << 14
    /// The precision at which MPFR gives up (``maximumPrecision`` unless a caller trades the rare inputs that
    /// need more for time).
    public let precisionLimit: Int
    /// The values at x = −∞ (key −1) and +∞ (key 1) of an f or f′ without normal form, which MPFR cannot evaluate,
    /// as the caller certified them (the limit; a zero limit with the sign of the tail): ±∞, a zero or a value to
    /// at least 128 bits.
    let limits: [Function: [Int: BigFloat]]
    /// Beyond `threshold` toward −∞ (key −1) or +∞ (key 1), an f or f′ without normal form below 2⁻²²⁰⁰ in magnitude,
    /// as the caller proved it, with its sign: its zero times dy rounds to that zero in every format.
    let farTails: [Function: [Int: (threshold: Double, zero: BigFloat)]]

    /// `limits`: f's and f′'s certified values at ±∞ where they have no exp-rational normal form (the normal form
    /// gives them otherwise); without one, those inputs stay undecided.
    /// `farTails`: for such f and f′, the points beyond which they are proven below 2⁻²²⁰⁰ in magnitude, and their sign
    /// there.
    public init(_ f: Expr, precisionLimit: Int = CorrectlyRoundedReference.maximumPrecision, limits: [Function: [Int: BigFloat]] = [:],
                farTails: [Function: [Int: (threshold: Double, zero: BigFloat)]] = [:]) {
        self.precisionLimit = precisionLimit
        self.limits = limits
        self.farTails = farTails
        expression = f
        derivativeExpression = f.derivative()
        rational = ExpRational(f)
        rationalDerivative = rational?.derivative()
        var forms: [Function: (negative: ExpRationalSideForm, positive: ExpRationalSideForm)] = [:]
        forms[.value] = rational?.sideForms
        forms[.derivative] = rationalDerivative?.sideForms
        sideForms = forms
        var splits: [Function: [LimitTailSplit]] = [:]
        for (function, r) in [(Function.value, rational), (.derivative, rationalDerivative)] {
            splits[function] = r.map { r in [-1, 1].compactMap { LimitTailSplit(r, direction: $0) } } ?? []
        }
        tailSplits = splits
        var origin: [Function: OriginLeadingSplit] = [:]
        origin[.value] = rational.flatMap { OriginLeadingSplit($0) }
        origin[.derivative] = rationalDerivative.flatMap { OriginLeadingSplit($0) }
        originSplits = origin
    }

    /// True when the fast double enclosure exists (f is exp-rational).
    public var hasFastPath: Bool { rational != nil }

    /// The C functions `mm_ref_value` and `mm_ref_derivative` (the fast path, or `mm_reference_none`).
    var cSource: String {
        guard let f = rational, let d = rationalDerivative else {
            return """
            void mm_ref_value(const double *x, double *y, double *r, int n) { mm_reference_none(x, y, r, n); }
            void mm_ref_derivative(const double *x, double *y, double *r, int n) { mm_reference_none(x, y, r, n); }
            void mm_ref64_value(const double *x, double *y, double *l, double *r, int n) { mm_reference64_none(x, y, l, r, n); }
            void mm_ref64_derivative(const double *x, double *y, double *l, double *r, int n) { mm_reference64_none(x, y, l, r, n); }

            """
        }
        return ReferenceSource.prelude() + ReferenceSource.function(named: "mm_ref_value", f)
            + ReferenceSource.function(named: "mm_ref_derivative", d)
            + DoubleDoubleReferenceSource.prelude() + DoubleDoubleReferenceSource.function(named: "mm_ref64_value", f)
            + DoubleDoubleReferenceSource.function(named: "mm_ref64_derivative", d)
    }

    /// An enclosure of g(x) at `precision` bits.
    public func enclosure(_ function: Function, at x: Double, precision: Int) -> BigInterval {
        let point = BigInterval(BigFloat(x, precision: precision))
        switch function {
        case .value: return rational?.enclosure(at: point) ?? expression.enclosure(at: point, precision: precision)
        case .derivative:
            return rationalDerivative?.enclosure(at: point) ?? derivativeExpression.enclosure(at: point, precision: precision)
        }
    }

    /// The correctly rounded bits of dy·g(x) and the exact value to about 2·precision(format) + 64 bits,
    /// by MPFR; nil when `precisionLimit` bits do not decide (an exact tie or a singularity). At ±∞ and
    /// ±0 an exp-rational f answers from its normal form (``SpecialValue``), and in far tails where |f| is
    /// below 2⁻¹¹⁰⁰ (beyond MPFR's exponent range) with the signed zero (``SpecialValue/farTail(_:x:)``),
    /// and where f vanishes exactly at x ≠ 0 (``ExpRational/vanishes(at:)``, which no enclosure can show)
    /// with +0 times dy; beyond |x| = 16 where f = c·x^i₀ + g (``LimitTailSplit``), dy·c·x^i₀ on a rounding boundary
    /// and g below MPFR's reach are decided by g's sign, and likewise near 0 where f = c·xʲ + g with dy·c·xʲ on a
    /// rounding boundary (``OriginLeadingSplit``); another f has at ±∞ the value the caller gave (`limits`), or none.
    public func mpfr(_ function: Function, x: Double, dy: Double = 1, format: FloatFormat) -> (bits: UInt64, exact: BigFloat)? {
        if x.isNaN || dy.isNaN { return (format.nanBits, BigFloat.nan()) }
        let normalForm = function == .value ? rational : rationalDerivative
        if x.isInfinite && normalForm == nil {
            guard var exact = limits[function]?[x < 0 ? -1 : 1] else { return nil }
            if dy != 1 { exact = exact.multiplied(by: BigFloat(dy, precision: 53), precision: Swift.max(256, exact.precision)).value }
            return (format.roundedBits(exact), exact)
        }
        if let r = normalForm, x.isInfinite || x == 0 {
            // Limits and signed zeros come from the normal form; MPFR cannot evaluate at ±∞.
            guard let v = x.isInfinite ? SpecialValue.limit(r, direction: x < 0 ? -1 : 1)
                                       : SpecialValue.atZero(r, negative: x.sign == .minus) else { return nil }
            var exact = v.bigFloat
            if dy != 1 { exact = exact.multiplied(by: BigFloat(dy, precision: 53), precision: 256).value }
            return (format.roundedBits(exact), exact)
        }
        if normalForm == nil, let tail = farTails[function]?[x < 0 ? -1 : 1], x < 0 ? x < tail.threshold : x > tail.threshold {
            let exact = dy < 0 ? BigFloat.zero(sign: tail.zero.hasSignBit ? 1 : -1, precision: 53) : tail.zero
            return (format.roundedBits(exact), exact)
        }
        if let sides = sideForms[function], let v = SpecialValue.farTail(x < 0 ? sides.negative : sides.positive, x: x) {
            let zero = v.bigFloat
            let exact = dy < 0 ? BigFloat.zero(sign: zero.hasSignBit ? 1 : -1, precision: 53) : zero
            return (format.roundedBits(exact), exact)
        }
        if abs(x) >= 16, let split = tailSplits[function]?.first(where: { $0.direction == (x < 0 ? -1 : 1) }),
           let decided = split.decide(x: x, dy: dy, format: format) {
            return decided
        }
        if let split = originSplits[function], let decided = split.decide(x: x, dy: dy, format: format) {
            return decided
        }
        var p = 96
        while p <= precisionLimit {
            var e = enclosure(function, at: x, precision: p)
            if dy != 1 { e = e * BigInterval(BigFloat(dy, precision: 53)) }
            if !e.isUndefined && !e.lower.isNaN && !e.upper.isNaN {
                let lo = format.roundedBits(e.lower), hi = format.roundedBits(e.upper)
                if lo == hi && !(e.lower.isZero && e.upper.isZero && e.lower.hasSignBit != e.upper.hasSignBit) {
                    let exact = e.lower.isInfinite ? e.lower : e.midpoint
                    return (lo, exact)
                }
            }
            p *= 2
        }
        if let r = normalForm, let q = BigFloat(x, precision: 53).exactRational, r.vanishes(at: q) {
            // An exact zero (x·eˣ)′ = 0 at x = −1: +0 as IEEE's round-to-nearest gives an exact zero sum,
            // times dy.
            let zero = BigFloat.zero(sign: dy < 0 ? -1 : 1, precision: 53)
            return (format.roundedBits(zero), zero)
        }
        return nil
    }

    /// |output − exact| in ulps of the exact value's binade; an infinite output against a finite exact
    /// value counts as 2^(emax+1), and at most 1/2 where the exact value rounds to that infinity (|exact| at or
    /// above the overflow threshold (2 − 2^−p)·2^emax): a correctly rounded overflow.
    public static func ulpError(output: Double, exact: BigFloat, format: FloatFormat) -> Double {
        if output.isNaN || exact.isNaN { return output.isNaN && exact.isNaN ? 0 : .infinity }
        if exact.isInfinite { return (output.isInfinite && (output < 0) == exact.hasSignBit) ? 0 : .infinity }
        var o = BigFloat(output, precision: 53)
        var overflows = false
        if output.isInfinite {
            let top = BigFloat(1, precision: 2).scaled(byPowerOfTwo: format.maximumExponent + 1)
            let threshold = top.subtracting(BigFloat(1, precision: 2).scaled(byPowerOfTwo: format.maximumExponent - format.precision),
                                            precision: format.precision + 2).value
            overflows = (output < 0) == exact.hasSignBit && exact.magnitude >= threshold
            o = output < 0 ? -top : top
        }
        let diff = o.subtracting(exact, precision: exact.precision + 64).value.magnitude
        let error = diff.scaled(byPowerOfTwo: -format.ulpExponent(of: exact)).toDouble(rounding: .up)
        return overflows ? Swift.min(error, 0.5) : error
    }
}
