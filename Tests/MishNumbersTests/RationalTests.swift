import Testing
import MishNumbers
import MishTestSupport

@Suite("Rational")
struct RationalTests {
    @Test("decimal and fraction text is read exactly", arguments: [
        ("1.1924", 2981, 2500), ("-.5", -1, 2), ("6/8", 3, 4), ("-12/-3", 4, 1), ("1E-7", 1, 10_000_000),
        ("2.5e3", 2500, 1), ("0.000", 0, 1), ("+7", 7, 1), ("-3/4", -3, 4), ("12.", 12, 1),
    ])
    func parsesExactly(_ text: String, _ p: Int, _ q: Int) throws {
        let r = try Rational(parsing: text)
        #expect(r == Rational(p, q))
        #expect(r.denominator.signum == 1)
        #expect(BigInt.gcd(r.numerator, r.denominator) == 1 || r.isZero)
    }

    @Test("a decimal with a long mantissa and exponent equals mantissa·10^e")
    func longDecimal() throws {
        let r = try Rational(parsing: "3.14159265358979323846264338327950288419716939937510e-40")
        let m = BigInt("314159265358979323846264338327950288419716939937510")!
        #expect(r == Rational(m, BigInt(10).power(90)))
    }

    @Test("malformed numbers are refused with a reason", arguments: [
        "", "1/0", "1e", "1.2.3", "abc", "1/2/3", "--1", "1e1000001", "e5", ".", "1 /2",
    ])
    func malformed(_ text: String) {
        #expect(throws: NumberParseError.self) { try Rational(parsing: text) }
    }

    @Test("field laws hold on random rationals; text round trips")
    func fieldLaws() throws {
        var g = SeededGenerator.forTest("Rational.fieldLaws", defaultSeed: 5)
        func random() -> Rational {
            var d = randomBig(&g, digits: Int.random(in: 1...20, using: &g))
            if d.isZero { d = 1 }
            return Rational(randomBig(&g, digits: Int.random(in: 1...30, using: &g)), d)
        }
        for _ in 0..<500 {
            let a = random(), b = random(), c = random()
            #expect((a + b) * c == a * c + b * c)
            #expect(a - b + b == a)
            if !b.isZero { #expect(a / b * b == a) }
            #expect(try Rational(parsing: a.description) == a)
            #expect(a.power(3) == a * a * a)
            #expect((a < b) == ((b - a).signum > 0))
            #expect(Rational(a.floor) <= a && a < Rational(a.floor) + 1)
        }
    }
}
