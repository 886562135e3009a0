internal import CMPFR

/// Integers from their residues modulo p₀, p₁, …, by the incremental Chinese remainder theorem:
/// xⱼ₊₁ = xⱼ + Mⱼ·((rⱼ − xⱼ)·Mⱼ⁻¹ mod pⱼ) with Mⱼ = p₀⋯pⱼ₋₁, then the representative of least
/// magnitude, so any integer |x| < M_k/2 comes back exactly from k residues.
///
/// The prefix products and the inverses Mⱼ⁻¹ mod pⱼ are computed once; one reconstruction from k residues
/// costs about k² limb operations (a remainder and a multiply-add of j limbs at step j).
public final class ChineseRemainderBasis: @unchecked Sendable {
    public let primes: [UInt64]
    let fields: [PrimeField]
    /// prefixProducts + j = Mⱼ, for j = 0 … primes.count.
    let prefixProducts: UnsafeMutablePointer<__mpz_struct>
    /// Mⱼ⁻¹ mod pⱼ, in the Montgomery form of pⱼ's field.
    let inverses: [UInt64]

    /// The primes must be distinct and odd, each below 2⁶².
    public init(primes: [UInt64]) {
        self.primes = primes
        fields = primes.map { PrimeField(prime: $0) }
        prefixProducts = .allocate(capacity: primes.count + 1)
        mm_mpz_init(prefixProducts)
        mm_mpz_set_si(prefixProducts, 1)
        var inverses: [UInt64] = []
        for (j, p) in primes.enumerated() {
            let f = fields[j]
            let m = UInt64(mm_mpz_fdiv_ui(prefixProducts + j, UInt(p)))
            precondition(m != 0, "the primes must be distinct")
            inverses.append(f.inverse(f.element(m)))
            mm_mpz_init(prefixProducts + j + 1)
            mm_mpz_mul_ui(prefixProducts + j + 1, prefixProducts + j, UInt(p))
        }
        self.inverses = inverses
    }

    deinit {
        for j in 0...primes.count { mm_mpz_clear(prefixProducts + j) }
        prefixProducts.deallocate()
    }

    /// log₂ of the product of the first k primes, rounded down.
    public func productBits(_ k: Int) -> Int { Int(mm_mpz_sizeinbase(prefixProducts + k, 2)) - 1 }

    /// The integer x with |x| < M_k/2 and x ≡ residue(j) mod pⱼ for j < k (residues in [0, pⱼ)).
    public func reconstruct(count k: Int, residue: (Int) -> UInt64) -> BigInt {
        precondition(k >= 1 && k <= primes.count, "between 1 and \(primes.count) residues")
        return BigInt.make { x in
            mm_mpz_realloc2(x, mp_bitcnt_t(64 * (k + 1)))
            mm_mpz_set_ui(x, UInt(residue(0)))
            for j in 1..<k {
                let f = fields[j], p = primes[j]
                let current = UInt64(mm_mpz_fdiv_ui(x, UInt(p)))
                let r = residue(j)
                let difference = r >= current ? r - current : r &+ p &- current
                let t = f.multiply(difference, inverses[j])
                if t != 0 { mm_mpz_addmul_ui(x, prefixProducts + j, UInt(t)) }
            }
            let other = BigInt.make { mm_mpz_sub($0, x, prefixProducts + k) }
            if mm_mpz_cmpabs(other.storage.z, x) < 0 { mm_mpz_swap(x, other.storage.z) }
        }
    }
}
