internal import CMPFR

/// An exact rational number p/q over GMP's `mpq_t`, always in lowest terms with q > 0.
///
/// Value semantics as for ``BigInt``: a struct over a private owning class, copy on write.
public struct Rational: Sendable {
    final class Storage: @unchecked Sendable {
        let q: UnsafeMutablePointer<__mpq_struct>
        init() {
            q = .allocate(capacity: 1)
            mm_mpq_init(q)
        }
        deinit {
            mm_mpq_clear(q)
            q.deallocate()
        }
    }

    var storage: Storage

    init(storage: Storage) { self.storage = storage }

    static func make(_ body: (UnsafeMutablePointer<__mpq_struct>) -> Void) -> Rational {
        let s = Storage()
        body(s.q)
        return Rational(storage: s)
    }

    /// The largest decimal exponent accepted when parsing (|e| in "1e<e>"): 10⁶, so a literal never needs
    /// more than about 3.3 million bits.
    public static let maximumDecimalExponent = 1_000_000

    /// numerator/denominator reduced to lowest terms; traps when the denominator is zero.
    public init(_ numerator: BigInt, _ denominator: BigInt = 1) {
        precondition(!denominator.isZero, "Rational with zero denominator")
        self = Rational.make { mm_mpq_set_num_den($0, numerator.storage.z, denominator.storage.z) }
    }

    public init(_ value: Int) { self.init(BigInt(value)) }

    public init(_ numerator: Int, _ denominator: Int) { self.init(BigInt(numerator), BigInt(denominator)) }

    /// Parses exactly: an integer "-12", a fraction "p/q", or a decimal "1.25", "-.5", "6.02e23", "1E-7".
    /// Decimal exponents beyond ±``maximumDecimalExponent`` are refused.
    public init(parsing text: String) throws {
        if let slash = text.firstIndex(of: "/") {
            let num = try BigInt(parsing: String(text[..<slash]))
            let denText = String(text[text.index(after: slash)...])
            let den = try BigInt(parsing: denText)
            guard !den.isZero else { throw NumberParseError(text: text, reason: "zero denominator") }
            self.init(num, den)
            return
        }
        self = try Rational.parseDecimal(text)
    }

    public init?(_ text: String) {
        guard let v = try? Rational(parsing: text) else { return nil }
        self = v
    }

    private static func parseDecimal(_ text: String) throws -> Rational {
        let bytes = Array(text.utf8)
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawPoint = false
        while i < bytes.count {
            let c = bytes[i]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                digits.append(c)
                if sawPoint { fractionDigits += 1 }
            } else if c == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard !digits.isEmpty else { throw NumberParseError(text: text, reason: "no digits") }
        var exponent = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var sawDigit = false
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                sawDigit = true
                exponent = exponent * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                guard exponent <= maximumDecimalExponent else {
                    throw NumberParseError(text: text, reason: "decimal exponent beyond ±\(maximumDecimalExponent)")
                }
                i += 1
            }
            guard sawDigit else { throw NumberParseError(text: text, reason: "no digits in the exponent") }
            if expNegative { exponent = -exponent }
        }
        guard i == bytes.count else {
            throw NumberParseError(text: text, reason: "unexpected '\(Character(UnicodeScalar(bytes[i])))'")
        }
        let mantissa = try BigInt(parsing: String(decoding: digits, as: UTF8.self))
        let scale = exponent - fractionDigits
        let ten = BigInt(10)
        let value = scale >= 0 ? Rational(mantissa * ten.power(scale)) : Rational(mantissa, ten.power(-scale))
        return negative ? -value : value
    }

    public var numerator: BigInt { BigInt.make { mm_mpz_set($0, mm_mpq_numref(storage.q)) } }
    public var denominator: BigInt { BigInt.make { mm_mpz_set($0, mm_mpq_denref(storage.q)) } }

    public var signum: Int { Int(mm_mpq_sgn(storage.q)) }
    public var isZero: Bool { signum == 0 }
    public var isInteger: Bool { mm_mpz_cmp(mm_mpq_denref(storage.q), BigInt.one.storage.z) == 0 }

    public static let one = Rational(1)
    public static let zero = Rational(0)
    /// True for 1, without allocating.
    public var isOne: Bool { mm_mpq_cmp(storage.q, Rational.one.storage.q) == 0 }
}

extension Rational: CustomStringConvertible, LosslessStringConvertible, ExpressibleByIntegerLiteral {
    /// "p" for integers, "p/q" otherwise; parses back with ``init(parsing:)``.
    public var description: String {
        isInteger ? numerator.description : "\(numerator)/\(denominator)"
    }
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: Comparable, Hashable {
    public static func == (a: Rational, b: Rational) -> Bool { mm_mpq_cmp(a.storage.q, b.storage.q) == 0 }
    public static func < (a: Rational, b: Rational) -> Bool { mm_mpq_cmp(a.storage.q, b.storage.q) < 0 }
    public func hash(into hasher: inout Hasher) {
        for z in [mm_mpq_numref(storage.q), mm_mpq_denref(storage.q)] {
            hasher.combine(mm_mpz_sgn(z))
            let n = mm_mpz_size(z)
            for i in 0..<n { hasher.combine(mm_mpz_getlimbn(z, mp_size_t(i))) }
        }
    }
}

extension Rational {
    public static func + (a: Rational, b: Rational) -> Rational { make { mm_mpq_add($0, a.storage.q, b.storage.q) } }
    public static func - (a: Rational, b: Rational) -> Rational { make { mm_mpq_sub($0, a.storage.q, b.storage.q) } }
    public static func * (a: Rational, b: Rational) -> Rational { make { mm_mpq_mul($0, a.storage.q, b.storage.q) } }
    /// Traps on division by zero.
    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(!b.isZero, "Rational division by zero")
        return make { mm_mpq_div($0, a.storage.q, b.storage.q) }
    }
    public static prefix func - (a: Rational) -> Rational { make { mm_mpq_neg($0, a.storage.q) } }
    /// Runs `body` on this value's own `mpq_t`, copying it first if it is shared.
    mutating func mutate(_ body: (UnsafeMutablePointer<__mpq_struct>) -> Void) {
        if !isKnownUniquelyReferenced(&storage) {
            let s = Storage()
            mm_mpq_set(s.q, storage.q)
            storage = s
        }
        body(storage.q)
    }

    public static func += (a: inout Rational, b: Rational) { let q = b.storage.q; a.mutate { mm_mpq_add($0, $0, q) } }
    public static func -= (a: inout Rational, b: Rational) { let q = b.storage.q; a.mutate { mm_mpq_sub($0, $0, q) } }
    public static func *= (a: inout Rational, b: Rational) {
        if b.isOne { return }
        let q = b.storage.q
        a.mutate { mm_mpq_mul($0, $0, q) }
    }
    public static func /= (a: inout Rational, b: Rational) { a = a / b }

    public var magnitude: Rational { signum < 0 ? -self : self }

    /// 1/self; traps on zero.
    public var reciprocal: Rational { Rational.one / self }

    /// self^e for any integer e (e < 0 needs self ≠ 0).
    public func power(_ e: Int) -> Rational {
        if e < 0 { return reciprocal.power(-e) }
        return Rational(numerator.power(e), denominator.power(e))
    }

    /// The nearest double (ties to even), ±∞ beyond double's range.
    public var doubleValue: Double {
        if let n = numerator.exactInt, denominator == BigInt.one, abs(n) < 1 << 53 { return Double(n) }
        return BigFloat(self, precision: 53).toDouble()
    }

    /// The exact q-th root, when self is the q-th power of a rational (q ≥ 1); negative values only for odd q.
    public func exactRoot(_ q: Int) -> Rational? {
        precondition(q >= 1)
        if q == 1 { return self }
        if signum < 0 && q % 2 == 0 { return nil }
        var exact = true
        let num = BigInt.make { r in exact = mm_mpz_root(r, mm_mpq_numref(storage.q), UInt(q)) != 0 && exact }
        let den = BigInt.make { r in exact = mm_mpz_root(r, mm_mpq_denref(storage.q), UInt(q)) != 0 && exact }
        return exact ? Rational(num, den) : nil
    }

    /// Bits in the numerator plus bits in the denominator: a measure of size.
    public var bitSize: Int {
        Int(mm_mpz_sizeinbase(mm_mpq_numref(storage.q), 2)) + Int(mm_mpz_sizeinbase(mm_mpq_denref(storage.q), 2))
    }

    /// ⌊self⌋.
    public var floor: BigInt { numerator.flooredQuotientAndRemainder(dividingBy: denominator).quotient }
}
