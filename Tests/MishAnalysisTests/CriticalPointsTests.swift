import Testing
import MishAnalysis
import MishNumbers
import MishSymbolic

@Suite("Critical points and the gradient bounds")
struct CriticalPointsTests {
    let mish = try! ExprParser.parse("mish(x)")

    @Test("each certified zero of f′, f″, f‴ of mish is a sign change of the derivative, seen in Double on either side")
    func zerosAreSignChanges() throws {
        for k in 1...3 {
            let zeros = try DerivativeZeros(of: mish, order: k, range: nil, digits: 25)
            #expect(zeros.completeness == nil, "order \(k): \(zeros.completeness ?? "")")
            #expect(zeros.zeros.count == k, "mish has \(k) zero(s) of its derivative of order \(k)")
            let dk = mish.derivative(order: k)
            for z in zeros.zeros {
                let x = z.root.x.enclosure.midpoint.toDouble()
                let left = dk.evaluate(at: x - 1e-6), right = dk.evaluate(at: x + 1e-6)
                #expect(left.sign != right.sign)
                #expect((right > 0) == (z.slope > 0))
            }
        }
    }

    /// Found in y = 1.702x and mapped back: each zero is checked on the original expression, whose derivatives
    /// change sign there, and the values f⁽ʲ⁾(x*) (cʲ times F's) match the original derivatives evaluated at x*.
    @Test("x·σ(1.702x): the zeros of f′, f″, f‴ are complete on ℝ through y = 1.702x; signs and values hold for the original expression")
    func scaledArgumentZeros() throws {
        let quick = try ExprParser.parse("x*sigmoid(1.702*x)")
        for k in 1...3 {
            let zeros = try DerivativeZeros(of: quick, order: k, range: nil, digits: 25)
            #expect(zeros.completeness == nil, "order \(k): \(zeros.completeness ?? "")")
            #expect(zeros.zeros.count == [1, 2, 3][k - 1])
            let dk = quick.derivative(order: k)
            for z in zeros.zeros {
                let x = z.root.x.enclosure.midpoint.toDouble()
                let left = dk.evaluate(at: x - 1e-6), right = dk.evaluate(at: x + 1e-6)
                #expect(left.sign != right.sign && (right > 0) == (z.slope > 0), "order \(k) at \(x)")
                for (j, v) in z.values.enumerated() {
                    let exact = quick.derivative(order: j).enclosure(at: BigInterval(z.root.x.enclosure.midpoint), precision: 200)
                    let gap = exact.midpoint.subtracting(v.enclosure.midpoint, precision: 200).value.magnitude
                    #expect(gap < BigFloat(Rational(1, 1_000_000_000_000_000_000), precision: 64), "f^(\(j)) at \(x): \(v.text)")
                }
            }
        }
    }

    @Test("the gradient bounds enclose the extremes of f′ on a fine grid, and are attained to 1e-8")
    func gradientBoundsAgainstGrid() throws {
        let range = try GlobalRange(of: derivativeExpr(mish, order: 1), digits: 20)
        guard case .attained(let low) = range.lower, case .attained(let high) = range.upper else {
            Issue.record("the bounds of mish′ should be attained: \(range.lower) \(range.upper)")
            return
        }
        let d1 = mish.derivative()
        var gridMin = Double.infinity, gridMax = -Double.infinity
        for i in 0...100_000 {
            let v = d1.evaluate(at: -5 + Double(i) * 1e-4)
            gridMin = min(gridMin, v)
            gridMax = max(gridMax, v)
        }
        let lo = low.value.enclosure, hi = high.value.enclosure
        #expect(lo.upper.toDouble() <= gridMin + 1e-12 && gridMin - lo.lower.toDouble() < 1e-8)
        #expect(hi.lower.toDouble() >= gridMax - 1e-12 && hi.upper.toDouble() - gridMax < 1e-8)
    }

    @Test("a zero at exactly 0 is found exactly: tanh″ vanishes symbolically there")
    func exactZeroAtOrigin() throws {
        let zeros = try DerivativeZeros(of: try ExprParser.parse("tanh(x)"), order: 2, range: nil, digits: 30)
        #expect(zeros.zeros.count == 1)
        #expect(zeros.zeros[0].root.isExact && zeros.zeros[0].root.x.text == "0")
    }

    @Test("a multiple zero at a fraction is isolated exactly: (x − 1)⁴ and (x + 2/7)⁴ − 5 have certified minima there, with the exact values")
    func multipleZeroAtFraction() throws {
        for (text, x, value) in [("(x - 1)^4", Rational(1), Rational(0)), ("(x + 2/7)^4 - 5", Rational(-2, 7), Rational(-5))] {
            let range = try GlobalRange(of: try ExprParser.parse(text), digits: 20)
            #expect(range.isolation.coversRealLine, "\(text)")
            guard case .attained(let e) = range.lower else {
                Issue.record("\(text): the minimum must be certified")
                continue
            }
            #expect(e.root.isExact && e.x.enclosure.contains(BigFloat(x, precision: 200)), "\(text)")
            #expect(e.value.enclosure.contains(BigFloat(value, precision: 200)), "\(text)")
            let zero = range.isolation.multipleZeros
            #expect(zero.count == 1)
            if case .multipleZero(let q, let m, _) = zero.first?.kind { #expect(q == x && m == 3) }
        }
    }

    @Test("a zero of even multiplicity is no extremum: x⁴ − x³ has its minimum at 3/4 and only a stationary point at 0; x³ is increasing")
    func evenMultiplicity() throws {
        let range = try GlobalRange(of: try ExprParser.parse("x^4 - x^3"), digits: 20)
        #expect(range.extrema.count == 1)
        guard case .attained(let e) = range.lower else {
            Issue.record("the minimum of x⁴ − x³ must be certified")
            return
        }
        // f(3/4) = 81/256 − 27/64 = −27/256, by exact rational arithmetic.
        let exact = Rational(81, 256) - Rational(27, 64)
        #expect(e.value.enclosure.contains(BigFloat(exact, precision: 200)))
        let cube = try ActivationProperties(try ExprParser.parse("x^3"), digits: 10)
        #expect(cube.monotonic.value == "yes (increasing)" && cube.monotonic.certified)
    }

    @Test("a multiple zero at an irrational point cannot be isolated, and the range says why instead of guessing")
    func irrationalMultipleZeroIsUndecided() throws {
        // f′ = 8x(x² − 2)³: triple zeros at ±√2, which no fraction matches.
        let range = try GlobalRange(of: try ExprParser.parse("(x^2 - 2)^4"), digits: 20)
        #expect(!range.isolation.isComplete)
        guard case .unknown(let why) = range.lower else {
            Issue.record("a multiple irrational zero of f′ must not yield a certified minimum")
            return
        }
        #expect(why.contains("could not be decided"))
    }

    @Test("a denominator with a positive root keeps the derivative as differentiated")
    func denominatorWithPositiveRoot() throws {
        let form = SignEquivalentForm(derivative: 1, of: try ExprParser.parse("1/(exp(x) - 2)"))
        #expect(!form.isExpRational)
    }

    @Test("a search range reports only the zeros inside it")
    func rangeSearch() throws {
        let zeros = try DerivativeZeros(of: mish, order: 2, range: (BigFloat(0), BigFloat(5)), digits: 20)
        #expect(zeros.zeros.count == 1 && zeros.zeros[0].root.x.text.hasPrefix("1.4905"))
    }
}

@Suite("Properties table")
struct PropertiesTests {
    @Test("tanh: range (−1, 1), increasing, identity near 0, saturating on both sides")
    func tanhProperties() throws {
        let p = try ActivationProperties(try ExprParser.parse("tanh(x)"))
        #expect(p.range.value == "(-1.00000, 1.00000)" && p.range.certified)
        #expect(p.monotonic.value == "yes (increasing)")
        #expect(p.monotonicDerivative.value == "no")
        #expect(p.identityNearOrigin.value.hasPrefix("yes") && p.identityNearOrigin.value.contains("f'(0) = 1"))
        #expect(p.saturation.value.contains("saturates to -1") && p.saturation.value.contains("saturates to 1"))
        #expect(p.continuity.value.hasPrefix("C^inf"))
        #expect(p.deadNeurons.value.hasPrefix("no"))
    }

    @Test("sigmoid: range (0, 1), f(0) = 1/2, f′(0) = 1/4, f′ not monotone (f″ = 0 at exactly 0)")
    func sigmoidProperties() throws {
        let p = try ActivationProperties(try ExprParser.parse("sigmoid(x)"))
        #expect(p.range.value == "(0, 1.00000)")
        #expect(p.monotonic.value == "yes (increasing)")
        #expect(p.monotonicDerivative.value == "no" && p.monotonicDerivative.how.contains("x = 0"))
        #expect(p.identityNearOrigin.value == "no: f(0) = 1/2, f'(0) = 1/4")
        #expect(p.saturation.value == "x -> -inf: saturates to 0; x -> +inf: saturates to 1.00000")
    }

    @Test("mish: f′(0) = 3/5 exactly, the minimum bounds the range, f′ not monotone")
    func mishProperties() throws {
        let p = try ActivationProperties(try ExprParser.parse("mish(x)"))
        #expect(p.identityNearOrigin.value == "no: f(0) = 0, f'(0) = 3/5")
        #expect(p.range.value.hasPrefix("[-0.308843, +inf)"))
        #expect(p.monotonic.value == "no" && p.monotonicDerivative.value == "no")
        let uncertified = p.cells.filter { !$0.cell.certified }.map(\.name)
        #expect(uncertified.isEmpty)
    }

    @Test("a singular expression is not claimed smooth")
    func singularExpression() throws {
        let p = try ActivationProperties(try ExprParser.parse("x + 1/x"))
        #expect(!p.continuity.certified)
    }
}
