import Testing
import MishNumbers
import MishTestSupport

@Suite("DecimalCertifier")
struct DecimalCertifierTests {
    @Test("π from its enclosure prints the published 1000 digits, certified")
    func piToThousandDigits() throws {
        let published = try BigFloatTests.fixture("pi")
        let c = try DecimalCertifier.certify(significantDigits: 1000) { BigInterval.pi(precision: $0) }
        #expect(c.isCertified)
        #expect(c.text.replacingOccurrences(of: ".", with: "") == DecimalText.roundedPrefix(published, count: 1000))
    }

    @Test("deciding from the midpoint gives the digits both ends round to, near carries and half-way points too")
    func midpointDecisionAgreesWithEnds() throws {
        var g = SeededGenerator.forTest("DecimalCertifier.midpoint", defaultSeed: 19)
        var decided = 0
        for trial in 0..<4000 {
            let digits = [1, 3, 20, 60][trial % 4]
            let p = BigFloat.precision(forDecimalDigits: digits) + 40
            // Random values, values just below a power of ten (carries), and values near a half-way point.
            var x = BigFloat(Double.random(in: -1e6...1e6, using: &g), precision: 53)
            if trial % 3 == 1 { x = BigFloat(1, precision: p).subtracting(BigFloat(Double.random(in: 0...1, using: &g), precision: 53).scaled(byPowerOfTwo: -Int.random(in: 1...200, using: &g)), precision: p).value }
            if trial % 3 == 2 {
                let half = try BigFloat(parsing: "0." + String(repeating: "7", count: digits) + "5", precision: p + 64)
                x = half.adding(BigFloat(Double.random(in: -1...1, using: &g), precision: 53).scaled(byPowerOfTwo: -Int.random(in: p - 20...p + 20, using: &g)), precision: p).value
            }
            let r = BigFloat(Double.random(in: 0...1, using: &g), precision: 53).scaled(byPowerOfTwo: -Int.random(in: p - 8...p + 8, using: &g))
            let e = BigInterval(lower: x.subtracting(r, precision: p, rounding: .down).value, upper: x.adding(r, precision: p, rounding: .up).value)
            let lo = try #require(e.lower.decimalDigits(digits)), hi = try #require(e.upper.decimalDigits(digits))
            let result = DecimalCertifier.decide(e, digits: digits, precision: p)
            if lo == hi {
                #expect(result?.text == lo.text, "\(x) ± \(r) to \(digits) digits")
                decided += 1
            } else {
                #expect(result == nil, "\(x) ± \(r): the ends differ, \(lo.text) and \(hi.text)")
            }
        }
        #expect(decided > 3000)
    }

    @Test("a value exactly on a rounding boundary is printed but not certified")
    func boundaryIsNotCertified() throws {
        // 1/8 = 0.125 exactly, but enclosed by a non-point interval: 2 digits can never be decided.
        let c = try DecimalCertifier.certify(significantDigits: 2) { p in
            BigInterval(Rational(1, 10), precision: p) * BigInterval(Rational(5, 4), precision: p)
        }
        #expect(!c.isCertified)
        #expect(c.caveat != nil)
        #expect(c.enclosure.contains(BigFloat(0.125)))
    }

    @Test("an exact point is certified even on a boundary; undefined and unbounded values throw")
    func exactAndFailures() throws {
        let c = try DecimalCertifier.certify(significantDigits: 2) { _ in BigInterval(BigFloat(0.125)) }
        #expect(c.isCertified && c.text == "0.12")
        #expect(throws: CertificationError.undefined) {
            try DecimalCertifier.certify(significantDigits: 5) { BigInterval(-1, precision: $0).log() }
        }
        #expect(throws: CertificationError.unbounded(overflow: false)) {
            try DecimalCertifier.certify(significantDigits: 5) { p in
                BigInterval(1, precision: p) / (BigInterval(Rational(1, 10), precision: p) - BigInterval(Rational(1, 10), precision: p))
            }
        }
    }

    @Test("certified digits match an independent 3x-precision evaluation")
    func matchesOracle() throws {
        var g = SeededGenerator.forTest("DecimalCertifier.oracle", defaultSeed: 17)
        for _ in 0..<50 {
            let q = Rational(Int.random(in: -5_000_000...5_000_000, using: &g), 1_000_000)
            let digits = Int.random(in: 1...80, using: &g)
            let c = try DecimalCertifier.certify(significantDigits: digits) { BigInterval(q, precision: $0).mish() }
            let reference = try #require(Oracle.value(digits: digits + 10) { BigFloat(q, precision: $0).mish() })
            #expect(c.text == reference.decimalString(significantDigits: digits), "mish(\(q)) to \(digits) digits")
        }
    }
}
