import Testing
import MishNumbers
import MishTestSupport

@Suite("ExponentialConvolution")
struct ExponentialConvolutionTests {
    /// The defining equation, checked term by term with explicit binomial coefficients:
    /// Σⱼ qⱼ Σₖ C(n,k)(j·s)ᵏ Ρₙ₋ₖ = s·π̂ₙ.
    @Test("the solution satisfies the defining convolution for random weights")
    func satisfiesTheEquation() {
        var g = SeededGenerator.forTest("ExponentialConvolution", defaultSeed: 21)
        for _ in 0..<30 {
            var q = (0...Int.random(in: 1...3, using: &g)).map { _ in BigInt(Int.random(in: -4...6, using: &g)) }
            var s = q.reduce(BigInt(0), +)
            if s.isZero { q[0] += 1; s = s + 1 }
            let n = 25
            // A right-hand side for which the solution is integral: π̂ₙ = Σⱼ pⱼ (j·s)ⁿ.
            let p = (0...2).map { _ in BigInt(Int.random(in: -5...5, using: &g)) }
            let rhs = (0..<n).map { m in p.enumerated().reduce(BigInt(0)) { $0 + $1.element * (BigInt($1.offset) * s).power(m) } }
            let r = ExponentialConvolution.solve(rightHandSide: rhs, weights: q, scale: s)
            for m in 0..<n {
                var lhs = BigInt(0)
                var binomial = [BigInt(1)]
                for k in 1...max(m, 1) where k <= m { binomial.append(binomial[k - 1] * BigInt(m - k + 1) / BigInt(k)) }
                for (j, qj) in q.enumerated() {
                    for k in 0...m { lhs += qj * binomial[k] * (BigInt(j) * s).power(k) * r[m - k] }
                }
                #expect(lhs == s * rhs[m], "n = \(m), q = \(q)")
            }
        }
    }
}
