internal import CMPFR

/// Integer sequences defined through exponential generating functions.
public enum ExponentialConvolution {
    /// Solves for the integers Ρ₀ … Ρ_(N−1) in
    ///
    ///     Σⱼ qⱼ · Σₖ C(n,k)·(j·s)ᵏ·Ρₙ₋ₖ = s·π̂ₙ     (every n < N),  s = Σⱼ qⱼ ≠ 0,
    ///
    /// the coefficient of xⁿ/n! in q(e^(s·x))·G(x) = s·P̂(x): so Ρₙ = π̂ₙ − (1/s)·Σⱼ qⱼ·T′ⱼ(n), with
    /// T′ⱼ(n) = Σₖ≥₁ C(n,k)(j·s)ᵏ·Ρₙ₋ₖ, the division exact whenever the solution is integral.
    ///
    /// Each binomial transform T′ⱼ is carried along an anti-diagonal of its difference table,
    /// Rᵢ(m) = Rᵢ₋₁(m+1) + a·Rᵢ₋₁(m) with a = j·s, so step n costs O(n) additions and multiplications
    /// by the machine word a, instead of n products of large integers.
    public static func solve(rightHandSide rhs: [BigInt], weights q: [BigInt], scale s: BigInt) -> [BigInt] {
        let n = rhs.count
        precondition(!s.isZero, "the scale s = q(1) must be non-zero")
        let active = q.indices.filter { $0 >= 1 && !q[$0].isZero }
        let multipliers = active.map { BigInt($0) * s }
        let diagonals = active.map { _ in IntegerPolynomial.Storage(count: n + 1) }
        let result = IntegerPolynomial.Storage(count: n)
        let t = IntegerPolynomial.Storage(count: 3)
        let old = t.c, older = t.c + 1, acc = t.c + 2
        for m in 0..<n {
            mm_mpz_set_si(acc, 0)
            for (index, d) in diagonals.enumerated() {
                let a = multipliers[index]
                let small = a.exactInt.map { $0 >= 0 ? UInt($0) : nil } ?? nil
                // The new anti-diagonal E[0] = 0 (Ρₘ not yet known), E[i] = E[i−1] + a·D[i−1].
                mm_mpz_swap(old, d.c)
                mm_mpz_set_si(d.c, 0)
                if m > 0 {
                    for i in 1...m {
                        mm_mpz_swap(older, d.c + i)
                        mm_mpz_set(d.c + i, d.c + i - 1)
                        if let small { mm_mpz_addmul_ui(d.c + i, old, small) } else { mm_mpz_addmul(d.c + i, old, a.storage.z) }
                        mm_mpz_swap(old, older)
                    }
                }
                mm_mpz_addmul(acc, d.c + m, q[active[index]].storage.z)
            }
            mm_mpz_divexact(acc, acc, s.storage.z)
            mm_mpz_sub(result.c + m, rhs[m].storage.z, acc)
            for d in diagonals {
                for i in 0...m { mm_mpz_add(d.c + i, d.c + i, result.c + m) }
            }
        }
        return (0..<n).map { i in BigInt.make { mm_mpz_set($0, result.c + i) } }
    }
}
