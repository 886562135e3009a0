import MishSymbolic

/// Ziv's strategy for the correctly-rounded tiers (f32, f16, bf16 computed in double): where the double
/// result v lies within `tolerance` units in its last place of a rounding boundary of the output format
/// (a midpoint between two neighbours of p bits), the rounding of v cannot be trusted, and the kernel
/// recomputes that output with the generic form in double-double, rounded to odd (``KernelIR/Operation/roundToOdd(_:_:)``)
/// before the one rounding to the output type. The windows (thresholds, limit tails, the origin and zero
/// series) keep their own values: they decide their rounding boundaries by construction, where the
/// double-double (about 2⁻⁹⁰ relative) could not (9x²/25 on an f32 midpoint at x = 5s·2⁻ʲ).
///
/// The tolerance is measured, not proven: the generic double form's error, sampled over 2·10⁵ inputs of
/// eight kernels, stays below 70 ulp of the double (at the edge of the zero series around mish′'s zero);
/// the check allows 2¹⁰. Where an error exceeded it, the exhaustive `verify` sweep would count the
/// misrounding.
public struct RoundingFallback: Sendable, Equatable {
    /// For each output, the generic form's value in double-double rounded to odd (times dy, scaled by 2^K).
    public var values: [Int]
    /// For each output, 1 where the kernel returns the generic form's value, else 0 (the windows keep theirs).
    public var tags: [Int]
    /// 53 − p: the double's significand bits below the output format's last place.
    public let discardedBits: Int
    /// 2^emin, the output format's smallest normal number.
    public let smallestNormal: Double
    /// Units in the last place of the double result (of 2^emin below it) within which a boundary counts.
    public let tolerance: Int64

    public static let measuredTolerance: Int64 = 1 << 10

    init(values: [Int], tags: [Int], type: KernelLowering.OutputType, tolerance: Int64 = RoundingFallback.measuredTolerance) {
        self.values = values
        self.tags = tags
        discardedBits = 53 - type.precision
        smallestNormal = Double(sign: .plus, exponent: type.minimumExponent, significand: 1)
        self.tolerance = tolerance
    }

    /// The bits of |v| below the output format's last place, offset so that a midpoint is `tolerance`: v is near
    /// a boundary when the key is at most 2·tolerance. Below 2^emin the bits of |v| + 2^emin, whose last place in
    /// the output format is the subnormal quantum (one more rounding, within half an ulp of the double). ±0 and
    /// ±∞ are far from every boundary (their bits there are 0); NaN is unspecified (either way the result is NaN).
    /// The emitted loops take the minimum key of a block (an integer minimum, the cheapest vector reduction).
    public func boundaryKey(_ v: Double) -> Int64 {
        let a = Swift.abs(v)
        let w = a < smallestNormal ? a + smallestNormal : a
        let mask = (Int64(1) << discardedBits) - 1
        return (Int64(bitPattern: w.bitPattern) &- (Int64(1) << (discardedBits - 1)) &+ tolerance) & mask
    }

    public func isNearBoundary(_ v: Double) -> Bool { boundaryKey(v) <= 2 * tolerance }
}

extension KernelLowering {
    /// The fallback of an exact narrow kernel: for each output, the tag of where the kernel returns the generic
    /// form's value (`generics[i]`, times dy for a backward kernel: ``genericTag``) and the form in double-double
    /// (``lowerDoubleDouble``), times dy by the double-word product, rounded to odd and scaled by 2^K. nil where the side forms' coefficients exceed 2⁵³ (the double-double lowering refuses them).
    static func roundingFallback(_ functions: [ExpRational], generics: [Int], x: Int, dy: Int?, type: OutputType,
                                 into ir: inout KernelIR) -> RoundingFallback? {
        let exp = DoubleDoubleExp.lower(ir.value(.negate(ir.value(.absolute(x)))), into: &ir)
        var values: [Int] = [], tags: [Int] = []
        for (i, r) in functions.enumerated() {
            guard let (w, k) = try? lowerDoubleDouble(r, x: x, exp: exp, into: &ir) else { return nil }
            var memo: [Int: Int?] = [:]
            guard let tag = genericTag(ir.outputs[i], generic: generics[i], dy: dy, memo: &memo, into: &ir) else {
                values.append(ir.constant(0))
                tags.append(ir.constant(0))
                continue
            }
            let v = dy.map { ir.multiply(w, $0) } ?? w
            let odd = ir.value(.roundToOdd(v.hi, v.lo))
            values.append(k.map { ir.value(.scaleByPowerOfTwo(odd, $0)) } ?? odd)
            tags.append(tag)
        }
        ir.notes.append("rounding fallback: where the double result is within \(RoundingFallback.measuredTolerance) ulp of a rounding "
            + "boundary of \(type.rawValue) and comes from the generic form, that form again in double-double, rounded to odd, then "
            + "rounded once (the tolerance is measured: the form's error stays below 70 ulp on samples)")
        return RoundingFallback(values: values, tags: tags, type: type)
    }

    /// A value that is 1 where `v` is the generic form's value `generic` (with a multiplier dy: dy times it, by
    /// the one product with dy on the way), else 0; nil where it never is. Only selections pass the generic
    /// value through unchanged, so the tag follows them and the product with dy; any other operation ends it.
    static func genericTag(_ v: Int, generic: Int, dy: Int?, memo: inout [Int: Int?], into ir: inout KernelIR) -> Int? {
        if let known = memo[v] { return known }
        let tag: Int?
        switch ir.operations[v] {
        case _ where v == generic: tag = dy == nil ? ir.constant(1) : nil
        case .selectLess(let a, let b, let t, let f):
            let onTrue = genericTag(t, generic: generic, dy: dy, memo: &memo, into: &ir)
            let onFalse = genericTag(f, generic: generic, dy: dy, memo: &memo, into: &ir)
            if onTrue == nil && onFalse == nil {
                tag = nil
            } else {
                let zero = ir.constant(0)
                tag = ir.value(.selectLess(a, b, onTrue ?? zero, onFalse ?? zero))
            }
        case .multiply(let p, let q) where dy != nil && (p == dy || q == dy):
            var inner: [Int: Int?] = [:]
            tag = genericTag(p == dy ? q : p, generic: generic, dy: nil, memo: &inner, into: &ir)
        default: tag = nil
        }
        memo[v] = tag
        return tag
    }
}
