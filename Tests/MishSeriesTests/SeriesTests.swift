import Foundation
import Testing
import MishNumbers
import MishSeries
import MishSymbolic
import MishTestSupport

@Suite("Series")
struct SeriesTests {
    static func rational(_ s: String) -> Rational { Rational(s)! }

    /// Cauchy's integral on the unit circle (trapezoid rule, 256 points; the poles of mish are at distance
    /// 2.38, of swish π, so the error is below 10⁻⁹⁶): cₖ = f⁽ᵏ⁾(0)/k!.
    static func cauchyCoefficients(_ f: Expr, count: Int, precision p: Int = 480) -> [BigFloat] {
        let derivatives = CauchyDerivatives.compute({ f.evaluate(at: $0) }, at: BigFloat(0, precision: p),
                                                    maxOrder: count - 1, precision: p)
        var factorial = Rational(1)
        return derivatives.enumerated().map { k, d in
            if k > 0 { factorial *= Rational(k) }
            return d / BigFloat(factorial, precision: p)
        }
    }

    @Test("exact Maclaurin coefficients k ≤ 60 agree with a Cauchy integral to 40 digits", arguments: ["mish(x)", "swish(x)", "tanh(x)*x + sigmoid(2*x)", "3/(2 + 2*exp(x))", "x^2*exp(-x)/(4 + exp(2*x))"])
    func maclaurinAgainstCauchy(_ text: String) throws {
        let f = try ExprParser.parse(text)
        let expansion = try TaylorExpansion.expand(f, order: 61)
        guard case .exact(let cs) = expansion.coefficients else { Issue.record("not exact"); return }
        let reference = SeriesTests.cauchyCoefficients(f, count: 61)
        for k in 0...60 {
            let c = BigFloat(cs[k], precision: 480)
            let ok = Accuracy.agreeingDigits(c, reference[k]) >= 40
                || (c - reference[k]).magnitude < BigFloat(Rational(1) / Rational(BigInt(10).power(60)), precision: 64)
            #expect(ok, "\(text): c\(k) = \(cs[k]) vs Cauchy \(reference[k])")
        }
    }

    @Test("the normal-form recurrence and series arithmetic over Q give the same coefficients")
    func twoExactRoutes() throws {
        for text in ["mish(x)", "swish(x)", "sigmoid(x)", "tanh(3*x)/(1 + exp(x))", "3/(2 + 2*exp(x))", "x/(6 + 3*exp(-x))"] {
            let f = try ExprParser.parse(text)
            let viaNormal = try ExpRational(f)!.maclaurinCoefficients(order: 40)
            if text == "mish(x)" {
                // softplus(0) = log 2 is irrational, so term-by-term arithmetic over Q cannot expand mish.
                #expect(throws: SeriesError.self) { try f.taylorSeries(at: Rational(0), order: 5) }
                let viaIntervals = try f.taylorSeries(at: BigInterval(0, precision: 300), order: 40).coefficients
                for (c, i) in zip(viaNormal, viaIntervals) { #expect(i.contains(BigFloat(c, precision: 600))) }
                continue
            }
            let viaSeries = try f.taylorSeries(at: Rational(0), order: 40).coefficients
            #expect(viaNormal == viaSeries, "\(text)")
        }
    }

    @Test("residues modulo primes and the integer recurrence give the same coefficients",
          arguments: ["mish(x)", "swish(x)", "x^2*exp(-x)/(4 + exp(2*x))", "tanh(x)*x + sigmoid(2*x)",
                      "3/(2 + 2*exp(x))", "x/(6 + 3*exp(-x))", "exp(3*x)*x^3 - 2*x", "1/(1 + exp(x) + exp(2*x) + exp(3*x))^2",
                      "mish(x)*mish(2*x)", "1/(10 + exp(x))", "1/(1 + 1/1000 * exp(x))", "1/(exp(x) - 101/100)"])
    func residuesAgainstRecurrence(_ text: String) throws {
        let f = try ExpRational(ExprParser.parse(text))!
        for order in [1, 2, 7, 150, 300] {
            let viaRecurrence = try f.maclaurinCoefficients(order: order, method: .recurrence)
            let viaResidues = try f.maclaurinCoefficients(order: order, method: .residues)
            #expect(viaRecurrence == viaResidues, "\(text) to order \(order)")
        }
    }

    @Test("long expansions take the residue route and agree with the recurrence")
    func longExpansionRoute() throws {
        let order = MaclaurinMethod.residuesFromOrder + 20
        let expansion = try TaylorExpansion.expand(Expr.mish, order: order)
        guard case .exact(let cs) = expansion.coefficients else { Issue.record("not exact"); return }
        #expect(expansion.method.contains("primes"))
        #expect(cs == (try ExpRational(Expr.mish)!.maclaurinCoefficients(order: order, method: .recurrence)))
        let short = try TaylorExpansion.expand(Expr.mish, order: MaclaurinMethod.residuesFromOrder - 1)
        #expect(short.method.contains("recurrence"))
    }

    @Test("gelu and erf: interval coefficients enclose the Cauchy values")
    func irrationalCoefficients() throws {
        for text in ["gelu(x)", "erf(x)", "exp(x)*erf(x/2)"] {
            let f = try ExprParser.parse(text)
            let expansion = try TaylorExpansion.expand(f, order: 30, precision: 400)
            guard case .enclosures(let cs) = expansion.coefficients else { Issue.record("\(text) should not be exact"); continue }
            let reference = SeriesTests.cauchyCoefficients(f, count: 30, precision: 400)
            for k in 0..<30 {
                let mid = cs[k].midpoint
                let ok = Accuracy.agreeingDigits(mid, reference[k]) >= 40 || (mid - reference[k]).magnitude < BigFloat(1e-60)
                #expect(ok, "\(text): c\(k) = \(mid) vs \(reference[k])")
                #expect(cs[k].width < BigFloat(1e-80) || cs[k].width <= cs[k].midpoint.magnitude.scaled(byPowerOfTwo: -250))
            }
        }
    }

    /// The partial sum S_N(x) misses mish(x) by about (x/R)^N: the measured decay rate per term is ln(x/R).
    @Test("partial sums at x = 0.5, 1, 2 converge at the rate the radius predicts")
    func partialSumsConvergeAtThePredictedRate() throws {
        let expansion = try TaylorExpansion.expand(Expr.mish, order: 161)
        guard case .exact(let cs) = expansion.coefficients, let radius = expansion.radius else { Issue.record(); return }
        let r = try BigFloat(parsing: try radius.value(digits: 30).text, precision: 200).toDouble()
        let p = 800
        for xText in ["0.5", "1", "2"] {
            let x = BigFloat(SeriesTests.rational(xText), precision: p)
            let exact = x.mish(precision: p)
            func error(_ n: Int) -> Double {
                var s = BigFloat(0, precision: p)
                for k in stride(from: n - 1, through: 0, by: -1) { s = s * x + BigFloat(cs[k], precision: p) }
                return (s - exact).magnitude.log().toDouble()
            }
            // Average over a window of 20 terms: the conjugate pair of poles makes single terms oscillate.
            let window = 20
            let early = (80..<(80 + window)).map(error).reduce(0, +) / Double(window)
            let late = (140..<(140 + window)).map(error).reduce(0, +) / Double(window)
            let measured = (late - early) / 60
            let predicted = Foundation.log(x.toDouble() / r)
            #expect(abs(measured - predicted) < 0.05 * abs(predicted) + 0.01, "x = \(xText): rate \(measured), predicted \(predicted)")
        }
        // Beyond the radius the terms grow.
        let x = 2.6
        #expect(abs(cs[160].doubleValue) * pow(x, 160) > abs(cs[100].doubleValue) * pow(x, 100))
    }

    @Test("the coefficient fit estimates the radius to many digits; the closed form is |½ ln 2 + 3πi/4| for mish")
    func radiusEstimate() throws {
        let expansion = try TaylorExpansion.expand(Expr.mish, order: 400)
        guard case .exact(let cs) = expansion.coefficients, let radius = expansion.radius else { Issue.record(); return }
        let value = try radius.value(digits: 60)
        #expect(value.isCertified)
        let estimate = try #require(ConvergenceRadius.estimate(from: cs, precision: 600))
        let exact = try BigFloat(parsing: value.text, precision: 600)
        #expect(Accuracy.agreeingDigits(estimate, exact) > 55)
        // The closed form's value, from the roots −1 ± i of u² + 2u + 2 computed numerically (Durand–Kerner).
        #expect(Accuracy.agreeingDigits(radius.numeric(400), exact) > 58)
    }

    /// At +∞ the terms fall like (√2·e^(−x))ᵏ, at −∞ like (eˣ/√2)ᵏ: N terms give about N·(−log₁₀ ratio) digits.
    @Test("expansions at ±∞ match mish at ±2 and ±8 to the predicted digits, and diverge across ½ ln 2")
    func asymptoticExpansions() throws {
        let normal = try #require(ExpRational(Expr.mish))
        let p = 800
        for (direction, xs) in [(AsymptoticExpansion.Direction.plusInfinity, ["2", "8"]), (.minusInfinity, ["-2", "-8"])] {
            let n = 60
            let expansion = try normal.asymptoticExpansion(direction, order: n)
            for xText in xs {
                let q = SeriesTests.rational(xText)
                let x = BigFloat(q, precision: p)
                let sum = expansion.partialSum(at: BigInterval(q, precision: p)).midpoint
                let ratio = 2.0.squareRoot() * Foundation.exp(-abs(x.toDouble()))
                let predicted = Double(n) * -Foundation.log10(ratio) - 5
                #expect(Accuracy.agreeingDigits(sum, x.mish(precision: p)) > min(predicted, 200), "\(direction) at \(xText)")
            }
            let boundary = try expansion.radius.value(digits: 30)
            let half = (BigFloat.ln2(precision: 200) / BigFloat(2, precision: 2)).decimalString(significantDigits: 30)
            #expect(boundary.text == half && boundary.isCertified)
        }
        // Just inside the other side of the boundary the +∞ expansion diverges: more terms, larger error.
        let plus = try normal.asymptoticExpansion(.plusInfinity, order: 200)
        let shortPlus = try normal.asymptoticExpansion(.plusInfinity, order: 100)
        let x = SeriesTests.rational("0.2")
        let exact = BigFloat(x, precision: p).mish(precision: p)
        let errLong = (plus.partialSum(at: BigInterval(x, precision: p)).midpoint - exact).magnitude
        let errShort = (shortPlus.partialSum(at: BigInterval(x, precision: p)).midpoint - exact).magnitude
        #expect(errLong > errShort && errLong > BigFloat(1))
    }

    @Test("expansions at ±∞ of other exp-rational expressions match direct evaluation inside their regions")
    func otherAsymptoticExpansions() throws {
        for text in ["3/(2 + 2*exp(x))", "swish(x)", "x^2*exp(-x)/(4 + exp(2*x))", "tanh(x) + x*sigmoid(3*x)"] {
            let f = try ExprParser.parse(text)
            let normal = try #require(ExpRational(f))
            for (direction, x) in [(AsymptoticExpansion.Direction.plusInfinity, Rational(6)), (.minusInfinity, Rational(-6))] {
                let e = try normal.asymptoticExpansion(direction, order: 40)
                let sum = e.partialSum(at: BigInterval(x, precision: 400)).midpoint
                let direct = f.evaluate(at: BigFloat(x, precision: 400), precision: 400)
                let ok = Accuracy.agreeingDigits(sum, direct) > 30 || (sum - direct).magnitude < BigFloat(1e-40)
                #expect(ok, "\(text) \(direction) at \(x): \(sum) vs \(direct)")
            }
        }
    }

    @Test("series arithmetic: exp∘log, reciprocal, composition and powers satisfy their identities")
    func arithmeticIdentities() throws {
        let n = 30
        let x = TruncatedSeries<Rational>.variable(at: 0, order: n)
        let one = TruncatedSeries<Rational>.constant(1, order: n)
        let f = one + x + x * x.scaled(by: Rational(3, 7))
        #expect((f * (try f.reciprocal())).coefficients == one.coefficients)
        #expect((try (try f.log()).exp()).coefficients == f.coefficients)
        #expect((try f.power(3)).coefficients == (f * f * f).coefficients)
        let sqrt = try f.power(Rational(1, 2)) { c, q in c.exactRoot(Int(q.denominator.description)!)!.power(Int(q.numerator.description)!) }
        #expect((sqrt * sqrt).coefficients == f.coefficients)
        let g = x - x * x
        let composed = try (try x.exp()).composed(with: g)
        #expect(composed.coefficients == (try g.exp()).coefficients)
        // 1/(1 − x) = Σ xᵏ.
        #expect((try (one - x).reciprocal()).coefficients == Array(repeating: Rational(1), count: n))
    }
}
