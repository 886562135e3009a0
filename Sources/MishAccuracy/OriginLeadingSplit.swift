import Foundation
import MishNumbers
import MishSymbolic

/// f = c·xʲ + g near 0, where c = f⁽ʲ⁾(0)/j! is f's first nonzero Maclaurin coefficient and an exact double, and
/// g = cₖxᵏ·(1 + ε) with cₖ the next nonzero one: by the series c_j … c_N and its Lagrange remainder bound B
/// (``OriginSeriesEnclosure``), |ε| ≤ Σᵢ₌ₖ₊₁ᴺ |cᵢ/cₖ|·wⁱ⁻ᵏ + B·wᴺ⁺¹⁻ᵏ/|cₖ| ≤ 1/4 for |x| ≤ w, the window.
///
/// It decides dy·f where A = dy·c·xʲ is an output rounding boundary and g is far below the enclosures' reach:
/// swish = x/2 + x²/4 + … at an f32 subnormal x with an odd last bit, where x/2 is a midpoint and x²/4 is 2⁻¹³⁰ of it
/// (every such input went to MPFR at a few hundred bits). g's sign is that of dy·cₖ·xᵏ and |dy·g| < (5/4)·|dy·cₖ|·|x|ᵏ,
/// so when that is below 2^k(A), A + dy·cₖ·xᵏ (within |g|/4 of dy·f) rounds as dy·f does (``ExactLeadingTerm``).
struct OriginLeadingSplit: Sendable {
    let constant: Double
    let power: Int
    let next: Double
    let nextPower: Int
    let window: Double

    init?(_ f: ExpRational) {
        guard let series = OriginSeriesEnclosure(f, anyForm: true), let c = ReferenceSource.exactDouble(series.coefficients[0]),
              let offset = series.coefficients.indices.dropFirst().first(where: { !series.coefficients[$0].isZero }) else { return nil }
        let next = series.coefficients[offset].doubleValue
        let later = series.coefficients[(offset + 1)...].map { abs($0.doubleValue / next) * (1 + 0x1p-40) }
        let remainder = series.remainderBound / abs(next) * (1 + 0x1p-40)
        var window = 0.0
        for m in 6...1000 {
            let w = Foundation.pow(2.0, -Double(m))
            let epsilon = later.enumerated().reduce(0.0) { $0 + $1.element * Foundation.pow(w, Double($1.offset + 1)) }
                + remainder * Foundation.pow(w, Double(series.coefficients.count - offset))
            if epsilon <= 0.25 { window = w; break }
        }
        guard window > 0 else { return nil }
        constant = c
        power = series.order
        self.next = next
        nextPower = series.order + offset
        self.window = window
    }

    /// The correctly rounded bits of dy·f(x) in `format` and A's stand-in, or nil outside the window or when the
    /// bound on |dy·g| is not below 2^k.
    func decide(x: Double, dy: Double, format: FloatFormat) -> (bits: UInt64, exact: BigFloat)? {
        guard x.isFinite, dy.isFinite, dy != 0, x != 0, abs(x) <= window,
              let lead = ExactLeadingTerm(constant: constant, power: power, x: x, dy: dy, format: format) else { return nil }
        // |dy·g| < (5/4)·|cₖ|·|dy|·|x|ᵏ < 2^(⌈log₂(5/4·|cₖ|)⌉ + e(dy) + 1 + k·(e(x) + 1)), e(v) = ⌊log₂|v|⌋.
        let scale = Int((1.25 * abs(next) * (1 + 0x1p-40)).exponent) + 1
        let exponent = scale + Int(dy.exponent) + 1 + nextPower * (Int(x.exponent) + 1)
        guard exponent <= lead.k else { return nil }
        return lead.rounded(plus: ExactLeadingTerm.product(next, dy: dy, x: x, power: nextPower), format: format)
    }
}
