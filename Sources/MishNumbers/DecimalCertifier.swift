/// A value printed to a number of significant digits, with what is known about those digits.
public struct CertifiedDecimal: Sendable {
    /// The printed value ("-0.3088434130", "inf"); every digit is correct when `isCertified`.
    public let text: String
    public let significantDigits: Int
    /// True when the exact value is proven to round to `text`: both ends of an enclosure of the exact
    /// value round to it (rounding to nearest is monotone, so everything between them does too).
    public let isCertified: Bool
    /// Why the digits are not certified, when they are not.
    public let caveat: String?
    /// The enclosure of the exact value that decided the digits.
    public let enclosure: BigInterval
    /// The working precision, in bits, of the evaluation that decided.
    public let workingPrecision: Int

    public init(text: String, significantDigits: Int, isCertified: Bool, caveat: String?, enclosure: BigInterval,
                workingPrecision: Int) {
        self.text = text
        self.significantDigits = significantDigits
        self.isCertified = isCertified
        self.caveat = caveat
        self.enclosure = enclosure
        self.workingPrecision = workingPrecision
    }
}

/// Why no value could be printed at all.
public enum CertificationError: Error, CustomStringConvertible, Equatable {
    /// The enclosure is undefined at every precision tried: an argument leaves a function's domain.
    case undefined
    /// The enclosure stays unbounded: the value overflows MPFR's exponent range or a divisor cannot be
    /// shown to be non-zero.
    case unbounded(overflow: Bool)

    public var description: String {
        switch self {
        case .undefined:
            return "the value is undefined: an argument leaves the domain of a function (log or sqrt of a "
                + "negative number, log1p below -1, division by zero), or lies exactly on the boundary where "
                + "interval arithmetic cannot decide"
        case .unbounded(let overflow):
            return overflow
                ? "the value overflows the exponent range of MPFR (|value| beyond about 10^323228496)"
                : "the value cannot be bounded: a divisor is not certified to be non-zero"
        }
    }
}

/// Prints a value given as enclosures with exactly D correct significant digits.
///
/// Method: evaluate an enclosure [lo, hi] of the exact value at working precision p, starting from
/// p = ⌈D·log₂10⌉ + 33 bits; if lo and hi rounded to D significant digits are the same string, that string
/// is the correctly rounded value (certified). Otherwise double p and evaluate again, up to 4× the
/// starting precision. An exact value on a rounding boundary (or exactly 0 reached through inexact
/// steps) never decides; it is then printed from the midpoint of the last enclosure, marked uncertified.
public enum DecimalCertifier {
    /// The largest number of significant digits accepted: 10⁶ (working values of about 3.3 million bits,
    /// 0.4 MB each; the evaluation holds a few per node of the expression).
    public static let maximumDigits = 1_000_000

    public static func startingPrecision(digits: Int) -> Int { BigFloat.precision(forDecimalDigits: digits) + 32 }

    public static func certify(significantDigits digits: Int,
                               evaluate: (Int) throws -> BigInterval) throws -> CertifiedDecimal {
        precondition((1...maximumDigits).contains(digits), "significant digits outside 1...\(maximumDigits)")
        let start = startingPrecision(digits: digits)
        let limit = 4 * start
        var p = start
        while true {
            let (enclosure, overflow, _) = try FloatingPointFlags.watching { try evaluate(p) }
            if let decided = decide(enclosure, digits: digits, precision: p) { return decided }
            if p >= limit {
                return try undecided(enclosure, digits: digits, precision: p, overflow: overflow)
            }
            p = Swift.min(2 * p, limit)
        }
    }

    /// The decimal both ends of `e` round to at `digits` significant digits, or nil when they differ.
    public static func decide(_ e: BigInterval, digits: Int, precision: Int) -> CertifiedDecimal? {
        if e.isUndefined { return nil }
        if e.isPoint, e.lower.isInfinite {
            return CertifiedDecimal(text: e.lower.hasSignBit ? "-inf" : "inf", significantDigits: digits,
                                    isCertified: true, caveat: nil, enclosure: e, workingPrecision: precision)
        }
        guard e.isBounded else { return nil }
        if let d = decidedFromMidpoint(e, digits: digits) {
            return CertifiedDecimal(text: d.text, significantDigits: digits, isCertified: true, caveat: nil,
                                    enclosure: e, workingPrecision: precision)
        }
        guard let lo = e.lower.decimalDigits(digits), let hi = e.upper.decimalDigits(digits),
              lo == hi || (lo.isZero && hi.isZero) else { return nil }
        let text = e.lower.isZero && e.upper.isZero ? "0" : lo.text
        return CertifiedDecimal(text: text, significantDigits: digits, isCertified: true, caveat: nil,
                                enclosure: e, workingPrecision: precision)
    }

    /// The D digits shared by every point of a narrow interval of one sign, from one conversion of its
    /// midpoint to D + 4 digits (rounded to nearest: within half a unit u of the last of them) instead of one
    /// conversion per end. With the width below u/10, every point is within 0.6u of those digits, so when the
    /// four extra digits T are not 5000 no point lies across a rounding boundary of the D-th digit (at T =
    /// 5000); the D digits are then the D + 4 rounded to nearest. nil when that does not decide them.
    static func decidedFromMidpoint(_ e: BigInterval, digits: Int) -> DecimalDigits? {
        guard e.lower.signum == e.upper.signum, e.lower.signum != 0 else { return nil }
        let m = e.midpoint
        guard let extended = m.decimalDigits(digits + 4), extended.digits.utf8.count == digits + 4 else { return nil }
        let width = e.upper.subtracting(e.lower, precision: 64, rounding: .up).value
        if let w = width.binaryExponent {
            // width < 2^w ≤ 10^(E − D − 5) = u/10, with a margin of one decimal place.
            guard Double(w) * 0.30102999566398120 + 1 <= Double(extended.exponent - digits - 5) else { return nil }
        }
        var d = Array(extended.digits.utf8)
        let tail = Int(String(decoding: d[digits...], as: UTF8.self))!
        if tail == 5000 { return nil }
        d.removeLast(4)
        var exponent = extended.exponent
        if tail > 5000 {
            var i = digits - 1
            while i >= 0 && d[i] == UInt8(ascii: "9") { d[i] = UInt8(ascii: "0"); i -= 1 }
            if i >= 0 {
                d[i] += 1
            } else {
                d = [UInt8(ascii: "1")] + d.dropLast()
                exponent += 1
            }
        }
        return DecimalDigits(isNegative: extended.isNegative, digits: String(decoding: d, as: UTF8.self), exponent: exponent)
    }

    /// The best decimal from an enclosure that does not decide the digits, labelled uncertified with the reason.
    public static func undecided(_ e: BigInterval, digits: Int, precision: Int, overflow: Bool) throws -> CertifiedDecimal {
        if e.isUndefined { throw CertificationError.undefined }
        guard e.isBounded else { throw CertificationError.unbounded(overflow: overflow) }
        let bound = BigFloat.max(e.lower.magnitude, e.upper.magnitude).decimalString(significantDigits: 3, rounding: .up)
        if e.containsZero {
            return CertifiedDecimal(
                text: "0", significantDigits: digits, isCertified: false,
                caveat: "|value| <= \(bound); the value may be exactly 0, which enclosures cannot prove",
                enclosure: e, workingPrecision: precision)
        }
        let lo = e.lower.decimalString(significantDigits: digits + 3, rounding: .down)
        let hi = e.upper.decimalString(significantDigits: digits + 3, rounding: .up)
        return CertifiedDecimal(
            text: e.midpoint.decimalString(significantDigits: digits), significantDigits: digits, isCertified: false,
            caveat: "the value lies in [\(lo), \(hi)], on a rounding boundary of the last digit; "
                + "the last digit is not certified",
            enclosure: e, workingPrecision: precision)
    }
}
