import Foundation

/// Arithmetic in Z/pZ for an odd prime p < 2⁶², elements kept in Montgomery form a·2⁶⁴ mod p.
///
/// `multiply` is one Montgomery reduction (three word products); sums stay below 2p < 2⁶³ before the
/// conditional subtraction, so no intermediate overflows.
public struct PrimeField: Sendable {
    public let p: UInt64
    /// −p⁻¹ mod 2⁶⁴.
    let negativeInverse: UInt64
    /// 2¹²⁸ mod p, to enter Montgomery form.
    let r2: UInt64
    /// 1 in Montgomery form (2⁶⁴ mod p).
    public let one: UInt64

    public init(prime p: UInt64) {
        precondition(p & 1 == 1 && p < 1 << 62, "the modulus must be an odd prime below 2^62")
        self.p = p
        var inv: UInt64 = 1
        for _ in 0..<6 { inv = inv &* (2 &- p &* inv) }
        negativeInverse = 0 &- inv
        let r = (UInt64.max % p) &+ 1
        one = r % p
        r2 = p.dividingFullWidth(one.multipliedFullWidth(by: one)).remainder
    }

    /// a·b·2⁻⁶⁴ mod p in [0, p) for a, b < 2p (then a·b + m·p < 2⁶⁴·2p).
    @inline(__always)
    public func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let t = a.multipliedFullWidth(by: b)
        let m = t.low &* negativeInverse
        let mp = m.multipliedFullWidth(by: p).high
        let r = t.high &+ mp &+ (t.low == 0 ? 0 : 1)
        return r >= p ? r &- p : r
    }

    @inline(__always)
    public func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let s = a &+ b
        return s >= p ? s &- p : s
    }

    @inline(__always)
    public func subtract(_ a: UInt64, _ b: UInt64) -> UInt64 {
        a >= b ? a &- b : a &+ p &- b
    }

    /// The Montgomery form of x mod p.
    public func element(_ x: UInt64) -> UInt64 { multiply(x % p, r2) }

    /// The Montgomery form of x mod p for a signed x.
    public func element(_ x: Int) -> UInt64 {
        let r = element(UInt64(x.magnitude))
        return x < 0 ? subtract(0, r) : r
    }

    /// The ordinary residue in [0, p) of a Montgomery-form element.
    public func value(_ a: UInt64) -> UInt64 { multiply(a, 1) }

    public func power(_ a: UInt64, _ e: UInt64) -> UInt64 {
        var result = one, base = a, e = e
        while e > 0 {
            if e & 1 == 1 { result = multiply(result, base) }
            base = multiply(base, base)
            e >>= 1
        }
        return result
    }

    /// a⁻¹ by Fermat; a must be non-zero.
    public func inverse(_ a: UInt64) -> UInt64 {
        precondition(a != 0, "zero has no inverse")
        return power(a, p - 2)
    }
}

/// Primes p = c·2²⁰ + 1 < 2⁶², the moduli of the number-theoretic transforms (lengths up to 2²⁰).
public enum TransformPrimes {
    /// The transform length the primes support.
    public static let maximumLogLength = 20

    nonisolated(unsafe) private static var found: [UInt64] = []
    private static let lock = NSLock()

    /// The first `count` such primes, from the top down (each slightly below 2⁶²).
    public static func first(_ count: Int) -> [UInt64] {
        lock.lock()
        defer { lock.unlock() }
        var c = found.last.map { ($0 - 1) >> UInt64(maximumLogLength) } ?? ((1 << 62) >> UInt64(maximumLogLength))
        while found.count < count {
            c -= 1
            let candidate = c << UInt64(maximumLogLength) + 1
            if isPrime(candidate) { found.append(candidate) }
        }
        return Array(found.prefix(count))
    }

    static let smallPrimes: [UInt64] = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97]

    /// Deterministic Miller–Rabin for n < 2⁶⁴ (the first twelve prime bases suffice); products in the
    /// Montgomery field below 2⁶², by 128-bit division above.
    public static func isPrime(_ n: UInt64) -> Bool {
        if n < 2 { return false }
        for q in [2] + smallPrimes where n % q == 0 { return n == q }
        let field = n < 1 << 62 ? PrimeField(prime: n) : nil
        func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
            field?.multiply(a, b) ?? n.dividingFullWidth(a.multipliedFullWidth(by: b)).remainder
        }
        let one = field?.one ?? 1
        let minusOne = field.map { $0.subtract(0, $0.one) } ?? n - 1
        var d = n - 1, s = 0
        while d & 1 == 0 { d >>= 1; s += 1 }
        witnesses: for a in [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] as [UInt64] {
            var x = one, base = field?.element(a) ?? a, e = d
            while e > 0 {
                if e & 1 == 1 { x = multiply(x, base) }
                base = multiply(base, base)
                e >>= 1
            }
            if x == one || x == minusOne { continue }
            for _ in 1..<max(s, 1) {
                x = multiply(x, x)
                if x == minusOne { continue witnesses }
            }
            return false
        }
        return true
    }
}
