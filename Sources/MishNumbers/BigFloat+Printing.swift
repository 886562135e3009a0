internal import CMPFR

/// A number rounded to a fixed count of significant decimal digits: ±0.d₁d₂…d_n × 10^exponent.
public struct DecimalDigits: Equatable, Sendable {
    public let isNegative: Bool
    /// The significant digits, d₁ ≠ 0 unless the value is zero.
    public let digits: String
    /// The exponent of the form 0.d₁d₂… × 10^exponent.
    public let exponent: Int

    /// Positional notation when the decimal point falls within or just before the digits
    /// ("-0.3088434130", "3.141592653"), scientific otherwise ("2.688117142e+43", "1.5e-9").
    /// Every printed digit is significant; the text parses back with ``BigFloat/init(parsing:precision:rounding:)``.
    public var text: String {
        let sign = isNegative ? "-" : ""
        if isZero { return sign + "0" }
        let d = Array(digits.utf8)
        let n = d.count
        let e = exponent - 1
        func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        if e >= 0 && e < n && e < 40 {
            let frac = d[(e + 1)...]
            return sign + string(d[0...e]) + (frac.isEmpty ? "" : "." + string(frac))
        }
        if e < 0 && e >= -6 {
            return sign + "0." + String(repeating: "0", count: -e - 1) + digits
        }
        let mantissa = n == 1 ? string(d[0...0]) : string(d[0...0]) + "." + string(d[1...])
        return sign + mantissa + "e" + (e >= 0 ? "+" : "-") + String(abs(e))
    }

    /// True when every digit is 0.
    public var isZero: Bool { digits.utf8.allSatisfy { $0 == UInt8(ascii: "0") } }
}

extension BigFloat {
    /// The value rounded to `count` significant decimal digits in the given direction (mpfr_get_str); nil
    /// for NaN and ±∞.
    public func decimalDigits(_ count: Int, rounding: RoundingMode = .nearest) -> DecimalDigits? {
        precondition(count >= 1, "at least one significant digit")
        guard isFinite else { return nil }
        var e: mpfr_exp_t = 0
        guard let p = mpfr_get_str(nil, &e, 10, count, x, rounding.mpfr) else { return nil }
        defer { mpfr_free_str(p) }
        var s = String(cString: p)
        let negative = s.hasPrefix("-")
        if negative { s.removeFirst() }
        return DecimalDigits(isNegative: negative || (isZero && hasSignBit), digits: s, exponent: isZero ? 1 : Int(e))
    }

    /// Exactly `significantDigits` correctly rounded significant digits; "nan", "inf", "-inf" for the
    /// special values.
    public func decimalString(significantDigits: Int, rounding: RoundingMode = .nearest) -> String {
        if isNaN { return "nan" }
        if isInfinite { return hasSignBit ? "-inf" : "inf" }
        return decimalDigits(significantDigits, rounding: rounding)!.text
    }
}

extension BigFloat: CustomStringConvertible {
    /// Enough significant digits (⌈precision·log₁₀2⌉ + 1) that the text parses back to the same value.
    public var description: String {
        decimalString(significantDigits: Int((Double(precision) * 0.30102999566398120).rounded(.up)) + 1)
    }
}
