import Foundation
import MishNumbers
import MishSymbolic

/// f near 0 by its Taylor polynomial with a rigorous remainder, for the double reference where f's side
/// forms cancel at x = 0 (``ExpRational/cancelsAtOrigin``: tanh = (1 − s²)/(1 + s²), whose double enclosure
/// widens like 2⁻⁵³/|x| relative, so that every f32 input below about 2⁻²⁷ went to MPFR).
///
/// For |x| ≤ ρ = 2⁻⁶: f(x) = Σₖ₌ⱼᴺ cₖxᵏ + R(x) with cₖ = f⁽ᵏ⁾(0)/k! exact (rounded to double, each with its
/// rounding as a radius) and, by Lagrange's form of the remainder, |R(x)| ≤ B·|x|ᴺ⁺¹ with
/// B ≥ max over |ξ| ≤ ρ of |f⁽ᴺ⁺¹⁾(ξ)|/(N + 1)!, an interval enclosure of f⁽ᴺ⁺¹⁾ over [−ρ, ρ] at 128 bits.
/// N is the least order (up to 60) with B·ρᴺ⁺¹⁻ʲ ≤ 2⁻⁶⁰·|cⱼ|, j the order of the first nonzero cⱼ, so the
/// remainder stays below 2⁻⁶⁰ of the leading term on the whole window.
struct OriginSeriesEnclosure {
    static let radius = 0x1p-6
    /// j: c₀ … cⱼ₋₁ vanish.
    let order: Int
    /// cⱼ … c_N as exact rationals.
    let coefficients: [Rational]
    /// B, rounded up.
    let remainderBound: Double

    /// The series of f where its side forms cancel at 0 (the double reference's window); `anyForm` builds it for
    /// every f analytic at 0 (``OriginLeadingSplit``).
    init?(_ f: ExpRational, anyForm: Bool = false) {
        guard anyForm || f.cancelsAtOrigin else { return nil }
        let p = 128
        let window = BigInterval(lower: BigFloat(-OriginSeriesEnclosure.radius, precision: p),
                                 upper: BigFloat(OriginSeriesEnclosure.radius, precision: p))
        var derivative = f
        var factorial = BigInt(1)
        var cs: [Rational] = []
        for k in 0...61 {
            if k > 0 {
                derivative = derivative.derivative()
                factorial = factorial * BigInt(k)
            }
            if let j = cs.firstIndex(where: { !$0.isZero }), k > j + 1 {
                let e = derivative.enclosure(at: window)
                if !e.isUndefined, e.lower.isFinite, e.upper.isFinite {
                    let bound = BigFloat.max(e.lower.magnitude, e.upper.magnitude)
                        .divided(by: BigFloat(factorial, precision: p, rounding: .down), precision: 64, rounding: .up).value.toDouble(rounding: .up)
                    let lead = abs(cs[j].doubleValue)
                    if bound.isFinite, bound < 0x1p60,
                       bound * Foundation.pow(OriginSeriesEnclosure.radius, Double(k - j)) <= 0x1p-60 * lead * (1 - 0x1p-40) {
                        order = j
                        coefficients = Array(cs[j..<k])
                        remainderBound = bound
                        return
                    }
                }
            }
            guard let c = derivative.valueAtOrigin else { return nil }
            cs.append(c / Rational(factorial))
        }
        return nil
    }

    /// N + 1: the power of |x| in the remainder.
    var remainderOrder: Int { order + coefficients.count }

    /// C statements that, for |x| < ρ, replace `y` and `r` by the series' enclosure in `mm_mr` arithmetic
    /// (x exact; each coefficient with its rounding; Horner's roundings by `mm_mr_mul_exact` and `mm_mr_add`;
    /// the remainder B·|x|ᴺ⁺¹ with |x|ᴺ⁺¹ computed in N roundings, within a factor 1 + 2⁻⁴⁴ of its value, plus 2⁻¹⁰⁰⁰
    /// for underflow, far below every f32, f16 or bf16 half-ulp of a nonzero result). Branch-free.
    func cStatements() -> [String] {
        let lit = ReferenceSource.literal
        func term(_ c: Rational) -> (text: String, exact: Bool) {
            if let v = ReferenceSource.exactDouble(c) { return (lit(v), true) }
            let v = c.doubleValue
            return ("(mm_mr){\(lit(v)), \(lit(abs(v) * 0x1p-52))}", false)
        }
        let top = term(coefficients.last!)
        var lines = ["mm_mr o = " + (top.exact ? "(mm_mr){\(top.text), 0}" : top.text) + ";"]
        for c in coefficients.dropLast().reversed() {
            let t = term(c)
            lines.append(t.exact ? "o = mm_mr_add_exact(mm_mr_mul_exact(o, x), \(t.text));"
                         : "o = mm_mr_add(mm_mr_mul_exact(o, x), \(t.text));")
        }
        for _ in 0..<order { lines.append("o = mm_mr_mul_exact(o, x);") }
        lines.append("double power = fabs(x);")
        for _ in 1..<remainderOrder { lines.append("power *= fabs(x);") }
        lines += [
            "const int inWindow = fabs(x) < \(lit(OriginSeriesEnclosure.radius));",
            "y = inWindow ? o.v : y;",
            "r = inWindow ? o.r + fma(\(lit(remainderBound * (1 + 0x1p-44))), power, 0x1p-1000) : r;",
        ]
        return lines
    }
}
