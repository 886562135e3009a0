internal import CMPFR

/// An arbitrary-precision integer over GMP's `mpz_t`.
///
/// Value semantics: a struct over a private owning class; mutation copies the `mpz_t` only when it is
/// shared (copy on write). The `mpz_t` is freed when the last copy goes away. Values are immutable once
/// shared, so they may be read from several threads at once.
public struct BigInt: Sendable {
    final class Storage: @unchecked Sendable {
        let z: UnsafeMutablePointer<__mpz_struct>
        init() {
            z = .allocate(capacity: 1)
            mm_mpz_init(z)
        }
        deinit {
            mm_mpz_clear(z)
            z.deallocate()
        }
    }

    var storage: Storage

    init(storage: Storage) { self.storage = storage }

    /// A new value whose `mpz_t` is filled in by `body`.
    static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> BigInt {
        let s = Storage()
        body(s.z)
        return BigInt(storage: s)
    }

    /// Runs `body` on this value's own `mpz_t`, copying it first if it is shared.
    mutating func mutate(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) {
        if !isKnownUniquelyReferenced(&storage) {
            let s = Storage()
            mm_mpz_set(s.z, storage.z)
            storage = s
        }
        body(storage.z)
    }

    public init(_ value: Int) {
        self = BigInt.make { mm_mpz_set_si($0, value) }
    }

    /// Parses an integer: optional sign, then digits of `radix` (2...36); no spaces, no separators.
    public init(parsing text: String, radix: Int = 10) throws {
        precondition((2...36).contains(radix), "radix must be in 2...36")
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty else { throw NumberParseError(text: text, reason: "no digits") }
        for ch in body {
            guard let d = ch.hexDigitValue ?? Self.letterDigit(ch), d < radix else {
                throw NumberParseError(text: text, reason: "'\(ch)' is not a base-\(radix) digit")
            }
        }
        let digits = String(body)
        var ok: Int32 = 0
        let value = BigInt.make { z in ok = mm_mpz_set_str(z, digits, Int32(radix)) }
        guard ok == 0 else { throw NumberParseError(text: text, reason: "not an integer") }
        self = negative ? -value : value
    }

    private static func letterDigit(_ ch: Character) -> Int? {
        guard let a = ch.asciiValue else { return nil }
        switch a {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(a - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(a - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    public init?(_ text: String, radix: Int) {
        guard let v = try? BigInt(parsing: text, radix: radix) else { return nil }
        self = v
    }

    public init?(_ description: String) { self.init(description, radix: 10) }

    /// −1, 0 or 1.
    public var signum: Int { Int(mm_mpz_sgn(storage.z)) }
    public var isZero: Bool { signum == 0 }

    static let one = BigInt(1)

    /// |self|.
    public var magnitude: BigInt { BigInt.make { mm_mpz_abs($0, storage.z) } }

    /// The value as an `Int` when it fits.
    public var exactInt: Int? {
        mm_mpz_fits_slong_p(storage.z) != 0 ? mm_mpz_get_si(storage.z) : nil
    }

    /// Number of digits in `radix`, exact for powers of two, possibly one too big otherwise (mpz_sizeinbase).
    public func digitCountEstimate(radix: Int = 10) -> Int { Int(mm_mpz_sizeinbase(storage.z, Int32(radix))) }

    public func toString(radix: Int = 10) -> String {
        let p = mm_mpz_get_str(storage.z, Int32(radix))!
        defer { mm_gmp_free_str(p) }
        return String(cString: p)
    }
}

extension BigInt: CustomStringConvertible, LosslessStringConvertible, ExpressibleByIntegerLiteral {
    public var description: String { toString() }
    public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInt: Comparable, Hashable {
    public static func == (a: BigInt, b: BigInt) -> Bool { mm_mpz_cmp(a.storage.z, b.storage.z) == 0 }
    public static func < (a: BigInt, b: BigInt) -> Bool { mm_mpz_cmp(a.storage.z, b.storage.z) < 0 }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(signum)
        let n = mm_mpz_size(storage.z)
        for i in 0..<n { hasher.combine(mm_mpz_getlimbn(storage.z, mp_size_t(i))) }
    }
}

extension BigInt {
    public static func + (a: BigInt, b: BigInt) -> BigInt { make { mm_mpz_add($0, a.storage.z, b.storage.z) } }
    public static func - (a: BigInt, b: BigInt) -> BigInt { make { mm_mpz_sub($0, a.storage.z, b.storage.z) } }
    public static func * (a: BigInt, b: BigInt) -> BigInt { make { mm_mpz_mul($0, a.storage.z, b.storage.z) } }
    public static prefix func - (a: BigInt) -> BigInt { make { mm_mpz_neg($0, a.storage.z) } }

    public static func += (a: inout BigInt, b: BigInt) { let bz = b.storage.z; a.mutate { mm_mpz_add($0, $0, bz) } }
    public static func -= (a: inout BigInt, b: BigInt) { let bz = b.storage.z; a.mutate { mm_mpz_sub($0, $0, bz) } }
    public static func *= (a: inout BigInt, b: BigInt) { let bz = b.storage.z; a.mutate { mm_mpz_mul($0, $0, bz) } }

    /// Truncating division, like `Int`: the quotient rounds toward zero and the remainder has the sign
    /// of the dividend. Traps on division by zero.
    public func quotientAndRemainder(dividingBy d: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!d.isZero, "BigInt division by zero")
        let r = Storage()
        let q = BigInt.make { mm_mpz_tdiv_qr($0, r.z, storage.z, d.storage.z) }
        return (q, BigInt(storage: r))
    }

    /// Floor division: q = ⌊a/d⌋ and r = a − q·d, with r of the sign of d.
    public func flooredQuotientAndRemainder(dividingBy d: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!d.isZero, "BigInt division by zero")
        let r = Storage()
        let q = BigInt.make { mm_mpz_fdiv_qr($0, r.z, storage.z, d.storage.z) }
        return (q, BigInt(storage: r))
    }

    public static func / (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).quotient }
    public static func % (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).remainder }

    /// The non-negative greatest common divisor; gcd(0, 0) = 0.
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt { make { mm_mpz_gcd($0, a.storage.z, b.storage.z) } }
    /// The non-negative least common multiple; lcm(a, 0) = 0.
    public static func lcm(_ a: BigInt, _ b: BigInt) -> BigInt { make { mm_mpz_lcm($0, a.storage.z, b.storage.z) } }

    /// self^e for e ≥ 0 (mpz_pow_ui).
    public func power(_ e: Int) -> BigInt {
        precondition(e >= 0, "negative exponent for an integer power")
        return BigInt.make { mm_mpz_pow_ui($0, storage.z, UInt(e)) }
    }

    /// self · 2^k for k ≥ 0.
    public func shiftedLeft(_ k: Int) -> BigInt {
        precondition(k >= 0)
        return BigInt.make { mm_mpz_mul_2exp($0, storage.z, mp_bitcnt_t(k)) }
    }
}

extension BigInt {
    /// self mod m in [0, m), for m > 0.
    public func residue(modulo m: UInt64) -> UInt64 {
        precondition(m > 0, "modulus must be positive")
        return UInt64(mm_mpz_fdiv_ui(storage.z, UInt(m)))
    }

    /// The nearest double, truncated toward zero (mpz_get_d); ±∞ beyond the double range.
    public var doubleValue: Double {
        let d = mm_mpz_get_d(storage.z)
        return d.isFinite && digitCountEstimate(radix: 2) <= 1024 ? d : Double(signum) * .infinity
    }
}
