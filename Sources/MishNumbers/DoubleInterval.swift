internal import CMPFR
import Foundation

/// Interval arithmetic whose results enclose the exact ones: ``BigInterval`` (MPFR, any precision) and
/// ``DoubleInterval`` (53 bits, fast). Normal forms are enclosed by one generic evaluation in either.
public protocol EnclosureArithmetic: Sendable {
    static func + (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    func exp() -> Self
    func pow(_ n: Int) -> Self
    /// An enclosure of the integer n (at this interval's precision).
    func integer(_ n: BigInt) -> Self
    /// self + n, the integer added to each end and rounded outward.
    func plus(_ n: BigInt) -> Self
    /// self·n: by default self times the enclosure of n; at full precision one pass over the digits
    /// (mpfr_mul_z) instead of a full multiplication.
    func times(_ n: BigInt) -> Self
    /// An enclosure of P(self).
    func polynomial(_ p: IntegerPolynomial) -> Self
    /// An enclosure of self^d·P(1/self) = Σ c_(d−i)·selfⁱ (d = deg P): P with its coefficients reversed.
    func reversedPolynomial(_ p: IntegerPolynomial) -> Self
    /// False when the midpoint is below 0.
    var midpointIsNonnegative: Bool { get }
}

extension EnclosureArithmetic {
    public func times(_ n: BigInt) -> Self { self * integer(n) }
}

/// A closed interval [lower, upper] of doubles for fast interval arithmetic at 53 bits.
///
/// Each operation is rounded to nearest and then widened by one ulp on each side: a result rounded to
/// nearest is within half an ulp of the exact one, so the exact result lies inside (also at a binade
/// boundary, where the spacing below is half the spacing above). A sum with a 0 term and a product with a 0
/// factor are exact and not widened: an ulp below 0, times an unbounded factor, would be −∞. The exponential
/// is the toolkit's own, with its proven error bound. As in ``BigInterval``, 0·∞ counts as 0 (an unbounded end
/// times a zero end), an infinite endpoint means unbounded on that side, and NaN endpoints mean undefined.
public struct DoubleInterval: EnclosureArithmetic, Equatable {
    public let lower: Double
    public let upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The point interval [x, x].
    public init(_ x: Double) { self.init(lower: x, upper: x) }

    public static let undefined = DoubleInterval(lower: .nan, upper: .nan)

    /// A double interval of width at most one ulp containing the integer n.
    public static func enclosing(_ n: BigInt) -> DoubleInterval {
        withExtendedLifetime(n) { enclosing(integer: n.storage.z) }
    }

    /// A double interval of width at most one ulp containing the integer z (an mpz).
    static func enclosing(integer z: UnsafePointer<__mpz_struct>) -> DoubleInterval {
        let d = mm_mpz_get_d(z)
        // get_d truncates toward zero; below 2^53 every integer is a double.
        if abs(d) < 0x1p53 { return DoubleInterval(d) }
        return DoubleInterval(lower: d.nextDown, upper: d.nextUp)
    }

    public var isUndefined: Bool { lower.isNaN || upper.isNaN }

    /// The sign of every element, nil when 0 is inside (or undefined).
    public var provenSign: Int? {
        if lower > 0 { return 1 }
        if upper < 0 { return -1 }
        return nil
    }

    /// The endpoints widened outward by one ulp (the bounds of an operation rounded to nearest).
    private static func widened(_ lo: Double, _ hi: Double) -> DoubleInterval {
        if lo.isNaN || hi.isNaN { return .undefined }
        return DoubleInterval(lower: lo.nextDown, upper: hi.nextUp)
    }

    /// A lower (`up` false) or upper bound of x + y: exact when a term is 0, else the rounded sum one ulp out.
    private static func sumBound(_ x: Double, _ y: Double, up: Bool) -> Double {
        if x == 0 { return y }
        if y == 0 { return x }
        return up ? (x + y).nextUp : (x + y).nextDown
    }

    public static func + (a: DoubleInterval, b: DoubleInterval) -> DoubleInterval {
        let lo = sumBound(a.lower, b.lower, up: false), hi = sumBound(a.upper, b.upper, up: true)
        return lo.isNaN || hi.isNaN ? .undefined : DoubleInterval(lower: lo, upper: hi)
    }

    public static func - (a: DoubleInterval, b: DoubleInterval) -> DoubleInterval { a + -b }

    public static prefix func - (a: DoubleInterval) -> DoubleInterval {
        DoubleInterval(lower: -a.upper, upper: -a.lower)
    }

    /// Each of the four end products is exactly 0 when a factor is 0 (0·∞ counts as 0), else rounded and
    /// widened by one ulp.
    public static func * (a: DoubleInterval, b: DoubleInterval) -> DoubleInterval {
        if a.isUndefined || b.isUndefined { return .undefined }
        var lo = Double.infinity, hi = -Double.infinity
        for (x, y) in [(a.lower, b.lower), (a.lower, b.upper), (a.upper, b.lower), (a.upper, b.upper)] {
            if x == 0 || y == 0 {
                lo = Swift.min(lo, 0)
                hi = Swift.max(hi, 0)
            } else {
                let p = x * y
                lo = Swift.min(lo, p.nextDown)
                hi = Swift.max(hi, p.nextUp)
            }
        }
        return DoubleInterval(lower: lo, upper: hi)
    }

    /// a/b; undefined when b contains 0.
    public static func / (a: DoubleInterval, b: DoubleInterval) -> DoubleInterval {
        if a.isUndefined || b.isUndefined || (b.lower <= 0 && b.upper >= 0) { return .undefined }
        let q = [a.lower / b.lower, a.lower / b.upper, a.upper / b.lower, a.upper / b.upper]
        if q.contains(where: \.isNaN) { return .undefined }
        return widened(q.min()!, q.max()!)
    }

    /// Xⁿ (n ≥ 0) by repeated multiplication (an enclosure; wider than the exact power for X ∋ 0).
    public func pow(_ n: Int) -> DoubleInterval {
        var acc = DoubleInterval(1)
        for _ in 0..<n { acc = acc * self }
        return acc
    }

    /// e^X from the toolkit's own exponential (``ExpKernel/standard``, |q·2^k/e^a − 1| proven below ε ≈ 2.3·10⁻¹⁶
    /// for −1000 ≤ a ≤ 0), each end rounded outward; e^a ≤ 2⁻¹⁰⁷⁴ below −1000; for a > 0, e^a = 1/e^(−a).
    public func exp() -> DoubleInterval {
        if isUndefined { return .undefined }
        if upper > 0 && lower >= 0 {
            let e = (-self).exp()
            return DoubleInterval(lower: (1 / e.upper).nextDown, upper: e.lower > 0 ? (1 / e.lower).nextUp : .infinity)
        }
        if upper > 0 {
            let negative = DoubleInterval(lower: lower, upper: 0).exp(), positive = DoubleInterval(lower: 0, upper: upper).exp()
            return DoubleInterval(lower: negative.lower, upper: positive.upper)
        }
        return DoubleInterval(lower: DoubleInterval.expBound(lower, below: true), upper: DoubleInterval.expBound(upper, below: false))
    }

    /// A lower (`below`) or upper bound of e^a for a ≤ 0.
    static func expBound(_ a: Double, below: Bool) -> Double {
        let kernel = ExpKernel.standard
        if a < kernel.lowestArgument { return below ? 0 : .leastNonzeroMagnitude }
        let t = kernel.roundingShift.addingProduct(a, kernel.inverseLn2) - kernel.roundingShift
        var r = a.addingProduct(-t, kernel.ln2High)
        r = r.addingProduct(-t, kernel.ln2Low)
        var p = kernel.coefficients[kernel.degree]
        for i in stride(from: kernel.degree - 1, through: 0, by: -1) { p = kernel.coefficients[i].addingProduct(p, r) }
        // |q/e^a − 1| ≤ ε puts e^a in [q/(1 + ε), q/(1 − ε)] ⊂ [q(1 − 2ε), q(1 + 3ε)] (the factors rounded too).
        let ε = kernel.relativeErrorBound
        let factor = below ? (p * (1 - 2 * ε)).nextDown : (p * (1 + 3 * ε)).nextUp
        let scaled = Foundation.scalbn(factor, Int(t))
        return below ? Swift.max(0, scaled.nextDown) : scaled.nextUp
    }
}

extension DoubleInterval {
    /// The double interval around X (ends rounded outward).
    public init(enclosing x: BigInterval) {
        self.init(lower: x.lower.toDouble(rounding: .down), upper: x.upper.toDouble(rounding: .up))
    }

    /// Both ends finite.
    public var isBounded: Bool { lower.isFinite && upper.isFinite }

    /// As a BigInterval at `precision` (≥ 53) bits: the same set; nil when undefined.
    public func bigInterval(precision: Int) -> BigInterval? {
        guard !isUndefined else { return nil }
        return BigInterval(lower: BigFloat(lower, precision: precision), upper: BigFloat(upper, precision: precision))
    }

    public func integer(_ n: BigInt) -> DoubleInterval { DoubleInterval.enclosing(n) }
    public func plus(_ n: BigInt) -> DoubleInterval { self + DoubleInterval.enclosing(n) }
    public func polynomial(_ p: IntegerPolynomial) -> DoubleInterval { p.enclosure(at: self) }
    public func reversedPolynomial(_ p: IntegerPolynomial) -> DoubleInterval { p.doubleHornerEnclosure(self, reversed: true) }
    public var midpointIsNonnegative: Bool { !(lower / 2 + upper / 2 < 0) }
}

extension BigInterval: EnclosureArithmetic {
    public func integer(_ n: BigInt) -> BigInterval {
        BigInterval(lower: BigFloat(n, precision: precision, rounding: .down), upper: BigFloat(n, precision: precision, rounding: .up))
    }
    public func plus(_ n: BigInt) -> BigInterval {
        let p = precision
        return withExtendedLifetime(n) {
            BigInterval(lower: BigFloat.make(precision: p) { mm_mpfr_add_z($0, lower.x, n.storage.z, MPFR_RNDD) }.value,
                        upper: BigFloat.make(precision: p) { mm_mpfr_add_z($0, upper.x, n.storage.z, MPFR_RNDU) }.value)
        }
    }
    public func times(_ n: BigInt) -> BigInterval {
        if isUndefined { return self }
        if n.signum == 0 { return integer(n) }
        let p = precision
        let (a, b) = n.signum > 0 ? (lower, upper) : (upper, lower)
        return withExtendedLifetime(n) {
            BigInterval(lower: BigFloat.make(precision: p) { mpfr_mul_z($0, a.x, n.storage.z, MPFR_RNDD) }.value,
                        upper: BigFloat.make(precision: p) { mpfr_mul_z($0, b.x, n.storage.z, MPFR_RNDU) }.value)
        }
    }
    public func polynomial(_ p: IntegerPolynomial) -> BigInterval { p.enclosure(at: self) }
    public func reversedPolynomial(_ p: IntegerPolynomial) -> BigInterval { p.hornerEnclosure(self, reversed: true) }
    public var midpointIsNonnegative: Bool { midpoint.signum >= 0 }
}

extension IntegerPolynomial {
    /// An enclosure of P(X) by Horner's rule in interval arithmetic.
    public func enclosure(at x: BigInterval) -> BigInterval { hornerEnclosure(x) }

    /// An enclosure of P(X) by Horner's rule in double interval arithmetic.
    public func enclosure(at x: DoubleInterval) -> DoubleInterval { doubleHornerEnclosure(x) }

    /// ``hornerEnclosure(_:reversed:)`` in double intervals, each coefficient enclosed from its mpz in place.
    func doubleHornerEnclosure(_ x: DoubleInterval, reversed: Bool = false) -> DoubleInterval {
        if isZero { return DoubleInterval(0) }
        return withExtendedLifetime(self) {
            let d = degree
            func coefficient(_ j: Int) -> DoubleInterval { DoubleInterval.enclosing(integer: c + (reversed ? j : d - j)) }
            if d == 0 { return coefficient(0) }
            var acc = x * coefficient(0) + coefficient(1)
            for j in stride(from: 2, through: d, by: 1) { acc = acc * x + coefficient(j) }
            return acc
        }
    }

    /// Horner's rule from the leading coefficient down, or with `reversed` from c₀ up (Σ c_(d−i)·xⁱ); the
    /// first step is c·x by ``EnclosureArithmetic/times(_:)``.
    func hornerEnclosure<I: EnclosureArithmetic>(_ x: I, reversed: Bool = false) -> I {
        func coefficient(_ j: Int) -> BigInt { self[reversed ? j : degree - j] }
        if isZero { return x.integer(BigInt(0)) }
        if degree == 0 { return x.integer(coefficient(0)) }
        var acc = x.times(coefficient(0)).plus(coefficient(1))
        for j in stride(from: 2, through: degree, by: 1) {
            acc = (acc * x).plus(coefficient(j))
        }
        return acc
    }
}
