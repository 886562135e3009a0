internal import CMPFR

/// A dense univariate polynomial with integer coefficients, c₀ + c₁u + … + c_d·u^d, over GMP.
///
/// The coefficients live in one owned array of `mpz_t` (freed with the last copy); arithmetic builds its
/// result in place with `mpz_addmul`/`mpz_submul`, so a product of an n-term and an m-term polynomial makes
/// no allocation beyond the result's n + m − 1 coefficients. Values are immutable once made. The zero
/// polynomial has degree −1; trailing zero coefficients are never stored.
public struct IntegerPolynomial: Sendable {
    final class Storage: @unchecked Sendable {
        let count: Int
        let c: UnsafeMutablePointer<__mpz_struct>
        /// `count` zero coefficients, each with room for `bits` bits before it must grow.
        init(count: Int, bits: Int = 0) {
            self.count = count
            c = .allocate(capacity: Swift.max(count, 1))
            if bits > 0 {
                for i in 0..<count { mm_mpz_init2(c + i, mp_bitcnt_t(bits)) }
            } else {
                for i in 0..<count { mm_mpz_init(c + i) }
            }
        }
        deinit {
            for i in 0..<count { mm_mpz_clear(c + i) }
            c.deallocate()
        }
    }

    let storage: Storage
    /// Number of stored coefficients (degree + 1).
    let length: Int

    init(storage: Storage, length: Int) {
        self.storage = storage
        self.length = length
    }

    /// A polynomial whose `count` coefficients are filled in by `body`; trailing zeros are trimmed.
    static func make(count: Int, bits: Int = 0, _ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> IntegerPolynomial {
        let s = Storage(count: count, bits: bits)
        if count > 0 { body(s.c) }
        var n = count
        while n > 0 && mm_mpz_sgn(s.c + n - 1) == 0 { n -= 1 }
        return IntegerPolynomial(storage: s, length: n)
    }

    var c: UnsafeMutablePointer<__mpz_struct> { storage.c }

    public init(_ coefficients: [BigInt]) {
        self = IntegerPolynomial.make(count: coefficients.count) { c in
            for (i, v) in coefficients.enumerated() { mm_mpz_set(c + i, v.storage.z) }
        }
    }

    public init(_ coefficients: [Int]) {
        self = IntegerPolynomial.make(count: coefficients.count) { c in
            for (i, v) in coefficients.enumerated() { mm_mpz_set_si(c + i, v) }
        }
    }

    public static let zero = IntegerPolynomial([Int]())
    public static let one = IntegerPolynomial([1])
    /// The variable u.
    public static let u = IntegerPolynomial([0, 1])

    /// c·u^k.
    public static func monomial(_ c: BigInt, degree k: Int) -> IntegerPolynomial {
        make(count: k + 1) { mm_mpz_set($0 + k, c.storage.z) }
    }

    public static func constant(_ c: BigInt) -> IntegerPolynomial { monomial(c, degree: 0) }

    /// The degree; −1 for the zero polynomial.
    public var degree: Int { length - 1 }
    public var isZero: Bool { length == 0 }
    /// True for a constant polynomial (degree ≤ 0).
    public var isConstant: Bool { length <= 1 }

    /// The coefficient of u^i (0 beyond the degree).
    public subscript(i: Int) -> BigInt {
        guard i >= 0 && i < length else { return BigInt(0) }
        return BigInt.make { mm_mpz_set($0, c + i) }
    }

    public var coefficients: [BigInt] { (0..<length).map { self[$0] } }
    public var leadingCoefficient: BigInt { self[degree] }

    /// The sign of the leading coefficient (0 for the zero polynomial).
    public var leadingSign: Int { isZero ? 0 : Int(mm_mpz_sgn(c + length - 1)) }

    /// The largest bit length of a coefficient.
    public var maximumBits: Int {
        var m = 0
        for i in 0..<length { m = Swift.max(m, Int(mm_mpz_sizeinbase(c + i, 2))) }
        return m
    }

    /// The lowest power of u with a non-zero coefficient (0 for the zero polynomial).
    public var lowestDegree: Int {
        var i = 0
        while i < length && mm_mpz_sgn(c + i) == 0 { i += 1 }
        return i == length ? 0 : i
    }
}

extension IntegerPolynomial: Equatable, Hashable {
    public static func == (a: IntegerPolynomial, b: IntegerPolynomial) -> Bool {
        guard a.length == b.length else { return false }
        for i in 0..<a.length where mm_mpz_cmp(a.c + i, b.c + i) != 0 { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(length)
        for i in 0..<length {
            hasher.combine(mm_mpz_sgn(c + i))
            for k in 0..<mm_mpz_size(c + i) { hasher.combine(mm_mpz_getlimbn(c + i, mp_size_t(k))) }
        }
    }
}

extension IntegerPolynomial {
    public static func + (a: IntegerPolynomial, b: IntegerPolynomial) -> IntegerPolynomial {
        make(count: Swift.max(a.length, b.length)) { r in
            for i in 0..<a.length { mm_mpz_set(r + i, a.c + i) }
            for i in 0..<b.length { mm_mpz_add(r + i, r + i, b.c + i) }
        }
    }

    public static func - (a: IntegerPolynomial, b: IntegerPolynomial) -> IntegerPolynomial {
        make(count: Swift.max(a.length, b.length)) { r in
            for i in 0..<a.length { mm_mpz_set(r + i, a.c + i) }
            for i in 0..<b.length { mm_mpz_sub(r + i, r + i, b.c + i) }
        }
    }

    public static prefix func - (a: IntegerPolynomial) -> IntegerPolynomial {
        make(count: a.length) { r in for i in 0..<a.length { mm_mpz_neg(r + i, a.c + i) } }
    }

    /// The product, by the schoolbook method with in-place multiply-accumulate.
    public static func * (a: IntegerPolynomial, b: IntegerPolynomial) -> IntegerPolynomial {
        if a.isZero || b.isZero { return .zero }
        return make(count: a.length + b.length - 1) { r in
            for i in 0..<a.length where mm_mpz_sgn(a.c + i) != 0 {
                for j in 0..<b.length { mm_mpz_addmul(r + i + j, a.c + i, b.c + j) }
            }
        }
    }

    /// a·self + b·other in one pass (a, b small integers), the shape of most updates in the normal form.
    public static func linearCombination(_ a: Int, _ p: IntegerPolynomial, _ b: Int, _ q: IntegerPolynomial) -> IntegerPolynomial {
        make(count: Swift.max(p.length, q.length)) { r in
            for i in 0..<p.length { mm_mpz_mul_si(r + i, p.c + i, a) }
            if b >= 0 {
                for i in 0..<q.length { mm_mpz_addmul_ui(r + i, q.c + i, UInt(b)) }
            } else {
                for i in 0..<q.length { mm_mpz_submul_ui(r + i, q.c + i, UInt(-b)) }
            }
        }
    }

    public func scaled(by k: BigInt) -> IntegerPolynomial {
        IntegerPolynomial.make(count: length) { r in for i in 0..<length { mm_mpz_mul(r + i, c + i, k.storage.z) } }
    }

    public func scaled(by k: Int) -> IntegerPolynomial {
        IntegerPolynomial.make(count: length) { r in for i in 0..<length { mm_mpz_mul_si(r + i, c + i, k) } }
    }

    /// self / k for a k that divides every coefficient (mpz_divexact); traps otherwise in debug builds.
    public func dividedExactly(by k: BigInt) -> IntegerPolynomial {
        precondition(!k.isZero)
        return IntegerPolynomial.make(count: length) { r in
            for i in 0..<length {
                assert(mm_mpz_divisible_p(c + i, k.storage.z) != 0, "not an exact division")
                mm_mpz_divexact(r + i, c + i, k.storage.z)
            }
        }
    }

    /// self · u^k.
    public func shifted(by k: Int) -> IntegerPolynomial {
        precondition(k >= 0)
        if isZero || k == 0 { return self }
        return IntegerPolynomial.make(count: length + k) { r in for i in 0..<length { mm_mpz_set(r + i + k, c + i) } }
    }

    /// dP/du.
    public var derivative: IntegerPolynomial {
        if length <= 1 { return .zero }
        return IntegerPolynomial.make(count: length - 1) { r in
            for i in 1..<length { mm_mpz_mul_si(r + i - 1, c + i, i) }
        }
    }

    /// u·dP/du: the coefficient of u^i times i (the action of u·∂ᵤ, which is d/dx on u = eˣ).
    public var eulerDerivative: IntegerPolynomial {
        IntegerPolynomial.make(count: length) { r in for i in 0..<length { mm_mpz_mul_si(r + i, c + i, i) } }
    }

    /// The non-negative gcd of the coefficients (0 for the zero polynomial).
    public var content: BigInt {
        BigInt.make { g in
            for i in 0..<length {
                mm_mpz_gcd(g, g, c + i)
                if mm_mpz_cmp(g, BigInt.one.storage.z) == 0 { break }
            }
        }
    }

    /// self divided by its content, with a positive leading coefficient.
    public var primitivePart: IntegerPolynomial {
        if isZero { return self }
        let g = content
        return dividedExactly(by: leadingSign < 0 ? -g : g)
    }

    /// (euler(p) + k·q)·F − p·G in one pass and one allocation, where euler(p) = u·p′: the numerator
    /// update of a derivative d/dx = ∂ₓ + u∂ᵤ acting on Σ xⁱ·Pᵢ(u)/Q(u) (p = Pᵢ, q = Pᵢ₊₁, k = i + 1,
    /// F the radical of Q, G = Σ eⱼ·u·fⱼ′·F/fⱼ).
    public static func derivativeUpdate(_ p: IntegerPolynomial, next q: IntegerPolynomial, k: Int,
                                        radical F: IntegerPolynomial, logarithmic G: IntegerPolynomial) -> IntegerPolynomial {
        let n = Swift.max(p.length, q.length)
        let count = Swift.max(n + F.length - 1, p.length + G.length - 1, 0)
        let bits = Swift.max(p.maximumBits, q.maximumBits) + 64
        return make(count: count, bits: bits) { r in
            let d = Storage(count: 1)
            for i in 0..<n {
                if i < p.length { mm_mpz_mul_si(d.c, p.c + i, i) } else { mm_mpz_set_si(d.c, 0) }
                if i < q.length { mm_mpz_addmul_ui(d.c, q.c + i, UInt(k)) }
                if mm_mpz_sgn(d.c) != 0 {
                    for j in 0..<F.length { accumulate(r + i + j, d.c, F.c + j, subtract: false) }
                }
                if i < p.length && mm_mpz_sgn(p.c + i) != 0 {
                    for j in 0..<G.length { accumulate(r + i + j, p.c + i, G.c + j, subtract: true) }
                }
            }
        }
    }

    /// r ± a·b, with the single-limb fast path of GMP when b fits in a machine word.
    @inline(__always)
    static func accumulate(_ r: UnsafeMutablePointer<__mpz_struct>, _ a: UnsafePointer<__mpz_struct>,
                           _ b: UnsafePointer<__mpz_struct>, subtract: Bool) {
        let s = mm_mpz_sgn(b)
        if s == 0 { return }
        if mm_mpz_fits_slong_p(b) != 0 {
            let v = mm_mpz_get_si(b)
            let m = UInt(v.magnitude)
            if (v < 0) != subtract { mm_mpz_submul_ui(r, a, m) } else { mm_mpz_addmul_ui(r, a, m) }
        } else if subtract {
            mm_mpz_submul(r, a, b)
        } else {
            mm_mpz_addmul(r, a, b)
        }
    }

    /// A prime below 2⁶² for the modular divisibility filter.
    static let filterPrime: UInt64 = 4_611_686_018_427_387_847

    /// False when f certainly does not divide self (the remainder modulo a 62-bit prime is non-zero);
    /// true when it may.
    func mayBeDivisible(by f: IntegerPolynomial) -> Bool {
        let p = IntegerPolynomial.filterPrime
        func mod(_ z: UnsafePointer<__mpz_struct>) -> UInt64 { UInt64(mm_mpz_fdiv_ui(z, UInt(p))) }
        func mulmod(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let (hi, lo) = a.multipliedFullWidth(by: b)
            return p.dividingFullWidth((hi, lo)).remainder
        }
        func inverse(_ a: UInt64) -> UInt64? {
            if a == 0 { return nil }
            var result: UInt64 = 1, base = a, e = p - 2
            while e > 0 {
                if e & 1 == 1 { result = mulmod(result, base) }
                base = mulmod(base, base)
                e >>= 1
            }
            return result
        }
        guard let lcInverse = inverse(mod(f.c + f.length - 1)) else { return true }
        var r = (0..<length).map { mod(c + $0) }
        let fm = (0..<f.length).map { mod(f.c + $0) }
        let df = f.degree
        for k in stride(from: length - 1 - df, through: 0, by: -1) {
            let top = r[k + df]
            if top == 0 { continue }
            let q = mulmod(top, lcInverse)
            for j in 0..<f.length {
                let t = mulmod(q, fm[j])
                r[k + j] = r[k + j] >= t ? r[k + j] - t : r[k + j] + p - t
            }
        }
        return r.prefix(df).allSatisfy { $0 == 0 }
    }

    /// q with self = q·f exactly in Z[u], or nil when f does not divide self.
    public func exactQuotient(dividingBy f: IntegerPolynomial) -> IntegerPolynomial? {
        precondition(!f.isZero, "division by the zero polynomial")
        if isZero { return .zero }
        if f.degree > degree { return nil }
        if f.degree > 0 && length > 32 && !mayBeDivisible(by: f) { return nil }
        let n = degree - f.degree + 1
        let r = Storage(count: length)
        for i in 0..<length { mm_mpz_set(r.c + i, c + i) }
        let lc = f.c + f.length - 1
        var failed = false
        let q = IntegerPolynomial.make(count: n) { q in
            for k in stride(from: n - 1, through: 0, by: -1) {
                let top = r.c + k + f.degree
                if mm_mpz_sgn(top) == 0 { continue }
                if mm_mpz_divisible_p(top, lc) == 0 { failed = true; return }
                mm_mpz_divexact(q + k, top, lc)
                for j in 0..<f.length { mm_mpz_submul(r.c + k + j, q + k, f.c + j) }
            }
        }
        if failed { return nil }
        for i in 0..<Swift.min(f.degree, length) where mm_mpz_sgn(r.c + i) != 0 { return nil }
        return q
    }

    /// The primitive greatest common divisor (positive leading coefficient) of a and b, by the primitive
    /// pseudo-remainder sequence; gcd(0, 0) = 0.
    public static func gcd(_ a: IntegerPolynomial, _ b: IntegerPolynomial) -> IntegerPolynomial {
        var x = a.primitivePart, y = b.primitivePart
        if x.degree < y.degree { swap(&x, &y) }
        while !y.isZero {
            let r = x.pseudoRemainder(y)
            x = y
            y = r.primitivePart
        }
        return x
    }

    /// lc(f)^(deg self − deg f + 1)·self mod f.
    func pseudoRemainder(_ f: IntegerPolynomial) -> IntegerPolynomial {
        var r = self
        let lc = f.leadingCoefficient
        while !r.isZero && r.degree >= f.degree {
            let shift = r.degree - f.degree
            r = r.scaled(by: lc) - (f.scaled(by: r.leadingCoefficient)).shifted(by: shift)
        }
        return r
    }
}

// MARK: - Evaluation

extension IntegerPolynomial {
    /// P(q), exact.
    public func evaluate(at q: Rational) -> Rational {
        var acc = Rational(0)
        for i in stride(from: degree, through: 0, by: -1) { acc = acc * q + Rational(self[i]) }
        return acc
    }

    /// P(x) by Horner's rule, each step rounded to nearest at `precision` bits.
    public func evaluate(at x: BigFloat, precision p: Int) -> BigFloat {
        if isZero { return BigFloat(precision: p) }
        let coefficients = c, d = degree
        // One accumulator, updated in place before anyone else holds it.
        return withExtendedLifetime((self, x)) {
            BigFloat.make(precision: p) { acc in
                mpfr_set_z(acc, coefficients + d, MPFR_RNDN)
                for i in stride(from: d - 1, through: 0, by: -1) {
                    mpfr_mul(acc, acc, x.x, MPFR_RNDN)
                    mm_mpfr_add_z(acc, acc, coefficients + i, MPFR_RNDN)
                }
                return 0
            }.value
        }
    }

    /// P(z) by Horner's rule in complex arithmetic.
    public func evaluate(at z: BigComplex) -> BigComplex {
        let p = z.precision
        if isZero { return BigComplex(BigFloat(precision: p)) }
        var acc = BigComplex(BigFloat(self[degree], precision: p))
        for i in stride(from: degree - 1, through: 0, by: -1) {
            acc = acc * z + BigComplex(BigFloat(self[i], precision: p))
        }
        return acc
    }

    /// P(x) in double arithmetic (coefficients rounded to double).
    public func evaluate(at x: Double) -> Double {
        var acc = 0.0
        for i in stride(from: degree, through: 0, by: -1) { acc = acc * x + mm_mpz_get_d(c + i) }
        return acc
    }
}

extension IntegerPolynomial: CustomStringConvertible {
    /// Terms by ascending power of u, e.g. "2 + 2*u + u^2".
    public var description: String { text(variable: "u") }

    public func text(variable v: String) -> String {
        if isZero { return "0" }
        var parts: [String] = []
        for i in 0..<length {
            let k = self[i]
            if k.isZero { continue }
            let magnitude = k.magnitude
            let power = i == 0 ? "" : (i == 1 ? v : "\(v)^\(i)")
            let body = i == 0 ? magnitude.description : (magnitude == 1 ? power : "\(magnitude)*\(power)")
            if parts.isEmpty {
                parts.append(k.signum < 0 ? "-" + body : body)
            } else {
                parts.append((k.signum < 0 ? "- " : "+ ") + body)
            }
        }
        return parts.joined(separator: " ")
    }
}
