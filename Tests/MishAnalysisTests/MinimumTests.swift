import Testing
import MishAnalysis
import MishNumbers
import MishSymbolic
import MishTestSupport

/// Digits of a decimal string without sign, point or exponent, first `n` of them.
private func leadingDigits(_ text: String, _ n: Int) -> String {
    String(text.filter(\.isNumber).drop { $0 == "0" }.prefix(n))
}

/// The left end of [−2, −1] bisected at p bits until it is within 2⁻ᵖ of the sign change of `sign`: negative left of
/// the root, nonnegative right of it.
private func bisectedRoot(precision p: Int, _ sign: (BigFloat) -> Int) -> BigFloat {
    var lo = BigFloat(-2, precision: p), hi = BigFloat(-1, precision: p)
    for _ in 0..<(p + 4) {
        let mid = lo.adding(hi, precision: p + 1).value.scaled(byPowerOfTwo: -1).rounded(toPrecision: p)
        if sign(mid) < 0 { lo = mid } else { hi = mid }
    }
    return lo
}

@Suite("Certified global minimum")
struct MinimumTests {
    let mish = try! ExprParser.parse("mish(x)")

    @Test("the minimum of mish is certified global, with one critical point on the real line")
    func mishMinimumIsGlobal() throws {
        let range = try GlobalRange(of: mish, digits: 40)
        #expect(range.isolation.coversRealLine)
        #expect(range.extrema.count == 1)
        guard case .attained(let m) = range.lower else {
            Issue.record("no certified minimum: \(range.lower)")
            return
        }
        #expect(m.kind == .minimum && m.x.isCertified && m.value.isCertified)
        #expect(m.x.text.hasPrefix("-1.1924") && m.value.text.hasPrefix("-0.30884"))
        guard case .limit(let sup) = range.upper else {
            Issue.record("sup of mish should be the limit at +inf")
            return
        }
        #expect(sup.direction == 1 && sup.isInfinite)
    }

    /// The certified sign of gelu′ on x ≤ −16 checked at points far out in 4096-bit MPFR (gelu′(−64) ≈ −10⁻⁸⁸⁸,
    /// the sum of terms near ±1/2 cancelling to 2⁻²⁹⁵⁰, within the precision), and the certified minimum
    /// against a grid of MPFR values on [−3, 0].
    @Test("gelu's minimum is certified global: its left tail by the Gaussian-tail enclosure")
    func geluMinimumIsGlobal() throws {
        let gelu = try ExprParser.parse("gelu(x)")
        let range = try GlobalRange(of: gelu, digits: 30)
        #expect(range.isolation.coversRealLine)
        #expect(range.isolation.leftTailMethod?.contains("Gaussian") == true)
        let derivative = gelu.derivative()
        for x in ["-16.5", "-20", "-40", "-64"] {
            let v = derivative.evaluate(at: BigFloat(Rational(x)!, precision: 4096), precision: 4096)
            #expect(v.signum == range.isolation.leftTailSign, "gelu′(\(x)) = \(v.toDouble())")
        }
        guard case .attained(let m) = range.lower else { Issue.record("no certified minimum: \(range.lower)"); return }
        let lowest = m.value.enclosure.lower
        var smallest = BigFloat(1, precision: 200)
        for i in 0...3000 {
            let x = BigFloat(Rational(-3) + Rational(i, 1000), precision: 200)
            let v = gelu.evaluate(at: x, precision: 200)
            #expect(v >= lowest, "gelu(\(x.toDouble())) below the certified minimum")
            smallest = BigFloat.min(smallest, v)
        }
        #expect((smallest - lowest).toDouble() < 1e-6)
    }

    /// x·e^(−x²): f′ = (1 − 2x²)e^(−x²) vanishes at ±1/√2 exactly, and f → 0 at both ends (the limit rule for
    /// terms that are exp-rational times a Gaussian).
    @Test("Gaussian families: x·e^(−x²) at −1/√2 with zero limits, x²·e^(−x²) attains 0, a shifted Gaussian, e^(x − x²/2)")
    func gaussianMinimum() throws {
        let f = try ExprParser.parse("x*exp(-x^2)")
        let range = try GlobalRange(of: f, digits: 30)
        guard case .attained(let m) = range.lower, case .attained(let top) = range.upper else {
            Issue.record("not certified: \(range.lower), \(range.upper)"); return
        }
        let root = BigFloat(Rational(1, 2), precision: 200).squareRoot()
        #expect(m.x.enclosure.contains(-root) && top.x.enclosure.contains(root))
        let value = -(root * (BigFloat(Rational(-1, 2), precision: 200)).exp())
        #expect(m.value.enclosure.contains(value))
        for end in [range.limitMinus, range.limitPlus] {
            let limit = try #require(end)
            #expect(limit.value.enclosure.isPoint && limit.value.enclosure.lower.isZero)
        }
        // x²·e^(−x²) ≥ 0 = f(0), and its limits at ±∞ are 0 too: the attained value is the minimum.
        let square = try GlobalRange(of: try ExprParser.parse("x^2*exp(-x^2)"), digits: 20)
        guard case .attained(let zero) = square.lower else { Issue.record("x²e^(−x²): \(square.lower)"); return }
        #expect(zero.x.text == "0" && zero.value.enclosure.isPoint && zero.value.enclosure.lower.isZero)
        // e^(x − x²/2): g·e^(x²/2) = (1 − x)·eˣ keeps its sign on x ≤ −16 once eˣ is divided out; the
        // maximum is at x = 1 exactly and the infimum 0 is a limit.
        let shifted = try GlobalRange(of: try ExprParser.parse("exp(x - x^2/2)"), digits: 20)
        #expect(shifted.isolation.coversRealLine)
        guard case .attained(let peak) = shifted.upper, case .limit(let floor) = shifted.lower else {
            Issue.record("e^(x − x²/2): \(shifted.lower), \(shifted.upper)"); return
        }
        #expect(peak.x.text == "1" && floor.value.enclosure.isPoint && floor.value.enclosure.lower.isZero)
        // A shifted Gaussian: f′ = (1 − 2x(x − 3))·e^(−(x−3)²) vanishes where 2x² − 6x − 1 = 0, at (6 ∓ √44)/4.
        let bump = try GlobalRange(of: try ExprParser.parse("x*exp(-(x-3)^2)"), digits: 25)
        guard case .attained(let low) = bump.lower else { Issue.record("x·e^(−(x−3)²): \(bump.lower)"); return }
        let exact = (BigFloat(6, precision: 200) - BigFloat(44, precision: 200).squareRoot()) / BigFloat(4, precision: 200)
        #expect(low.x.enclosure.contains(exact))
        // gelu′ tends to 0 and 1: the erf term by its own limit, x·e^(−x²/2)/√(2π) by the Gaussian rule.
        let geluPrime = try ExprParser.parse("gelu(x)").derivative()
        let atMinus = try #require(Limit.of(geluPrime, direction: -1, digits: 20))
        let atPlus = try #require(Limit.of(geluPrime, direction: 1, digits: 20))
        #expect(atMinus.value.enclosure.contains(BigFloat(0, precision: 64)))
        #expect(atPlus.value.enclosure.contains(BigFloat(1, precision: 64)))
        let far = geluPrime.evaluate(at: BigFloat(40, precision: 400), precision: 400)
        #expect((far - BigFloat(1, precision: 400)).magnitude < BigFloat(Rational(1, 1_000_000), precision: 64))
    }

    /// x·σ(1.702x) and (x + 1)·σ(x/2) − x are not exp-rational in eˣ, and the functions' own limits meet −∞·0 and
    /// ∞ − ∞; in y = c·x (c = 851/500, 1/2) they are, and their exact limits hold for x.
    @Test("limits at ±∞ through the scaled argument y = c·x: x·σ(1.702x) → 0 and +∞, (x + 1)·σ(x/2) − x → +∞ and 1")
    func limitsOfScaledArguments() throws {
        let quick = try ExprParser.parse("x*sigmoid(1.702*x)")
        let minus = try #require(Limit.of(quick, direction: -1, digits: 20))
        let plus = try #require(Limit.of(quick, direction: 1, digits: 20))
        #expect(minus.value.enclosure.isPoint && minus.value.enclosure.lower.isZero)
        #expect(plus.isInfinite && plus.value.enclosure.lower.signum > 0)
        let tiny = quick.enclosure(at: BigInterval(BigFloat(-200, precision: 64)), precision: 128)
        #expect(tiny.upper.signum < 0 && tiny.lower > BigFloat(-1e-140, precision: 64))
        let shifted = try ExprParser.parse("(x + 1)*sigmoid(x/2) - x")
        let left = try #require(Limit.of(shifted, direction: -1, digits: 20))
        let right = try #require(Limit.of(shifted, direction: 1, digits: 20))
        #expect(left.isInfinite && left.value.enclosure.lower.signum > 0)
        #expect(right.value.enclosure.isPoint && right.value.enclosure.lower == BigFloat(1, precision: 64))
        // Independently: the function itself far out, by interval evaluation.
        let far = shifted.enclosure(at: BigInterval(BigFloat(200, precision: 64)), precision: 256)
        #expect((far.midpoint - BigFloat(1, precision: 64)).magnitude < BigFloat(Rational(1, 10_000_000), precision: 64))
    }

    /// gelu and gelu′ fall below MPFR's exponent range far left (gelu′(−37 000) ≈ 2^(−9.9·10⁸)); beyond the far-tail
    /// point both are below 2⁻²²⁰⁰ and negative. Independently: interval enclosures at the point and twice as far.
    @Test("far tails: beyond a proven point gelu and gelu′ stay below 2^-2200 with their sign (−0)")
    func farTailOfGelu() throws {
        let gelu = try ExprParser.parse("gelu(x)")
        for h in [gelu, gelu.derivative()] {
            let tail = try #require(Limit.farTail(of: h, direction: -1), "\(h)")
            #expect(tail.zero.isZero && tail.zero.hasSignBit && tail.threshold < -16)
            let bound = BigFloat(1, precision: 64).scaled(byPowerOfTwo: -2200)
            for x in [tail.threshold, 2 * tail.threshold] {
                let e = h.enclosure(at: BigInterval(BigFloat(x, precision: 64)), precision: 256)
                #expect(e.upper.signum < 0 && e.lower.magnitude < bound, "\(h) at \(x)")
            }
        }
        #expect(Limit.farTail(of: try ExprParser.parse("softplus(x)"), direction: 1) == nil, "softplus grows: no far tail")
    }

    /// x·σ(x) meets −∞·0 alone but has a normal form; softplus has its own limits: term by term 0 + 0 at −∞ and
    /// ∞ + ∞ at +∞. x·σ(x) − softplus(x) is ∞ − ∞ at +∞: no limit is claimed there. Independently: the sum at x = −40
    /// by interval evaluation, within 1e-15 of 0.
    @Test("limits term by term: x·σ(x) + softplus(x) → 0 and +∞; ∞ − ∞ is left open")
    func termwiseLimits() throws {
        let sum = try ExprParser.parse("x*sigmoid(x) + softplus(x)")
        let minus = try #require(Limit.of(sum, direction: -1, digits: 20))
        let plus = try #require(Limit.of(sum, direction: 1, digits: 20))
        #expect(minus.value.enclosure.isPoint && minus.value.enclosure.lower.isZero)
        #expect(plus.isInfinite && plus.value.enclosure.lower.signum > 0)
        let near = sum.enclosure(at: BigInterval(BigFloat(-40, precision: 64)), precision: 128)
        #expect(near.lower.magnitude < BigFloat(1e-15, precision: 64) && near.upper.magnitude < BigFloat(1e-15, precision: 64))
        #expect(Limit.of(try ExprParser.parse("x*sigmoid(x) - softplus(x)"), direction: 1, digits: 20) == nil)
    }

    /// A zero limit takes the sign of f on that tail: softplus > 0 (its own tail interval holds 0; softplus′ = σ > 0
    /// on it, so softplus rises from 0), gelu < 0 and gelu′ < 0 at −∞, QuickGELU < 0 (through y = 1.702x).
    /// Independently: the sign of an enclosure of f at x = −30.
    @Test("signed values at ±∞ for a reference: zero limits carry the tail's sign, proven by the isolation of f or f′")
    func signedLimitValues() throws {
        for text in ["softplus(x)", "gelu(x)", "x*sigmoid(1.702*x)", "logsigmoid(x)"] {
            let f = try ExprParser.parse(text)
            for h in [f, f.derivative()] {
                guard let v = Limit.signedValue(of: h, direction: -1) else { continue }
                guard v.isZero else { continue }
                let near = h.enclosure(at: BigInterval(BigFloat(-30, precision: 64)), precision: 256)
                #expect(!near.containsZero && (near.lower.signum < 0) == v.hasSignBit, "\(h) at -inf: \(v)")
            }
            let atMinus = try #require(Limit.signedValue(of: f, direction: -1), "\(text)")
            #expect(atMinus.isZero || atMinus.isInfinite)
            let atPlus = try #require(Limit.signedValue(of: f, direction: 1), "\(text)")
            #expect(atPlus.isInfinite || atPlus.isZero)
        }
        #expect(Limit.signedValue(of: try ExprParser.parse("softplus(x)"), direction: -1)?.hasSignBit == false)
        #expect(Limit.signedValue(of: try ExprParser.parse("gelu(x)"), direction: -1)?.hasSignBit == true)
    }

    /// e^(−x²/2)·(x + 20) vanishes at −20, inside the tail x ≤ −16: no sign may be claimed there.
    @Test("the Gaussian-tail enclosure claims no sign on a tail that holds a zero")
    func gaussianTailWithAZero() throws {
        let g = try ExprParser.parse("exp(-x^2/2)*(x + 20)")
        let form = SignEquivalentForm(derivative: 0, of: g)
        let iso = RootIsolation.search(form, from: BigFloat(-16, precision: 64), to: BigFloat(16, precision: 64), tails: true)
        #expect(iso.leftTailSign == nil)
        #expect(iso.rightTailSign == 1)
        let shifted = try ExprParser.parse("exp(-x^2/2)*(x + 12)")
        let proven = RootIsolation.search(SignEquivalentForm(derivative: 0, of: shifted), from: BigFloat(-16, precision: 64),
                                          to: BigFloat(16, precision: 64), tails: true)
        #expect(proven.leftTailSign == -1 && proven.leftTailMethod?.contains("Gaussian") == true)
    }

    @Test("the simplest form of mish′ = 0 is u³ + 4u² + 6u + 4 + 4x(u + 1) = 0")
    func mishDerivativeForm() throws {
        let form = SignEquivalentForm(derivative: 1, of: mish)
        #expect(form.isExpRational)
        let expected = try ExprParser.parse("exp(3*x) + 4*exp(2*x) + 6*exp(x) + 4 + 4*x*(exp(x) + 1)")
        for x in stride(from: -30.0, through: 20.0, by: 0.7) {
            let a = form.g.evaluate(at: x), b = expected.evaluate(at: x)
            #expect(abs(a - b) <= 1e-12 * max(1, abs(b)))
        }
    }

    @Test("50 digits of x* agree with the fixed-point iteration x = −(u³+4u²+6u+4)/(4(u+1))")
    func fixedPointAgrees() throws {
        let range = try GlobalRange(of: mish, digits: 50)
        let p = 260
        var x = BigFloat(-1.2, precision: p)
        for _ in 0..<400 {
            let u = x.exp(precision: p)
            let n = u.pow(3, precision: p) + BigFloat(4, precision: p) * u.pow(2, precision: p)
                + BigFloat(6, precision: p) * u + BigFloat(4, precision: p)
            x = -(n / (BigFloat(4, precision: p) * (u + BigFloat(1, precision: p))))
        }
        let fixed = x.decimalString(significantDigits: 55)
        #expect(leadingDigits(range.extrema[0].x.text, 48) == leadingDigits(fixed, 48))
    }

    @Test("Newton's x* agrees with bisection on the raw derivative at twice the digits")
    func bisectionAgrees() throws {
        let digits = 30
        let range = try GlobalRange(of: mish, digits: digits)
        let raw = mish.derivative()
        let p = BigFloat.precision(forDecimalDigits: 2 * digits) + 16
        let lo = bisectedRoot(precision: p) { raw.evaluate(at: $0, precision: p + 32).signum }
        let bisected = lo.decimalString(significantDigits: 2 * digits)
        let newton = range.extrema[0].x.text
        #expect(leadingDigits(newton, digits - 1) == leadingDigits(bisected, digits - 1))
    }

    /// QuickGELU has no exp-rational form in eˣ and its tails defeat interval evaluation (−∞·0); in y = 1.702x it is
    /// y·σ(y)/1.702, whose minimum solves 1 + y + e^y = 0. Independently: bisection on that in MPFR, x* = y*/1.702,
    /// and f(x*) by interval evaluation of the original expression.
    @Test("x·σ(1.702x): the minimum is certified global through y = 1.702x, and agrees with bisection on 1 + y + e^y")
    func scaledArgumentMinimum() throws {
        let quick = try ExprParser.parse("x*sigmoid(1.702*x)")
        let digits = 30
        let range = try GlobalRange(of: quick, digits: digits)
        #expect(range.isolation.coversRealLine && range.scaledArgument?.scale == Rational(851, 500))
        guard case .attained(let m) = range.lower, case .limit(let sup) = range.upper else {
            Issue.record("QuickGELU: \(range.lower), \(range.upper)"); return
        }
        #expect(m.kind == .minimum && m.x.isCertified && m.value.isCertified && sup.isInfinite)
        let p = BigFloat.precision(forDecimalDigits: 2 * digits) + 16
        let lo = bisectedRoot(precision: p) { y in
            y.exp(precision: p + 32).adding(y, precision: p + 32).value.adding(BigFloat(1, precision: 2), precision: p + 32).value.signum
        }
        let x = lo.divided(by: BigFloat(Rational(851, 500), precision: p + 32), precision: p).value
        #expect(leadingDigits(m.x.text, digits - 1) == leadingDigits(x.decimalString(significantDigits: 2 * digits), digits - 1))
        let value = quick.enclosure(at: BigInterval(x), precision: p + 32)
        #expect(leadingDigits(m.value.text, digits - 1) == leadingDigits(value.midpoint.decimalString(significantDigits: 2 * digits), digits - 1))
        #expect(range.certificate.first?.contains("y = 851/500*x") == true)
    }

    /// g = f′ = softplus + x·σ meets −∞·0 over the left tail, but g′ = 2σ + x·σ·(1 − σ) is exp-rational: beyond its
    /// last zero g is monotone between g(−16) < 0 and its limit 0, so the tail has no zero. The limit of f at −∞
    /// (−∞·0) stays unknown, but f increases toward that end, so it bounds only the sup, which is +∞ at +∞ anyway.
    /// Independently: bisection on the raw derivative in MPFR.
    @Test("x·softplus(x): the left tail of f′ is proven through f″ and the limit, and the minimum is certified global")
    func tailThroughTheDerivativesLimit() throws {
        let f = try ExprParser.parse("x*softplus(x)")
        let digits = 25
        let range = try GlobalRange(of: f, digits: digits)
        #expect(range.isolation.coversRealLine && range.isolation.leftTailMethod?.contains("its limit") == true)
        guard case .attained(let m) = range.lower, case .limit(let sup) = range.upper else {
            Issue.record("x·softplus: \(range.lower), \(range.upper)"); return
        }
        #expect(m.kind == .minimum && sup.isInfinite && range.limitMinus == nil)
        let raw = f.derivative()
        let p = BigFloat.precision(forDecimalDigits: 2 * digits) + 16
        let lo = bisectedRoot(precision: p) { raw.evaluate(at: $0, precision: p + 32).signum }
        #expect(leadingDigits(m.x.text, digits - 1) == leadingDigits(lo.decimalString(significantDigits: 2 * digits), digits - 1))
    }

    @Test("the enclosure at D digits contains x* and f(x*) computed at 2D digits")
    func enclosureContainsFinerResult() throws {
        let coarse = try GlobalRange(of: mish, digits: 25).extrema[0]
        let fine = try GlobalRange(of: mish, digits: 50).extrema[0]
        #expect(coarse.x.enclosure.contains(fine.x.enclosure.midpoint))
        #expect(coarse.value.enclosure.contains(fine.value.enclosure.midpoint))
        #expect(fine.x.enclosure.width < coarse.x.enclosure.width)
    }

    @Test("two minima: the full search certifies the lower one; a search that misses it cannot certify")
    func certificateFailsWhenAMinimumIsMissed() throws {
        let f = try ExprParser.parse("(x^2 - 1)^2 + x/4")
        let full = try GlobalRange(of: f, digits: 20)
        #expect(full.extrema.filter { $0.kind == .minimum }.count == 2)
        guard case .attained(let m) = full.lower else {
            Issue.record("the full search should certify the global minimum: \(full.lower)")
            return
        }
        #expect(m.x.text.hasPrefix("-1.0"))
        let exact = f.substituting(x: .number(-1)).evaluate(at: 0)
        #expect(m.value.enclosure.upper.toDouble() < exact)

        let partial = try GlobalRange(of: f, digits: 20, searchRange: (BigFloat(0.5), BigFloat(2)))
        #expect(partial.extrema.count == 1)
        guard case .unknown(let why) = partial.lower else {
            Issue.record("a search that finds only the minimum near +1 must not certify it as global")
            return
        }
        #expect(why.contains("x <= "))
    }

    @Test("minima far out, where Newton's steps on eˣ shrink to about 1 each: e^x/10^k - x at x* = k·ln 10")
    func distantMinimum() throws {
        for k in [120, 300] {
            let range = try GlobalRange(of: try ExprParser.parse("exp(x)/10^\(k) - x"), digits: 40)
            let minimum = try #require(range.extrema.first)
            let p = BigFloat.precision(forDecimalDigits: 50)
            let expected = BigFloat(10, precision: 64).log(precision: p).multiplied(by: BigFloat(k, precision: 64), precision: p).value
            #expect(leadingDigits(minimum.x.text, 39) == leadingDigits(expected.decimalString(significantDigits: 45), 39))
        }
    }

    @Test("a tiny minimum far from 0 is decided to D digits: (x − 1000)² + e^(x − 2000) has f(x*) = e^(−1000)(1 − e^(−1000)/4 + …)")
    func tinyValueFarOut() throws {
        let range = try GlobalRange(of: try ExprParser.parse("(x - 1000)^2 + exp(x - 2000)"), digits: 30)
        guard case .attained(let m) = range.lower else { Issue.record("not attained: \(range.lower)"); return }
        #expect(m.value.isCertified)
        let expected = BigFloat(-1000, precision: 64).exp(precision: 200).decimalString(significantDigits: 30)
        #expect(m.value.text == expected)
    }

    @Test("a zero at a small fraction is exact: (3x + 7)² + 1 at −7/3 with value 1, (x − 1/3)² with value 0")
    func fractionalExactZero() throws {
        for (text, x, value) in [("(3*x + 7)^2 + 1", Rational(-7, 3), Rational(1)), ("(x - 1/3)^2", Rational(1, 3), Rational(0))] {
            let range = try GlobalRange(of: try ExprParser.parse(text), digits: 25)
            guard case .attained(let m) = range.lower else { Issue.record("\(text): \(range.lower)"); return }
            #expect(m.root.isExact && m.x.isCertified && m.value.isCertified)
            #expect(m.x.text == BigFloat(x, precision: 200).decimalString(significantDigits: 25))
            #expect(m.value.enclosure.contains(BigFloat(value, precision: 200)) && m.value.enclosure.width.isZero)
        }
    }

    @Test("digits that enclosures cannot decide are not a certified minimum: (e^x − 2)² at ln 2, value 0")
    func undecidedValueIsNotCertified() throws {
        let range = try GlobalRange(of: try ExprParser.parse("(exp(x) - 2)^2"), digits: 25)
        guard case .unknown(let why) = range.lower else { Issue.record("certified: \(range.lower)"); return }
        #expect(why.contains("f(x*)") && why.contains("not certified"))
        let ln2 = BigFloat(2, precision: 64).log(precision: 200).decimalString(significantDigits: 25)
        #expect(range.extrema.first?.x.text == ln2)
    }

    @Test("a function unbounded below has no lower bound; one with no critical point has no extrema")
    func unboundedAndMonotone() throws {
        let cubic = try GlobalRange(of: try ExprParser.parse("x^3 - 3*x"), digits: 20)
        #expect(cubic.extrema.count == 2)
        if case .limit(let l) = cubic.lower { #expect(l.isInfinite && l.direction == -1) } else {
            Issue.record("x^3 - 3x is unbounded below: \(cubic.lower)")
        }
        let softplus = try GlobalRange(of: try ExprParser.parse("softplus(x)"), digits: 20)
        #expect(softplus.extrema.isEmpty)
        if case .limit(let l) = softplus.lower { #expect(l.value.text == "0" && l.direction == -1) } else {
            Issue.record("softplus has infimum 0, not attained: \(softplus.lower)")
        }
    }
}
