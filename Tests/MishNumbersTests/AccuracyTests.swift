import Testing
import MishNumbers
import MishTestSupport

/// The test-support measures themselves, checked on values whose errors are known by construction.
@Suite("Test support: ulps and digits")
struct AccuracyTests {
    @Test("the next double is one ulp away, half way is half an ulp, in normal and subnormal binades")
    func ulps() {
        for d in [1.0, 1.5, 3.0e-300, 123456.789, -7.25, Double.leastNormalMagnitude, Double.leastNonzeroMagnitude, Double.leastNormalMagnitude / 3] {
            let exact = BigFloat(d, precision: 53)
            #expect(Accuracy.ulpError(d.nextUp, exact: exact) == 1, "\(d)")
            let half = BigFloat(d, precision: 200).adding(BigFloat(d.nextUp, precision: 200), precision: 200).value.scaled(byPowerOfTwo: -1)
            #expect(Accuracy.ulpError(d, exact: half) == 0.5, "\(d)")
        }
        let f: Float = 1.0
        #expect(Accuracy.ulpError(f.nextUp, exact: BigFloat(1.0, precision: 24)) == 1)
        #expect(Accuracy.ulpError(Float.leastNonzeroMagnitude, exact: BigFloat(0.0)) == 1)
    }

    @Test("agreeing digits of π and 22/7 is −log₁₀ of the relative error")
    func digits() {
        let pi = BigFloat.pi(precision: 300)
        let approx = BigFloat(Rational(22, 7), precision: 300)
        let d = Accuracy.agreeingDigits(approx, pi)
        #expect(abs(d - 3.398) < 0.01)
        #expect(Accuracy.agreeingDigits(pi, pi) == .infinity)
    }

    @Test("the oracle refuses a function that does not converge with precision")
    func oracleRefusesUnstable() {
        #expect(Oracle.value(digits: 20) { p in BigFloat(p, precision: 64) } == nil)
        #expect(Oracle.value(digits: 20) { p in BigFloat.pi(precision: p) } != nil)
    }
}
