import Testing
import MishNumbers
import MishTestSupport

/// The containment property of ball arithmetic: for points x ∈ A, y ∈ B (the ends and the middle of each ball,
/// exact at 1024 bits), x ∘ y at 1024 bits lies in A ∘ B; and the radius stays near the rounding error.
@Suite("BigBall")
struct BigBallTests {
    static func randomBall(_ g: inout SeededGenerator, precision p: Int) -> (BigBall, [BigFloat]) {
        let m = BigFloat(Double.random(in: -40...40, using: &g), precision: 53)
            .adding(BigFloat(Double.random(in: -1...1, using: &g), precision: 53).scaled(byPowerOfTwo: -60), precision: p).value
        let r = Bool.random(using: &g) ? BigFloat(precision: 64)
            : BigFloat(Double.random(in: 0...1, using: &g), precision: 64).scaled(byPowerOfTwo: -Int.random(in: 4...200, using: &g))
        let points = [m.subtracting(r, precision: 1024).value, m, m.adding(r, precision: 1024).value]
        return (BigBall(midpoint: m, radius: r, precision: p), points)
    }

    static func contains(_ b: BigBall, _ v: BigFloat) -> Bool { b.interval.contains(v) }

    @Test("+, -, *, /, exp and integer polynomials contain the 1024-bit results at points of the balls")
    func containment() {
        var g = SeededGenerator.forTest("BigBall", defaultSeed: 61)
        let poly = IntegerPolynomial([BigInt(4), BigInt(6), BigInt(4), BigInt(1)])
        for trial in 0..<600 {
            let p = [64, 200, 1000][trial % 3]
            let (a, xs) = BigBallTests.randomBall(&g, precision: p)
            let (b, ys) = BigBallTests.randomBall(&g, precision: p)
            for x in xs {
                #expect(BigBallTests.contains(a.exp(), x.exp(precision: 1024)), "exp")
                #expect(BigBallTests.contains(a.polynomial(poly), poly.evaluate(at: x, precision: 1024)), "polynomial")
                #expect(BigBallTests.contains(a.plus(BigInt(-7)), x.adding(BigFloat(-7, precision: 64), precision: 1024).value))
                for n in [-7, 0, 3, 1 << 40] {
                    #expect(BigBallTests.contains(a.times(BigInt(n)), x.multiplied(by: BigFloat(n, precision: 64), precision: 1024).value), "times")
                }
                #expect(BigBallTests.contains(a.pow(1), x) && BigBallTests.contains(a.pow(3), x.pow(3, precision: 1024)), "pow")
                for y in ys {
                    #expect(BigBallTests.contains(a + b, x.adding(y, precision: 1024).value), "+")
                    #expect(BigBallTests.contains(a + -b, x.subtracting(y, precision: 1024).value), "-")
                    #expect(BigBallTests.contains(a * b, x.multiplied(by: y, precision: 1024).value), "*")
                    let q = a / b
                    if !q.midpoint.isNaN { #expect(BigBallTests.contains(q, x.divided(by: y, precision: 1024).value), "/") }
                }
            }
        }
    }

    @Test("radii far below the double range (2^-4000) still enclose: products, quotients, exp at 4000 bits")
    func tinyRadii() {
        let p = 4000
        let third = BigFloat(Rational(1, 3), precision: p), seven = BigFloat(Rational(-7, 5), precision: p)
        let r = BigFloat(1, precision: 64).scaled(byPowerOfTwo: -3990)
        let a = BigBall(midpoint: third, radius: r, precision: p), b = BigBall(midpoint: seven, radius: r, precision: p)
        for (x, y) in [(third.adding(r, precision: 8000).value, seven.subtracting(r, precision: 8000).value),
                       (third.subtracting(r, precision: 8000).value, seven.adding(r, precision: 8000).value)] {
            #expect((a * b).interval.contains(x.multiplied(by: y, precision: 8000).value))
            #expect((a / b).interval.contains(x.divided(by: y, precision: 8000).value))
            #expect((a * b + a).exp().interval.contains(x.multiplied(by: y, precision: 8000).value.adding(x, precision: 8000).value.exp(precision: 8000)))
        }
        #expect((a * b).radius <= BigFloat(1, precision: 64).scaled(byPowerOfTwo: -3989))
    }

    @Test("a point's products and exponential have radii of a few units in the last place")
    func tightness() {
        let p = 500
        let x = BigBall(BigFloat(-1.1924, precision: 53), precision: p)
        let e = x.exp()
        let v = (e * e + e.integer(BigInt(3))) / e
        #expect(v.radius <= v.midpoint.magnitude.scaled(byPowerOfTwo: -p + 4))
        #expect(e.radius <= e.midpoint.magnitude.scaled(byPowerOfTwo: -p + 2))
    }

    @Test("from a logarithm: m = log u rounded, and the ball holds e^m at 3p bits; u <= 0 has none")
    func logarithm() throws {
        var g = SeededGenerator.forTest("BigBall.logarithm", defaultSeed: 67)
        for trial in 0..<300 {
            let p = [64, 300, 2000][trial % 3]
            let u = BigFloat(Double.random(in: 1e-6...50, using: &g), precision: 53)
                .adding(BigFloat(Double.random(in: 0...1, using: &g), precision: 53).scaled(byPowerOfTwo: -70), precision: p / 2).value
            let (m, e) = try #require(BigBall.logarithm(of: u, precision: p))
            #expect(m == u.log(precision: p))
            #expect(e.interval.contains(m.exp(precision: 3 * p)))
            #expect(e.radius <= u.scaled(byPowerOfTwo: -p + 8))
        }
        #expect(BigBall.logarithm(of: BigFloat(1, precision: 64), precision: 64)?.exponential.radius.isZero == true)
        #expect(BigBall.logarithm(of: BigFloat(0, precision: 64), precision: 64) == nil)
        #expect(BigBall.logarithm(of: BigFloat(-2, precision: 64), precision: 64) == nil)
    }

    @Test("Taylor's exponential of a small ball contains MPFR's exponential at 3p bits of its ends, with radius a few ulp")
    func smallArgumentExp() throws {
        var g = SeededGenerator.forTest("BigBall.smallArgumentExp", defaultSeed: 71)
        for trial in 0..<300 {
            let p = [64, 700, 5000][trial % 3]
            let shift = Int.random(in: 8...(p / 2), using: &g)
            let d = BigFloat(Double.random(in: -1...1, using: &g), precision: 53).scaled(byPowerOfTwo: -shift)
                .adding(BigFloat(Double.random(in: -1...1, using: &g), precision: 53).scaled(byPowerOfTwo: -shift - 60), precision: p).value
            let r = trial % 2 == 0 ? BigFloat(precision: 64) : d.magnitude.scaled(byPowerOfTwo: -Int.random(in: 10...p, using: &g))
            let ball = BigBall(midpoint: d, radius: r, precision: p)
            let e = try #require(ball.smallArgumentExp())
            for x in [d.subtracting(r, precision: 3 * p).value, d, d.adding(r, precision: 3 * p).value] {
                #expect(e.interval.contains(x.exp(precision: 3 * p)), "p = \(p), d = 2^-\(shift)")
            }
            if r.isZero {
                // One rounding per term kept (about p/shift of them) and per sum.
                #expect(e.radius <= BigFloat(2 * (p / shift + 2), precision: 64).scaled(byPowerOfTwo: -p + 1))
            }
        }
        #expect(BigBall(BigFloat(Rational(1, 200), precision: 200), precision: 200).smallArgumentExp() == nil)
        #expect(BigBall(BigFloat(0, precision: 64), precision: 200).smallArgumentExp()?.midpoint == BigFloat(1, precision: 64))
    }

    @Test("division by a ball holding 0 is undefined")
    func divisionByZero() {
        let b = BigBall(midpoint: BigFloat(1, precision: 64), radius: BigFloat(2, precision: 64), precision: 64)
        #expect((BigBall(BigFloat(1, precision: 64), precision: 64) / b).midpoint.isNaN)
    }
}
