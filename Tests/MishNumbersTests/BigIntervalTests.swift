import Testing
import MishNumbers
import MishTestSupport

/// The containment property: for x in X, f(x) computed at 4× the precision lies in f(X) computed at 1×.
@Suite("BigInterval")
struct BigIntervalTests {
    typealias Unary = (name: String, interval: (BigInterval) -> BigInterval, point: (BigFloat, Int) -> BigFloat,
                       domain: ClosedRange<Double>)

    nonisolated(unsafe) static let unary: [Unary] = [
        ("exp", { $0.exp() }, { $0.exp(precision: $1) }, -50...50),
        ("expm1", { $0.expm1() }, { $0.expm1(precision: $1) }, -50...50),
        ("log", { $0.log() }, { $0.log(precision: $1) }, 1e-9...1e9),
        ("log1p", { $0.log1p() }, { $0.log1p(precision: $1) }, -0.999...1e9),
        ("tanh", { $0.tanh() }, { $0.tanh(precision: $1) }, -30...30),
        ("sqrt", { $0.squareRoot() }, { $0.squareRoot(precision: $1) }, 0...1e6),
        ("sinh", { $0.sinh() }, { $0.sinh(precision: $1) }, -40...40),
        ("cosh", { $0.cosh() }, { $0.cosh(precision: $1) }, -40...40),
        ("erf", { $0.erf() }, { $0.erf(precision: $1) }, -6...6),
        ("sigmoid", { $0.sigmoid() }, { $0.sigmoid(precision: $1) }, -60...60),
        ("softplus", { $0.softplus() }, { $0.softplus(precision: $1) }, -60...60),
        ("mish", { $0.mish() }, { $0.mish(precision: $1) }, -60...60),
        ("swish", { $0.swish() }, { $0.swish(precision: $1) }, -60...60),
        ("cube", { $0.pow(3) }, { $0.pow(3, precision: $1) }, -100...100),
        ("square", { $0.pow(2) }, { $0.pow(2, precision: $1) }, -100...100),
        ("inverse square", { $0.pow(-2) }, { $0.pow(-2, precision: $1) }, 0.01...100),
    ]

    static func randomPoint(_ g: inout SeededGenerator, in domain: ClosedRange<Double>) -> Rational {
        let t = Double.random(in: domain, using: &g)
        let n = Int(t * 1e6)
        return Rational(n, 1_000_000) + Rational(Int.random(in: 0...999, using: &g), 1_000_000_000)
    }

    @Test("unary functions: the 4x-precision value at a point of X lies inside f(X)", arguments: 0..<16)
    func unaryContainment(_ k: Int) {
        let f = BigIntervalTests.unary[k]
        var g = SeededGenerator.forTest("BigInterval.\(f.name)", defaultSeed: 31 + UInt64(k))
        for trial in 0..<400 {
            let p = [24, 53, 113, 300][trial % 4]
            let a = BigIntervalTests.randomPoint(&g, in: f.domain)
            guard BigFloat(a, precision: 64).toDouble() >= f.domain.lowerBound else { continue }
            // Narrow: the smallest interval around a rational; wide: between two rationals.
            let narrow = BigInterval(a, precision: p)
            let b = BigIntervalTests.randomPoint(&g, in: f.domain)
            let lo = BigFloat(Swift.min(a, b), precision: p, rounding: .down)
            let hi = BigFloat(Swift.max(a, b), precision: p, rounding: .up)
            let wide = BigInterval(lower: lo, upper: hi)
            let fNarrow = f.interval(narrow), fWide = f.interval(wide)
            let exactish = f.point(BigFloat(a, precision: 4 * p), 4 * p)
            #expect(fNarrow.contains(exactish), "\(f.name)(\(a)) at \(p) bits: \(exactish) not in \(fNarrow)")
            #expect(fWide.contains(exactish), "\(f.name) on [\(lo), \(hi)] at \(p) bits")
            let mid = BigFloat((a + b) / 2, precision: 4 * p)
            #expect(fWide.contains(f.point(mid, 4 * p)))
            // Tight: from an exact point the enclosure is a few ulps wide (two directed roundings of one
            // correctly rounded function, or a short chain of them for the activations).
            let x = BigFloat(a, precision: p)
            let fx = f.interval(BigInterval(x))
            if let u = fx.upper.ulp, fx.isBounded, !fx.upper.isZero, !fx.lower.isZero {
                let ulps = fx.width.divided(by: u, precision: 53).value.toDouble()
                #expect(ulps <= 8, "\(f.name)(\(x)) enclosure is \(ulps) ulps wide")
            }
        }
    }

    @Test("arithmetic: the 4x-precision result of x ∘ y lies inside X ∘ Y")
    func binaryContainment() {
        var g = SeededGenerator.forTest("BigInterval.arithmetic", defaultSeed: 77)
        let ops: [(String, (BigInterval, BigInterval) -> BigInterval, (BigFloat, BigFloat) -> BigFloat)] = [
            ("+", { $0 + $1 }, { $0 + $1 }),
            ("-", { $0 - $1 }, { $0 - $1 }),
            ("*", { $0 * $1 }, { $0 * $1 }),
            ("/", { $0 / $1 }, { $0 / $1 }),
            ("pow", { $0.pow($1) }, { $0.pow($1) }),
        ]
        for trial in 0..<2000 {
            let p = [24, 53, 200][trial % 3]
            let a = BigIntervalTests.randomPoint(&g, in: -1000...1000)
            let b = BigIntervalTests.randomPoint(&g, in: -1000...1000)
            for (name, interval, point) in ops {
                let (x, y) = name == "pow" ? (a.magnitude, b / 100) : (a, b)
                if name == "/" && y.isZero { continue }
                let X = BigInterval(x, precision: p), Y = BigInterval(y, precision: p)
                let r = interval(X, Y)
                let v = point(BigFloat(x, precision: 4 * p), BigFloat(y, precision: 4 * p))
                #expect(r.contains(v), "\(x) \(name) \(y) at \(p) bits: \(v) not in \(r)")
            }
        }
    }

    @Test("times an integer: the exact product of each end lies inside, the ends swap for a negative integer, 0·X is 0 and ∞ stays unbounded")
    func timesInteger() {
        var g = SeededGenerator.forTest("BigInterval.times", defaultSeed: 79)
        for trial in 0..<500 {
            let p = [24, 53, 200][trial % 3]
            let a = BigIntervalTests.randomPoint(&g, in: -1000...1000), b = BigIntervalTests.randomPoint(&g, in: -1000...1000)
            let X = BigInterval(lower: BigFloat(Swift.min(a, b), precision: p, rounding: .down), upper: BigFloat(Swift.max(a, b), precision: p, rounding: .up))
            for n in [-(1 << 40) - 1, -3, 0, 1, 7, 1 << 50] {
                let r = X.times(BigInt(n))
                for end in [X.lower, X.upper] {
                    let v = end.multiplied(by: BigFloat(n, precision: 64), precision: 4 * p + 64).value
                    #expect(r.contains(v), "\(end) · \(n) at \(p) bits: \(v) not in \(r)")
                }
                #expect(r.lower <= r.upper)
            }
        }
        let unbounded = BigInterval(lower: BigFloat(-2, precision: 64), upper: .infinity(precision: 64))
        #expect(unbounded.times(BigInt(-3)).lower.isInfinite && unbounded.times(BigInt(-3)).upper == BigFloat(6, precision: 64))
        #expect(unbounded.times(BigInt(0)).lower.isZero && unbounded.times(BigInt(0)).upper.isZero)
    }

    @Test("domain edges: undefined outside, unbounded across a zero divisor")
    func domains() {
        let p = 64
        let negative = BigInterval(lower: BigFloat(-2), upper: BigFloat(-1))
        #expect(negative.log().isUndefined)
        #expect(negative.squareRoot().isUndefined)
        #expect(BigInterval(-3, precision: p).log1p().isUndefined)
        #expect(BigInterval(0, precision: p).log().lower.isInfinite)
        let straddle = BigInterval(lower: BigFloat(-1), upper: BigFloat(1))
        #expect(!(BigInterval(1, precision: p) / straddle).isBounded)
        #expect((BigInterval(1, precision: p) / BigInterval(0, precision: p)).isUndefined)
        #expect(straddle.pow(2).lower.isZero)
        #expect(straddle.cosh().lower == BigFloat(1))
        #expect((BigInterval.undefined(precision: p) + straddle).isUndefined)
    }

    @Test("π, e and ln 2 enclosures contain the constant at 4x precision")
    func constants() {
        for p in [10, 53, 500] {
            #expect(BigInterval.pi(precision: p).contains(.pi(precision: 4 * p)))
            #expect(BigInterval.e(precision: p).contains(.e(precision: 4 * p)))
            #expect(BigInterval.ln2(precision: p).contains(.ln2(precision: 4 * p)))
        }
    }

    @Test("products and quotients are the tightest: their ends are the extreme exact endpoint products, rounded outward")
    func signCasesAreTight() {
        var g = SeededGenerator.forTest("BigInterval.signCases", defaultSeed: 77)
        let p = 40
        func endpoint() -> Rational {
            let choices = [Rational(0), BigIntervalTests.randomPoint(&g, in: -5...5), BigIntervalTests.randomPoint(&g, in: 0...5),
                           -BigIntervalTests.randomPoint(&g, in: 0...5)]
            return choices[Int.random(in: 0..<4, using: &g)]
        }
        func interval() -> (BigInterval, Rational, Rational) {
            let a = endpoint(), b = endpoint()
            let (lo, hi) = a < b ? (a, b) : (b, a)
            return (BigInterval(lower: BigFloat(lo, precision: p, rounding: .down), upper: BigFloat(hi, precision: p, rounding: .up)),
                    BigFloat(lo, precision: p, rounding: .down).exactRational!, BigFloat(hi, precision: p, rounding: .up).exactRational!)
        }
        for _ in 0..<2000 {
            let (x, xl, xh) = interval(), (y, yl, yh) = interval()
            let products = [xl * yl, xl * yh, xh * yl, xh * yh]
            let product = x * y
            #expect(product.lower == BigFloat(products.min()!, precision: p, rounding: .down))
            #expect(product.upper == BigFloat(products.max()!, precision: p, rounding: .up))
            guard yl.signum * yh.signum > 0 else { continue }
            let quotients = [xl / yl, xl / yh, xh / yl, xh / yh]
            let quotient = x / y
            #expect(quotient.lower == BigFloat(quotients.min()!, precision: p, rounding: .down))
            #expect(quotient.upper == BigFloat(quotients.max()!, precision: p, rounding: .up))
        }
    }
}
