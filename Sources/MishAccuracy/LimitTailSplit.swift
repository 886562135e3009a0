import MishNumbers
import MishSymbolic

/// f = c·x^i₀ + g on one side, where the side form has no shift, D(0) = d₀ ≠ 0 and only row i₀ of the numerator
/// has a constant term in s (c = n_{i₀,0}/d₀, an exact double): g = f − c·x^i₀ vanishes like a power of s = e^(−|x|).
///
/// It decides dy·f where A = dy·c·x^i₀ is an output rounding boundary and g lies below any precision MPFR can
/// afford: mish²′ = 2x + O(x²e^(−2x)), with dy·2x a bf16 midpoint at x ≈ 5000, is 2^(−14000) from it. g's own normal
/// form has no such cancellation, so its sign and size come from a short enclosure; A is exact. Every rounding
/// boundary B of the format near A (a representable value, a midpoint, the overflow threshold, half the least
/// subnormal) is a multiple of a quarter of the output's ulp at A, and A a multiple of 2^(e_A − p_A) (its last bit),
/// so B ≠ A is at least 2^k from A, k the smaller exponent. When |dy·g| < 2^k, dy·f and A + sign(dy·g)·2^(k−1) lie
/// strictly inside the same gap between boundaries (or both at A's side of A itself, when A is one): they round alike.
struct LimitTailSplit: Sendable {
    let direction: Int
    let constant: Double
    let power: Int
    let remainder: ExpRational
    let remainderForm: ExpRationalSideForm

    init?(_ f: ExpRational, direction: Int) {
        guard let (i0, ratio) = (direction < 0 ? f.sideForms.negative : f.sideForms.positive).limitTerm,
              let c = ReferenceSource.exactDouble(ratio), let power = ExpRational.x.power(i0) else { return nil }
        let g = f - ExpRational(ratio) * power
        guard !g.isZero else { return nil }
        self.direction = direction
        constant = c
        self.power = i0
        remainder = g
        remainderForm = direction < 0 ? g.sideForms.negative : g.sideForms.positive
    }

    /// The correctly rounded bits of dy·f(x) in `format` and A (the exact value's stand-in, within 2^k of it), or nil
    /// when x is on the other side, g's enclosure does not show its sign, or |dy·g| is not below 2^k.
    func decide(x: Double, dy: Double, format: FloatFormat) -> (bits: UInt64, exact: BigFloat)? {
        guard x.isFinite, dy.isFinite, dy != 0, x != 0, (x < 0 ? -1 : 1) == direction else { return nil }
        var a = BigFloat(constant, precision: 53).multiplied(by: BigFloat(dy, precision: 53), precision: 106).value
        for _ in 0..<power { a = a.multiplied(by: BigFloat(x, precision: 53), precision: a.precision + 53).value }
        guard let e = a.binaryExponent else { return nil }
        let k = Swift.min(format.ulpExponent(of: a) - 2, e - a.precision)
        let bound = BigFloat(1, precision: 2).scaled(byPowerOfTwo: k)
        func nudged(_ sign: Int) -> (bits: UInt64, exact: BigFloat) {
            let point = a.adding(BigFloat(sign, precision: 2).scaled(byPowerOfTwo: k - 1), precision: e - k + 4).value
            return (format.roundedBits(point), point)
        }
        // Beyond MPFR's exponent range (|g| < 2⁻¹¹⁰⁰, its sign that of the leading term): ``SpecialValue/farTail(_:x:)``.
        if case .zero(let negative) = SpecialValue.farTail(remainderForm, x: x) {
            guard Int(dy.exponent) - 1100 < k else { return nil }
            return nudged((negative ? -1 : 1) * (dy < 0 ? -1 : 1))
        }
        var p = 128
        while p <= 1024 {
            let g = remainder.enclosure(at: BigInterval(BigFloat(x, precision: p))) * BigInterval(BigFloat(dy, precision: 53))
            if !g.isUndefined, !g.lower.isNaN, !g.upper.isNaN, g.lower.signum == g.upper.signum, g.lower.signum != 0 {
                guard g.lower.magnitude < bound, g.upper.magnitude < bound else { return nil }
                return nudged(g.lower.signum)
            }
            p *= 2
        }
        return nil
    }
}
