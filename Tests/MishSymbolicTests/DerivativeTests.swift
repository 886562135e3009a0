import Foundation
import Testing
import MishNumbers
import MishSymbolic
import MishTestSupport

@Suite("Derivative")
struct DerivativeTests {
    static let expressions = [
        "mish(x)", "swish(x)", "x^3 - 2*x", "exp(-x^2/2)", "log1p(x^2)", "sqrt(1 + x^2)", "tanh(x)*sinh(x)/cosh(x)",
        "erf(x)", "sigmoid(x)", "softplus(x)", "x^x", "1/(1 + x^2)", "expm1(x)/x", "log(2 + sigmoid(x))",
        "x*tanh(log1p(exp(x)))", "mish(mish(x))", "x^(3/2)", "pi^x", "e^x", "gelu(x)", "sech(x)", "logsigmoid(x)",
    ]

    /// 22 points over [−60, 60], including −1.19 (near the minimum), 0, 20 and 40.
    static let points = ["-60", "-40", "-20", "-10", "-5", "-3", "-2", "-3/2", "-1.19", "-1", "-1/2", "0", "0.3",
                         "1/2", "1", "2", "3", "5", "10", "20", "40", "60"]

    /// A central difference (f(x+h) − f(x−h))/2h at 400 bits with h = 10⁻³⁰ has error O(h²) ≈ 10⁻⁶⁰.
    static func centralDifference(_ f: Expr, at x: Rational) -> BigFloat {
        let p = 400
        let h = Rational(1) / Rational(BigInt(10).power(30))
        let up = f.evaluate(at: BigFloat(x + h, precision: p), precision: p)
        let down = f.evaluate(at: BigFloat(x - h, precision: p), precision: p)
        return (up - down) / BigFloat(h * 2, precision: p)
    }

    /// At least 30 significant digits, or an absolute difference below 10⁻⁴⁵ (for values near zero).
    static func agree(_ a: BigFloat, _ b: BigFloat) -> Bool {
        if Accuracy.agreeingDigits(a, b) >= 30 { return true }
        let diff = a.subtracting(b, precision: 600).value.magnitude
        return diff < BigFloat(Rational(1) / Rational(BigInt(10).power(45)), precision: 200)
    }

    @Test("the raw derivative agrees with a central difference to 40 digits", arguments: expressions)
    func againstCentralDifference(_ text: String) throws {
        let f = try ExprParser.parse(text)
        let df = f.derivative()
        for point in ["0.3", "1.25", "2", "3.5"] {
            let x = try Rational(parsing: point)
            let symbolic = try #require(Oracle.value(digits: 45) { df.evaluate(at: BigFloat(x, precision: $0), precision: $0) })
            let numeric = DerivativeTests.centralDifference(f, at: x)
            #expect(Accuracy.agreeingDigits(numeric, symbolic) > 40, "d/dx \(text) at \(point): \(symbolic) vs \(numeric)")
        }
    }

    /// Orders 1…12 at 22 points: the normal form (polynomials in u = eˣ) against Cauchy's integral over a
    /// circle of radius 1 (the poles of mish are ≥ 3π/4 and those of swish ≥ π from the real axis), and
    /// the raw chain-rule derivative against the normal form.
    @Test("orders 1…12 over [−60, 60]: normal form = Cauchy integral = raw derivative", arguments: ["mish(x)", "swish(x)"])
    func ordersOneToTwelve(_ text: String) throws {
        let f = try ExprParser.parse(text)
        let normal = try #require(ExpRational(f))
        let p = 400
        var normals = [normal]
        var raws = [f]
        for _ in 1...12 {
            normals.append(normals.last!.derivative())
            raws.append(raws.last!.derivative())
        }
        for point in DerivativeTests.points {
            let x = try Rational(parsing: point)
            let cauchy = CauchyDerivatives.compute({ f.evaluate(at: $0) }, at: BigFloat(x, precision: p),
                                                  maxOrder: 12, precision: p)
            let xi = BigInterval(x, precision: p)
            for n in 1...12 {
                let fromNormal = normals[n].enclosure(at: xi).midpoint
                let fromRaw = raws[n].enclosure(at: xi, precision: p).midpoint
                #expect(DerivativeTests.agree(fromNormal, cauchy[n]), "\(text) order \(n) at \(point): \(fromNormal) vs Cauchy \(cauchy[n])")
                #expect(DerivativeTests.agree(fromRaw, fromNormal), "\(text) order \(n) at \(point): raw \(fromRaw) vs normal \(fromNormal)")
            }
        }
    }

    /// The paper's closed form: mish′(x) = eˣ·ω/δ², ω = 4(x+1) + 4e²ˣ + e³ˣ + eˣ(4x+6), δ = 2eˣ + e²ˣ + 2.
    @Test("mish′ in normal form is the normal form of the paper's eˣ·ω/δ², built from its text")
    func paperForm() throws {
        let derived = try #require(ExpRational(Expr.mish)).derivative()
        let paper = try #require(ExpRational(try ExprParser.parse(
            "exp(x)*(4*(x+1) + 4*exp(2*x) + exp(3*x) + exp(x)*(4*x+6)) / (2*exp(x) + exp(2*x) + 2)^2")))
        #expect(derived == paper)
        #expect(derived.hasSameValue(as: paper))
        #expect(try ExprParser.parse(derived.text) == derived.expr)
    }

    @Test("mish⁽ⁿ⁾ = (x·Aₙ(u) + Bₙ(u))/(u² + 2u + 2)ⁿ⁺¹ for n up to 40, and the form is reduced")
    func mishStructure() throws {
        var d = try #require(ExpRational(Expr.mish))
        let delta = IntegerPolynomial([2, 2, 1])
        for n in 0...40 {
            #expect(d.degreeInX == 1)
            #expect(d.denominatorConstant == 1)
            #expect(d.denominatorFactors.map(\.polynomial) == [delta])
            #expect(d.denominatorFactors.first?.exponent == n + 1)
            #expect(d.numerator.contains { $0.exactQuotient(dividingBy: delta) == nil })
            d = d.derivative()
        }
    }

    @Test("the normal form's text parses back to its expression, and converts back to the same form")
    func normalFormRoundTrip() throws {
        for text in ["mish(x)", "swish(x)", "sigmoid(x)", "tanh(x)", "x*exp(-x)/(1 + exp(-2*x))", "sech(x)^2", "3/(2 + 2*exp(x))"] {
            var d = try #require(ExpRational(try ExprParser.parse(text)))
            for _ in 0...5 {
                let back = try ExprParser.parse(d.text)
                #expect(back == d.expr, "\(d.text)")
                #expect(ExpRational(back) == d, "\(d.text)")
                d = d.derivative()
            }
        }
    }

    @Test("outside the class: gelu, erf, π, log, non-integer powers, e^(x/2) and division by functions of x; tanh(x/2) and exp(x/2)² are in it")
    func outsideTheClass() throws {
        for text in ["gelu(x)", "erf(x)", "pi*x", "log(x)", "softplus(x)", "sqrt(x)", "1/x", "exp(x/2)", "x^(1/2)",
                     "sigmoid(x/2)", "tanh(x/4)", "exp(x/2)^3", "sqrt(exp(x))", "exp(x)^(1/2)", "sech(x/2)", "sech(x/2)^3"] {
            #expect(ExpRational(try ExprParser.parse(text)) == nil, "\(text)")
        }
        for text in ["exp(2*softplus(x))", "exp(log1p(exp(x)))", "tanh(softplus(x))", "exp(-x)", "exp(logsigmoid(x))",
                     "tanh(x/2)", "x*tanh(3*x/2)", "exp(x/2)^2", "sqrt(exp(2*x))", "sech(x/2)^2", "cosh(x/2)^2 - sinh(x/2)^2"] {
            #expect(ExpRational(try ExprParser.parse(text)) != nil, "\(text)")
        }
    }

    @Test("high derivatives stay DAGs: order 12 of mish has far fewer nodes than its tree")
    func dagsStaySmall() {
        let d = Expr.mish.derivative(order: 12)
        var treeSize: [ObjectIdentifier: Double] = [:]
        func tree(_ e: Expr) -> Double {
            if let s = treeSize[ObjectIdentifier(e)] { return s }
            let s = 1 + e.children.reduce(0) { $0 + tree($1) }
            treeSize[ObjectIdentifier(e)] = s
            return s
        }
        #expect(Double(d.dagSize) * 10 < tree(d))
    }

    /// The emitted C, compiled with the system compiler, against the MPFR enclosure of the normal form.
    @Test("the C emitted for mish′…mish⁽⁶⁾ compiles and matches MPFR to 1e-12")
    func cCodeCompilesAndAgrees() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mish-c-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var d = try #require(ExpRational(Expr.mish))
        var source = "#include <stdio.h>\n"
        var calls = ""
        for n in 1...6 {
            d = d.derivative()
            source += d.hornerExpr.cFunction(name: "d\(n)") + "\n"
            calls += "    for (int i = 0; i < 9; i++) printf(\"%.17g\\n\", d\(n)(xs[i]));\n"
        }
        let xs = ["-30", "-5", "-1.19", "-0.5", "0", "0.75", "2", "9", "30"]
        source += "int main(void) {\n    double xs[] = {\(xs.joined(separator: ", "))};\n\(calls)    return 0;\n}\n"
        try source.write(to: dir.appendingPathComponent("d.c"), atomically: true, encoding: .utf8)
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        cc.arguments = ["cc", "-O2", "-o", dir.appendingPathComponent("d").path, dir.appendingPathComponent("d.c").path, "-lm"]
        try cc.run()
        cc.waitUntilExit()
        try #require(cc.terminationStatus == 0)
        let run = Process()
        run.executableURL = dir.appendingPathComponent("d")
        let pipe = Pipe()
        run.standardOutput = pipe
        try run.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        let values = output.split(separator: "\n").compactMap { Double($0) }
        try #require(values.count == 54)
        var e = try #require(ExpRational(Expr.mish))
        for n in 1...6 {
            e = e.derivative()
            for (i, x) in xs.enumerated() {
                let exact = e.enclosure(at: BigInterval(try Rational(parsing: x), precision: 200)).midpoint.toDouble()
                let c = values[(n - 1) * 9 + i]
                #expect(abs(c - exact) <= 1e-12 * abs(exact) + 1e-300, "d\(n)(\(x)): C \(c) vs \(exact)")
            }
        }
    }
}

@Suite("ExpRational")
struct ExpRationalTests {
    @Test("exact limits at ±∞ agree with the value far out in that direction")
    func limitsAtInfinity() throws {
        for text in ["mish(x)", "d(mish(x), 1)", "d(mish(x), 3)", "swish(x)", "sigmoid(x)", "tanh(x)", "x^2*exp(-x) + 3",
                     "exp(x) - x^3", "(x - exp(x))/(1 + exp(x))", "-x^3*sigmoid(x)"] {
            let e = try ExprParser.parse(text)
            let r = try #require(ExpRational(e))
            for direction in [-1, 1] {
                let far = r.enclosure(at: BigInterval(BigFloat(60 * direction, precision: 200))).midpoint.toDouble()
                switch r.limit(direction: direction) {
                case .finite(let q): #expect(abs(far - q.doubleValue) < 1e-15, "\(text) at \(direction)")
                case .infinite(let sign): #expect(far.sign == (sign > 0 ? .plus : .minus) && abs(far) > 50, "\(text) at \(direction)")
                }
            }
        }
    }

    /// x^i·Π Bₖ(u)^aₖ over Π Bₖ(u)^bₖ with the denominator written out expanded, for random exponents over
    /// B = u + 1, u − 1, u + 2, u² + 2u + 2, u² + 1: the form must cancel min(aₖ, bₖ) of each Bₖ, so its
    /// denominator has degree Σ deg Bₖ·max(0, bₖ − aₖ); every factor is squarefree and shares nothing with
    /// the numerator; and the form has the expression's value (MPFR on the text as written).
    @Test("the normal form is fully reduced: common factors of an expanded denominator cancel, (eˣ − 1)/(e²ˣ − 1) = 1/(eˣ + 1)")
    func fullyReduced() throws {
        let bases = [IntegerPolynomial([1, 1]), IntegerPolynomial([-1, 1]), IntegerPolynomial([2, 1]), IntegerPolynomial([2, 2, 1]),
                     IntegerPolynomial([1, 0, 1])]
        func text(_ p: IntegerPolynomial) -> String {
            "(" + p.coefficients.enumerated().map { "(\($0.element))*exp(\($0.offset)*x)" }.joined(separator: " + ") + ")"
        }
        var g = SeededGenerator.forTest("ExpRational.reduction", defaultSeed: 17)
        for _ in 0..<60 {
            let a = bases.map { _ in Int.random(in: 0...2, using: &g) }, b = bases.map { _ in Int.random(in: 0...2, using: &g) }
            var top = IntegerPolynomial.one, bottom = IntegerPolynomial.one
            for k in bases.indices {
                for _ in 0..<a[k] { top = top * bases[k] }
                for _ in 0..<b[k] { bottom = bottom * bases[k] }
            }
            let power = Int.random(in: 0...2, using: &g)
            let source = "x^\(power)*\(text(top))/\(text(bottom))"
            let r = try #require(ExpRational(try ExprParser.parse(source)), "\(source)")
            let expected = bases.indices.reduce(0) { $0 + bases[$1].degree * max(0, b[$1] - a[$1]) }
            #expect(r.denominatorPolynomial.degree == expected, "\(source): \(r)")
            for f in r.denominatorFactors {
                #expect(IntegerPolynomial.gcd(f.polynomial, f.polynomial.derivative).degree < 1, "\(source): \(f.polynomial) not squarefree")
                let common = r.numerator.reduce(f.polynomial) { IntegerPolynomial.gcd($0, $1) }
                #expect(common.degree < 1, "\(source): \(f.polynomial) shares \(common) with the numerator")
            }
            let e = try ExprParser.parse(source)
            for x in [Rational(-3, 2), Rational(1, 3), Rational(5, 2)] {
                let direct = e.evaluate(at: BigFloat(x, precision: 300), precision: 300)
                let viaForm = r.enclosure(at: BigInterval(x, precision: 300)).midpoint
                #expect(Accuracy.agreeingDigits(viaForm, direct) > 60, "\(source) at \(x)")
            }
        }
        let quotient = try #require(ExpRational(try ExprParser.parse("(exp(x) - 1)/(exp(2*x) - 1)")))
        #expect(quotient == ExpRational(try ExprParser.parse("1/(exp(x) + 1)")))
    }

    /// Random expressions: whenever one converts to the normal form, the form has the expression's value,
    /// and so does its derivative (against the raw derivative).
    @Test("random expressions in the class convert to forms with the same values, derivatives included")
    func conversionMatchesEvaluation() throws {
        var fuzzer = ExprFuzzer(generator: .forTest("ExpRational.conversion", defaultSeed: 99))
        var converted = 0
        for _ in 0..<1500 {
            let e = fuzzer.expression(depth: 3)
            guard let normal = ExpRational(e) else { continue }
            converted += 1
            let d = normal.derivative(), de = e.derivative()
            for x in [Rational(-3, 2), Rational(1, 3), Rational(2)] {
                let direct = e.evaluate(at: BigFloat(x, precision: 300), precision: 300)
                let viaForm = normal.enclosure(at: BigInterval(x, precision: 300)).midpoint
                guard direct.isFinite, direct.magnitude < BigFloat(1e40), viaForm.isFinite else { continue }
                #expect(Accuracy.agreeingDigits(viaForm, direct) > 40 || (viaForm - direct).magnitude < BigFloat(1e-50),
                        "\(e) at \(x): \(viaForm) vs \(direct)")
                let dDirect = de.evaluate(at: BigFloat(x, precision: 300), precision: 300)
                let dForm = d.enclosure(at: BigInterval(x, precision: 300)).midpoint
                guard dDirect.isFinite, dDirect.magnitude < BigFloat(1e40), dForm.isFinite else { continue }
                #expect(Accuracy.agreeingDigits(dForm, dDirect) > 30 || (dForm - dDirect).magnitude < BigFloat(1e-40),
                        "d/dx \(e) at \(x): \(dForm) vs \(dDirect)")
            }
        }
        #expect(converted > 100)
    }
}
