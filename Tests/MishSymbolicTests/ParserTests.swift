import Foundation
import Testing
import MishNumbers
import MishSymbolic
import MishTestSupport

@Suite("ExprParser")
struct ParserTests {
    static let m1 = 1 * tanh(log1p(exp(1.0)))

    static let precedenceCases: [(String, Double, Double)] = [
        ("2^3^2", 0.0, 512.0), ("-x^2", 3, -9), ("1-2-3", 0, -4), ("2/4/8", 0, 1.0 / 16), ("-2^-2", 0, -0.25),
        ("(1+2)*3", 0, 9), ("2*x+1", 5, 11), ("--x", 2, 2), ("+x", 2, 2), ("1.5e2", 0, 150), (".5", 0, 0.5),
        ("pi", 0, Double.pi), ("e", 0, M_E), ("exp(1)", 0, M_E), ("  x  +  1 ", 2, 3), ("x/2*4", 3, 6),
        ("2^-1^2", 0, 0.5), ("mish(x)", 1, m1), ("x*tanh(softplus(x))", 1, m1), ("4^1/2", 0, 2), ("4^(1/2)", 0, 2),
    ]

    @Test("precedence and associativity", arguments: precedenceCases)
    func evaluatesAsWritten(_ text: String, _ x: Double, _ expected: Double) throws {
        let e = try ExprParser.parse(text)
        #expect(abs(e.evaluate(at: x) - expected) <= 1e-15 * max(1, abs(expected)), "\(text) at x = \(x)")
    }

    @Test("numbers are exact rationals")
    func exactNumbers() throws {
        #expect(try ExprParser.parse("1.1924") == .number(Rational(2981, 2500)))
        #expect(try ExprParser.parse("-0.5") == .number(Rational(-1, 2)))
        #expect(try ExprParser.parse("123456789012345678901234567890") == .number(Rational(BigInt("123456789012345678901234567890")!)))
    }

    /// Malformed input: each gives a ParseError at the column named, never a crash.
    @Test("malformed input names the column", arguments: [
        ("tanh(", 6), ("foo(x)", 1), (")", 1), ("(x", 3), ("x^", 3), ("2**3", 2), ("", 1), ("é", 1), ("x y", 3),
        ("2x", 2), ("exp", 1), ("exp()", 5), ("exp(x, 1)", 6), ("pi(2)", 3), ("y", 1), ("1e", 2), ("1.2.3", 4),
        ("x +", 4), ("x $ 1", 3), ("()", 2), ("\u{0}", 1), ("1e99999999", 1), ("x)", 2), ("((x)", 5),
        ("sin(x)", 1), ("x ** 2", 3), ("3 4", 3), ("mish(", 6), ("*x", 1), ("x^^2", 3), ("x = 1", 1), ("∞", 1),
    ])
    func malformed(_ text: String, _ column: Int) {
        do {
            let e = try ExprParser.parse(text)
            Issue.record("'\(text)' parsed as \(e)")
        } catch let error as ParseError {
            #expect(error.column == column, "'\(text)': \(error)")
            #expect(!error.message.isEmpty)
            #expect(error.excerpt.contains("^"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("errors say what was expected")
    func messages() {
        func message(_ text: String) -> String {
            do {
                return "parsed: \(try ExprParser.parse(text))"
            } catch {
                return "\(error)"
            }
        }
        #expect(message("foo(x)").contains("known functions: cosh, erf, exp"))
        #expect(message("2**3").contains("'^'"))
        #expect(message("tanh(").contains("end of input"))
        #expect(message("y").contains("the variable is x"))
    }

    @Test("100 000 nested parentheses or signs are refused, not a stack overflow")
    func deepNesting() throws {
        let n = 100_000
        for text in [String(repeating: "(", count: n) + "x" + String(repeating: ")", count: n),
                     String(repeating: "-", count: n) + "x",
                     String(repeating: "exp(", count: n) + "x" + String(repeating: ")", count: n),
                     Array(repeating: "2", count: n).joined(separator: "^")] {
            #expect(throws: ParseError.self) { try ExprParser.parse(text) }
        }
        let ok = String(repeating: "(", count: 400) + "x" + String(repeating: ")", count: 400)
        #expect(try ExprParser.parse(ok) == .x)
    }

    /// The 10 MB case runs against the release build in Tests/stress/bad-input.sh (part of `make test`).
    @Test("a 1 MB expression parses to its correct value")
    func hugeExpression() throws {
        let terms = 250_000
        let text = Array(repeating: "x/x", count: terms).joined(separator: "+")
        #expect(text.utf8.count >= 999_000)
        #expect(try ExprParser.parse(text) == .number(terms))
    }

    @Test("printing then parsing gives back the same node, for thousands of random expressions")
    func printParseRoundTrip() throws {
        var fuzzer = ExprFuzzer(generator: .forTest("Parser.roundTrip", defaultSeed: 4242))
        for _ in 0..<3000 {
            let e = fuzzer.expression(depth: 4)
            let back = try ExprParser.parse(e.description)
            #expect(back === e, "\(e.description) parsed back as \(back.description)")
        }
    }

    @Test("definitions: functions and values persist across statements and parses")
    func definitions() throws {
        var parser = ExprParser()
        let swishDefined = try parser.parse("g(t) = t*sigmoid(t); g(x)")
        #expect(swishDefined == Expr.x * Expr.apply(.sigmoid, .x))
        #expect(try parser.parse("g(2*x)") == 2 * Expr.x * Expr.apply(.sigmoid, 2 * Expr.x))
        #expect(try parser.parse("a = 3/4\nb = a^2\na + b") == Expr.number(Rational(21, 16)))
        #expect(try parser.parse("d(g(x)) - d(swish(x))").evaluate(at: 0.7) == 0)
        for (text, column) in [("g(t) = x; 1", 8), ("pi = 3; pi", 1), ("f(t) = t; f", 11), ("f(t) = t; f(1, 2)", 14),
                               ("h(t) = t", 9), ("d(x, 65)", 6), ("d(x, -1)", 6), ("d", 1), ("a = 1; a(2)", 9)] {
            do {
                _ = try parser.parse(text)
                Issue.record("'\(text)' parsed")
            } catch let e as ParseError {
                #expect(e.column == column, "'\(text)': \(e)")
            }
        }
    }
}
