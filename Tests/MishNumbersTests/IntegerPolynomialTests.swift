import Testing
import MishNumbers
import MishTestSupport

/// Polynomial identities checked through evaluation: evaluation at a point is a ring homomorphism, so
/// (p·q)(t) = p(t)·q(t) exactly for rational t, independently of how the product was computed.
@Suite("IntegerPolynomial")
struct IntegerPolynomialTests {
    static func random(_ g: inout SeededGenerator, degree: Int, digits: Int) -> IntegerPolynomial {
        IntegerPolynomial((0...degree).map { _ in randomBig(&g, digits: Int.random(in: 1...digits, using: &g)) })
    }

    @Test("ring operations agree with evaluation at rational points")
    func ringOperations() {
        var g = SeededGenerator.forTest("IntegerPolynomial.ring", defaultSeed: 12)
        for _ in 0..<200 {
            let p = IntegerPolynomialTests.random(&g, degree: Int.random(in: 0...12, using: &g), digits: 30)
            let q = IntegerPolynomialTests.random(&g, degree: Int.random(in: 0...12, using: &g), digits: 30)
            let t = Rational(Int.random(in: -50...50, using: &g), Int.random(in: 1...9, using: &g))
            #expect((p + q).evaluate(at: t) == p.evaluate(at: t) + q.evaluate(at: t))
            #expect((p - q).evaluate(at: t) == p.evaluate(at: t) - q.evaluate(at: t))
            #expect((p * q).evaluate(at: t) == p.evaluate(at: t) * q.evaluate(at: t))
            #expect(p.shifted(by: 3).evaluate(at: t) == p.evaluate(at: t) * t.power(3))
            #expect(p.eulerDerivative == (p.derivative * .u))
            let k = Int.random(in: -7...7, using: &g)
            #expect(IntegerPolynomial.linearCombination(k, p, 3, q) == p.scaled(by: k) + q.scaled(by: 3))
        }
    }

    @Test("exact division recovers a factor and refuses a non-factor")
    func exactDivision() {
        var g = SeededGenerator.forTest("IntegerPolynomial.division", defaultSeed: 13)
        for _ in 0..<200 {
            let p = IntegerPolynomialTests.random(&g, degree: Int.random(in: 0...40, using: &g), digits: 25)
            var f = IntegerPolynomialTests.random(&g, degree: Int.random(in: 1...4, using: &g), digits: 3)
            if f.degree < 1 { f = f + .u }
            #expect((p * f).exactQuotient(dividingBy: f) == p)
            let off = p * f + .one
            #expect(off.exactQuotient(dividingBy: f) == nil || f.degree == 0)
        }
    }

    @Test("gcd: divides both, and the cofactors are coprime")
    func gcd() {
        var g = SeededGenerator.forTest("IntegerPolynomial.gcd", defaultSeed: 14)
        for _ in 0..<100 {
            let common = IntegerPolynomialTests.random(&g, degree: Int.random(in: 1...3, using: &g), digits: 2)
            let a = IntegerPolynomialTests.random(&g, degree: Int.random(in: 1...4, using: &g), digits: 2) * common
            let b = IntegerPolynomialTests.random(&g, degree: Int.random(in: 1...4, using: &g), digits: 2) * common
            if a.isZero || b.isZero { continue }
            let d = IntegerPolynomial.gcd(a, b)
            #expect(a.exactQuotient(dividingBy: d) != nil && b.exactQuotient(dividingBy: d) != nil)
            #expect(d.degree >= common.primitivePart.degree)
            #expect(IntegerPolynomial.gcd(a.exactQuotient(dividingBy: d)!, b.exactQuotient(dividingBy: d)!).degree == 0)
        }
    }

    @Test("the fused derivative update equals its definition (euler(p) + k·q)·F − p·G")
    func derivativeUpdate() {
        var g = SeededGenerator.forTest("IntegerPolynomial.update", defaultSeed: 15)
        for _ in 0..<100 {
            let p = IntegerPolynomialTests.random(&g, degree: Int.random(in: 0...30, using: &g), digits: 40)
            let q = IntegerPolynomialTests.random(&g, degree: Int.random(in: 0...30, using: &g), digits: 40)
            let f = IntegerPolynomialTests.random(&g, degree: Int.random(in: 1...3, using: &g), digits: 25)
            let h = IntegerPolynomialTests.random(&g, degree: Int.random(in: 1...3, using: &g), digits: 2)
            let k = Int.random(in: 1...9, using: &g)
            let fused = IntegerPolynomial.derivativeUpdate(p, next: q, k: k, radical: f, logarithmic: h)
            #expect(fused == (p.eulerDerivative + q.scaled(by: k)) * f - p * h)
        }
    }

    @Test("Horner evaluation in intervals encloses the exact rational value")
    func enclosure() throws {
        var g = SeededGenerator.forTest("IntegerPolynomial.enclosure", defaultSeed: 16)
        for _ in 0..<100 {
            let p = IntegerPolynomialTests.random(&g, degree: Int.random(in: 0...20, using: &g), digits: 20)
            let t = Rational(Int.random(in: -300...300, using: &g), 100)
            let exact = BigFloat(p.evaluate(at: t), precision: 2000)
            #expect(p.enclosure(at: BigInterval(t, precision: 100)).contains(exact))
        }
    }
}
