/// A complex number re + i·im with BigFloat parts.
///
/// Each operation rounds each part to nearest at the working precision (default: the larger of the
/// operands'). Addition and subtraction are correctly rounded per part; ×, ÷, exp and log are accurate to a
/// few ulps of that precision (each is a short formula of correctly rounded steps; ÷ scales by |w|²).
public struct BigComplex: Sendable, Equatable {
    public let re: BigFloat
    public let im: BigFloat

    public init(_ re: BigFloat, _ im: BigFloat) {
        self.re = re
        self.im = im
    }

    public init(re: BigFloat, im: BigFloat) { self.init(re, im) }

    /// The real number x.
    public init(_ x: BigFloat) { self.init(x, BigFloat(precision: x.precision)) }

    public var precision: Int { Swift.max(re.precision, im.precision) }

    /// The complex conjugate re − i·im.
    public var conjugate: BigComplex { BigComplex(re, -im) }

    public static func + (a: BigComplex, b: BigComplex) -> BigComplex { BigComplex(a.re + b.re, a.im + b.im) }
    public static func - (a: BigComplex, b: BigComplex) -> BigComplex { BigComplex(a.re - b.re, a.im - b.im) }
    public static prefix func - (a: BigComplex) -> BigComplex { BigComplex(-a.re, -a.im) }

    /// (a + bi)(c + di) = (ac − bd) + (ad + bc)i, each part with one rounding of an exact product (fma).
    public static func * (a: BigComplex, b: BigComplex) -> BigComplex {
        let w = Swift.max(a.precision, b.precision)
        let bd = a.im.multiplied(by: b.im, precision: 2 * w + 2).value
        let bc = a.im.multiplied(by: b.re, precision: 2 * w + 2).value
        let re = BigFloat.fma(a.re, b.re, -bd, precision: w).value
        let im = BigFloat.fma(a.re, b.im, bc, precision: w).value
        return BigComplex(re, im)
    }

    /// a/b = a·conj(b)/|b|², computed with 32 guard bits.
    public static func / (a: BigComplex, b: BigComplex) -> BigComplex {
        let w = Swift.max(a.precision, b.precision)
        let g = w + 32
        let ag = BigComplex(a.re.rounded(toPrecision: g), a.im.rounded(toPrecision: g))
        let bg = BigComplex(b.re.rounded(toPrecision: g), b.im.rounded(toPrecision: g))
        let n = ag * bg.conjugate
        let d = bg.re * bg.re + bg.im * bg.im
        return BigComplex(n.re.divided(by: d, precision: w).value, n.im.divided(by: d, precision: w).value)
    }

    /// |z| = √(re² + im²), correctly rounded (mpfr_hypot).
    public var magnitude: BigFloat { re.hypot(im, precision: precision) }

    /// arg z ∈ (−π, π], correctly rounded (mpfr_atan2).
    public var argument: BigFloat { im.atan2(x: re, precision: precision) }

    /// e^z = e^re·(cos im + i sin im).
    public func exp() -> BigComplex {
        let g = precision + 16
        let r = re.exp(precision: g)
        let (s, c) = im.sinCos(precision: g)
        return BigComplex((r * c).rounded(toPrecision: precision), (r * s).rounded(toPrecision: precision))
    }

    /// The principal logarithm ln|z| + i·arg z, arg ∈ (−π, π].
    public func log() -> BigComplex {
        let g = precision + 16
        let m = re.rounded(toPrecision: g).hypot(im.rounded(toPrecision: g))
        return BigComplex(m.log(precision: precision), argument)
    }
}

extension BigComplex: CustomStringConvertible {
    public var description: String {
        let imText = im.hasSignBit ? "- \((-im).description)" : "+ \(im.description)"
        return "\(re.description) \(imText)i"
    }
}
