import Testing
import MishNumbers
import MishSymbolic
import MishTestSupport

@Suite("Derivative")
struct DerivativeTests {
    static let expressions = [
        "mish(x)", "swish(x)", "x^3 - 2*x", "exp(-x^2/2)", "log1p(x^2)", "sqrt(1 + x^2)", "tanh(x)*sinh(x)/cosh(x)",
        "erf(x)", "sigmoid(x)", "softplus(x)", "x^x", "1/(1 + x^2)", "expm1(x)/x", "log(2 + sigmoid(x))",
        "x*tanh(log1p(exp(x)))", "mish(mish(x))", "x^(3/2)", "pi^x", "e^x",
    ]

    static let points = ["0.3", "1.25", "2", "3.5"]

    /// A central difference (f(x+h) − f(x−h))/2h at 400 bits with h = 10⁻³⁰ has error O(h²) ≈ 10⁻⁶⁰.
    static func centralDifference(_ f: Expr, at x: Rational) -> BigFloat {
        let p = 400
        let h = Rational(1, 1) / Rational(BigInt(10).power(30))
        let up = f.evaluate(at: BigFloat(x + h, precision: p), precision: p)
        let down = f.evaluate(at: BigFloat(x - h, precision: p), precision: p)
        return (up - down) / BigFloat(h * 2, precision: p)
    }

    @Test("the symbolic derivative agrees with a central difference to 40 digits", arguments: expressions)
    func againstCentralDifference(_ text: String) throws {
        let f = try ExprParser.parse(text)
        let df = f.derivative()
        for point in DerivativeTests.points {
            let x = try Rational(parsing: point)
            let symbolic = try #require(Oracle.value(digits: 45) { df.evaluate(at: BigFloat(x, precision: $0), precision: $0) })
            let numeric = DerivativeTests.centralDifference(f, at: x)
            #expect(Accuracy.agreeingDigits(numeric, symbolic) > 40, "d/dx \(text) at \(point): \(symbolic) vs \(numeric)")
        }
    }

    @Test("second derivatives agree with a central difference of the first")
    func secondOrder() throws {
        for text in ["mish(x)", "swish(x)", "exp(-x^2/2)"] {
            let f = try ExprParser.parse(text)
            let d1 = f.derivative(), d2 = f.derivative(order: 2)
            for point in DerivativeTests.points {
                let x = try Rational(parsing: point)
                let symbolic = d2.evaluate(at: BigFloat(x, precision: 400), precision: 400)
                #expect(Accuracy.agreeingDigits(DerivativeTests.centralDifference(d1, at: x), symbolic) > 40)
            }
        }
    }

    /// The paper's closed form: mish′(x) = eˣ·ω/δ², ω = 4(x+1) + 4e²ˣ + e³ˣ + eˣ(4x+6), δ = 2eˣ + e²ˣ + 2.
    @Test("mish′ equals the paper's eˣ·ω/δ² at points across [−60, 60], certified to 40 digits")
    func paperForm() throws {
        let derived = Expr.mish.derivative()
        let paper = try ExprParser.parse(
            "exp(x)*(4*(x+1) + 4*exp(2*x) + exp(3*x) + exp(x)*(4*x+6)) / (2*exp(x) + exp(2*x) + 2)^2")
        for point in ["-60", "-30", "-10", "-5", "-2", "-1.19", "-1", "-0.5", "0", "0.25", "1", "3", "7", "20", "40", "60"] {
            let at = EvaluationPoint.finite(try ExprParser.parse(point))
            let a = try derived.certifiedValue(at: at, digits: 40)
            let b = try paper.certifiedValue(at: at, digits: 40)
            #expect(a.isCertified && b.isCertified)
            #expect(a.text == b.text, "mish'(\(point))")
        }
    }
}
