import Testing
import MishNumbers
import MishTestSupport

/// The containment property: for x, y in X, Y (points given exactly as doubles), x ∘ y computed at 256 bits lies
/// in X ∘ Y computed in double interval arithmetic; and the enclosures stay within a few ulps.
@Suite("DoubleInterval")
struct DoubleIntervalTests {
    static func randomInterval(_ g: inout SeededGenerator, scale: Double) -> (DoubleInterval, [Double]) {
        let a = Double.random(in: -scale...scale, using: &g)
        let b = a + Double.random(in: 0...scale / 8, using: &g) * (Bool.random(using: &g) ? 1 : 1e-12)
        let inside = [a, b, a + (b - a) * Double.random(in: 0...1, using: &g)].filter { $0 >= a && $0 <= b }
        return (DoubleInterval(lower: a, upper: b), inside)
    }

    static func contains(_ x: DoubleInterval, _ v: BigFloat) -> Bool {
        BigFloat(x.lower, precision: 53) <= v && v <= BigFloat(x.upper, precision: 53)
    }

    @Test("+, -, *, / and exp contain the 256-bit results at points of the operands")
    func containment() {
        var g = SeededGenerator.forTest("DoubleInterval", defaultSeed: 53)
        let p = 256
        for trial in 0..<3000 {
            let scale = [1e-3, 1.0, 40.0, 1e200][trial % 4]
            let (x, xs) = DoubleIntervalTests.randomInterval(&g, scale: scale)
            let (y, ys) = DoubleIntervalTests.randomInterval(&g, scale: scale)
            for a in xs {
                let fa = BigFloat(a, precision: p)
                if abs(a) < 700 { #expect(DoubleIntervalTests.contains(x.exp(), fa.exp(precision: p)), "exp \(a)") }
                for b in ys {
                    let fb = BigFloat(b, precision: p)
                    #expect(DoubleIntervalTests.contains(x + y, fa.adding(fb, precision: p).value), "\(a) + \(b)")
                    #expect(DoubleIntervalTests.contains(x - y, fa.subtracting(fb, precision: p).value), "\(a) - \(b)")
                    #expect(DoubleIntervalTests.contains(x * y, fa.multiplied(by: fb, precision: p).value), "\(a) * \(b)")
                    if !(y.lower <= 0 && y.upper >= 0) {
                        #expect(DoubleIntervalTests.contains(x / y, fa.divided(by: fb, precision: p).value), "\(a) / \(b)")
                    }
                }
            }
        }
    }

    @Test("a point operation widens by one ulp on each side, no more; exp by its proven relative bound")
    func tightness() {
        let x = DoubleInterval(0.1), y = DoubleInterval(0.2)
        let s = x + y
        #expect(s.lower == (0.1 + 0.2).nextDown && s.upper == (0.1 + 0.2).nextUp)
        let e = DoubleInterval(1).exp()
        #expect(e.upper - e.lower <= 1e-13 * e.upper)
        let tiny = DoubleInterval(-1020).exp()
        #expect(tiny.lower == 0 && tiny.upper > 0 && tiny.upper < 1e-300)
    }

    @Test("division by an interval holding 0 is undefined; 0 times an unbounded end is 0")
    func specialCases() {
        #expect((DoubleInterval(1) / DoubleInterval(lower: -1, upper: 1)).isUndefined)
        let unbounded = DoubleInterval(lower: 0, upper: .infinity)
        let product = unbounded * DoubleInterval(lower: 0, upper: 2)
        #expect(product.lower <= 0 && product.upper == .infinity)
        #expect(DoubleInterval(lower: -.infinity, upper: -16).exp().lower == 0)
        let huge = DoubleInterval(lower: 48, upper: .infinity).exp()
        #expect(huge.upper == .infinity && huge.lower > 7e20 && huge.lower < 7.1e20)
    }

    @Test("a sum with a 0 term and a product with a 0 factor are exact: [0, s]·[16, ∞] stays ≥ 0")
    func exactZeros() {
        let small = DoubleInterval(lower: 0, upper: 1e-7), unbounded = DoubleInterval(lower: 16, upper: .infinity)
        #expect((small * DoubleInterval(lower: 0, upper: 3)).lower == 0)
        #expect((small + DoubleInterval(0)) == small)
        #expect((DoubleInterval(0) - small) == DoubleInterval(lower: -1e-7, upper: 0))
        let product = small * unbounded
        #expect(product.lower == 0 && product.upper == .infinity)
        #expect((product + DoubleInterval(1)).lower == 1)
        let mixed = DoubleInterval(lower: -2, upper: 3) * DoubleInterval(lower: 0, upper: 5)
        #expect(mixed.lower == (-10.0).nextDown && mixed.upper == 15.0.nextUp)
    }

    @Test("integer coefficients beyond 2^53 are enclosed, not truncated")
    func largeIntegers() {
        let n = BigInt("1152921504606859321")!  // 2^60 + 12345
        let e = DoubleInterval.enclosing(n)
        let v = BigFloat(Rational(n), precision: 128)
        #expect(DoubleIntervalTests.contains(e, v))
        #expect(e.upper.nextDown.nextDown <= e.lower)
        #expect(DoubleInterval.enclosing(BigInt(-7)) == DoubleInterval(-7))
    }
}
