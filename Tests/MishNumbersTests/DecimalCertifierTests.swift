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
