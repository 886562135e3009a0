import Testing
import MishNumbers
import MishSymbolic
import MishTestSupport

@Suite("Canonical form")
struct CanonicalFormTests {
    typealias Original = (BigFloat, BigFloat, BigFloat, Int) -> BigFloat

    static func num(_ n: Int) -> BigFloat { BigFloat(n, precision: 300) }

    /// For each rule: the expression the constructors build from a, b, c, n, and the value the rule's
    /// left side has, computed numerically from the values of a, b, c (never through the constructors).
    /// The switch is exhaustive, so a new rule does not compile without its check.
    static func check(_ rule: CanonicalRule, _ a: Expr, _ b: Expr, _ c: Expr, _ n: Int) -> (Expr, Original) {
        switch rule {
        case .flattenSum:
            return ((a + b) + c, { x, y, z, _ in x + y + z })
        case .collectTerms:
            let built = Expr.number(n) * a + Expr.number(Rational(n + 3, 2)) * a
            return (built, { x, _, _, k in x * num(k) + x * BigFloat(Rational(k + 3, 2), precision: 300) })
        case .foldNumbers:
            let built = Expr.number(n) + Expr.number(3) + Expr.number(8).pow(.number(Rational(1, 3))) * Expr.number(n)
            return (built, { _, _, _, k in num(k) + num(3) + num(2) * num(k) })
        case .distributeInSum:
            return (a + Expr.number(n) * (b + c), { x, y, z, k in x + num(k) * (y + z) })
        case .flattenProduct:
            return ((a * b) * c, { x, y, z, _ in x * y * z })
        case .collectPowers:
            let built = a.pow(n) * a.pow(.number(Rational(1, 2))) * a.pow(2)
            return (built, { x, _, _, k in x.pow(k) * x.squareRoot() * x.pow(2) })
        case .mergeExp:
            return (Expr.apply(.exp, a) * Expr.apply(.exp, b), { x, y, _, _ in x.exp() * y.exp() })
        case .zeroFactor:
            return (Expr.zero * a, { _, _, _, _ in num(0) })
        case .powerOfPower:
            return (a.pow(.number(Rational(1, 2))).pow(n), { x, _, _, k in x.squareRoot().pow(k) })
        case .powerOfProduct:
            return ((Expr.number(3) * a * b).pow(n), { x, y, _, k in (num(3) * x * y).pow(k) })
        case .powerOfExp:
            return (Expr.apply(.exp, a).pow(b), { x, y, _, _ in x.exp().pow(y) })
        case .trivialPowers:
            return (a.pow(.zero) + b.pow(.one) + Expr.one.pow(a), { _, y, _, _ in num(1) + y + num(1) })
        case .sqrtAsPower:
            return (Expr.apply(.sqrt, a), { x, _, _, _ in x.squareRoot() })
        case .logOfExp:
            return (Expr.apply(.log, Expr.apply(.exp, a)), { x, _, _, _ in x.exp().log() })
        case .valuesAtZero:
            let fs = Primitive.allCases.filter { $0 != .log }
            let built = fs.reduce(Expr.zero) { $0 + Expr.apply($1, .zero) * Expr.number(n) }
            return (built, { _, _, _, k in fs.reduce(num(0)) { $0 + $1.evaluate(num(0), precision: 300) * num(k) } })
        }
    }

    /// Random subexpressions a, b, c (real-valued at the sample points), random integers n: the built
    /// expression and the rule's left side evaluated numerically agree to 40 digits.
    @Test("each rule is sound: both sides agree at random points", arguments: CanonicalRule.allCases)
    func ruleIsSound(_ rule: CanonicalRule) throws {
        var fuzzer = ExprFuzzer(generator: .forTest("Canonical.\(rule)", defaultSeed: 77))
        var checked = 0
        for _ in 0..<150 {
            let a = fuzzer.expression(depth: 2), b = fuzzer.expression(depth: 2), c = fuzzer.expression(depth: 2)
            let n = Int.random(in: -4...5, using: &fuzzer.generator)
            let (built, original) = CanonicalFormTests.check(rule, a, b, c, n)
            for x in [Rational(7, 10), Rational(13, 8), Rational(3)] {
                let at = BigFloat(x, precision: 300)
                let values = [a, b, c].map { $0.evaluate(at: at, precision: 300) }
                guard values.allSatisfy({ $0.isFinite && $0.magnitude < BigFloat(30, precision: 10) }) else { continue }
                let expected = original(values[0], values[1], values[2], n)
                let actual = built.evaluate(at: at, precision: 300)
                guard expected.isFinite, expected.magnitude < BigFloat(1e30) else { continue }
                checked += 1
                #expect(Accuracy.agreeingDigits(actual, expected) > 40 || (actual - expected).magnitude < BigFloat(1e-60),
                        "\(rule.rawValue): \(built) at \(x): \(actual) vs \(expected)")
            }
        }
        #expect(checked > 50)
    }

    /// Each exp-rational rewrite, applied by converting an example to the normal form, against the
    /// expression evaluated through MPFR's own functions.
    @Test("each exp-rational rewrite is sound", arguments: ExpRationalRule.allCases)
    func expRationalRuleIsSound(_ rule: ExpRationalRule) throws {
        let examples: [ExpRationalRule: String] = [
            .expOfLog: "exp(log(1 + exp(x)))", .expOfMultipleOfX: "exp(3*x) + exp(-2*x)", .expOfSum: "exp(x + log(2 + exp(x)))",
            .powerOfExp: "exp(x/2)^4 + sqrt(exp(-6*x))", .evenPowerAsExp: "sech(x/2)^2 + cosh(x/2)^4 - sinh(3*x/2)^2", .tanhAsExp: "tanh(x/2) + tanh(3*x/2)", .sinhAsExp: "sinh(x)", .coshAsExp: "cosh(x)", .sechAsExp: "sech(x)", .expm1AsExp: "expm1(x)",
            .sigmoidAsExp: "sigmoid(-x)", .softplusAsLog: "exp(softplus(x))", .log1pAsLog: "exp(log1p(exp(2*x)))",
            .logsigmoidAsLog: "exp(logsigmoid(x))", .mishAsExp: "mish(2*x)", .swishAsExp: "swish(x)",
        ]
        let e = try ExprParser.parse(try #require(examples[rule]))
        let normal = try #require(ExpRational(e), "\(rule.rawValue) not converted")
        for x in ["-7", "-1.19", "0", "0.5", "3", "11"] {
            let q = try Rational(parsing: x)
            let direct = e.evaluate(at: BigFloat(q, precision: 300), precision: 300)
            let viaNormal = normal.enclosure(at: BigInterval(q, precision: 300)).midpoint
            #expect(Accuracy.agreeingDigits(viaNormal, direct) > 60, "\(rule.rawValue) at \(x)")
        }
    }

    @Test("hash-consing: equal expressions are the same object, whatever the construction order")
    func hashConsing() throws {
        let a = Expr.apply(.tanh, .apply(.softplus, .x)) * .x
        let b = Expr.x * Expr.apply(.tanh, Expr.apply(.softplus, .x))
        #expect(a === b)
        let terms = [Expr.x, .apply(.exp, .x), Expr.x.pow(2), .pi, .number(3)]
        let forward = Expr.sum(terms), backward = Expr.sum(terms.reversed())
        #expect(forward === backward)
        #expect(forward.description == "pi + x + x^2 + exp(x) + 3")
        #expect(try ExprParser.parse("x*tanh(softplus(x))") === a)
        #expect(Expr.mish.derivative(order: 3) === Expr.mish.derivative(order: 3))
        #expect(Expr.mish.derivative().derivative() === Expr.mish.derivative(order: 2))
    }

    @Test("LaTeX of random expressions has balanced braces and \\left/\\right pairs")
    func latexIsBalanced() {
        var fuzzer = ExprFuzzer(generator: .forTest("Canonical.latex", defaultSeed: 5))
        for _ in 0..<500 {
            let t = fuzzer.expression(depth: 4).latex
            var depth = 0
            for ch in t {
                if ch == "{" { depth += 1 }
                if ch == "}" { depth -= 1 }
                #expect(depth >= 0)
            }
            #expect(depth == 0, "\(t)")
            #expect(t.components(separatedBy: "\\left(").count == t.components(separatedBy: "\\right)").count)
        }
    }
}
