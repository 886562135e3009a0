import Foundation
import Testing
import MishNumbers
import MishSymbolic
import MishTestSupport

@Suite("Evaluation")
struct EvaluationTests {
    @Test("certified mish digits match plain MPFR x·tanh(log1p(exp x)) at 3x precision")
    func certifiedMish() throws {
        for point in ["-1.1924", "-20", "0.5", "3", "-1/3", "17.25"] {
            let x = try Rational(parsing: point)
            for digits in [1, 5, 40, 200] {
                let c = try Expr.mish.certifiedValue(at: .finite(.number(x)), digits: digits)
                let reference = try #require(Oracle.value(digits: digits + 10) { p in
                    let v = BigFloat(x, precision: p)
                    return v * v.exp(precision: p).log1p().tanh()
                })
                #expect(c.isCertified)
                #expect(c.text == reference.decimalString(significantDigits: digits), "mish(\(point)) to \(digits) digits")
            }
        }
    }

    @Test("interval sums k ± k·erf(w), k − k·σ(w), k − k·e^w and log(1 + w) are enclosed without their cancellation (gelu′ at −30 ≈ −4.4·10⁻¹⁹⁵, 1 − σ(60), 1 − e^(−10⁻²⁰), log(1 + 10⁻⁴⁰)): 128 bits give a relative width below 2⁻¹⁰⁰, and the enclosure holds the value plain MPFR evaluation gives at 4000 bits")
    func complementsWithoutCancellation() throws {
        for (text, point) in [("d(gelu(x))", -30.0), ("d(gelu(x))", -12.5), ("1 - sigmoid(x)", 60.0), ("1 - erf(x)", 9.0),
                              ("2 + 2*erf(x/3)", -20.0), ("1 - exp(x)", -1e-20), ("log(1 + x^2)", 1e-20)] {
            let e = try ExprParser.parse(text)
            let x = BigFloat(point, precision: 53)
            let enclosure = e.enclosure(at: BigInterval(x), precision: 128)
            let width = enclosure.upper.subtracting(enclosure.lower, precision: 64).value.magnitude
            let scale = BigFloat.max(enclosure.lower.magnitude, enclosure.upper.magnitude)
            #expect(enclosure.isBounded && !scale.isZero && width.toDouble() <= scale.toDouble() * 0x1p-100,
                    "\(text) at \(point): [\(enclosure.lower), \(enclosure.upper)]")
            let plain = e.evaluate(at: x, precision: 4000)
            #expect(enclosure.lower <= plain && plain <= enclosure.upper, "\(text) at \(point): \(plain) outside the enclosure")
        }
    }

    @Test("at ±∞ the named functions give their limits; indeterminate forms are refused")
    func infinities() throws {
        func value(_ text: String, _ sign: Int) throws -> String {
            try ExprParser.parse(text).certifiedValue(at: .infinity(sign: sign), digits: 10).text
        }
        #expect(try value("mish(x)", -1) == "0")
        #expect(try value("mish(x)", 1) == "inf")
        #expect(try value("swish(x)", -1) == "0")
        #expect(try value("sigmoid(x)", 1) == "1.000000000")
        #expect(try value("tanh(x)*pi", -1) == "-3.141592654")
        #expect(try value("exp(x)", -1) == "0")
        #expect(throws: EvaluationError.indeterminateAtInfinity(sign: -1)) {
            try ExprParser.parse("x*tanh(softplus(x))").certifiedValue(at: .infinity(sign: -1), digits: 10)
        }
    }

    @Test("an expression in x needs a point; a point must not depend on x")
    func pointRules() throws {
        #expect(throws: EvaluationError.needsPoint) { try Expr.mish.certifiedValue(at: nil, digits: 5) }
        #expect(throws: EvaluationError.pointDependsOnX) { try Expr.mish.certifiedValue(at: .finite(.x), digits: 5) }
        #expect(try ExprParser.parse("pi").certifiedValue(at: nil, digits: 3).text == "3.14")
        #expect(try Expr.mish.certifiedValue(at: .finite(try ExprParser.parse("pi/4")), digits: 12).text
                == BigFloat.pi(precision: 200).scaled(byPowerOfTwo: -2).mish().decimalString(significantDigits: 12))
    }

    @Test("interval enclosures contain the 4x-precision value of random expressions")
    func enclosuresContain() throws {
        var fuzzer = ExprFuzzer(generator: .forTest("Evaluation.enclosures", defaultSeed: 555))
        var checked = 0
        for _ in 0..<500 {
            let e = fuzzer.expression(depth: 4)
            for x in [Rational(3, 4), Rational(-13, 10), Rational(5, 2)] {
                let enclosure = e.enclosure(at: BigInterval(x, precision: 80), precision: 80)
                let v = e.evaluate(at: BigFloat(x, precision: 320), precision: 320)
                guard v.isFinite, !enclosure.isUndefined else { continue }
                checked += 1
                #expect(enclosure.contains(v), "\(e) at \(x): \(v) not in \(enclosure)")
            }
        }
        #expect(checked > 500)
    }

    @Test("normal forms in double interval arithmetic contain the expression's 320-bit value at points of the box")
    func doubleIntervalNormalForms() throws {
        var g = SeededGenerator.forTest("Evaluation.doubleInterval", defaultSeed: 77)
        var checked = 0
        for text in ["mish(x)", "swish(x)", "tanh(x)", "sigmoid(x)", "x*tanh(x)", "x^2*sigmoid(x)"] {
            let f = try ExprParser.parse(text)
            for order in 0...3 {
                let r = try #require(ExpRational(f)).derivative(order: order)
                let e = f.derivative(order: order)
                for _ in 0..<60 {
                    let a = Double.random(in: -40...40, using: &g)
                    let b = a + Double.random(in: 0...0.5, using: &g)
                    let box = r.enclosure(at: DoubleInterval(lower: a, upper: b))
                    guard !box.isUndefined else { continue }
                    for x in [a, b, (a + b) / 2] {
                        let v = e.evaluate(at: BigFloat(x, precision: 320), precision: 320)
                        #expect(BigFloat(box.lower) <= v && v <= BigFloat(box.upper), "\(text) order \(order) at \(x)")
                        checked += 1
                    }
                }
                let tail = r.enclosure(at: DoubleInterval(lower: 20, upper: .infinity))
                let v = e.evaluate(at: BigFloat(300, precision: 320), precision: 320)
                #expect(tail.isUndefined || (BigFloat(tail.lower) <= v && v <= BigFloat(tail.upper)), "\(text) tail")
            }
        }
        #expect(checked > 3000)
    }

    @Test("over an unbounded tail where every term is positive, the double enclosure is positive (x·Pᵢ with Pᵢ ∋ 0 is not −∞)")
    func positiveTail() throws {
        // Every term of g (mish′'s sign-equivalent form) is positive for x ≥ 16, so g is.
        for text in ["4*x + 4 + exp(x)*(4*x + 6) + 4*exp(2*x) + exp(3*x)", "x^2*exp(x) + x + exp(2*x)"] {
            let f = try ExprParser.parse(text)
            let r = try #require(ExpRational(f))
            let tail = r.enclosure(at: DoubleInterval(lower: 16, upper: .infinity))
            #expect(tail.lower > 0 && tail.upper == .infinity, "\(text): \(tail)")
            let v = f.evaluate(at: BigFloat(300, precision: 320), precision: 320)
            #expect(BigFloat(tail.lower) <= v, "\(text)")
        }
    }

    @Test("the normal form evaluated from x and u = e^x agrees with the expression tree at 3x precision")
    func normalFormPointValues() throws {
        for text in ["mish(x)", "swish(x)", "tanh(x)", "x^2*sigmoid(x)"] {
            let f = try ExprParser.parse(text)
            let r = try #require(ExpRational(f)).derivative()
            let e = f.derivative()
            for x in [-30.5, -1.1924, 0.25, 7.0] {
                let p = 200
                let bx = BigFloat(x, precision: p)
                let big = r.evaluate(x: bx, u: bx.exp(precision: p), precision: p)
                let tree = e.evaluate(at: BigFloat(x, precision: 3 * p), precision: 3 * p)
                let difference = big.subtracting(tree, precision: 64).value.magnitude
                #expect(difference <= tree.magnitude.scaled(byPowerOfTwo: -150), "\(text) at \(x)")
                let double = r.evaluate(x: x, u: Foundation.exp(x))
                #expect(abs(double - tree.toDouble()) <= 1e-12 * Swift.max(1, abs(tree.toDouble())), "\(text) at \(x) in double")
            }
        }
    }

    @Test("Double evaluation of the catalogue is within a few ulps of the correctly rounded value")
    func doubleEvaluators() {
        var g = SeededGenerator.forTest("Evaluation.double", defaultSeed: 321)
        for f in Primitive.allCases {
            var worst = 0.0
            for _ in 0..<300 {
                let x = Double.random(in: -20...20, using: &g)
                let u = [.log, .log1p, .sqrt].contains(f) ? abs(x) : x
                let exact = f.evaluate(BigFloat(u), precision: 200)
                worst = max(worst, Accuracy.ulpError(f.evaluate(u), exact: exact))
            }
            // gelu's left tail is x·erfc(−x/√2)/2: the rounding of −x/√2 alone costs ~x² ulps there.
            #expect(worst <= (f == .gelu ? 1024 : 8), "\(f.name): \(worst) ulps")
        }
    }
}
