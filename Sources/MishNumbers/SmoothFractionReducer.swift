internal import CMPFR

/// Puts fractions n/d in lowest terms when every prime factor of d belongs to a fixed set of small primes
/// (denominators such as δ^(m+1)·m!), without a gcd of full-length numbers.
///
/// The common factor g = gcd(n, d) divides d, so its primes divide the radical R = Π ℓ: gcd(n mod R, R),
/// a gcd of numbers no longer than R, names them; for each such ℓ the exponent of ℓ in g is
/// min(v_ℓ(n), v_ℓ(d)), with v_ℓ(n) from mpz_remove. Then n/g and d/g are stored without a further gcd.
public struct SmoothFractionReducer: Sendable {
    public let primes: [Int]
    let radical: BigInt

    /// `primes` must be distinct primes.
    public init(primes: [Int]) {
        self.primes = primes
        radical = SmoothFractionReducer.product(primes[...])
    }

    static func product(_ values: ArraySlice<Int>) -> BigInt {
        if values.count <= 8 { return values.reduce(BigInt(1)) { $0 * BigInt($1) } }
        let middle = values.startIndex + values.count / 2
        return product(values[..<middle]) * product(values[middle...])
    }

    /// n/d in lowest terms, for d > 0 whose prime factors are all in `primes`, with `exponent(ℓ)` = v_ℓ(d).
    public func fraction(_ n: BigInt, over d: BigInt, exponent: (Int) -> Int) -> Rational {
        precondition(d.signum > 0, "the denominator must be positive")
        if n.isZero { return Rational(0) }
        let remainder = BigInt.make { mm_mpz_fdiv_r($0, n.storage.z, radical.storage.z) }
        var shared = BigInt.gcd(remainder, radical)
        var common = BigInt(1)
        if shared != 1 {
            for l in primes {
                if shared.residue(modulo: UInt64(l)) != 0 { continue }
                let prime = BigInt(l)
                shared = shared / prime
                let bound = exponent(l)
                if bound > 0 {
                    var valuation = 0
                    _ = BigInt.make { valuation = Int(mm_mpz_remove($0, n.storage.z, prime.storage.z)) }
                    common *= prime.power(min(valuation, bound))
                }
                if shared == 1 { break }
            }
        }
        if common == 1 { return Rational.make { mm_mpq_set_num_den_reduced($0, n.storage.z, d.storage.z) } }
        let num = BigInt.make { mm_mpz_divexact($0, n.storage.z, common.storage.z) }
        let den = BigInt.make { mm_mpz_divexact($0, d.storage.z, common.storage.z) }
        return Rational.make { mm_mpq_set_num_den_reduced($0, num.storage.z, den.storage.z) }
    }
}

extension SmoothFractionReducer {
    /// The primes ≤ n (sieve of Eratosthenes).
    public static func primes(upTo n: Int) -> [Int] {
        guard n >= 2 else { return [] }
        var composite = Array(repeating: false, count: n + 1)
        var result: [Int] = []
        for i in 2...n where !composite[i] {
            result.append(i)
            var j = i * i
            while j <= n { composite[j] = true; j += i }
        }
        return result
    }

    /// The distinct prime factors of |n| (n ≠ 0) when they can be found by trial division up to 2¹⁶ and a
    /// primality test of the cofactor below 2⁶²; nil otherwise.
    public static func primeFactors(of n: BigInt) -> [Int]? {
        precondition(!n.isZero)
        guard let value = n.magnitude.exactInt else { return nil }
        var rest = value
        var factors: [Int] = []
        var d = 2
        while d <= 1 << 16 && d * d <= rest {
            if rest % d == 0 {
                factors.append(d)
                while rest % d == 0 { rest /= d }
            }
            d += d == 2 ? 1 : 2
        }
        if rest > 1 {
            guard rest < 1 << 62, TransformPrimes.isPrime(UInt64(rest)) else { return nil }
            factors.append(rest)
        }
        return factors
    }
}
