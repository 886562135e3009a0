import MishNumbers
import MishSymbolic

/// f = L(x) + g on one side, where the side form has no shift and D(0) = d₀ ≠ 0: L = Σᵢ cᵢxⁱ with cᵢ = n_{i,0}/d₀
/// (f's limit polynomial, every cᵢ an exact double), and g = f − L vanishes like a power of s = e^(−|x|).
///
/// It decides dy·f where A = dy·L(x) is an output rounding boundary and g lies below any precision MPFR can
/// afford: mish²′ = 2x + O(x²e^(−2x)), with dy·2x a bf16 midpoint at x ≈ 5000, is 2^(−14000) from it; (x + 1)·σ(x) =
/// x + 1 − (x + 1)/(1 + eˣ), with x + 1 an f32 midpoint for x in [2²⁴, 2²⁵). g's own normal form has no such
/// cancellation, so its sign and size come from a short enclosure; A is exact (``ExactLeadingTerm``).
struct LimitTailSplit: Sendable {
    let direction: Int
    /// L's nonzero terms (power i, cᵢ).
    let terms: [(power: Int, constant: Double)]
    let remainder: ExpRational
    let remainderForm: ExpRationalSideForm

    init?(_ f: ExpRational, direction: Int) {
        guard let polynomial = (direction < 0 ? f.sideForms.negative : f.sideForms.positive).limitPolynomial else { return nil }
        let rows = polynomial.indices.filter { !polynomial[$0].isZero }
        let constants = rows.compactMap { ReferenceSource.exactDouble(polynomial[$0]) }
        guard !rows.isEmpty, constants.count == rows.count else { return nil }
        var limit = ExpRational.zero
        for i in rows { limit = limit + ExpRational(polynomial[i]) * ExpRational.x.power(i)! }
        let g = f - limit
        guard !g.isZero else { return nil }
        self.direction = direction
        terms = Array(zip(rows, constants))
        remainder = g
        remainderForm = direction < 0 ? g.sideForms.negative : g.sideForms.positive
    }

    /// The correctly rounded bits of dy·f(x) in `format` and A (the exact value's stand-in, within 2^k of it), or nil
    /// when x is on the other side, g's enclosure does not show its sign, or |dy·g| is not below 2^k.
    func decide(x: Double, dy: Double, format: FloatFormat) -> (bits: UInt64, exact: BigFloat)? {
        guard x.isFinite, dy.isFinite, dy != 0, x != 0, (x < 0 ? -1 : 1) == direction else { return nil }
        guard let lead = ExactLeadingTerm(terms: terms, x: x, dy: dy, format: format) else { return nil }
        // Beyond MPFR's exponent range (|g| < 2⁻¹¹⁰⁰, its sign that of the leading term): ``SpecialValue/farTail(_:x:)``.
        if case .zero(let negative) = SpecialValue.farTail(remainderForm, x: x) {
            guard Int(dy.exponent) - 1100 < lead.k else { return nil }
            let sign = (negative ? -1 : 1) * (dy < 0 ? -1 : 1)
            return lead.rounded(plus: BigFloat(sign, precision: 2).scaled(byPowerOfTwo: Int(dy.exponent) - 1101), format: format)
        }
        var p = 128
        while p <= 1024 {
            let g = remainder.enclosure(at: BigInterval(BigFloat(x, precision: p))) * BigInterval(BigFloat(dy, precision: 53))
            if !g.isUndefined, !g.lower.isNaN, !g.upper.isNaN, g.lower.signum == g.upper.signum, g.lower.signum != 0 {
                guard g.lower.magnitude < lead.bound, g.upper.magnitude < lead.bound else { return nil }
                return lead.rounded(plus: g.midpoint, format: format)
            }
            p *= 2
        }
        return nil
    }
}

/// A = dy·Σ cᵢxⁱ, exact, standing in for dy·f = A + dy·g where g is tiny. Every rounding boundary B of the format near
/// A (a representable value, a midpoint, the overflow threshold, half the least subnormal) is a multiple of a quarter
/// of the output's ulp at A, and A a multiple of 2^t (t its last bit's exponent), so B ≠ A is at least 2^k from A,
/// k = min(t, that quarter ulp's exponent). When |dy·g| < 2^k, dy·f and A + sign(dy·g)·2^(k−1) lie strictly inside the same gap between
/// boundaries (or both at A's side of A itself, when A is one): they round alike. nil when A = 0.
struct ExactLeadingTerm {
    let a: BigFloat
    let k: Int

    init?(constant: Double, power: Int, x: Double, dy: Double, format: FloatFormat) {
        self.init(terms: [(power, constant)], x: x, dy: dy, format: format)
    }

    init?(terms: [(power: Int, constant: Double)], x: Double, dy: Double, format: FloatFormat) {
        let a = terms.map { ExactLeadingTerm.product($0.constant, dy: dy, x: x, power: $0.power) }
            .reduce(BigFloat(0, precision: 2), ExactLeadingTerm.exactSum)
        guard let e = a.binaryExponent, let exact = a.exactRational else { return nil }
        self.a = a
        // A = n/2^d exactly, so A is a multiple of 2^(−d) (and of 2^(e − precision)).
        let lastBit = Swift.max(e - a.precision, 1 - exact.denominator.digitCountEstimate(radix: 2))
        k = Swift.min(format.ulpExponent(of: a) - 2, lastBit)
    }

    /// a + b, exact: the precision spans both operands' bits and a carry.
    static func exactSum(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
        guard let ea = a.binaryExponent else { return b }
        guard let eb = b.binaryExponent else { return a }
        let bottom = Swift.min(ea - a.precision, eb - b.precision)
        return a.adding(b, precision: Swift.max(ea, eb) + 1 - bottom).value
    }

    /// c·dy·xⁱ, exact (each factor adds 53 bits of precision).
    static func product(_ c: Double, dy: Double, x: Double, power: Int) -> BigFloat {
        var a = BigFloat(c, precision: 53).multiplied(by: BigFloat(dy, precision: 53), precision: 106).value
        for _ in 0..<power { a = a.multiplied(by: BigFloat(x, precision: 53), precision: a.precision + 53).value }
        return a
    }

    /// 2^k.
    var bound: BigFloat { BigFloat(1, precision: 2).scaled(byPowerOfTwo: k) }

    /// The correctly rounded bits of A + g for every g with the sign of `offset` and |g| < 2^k, and A + offset
    /// (exact) as the exact value's stand-in: `offset` is g's estimate, with its sign and below 2^k.
    func rounded(plus offset: BigFloat, format: FloatFormat) -> (bits: UInt64, exact: BigFloat) {
        let gap = a.binaryExponent! - (offset.binaryExponent ?? k)
        let point = a.adding(offset, precision: Swift.max(gap, 0) + a.precision + offset.precision + 2).value
        return (format.roundedBits(point), point)
    }
}
