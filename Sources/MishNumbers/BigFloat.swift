internal import CMPFR
import Foundation

/// A binary floating-point number of arbitrary, explicit precision over MPFR's `mpfr_t`.
///
/// Every operation that can round takes the precision of its result (default: the largest precision of
/// its operands) and a ``RoundingMode`` (default: to nearest). MPFR rounds each operation correctly, so a
/// result is the exact value rounded once; the variants returning ``RoundedBigFloat`` also report MPFR's
/// ternary value (whether, and in which direction, the result was rounded).
///
/// Value semantics: a struct over a private owning class (the `mpfr_t` is freed with the last copy).
/// Values are never mutated once shared, so they may be read from several threads at once; MPFR keeps
/// its flags and constant caches per thread.
public struct BigFloat: Sendable {
    final class Storage: @unchecked Sendable {
        let x: UnsafeMutablePointer<__mpfr_struct>
        init(precision: Int) {
            x = .allocate(capacity: 1)
            mpfr_init2(x, mpfr_prec_t(precision))
        }
        deinit {
            mpfr_clear(x)
            x.deallocate()
        }
    }

    let storage: Storage
    var x: UnsafeMutablePointer<__mpfr_struct> { storage.x }

    init(storage: Storage) { self.storage = storage }

    /// The smallest and largest precisions (in bits) this type accepts.
    public static let precisionRange = 2...(1 << 34)

    /// Bits needed so that `digits` significant decimal digits are representable: ⌈digits·log₂10⌉ + 1.
    public static func precision(forDecimalDigits digits: Int) -> Int {
        precondition(digits >= 1, "at least one decimal digit")
        return Int((Double(digits) * 3.321928094887362).rounded(.up)) + 1
    }

    /// Decimal digits that a `precision`-bit number carries: ⌊(precision − 1)·log₁₀2⌋.
    public static func decimalDigits(forPrecision precision: Int) -> Int {
        Swift.max(1, Int((Double(precision - 1) * 0.30102999566398120).rounded(.down)))
    }

    static func checked(_ precision: Int) -> Int {
        precondition(precisionRange.contains(precision), "BigFloat precision \(precision) outside \(precisionRange)")
        return precision
    }

    /// A new value of the given precision, filled in by `body`, which returns MPFR's ternary value.
    static func make(precision: Int,
                     _ body: (UnsafeMutablePointer<__mpfr_struct>) -> Int32) -> RoundedBigFloat {
        let s = Storage(precision: checked(precision))
        let t = body(s.x)
        return RoundedBigFloat(value: BigFloat(storage: s), ternary: Int(t.signum()))
    }

    /// +0 at the given precision.
    public init(precision: Int = 53) {
        self = BigFloat.make(precision: precision) { mpfr_set_zero($0, 1); return 0 }.value
    }

    /// The integer `value`, rounded to `precision` bits (exact when precision ≥ 64).
    public init(_ value: Int, precision: Int = 64, rounding: RoundingMode = .nearest) {
        self = BigFloat.make(precision: precision) { mpfr_set_si($0, value, rounding.mpfr) }.value
    }

    /// The double `value`, rounded to `precision` bits (exact when precision ≥ 53); keeps ±0, ±∞, NaN.
    public init(_ value: Double, precision: Int = 53, rounding: RoundingMode = .nearest) {
        self = BigFloat.make(precision: precision) { mpfr_set_d($0, value, rounding.mpfr) }.value
    }

    /// The integer `value` rounded to `precision` bits.
    public init(_ value: BigInt, precision: Int, rounding: RoundingMode = .nearest) {
        self = BigFloat.make(precision: precision) { mpfr_set_z($0, value.storage.z, rounding.mpfr) }.value
    }

    /// The rational `value` rounded once to `precision` bits.
    public init(_ value: Rational, precision: Int, rounding: RoundingMode = .nearest) {
        self = BigFloat.rounded(value, precision: precision, rounding: rounding).value
    }

    /// `value` rounded once to `precision` bits (mpfr_set).
    public init(_ value: BigFloat, precision: Int, rounding: RoundingMode = .nearest) {
        self = BigFloat.make(precision: precision) { mm_mpfr_set($0, value.x, rounding.mpfr) }.value
    }

    /// Parses a decimal number ("-1.1924", "6.02e23", ".5") or "inf", "-inf", "nan", rounding once to
    /// `precision` bits (mpfr_strtofr). Exponents of any size are accepted; the value may round to ±∞ or ±0.
    public init(parsing text: String, precision: Int, rounding: RoundingMode = .nearest) throws {
        guard DecimalSyntax.isDecimal(text) || DecimalSyntax.special(text) != nil else {
            throw NumberParseError(text: text, reason: "expected a decimal number such as -1.25e-3, or inf or nan")
        }
        if let special = DecimalSyntax.special(text) {
            self = special == 0 ? .nan(precision: precision) : .infinity(sign: special, precision: precision)
            return
        }
        self = BigFloat.make(precision: precision) { x in
            text.withCString { mpfr_strtofr(x, $0, nil, 10, rounding.mpfr) }
        }.value
    }

    public init?(_ text: String, precision: Int, rounding: RoundingMode = .nearest) {
        guard let v = try? BigFloat(parsing: text, precision: precision, rounding: rounding) else { return nil }
        self = v
    }

    /// `value` rounded to `precision` bits, with the ternary value.
    public static func rounded(_ value: Rational, precision: Int, rounding: RoundingMode = .nearest) -> RoundedBigFloat {
        make(precision: precision) { mm_mpfr_set_q($0, value.storage.q, rounding.mpfr) }
    }

    public static func nan(precision: Int = 53) -> BigFloat {
        make(precision: precision) { mpfr_set_nan($0); return 0 }.value
    }

    /// +∞ when sign ≥ 0, −∞ otherwise.
    public static func infinity(sign: Int = 1, precision: Int = 53) -> BigFloat {
        make(precision: precision) { mpfr_set_inf($0, sign >= 0 ? 1 : -1); return 0 }.value
    }

    /// ±0 with the sign of `sign` (−0 when sign < 0).
    public static func zero(sign: Int = 1, precision: Int = 53) -> BigFloat {
        make(precision: precision) { mpfr_set_zero($0, sign >= 0 ? 1 : -1); return 0 }.value
    }

    /// π rounded to `precision` bits (mpfr_const_pi).
    public static func pi(precision: Int, rounding: RoundingMode = .nearest) -> BigFloat {
        make(precision: precision) { mpfr_const_pi($0, rounding.mpfr) }.value
    }

    /// ln 2 rounded to `precision` bits (mpfr_const_log2).
    public static func ln2(precision: Int, rounding: RoundingMode = .nearest) -> BigFloat {
        make(precision: precision) { mpfr_const_log2($0, rounding.mpfr) }.value
    }

    /// e = exp(1) rounded to `precision` bits (mpfr_exp of the exact 1).
    public static func e(precision: Int, rounding: RoundingMode = .nearest) -> BigFloat {
        BigFloat(1, precision: 2).exp(precision: precision, rounding: rounding)
    }

    public var precision: Int { Int(mm_mpfr_get_prec(x)) }
    public var isNaN: Bool { mm_mpfr_nan_p(x) != 0 }
    public var isInfinite: Bool { mm_mpfr_inf_p(x) != 0 }
    public var isZero: Bool { mm_mpfr_zero_p(x) != 0 }
    public var isFinite: Bool { !isNaN && !isInfinite }
    /// True for −0, negative numbers and −∞ (the sign bit).
    public var hasSignBit: Bool { mm_mpfr_signbit(x) != 0 }
    /// −1, 0 or 1 (0 for ±0 and NaN).
    public var signum: Int { isNaN ? 0 : Int(mm_mpfr_sgn(x)) }

    /// The exponent e with self = m·2^e, ½ ≤ |m| < 1, for finite non-zero values (mpfr_get_exp).
    public var binaryExponent: Int? { isFinite && !isZero ? Int(mm_mpfr_get_exp(x)) : nil }

    /// One unit in the last place at this precision: 2^(e − precision); nil for 0, ∞ and NaN.
    public var ulp: BigFloat? {
        guard let e = binaryExponent else { return nil }
        return BigFloat.make(precision: 2) { mpfr_set_si_2exp($0, 1, e - precision, MPFR_RNDN) }.value
    }

    /// The next representable number toward +∞ at this precision (mpfr_nextabove).
    public var nextUp: BigFloat {
        BigFloat.make(precision: precision) { mm_mpfr_set($0, x, MPFR_RNDN); mpfr_nextabove($0); return 0 }.value
    }

    /// The next representable number toward −∞ at this precision (mpfr_nextbelow).
    public var nextDown: BigFloat {
        BigFloat.make(precision: precision) { mm_mpfr_set($0, x, MPFR_RNDN); mpfr_nextbelow($0); return 0 }.value
    }

    /// The value rounded to a double (mpfr_get_d).
    public func toDouble(rounding: RoundingMode = .nearest) -> Double { mpfr_get_d(x, rounding.mpfr) }

    /// The exact value as a rational, for finite values.
    public var exactRational: Rational? {
        guard isFinite else { return nil }
        if isZero { return Rational(0) }
        var e = 0
        let m = BigInt.make { e = Int(mm_mpfr_get_z_2exp($0, x)) }
        return e >= 0 ? Rational(m.shiftedLeft(e)) : Rational(m, BigInt(1).shiftedLeft(-e))
    }

    /// The same value rounded to another precision.
    public func rounded(toPrecision p: Int, rounding: RoundingMode = .nearest) -> BigFloat {
        BigFloat(self, precision: p, rounding: rounding)
    }
}

/// A result of an MPFR operation together with its ternary value: negative when `value` is below the
/// exact result, positive when above, zero when exact.
public struct RoundedBigFloat: Sendable {
    public let value: BigFloat
    public let ternary: Int
    public var isExact: Bool { ternary == 0 }
}

extension BigFloat: Equatable, Comparable {
    /// Numerical equality; NaN equals nothing, and +0 == −0 (mpfr_equal_p).
    public static func == (a: BigFloat, b: BigFloat) -> Bool { mpfr_equal_p(a.x, b.x) != 0 }
    public static func < (a: BigFloat, b: BigFloat) -> Bool { mpfr_less_p(a.x, b.x) != 0 }
    public static func <= (a: BigFloat, b: BigFloat) -> Bool { mpfr_lessequal_p(a.x, b.x) != 0 }
    public static func > (a: BigFloat, b: BigFloat) -> Bool { mpfr_greater_p(a.x, b.x) != 0 }
    public static func >= (a: BigFloat, b: BigFloat) -> Bool { mpfr_greaterequal_p(a.x, b.x) != 0 }

    /// True when both are NaN or both have the same value and sign bit (so −0 ≠ +0).
    public func isIdentical(to other: BigFloat) -> Bool {
        if isNaN || other.isNaN { return isNaN && other.isNaN }
        return self == other && hasSignBit == other.hasSignBit
    }
}

/// The decimal syntax shared by the number parsers: [+-] digits [. digits] [e [+-] digits], with at least
/// one digit in the mantissa.
enum DecimalSyntax {
    static func isDecimal(_ text: String) -> Bool {
        let b = Array(text.utf8)
        var i = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        var mantissaDigits = 0
        while i < b.count, isDigit(b[i]) { i += 1; mantissaDigits += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            var exponentDigits = 0
            while i < b.count, isDigit(b[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return false }
        }
        return i == b.count
    }

    /// +1 for "inf"/"+inf"/"infinity", −1 for "-inf"/"-infinity", 0 for "nan"; nil otherwise.
    static func special(_ text: String) -> Int? {
        switch text.lowercased() {
        case "inf", "+inf", "infinity", "+infinity": return 1
        case "-inf", "-infinity": return -1
        case "nan", "+nan", "-nan": return 0
        default: return nil
        }
    }
}
