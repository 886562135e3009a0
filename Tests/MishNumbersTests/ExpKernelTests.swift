import Testing
@testable import MishNumbers
import MishTestSupport

@Suite("The kernels' exponential polynomial")
struct ExpKernelTests {
    /// sup |p(r)·e^(−r) − 1| over n + 1 equally spaced points of |r| ≤ ln2/2, p with the given double
    /// coefficients evaluated exactly (MPFR at 160 bits): the approximation error, without Horner's rounding.
    func sampledError(_ coefficients: [Double], points n: Int = 2000) -> Double {
        let p = 160
        let half = BigFloat.ln2(precision: p).scaled(byPowerOfTwo: -1)
        var worst = 0.0
        for i in 0...n {
            let r = half.multiplied(by: BigFloat(2 * i - n, precision: 64), precision: p).value
                .divided(by: BigFloat(n, precision: 64), precision: p).value
            var value = BigFloat(0, precision: p)
            for c in coefficients.reversed() {
                value = BigFloat.fma(value, r, BigFloat(c, precision: 64), precision: p).value
            }
            let error = value.multiplied(by: (-r).exp(precision: p), precision: p).value.subtracting(BigFloat(1, precision: p), precision: p).value
            worst = max(worst, abs(error.toDouble()))
        }
        return worst
    }

    @Test("double: 1 + r + r²·c(r) of degree 11, within 2⁻⁵⁵ of e^r on the reduced range by sampling, inside the proven bound")
    func doublePolynomial() {
        let k = ExpKernel.standard
        #expect(k.degree == 11 && k.coefficients.count == 12)
        #expect(k.coefficients[0] == 1 && k.coefficients[1] == 1)
        let sampled = sampledError(k.coefficients)
        #expect(sampled < 0x1p-55, "sampled approximation error \(sampled)")
        #expect(sampled < k.relativeErrorBound)
    }

    @Test("binary32: 1 + r + r²·c(r) of degree 6, within 2⁻²⁶ of e^r by sampling (an odd node count puts a node at r ≈ 0), inside the proven bound")
    func singlePolynomial() {
        let k = ExpKernel.single
        #expect(k.degree == 6 && k.coefficients.count == 7 && k.minusOneForm)
        #expect(k.coefficients[0] == 1 && k.coefficients[1] == 1 && k.coefficients[2] == 0.5)
        #expect(k.coefficients.allSatisfy { Double(Float($0)) == $0 })
        let sampled = sampledError(k.coefficients)
        #expect(sampled < 0x1p-26, "sampled approximation error \(sampled)")
        #expect(sampled < k.relativeErrorBound)
    }

    @Test("the Chebyshev fit is why degree 11 suffices: Taylor's polynomial of the same degree is over 100 times further from e^r")
    func chebyshevAgainstTaylor() {
        var taylor: [Double] = [1]
        for i in 1...11 { taylor.append(taylor.last! / Double(i)) }
        #expect(sampledError(taylor, points: 200) > 100 * sampledError(ExpKernel.standard.coefficients, points: 200))
    }

    /// max |q·2^k/e^a − 1| of the kernel as the generated code evaluates it (the Cody-Waite reduction, Horner
    /// with fma, all in T) against MPFR's e^a at 200 bits, over random a in [lowestArgument, 0] and a just
    /// inside and outside the reduction's edges (k + 1/2)·ln 2, where |r| is largest.
    func measuredError<T: BinaryFloatingPoint>(_ k: ExpKernel, as: T.Type, samples: Int, _ rng: inout SeededGenerator) -> Double {
        let ln2 = 0.6931471805599453
        let arguments = (0..<samples).map { i -> Double in
            if i % 2 == 0 { return Double.random(in: k.lowestArgument...0, using: &rng) }
            let m = Double(Int.random(in: 0...Int(-k.lowestArgument / ln2) - 1, using: &rng))
            return Double(T(-(m + 0.5) * ln2 + Double.random(in: -1e-6...1e-6, using: &rng)))
        }
        var worst = 0.0
        for a0 in arguments {
            let a = T(a0), shift = T(k.roundingShift)
            let kd = shift.addingProduct(a, T(k.inverseLn2)) - shift
            var r = a.addingProduct(-kd, T(k.ln2High))
            r = r.addingProduct(-kd, T(k.ln2Low))
            var q = T(k.coefficients[k.degree])
            for c in k.coefficients.dropLast().reversed() { q = T(c).addingProduct(q, r) }
            let exact = BigFloat(Double(a), precision: 64).exp(precision: 200).scaled(byPowerOfTwo: -Int(kd))
            let error = BigFloat(Double(q), precision: 64).divided(by: exact, precision: 200).value
                .subtracting(BigFloat(1, precision: 64), precision: 200).value
            worst = max(worst, abs(error.toDouble()))
        }
        return worst
    }

    @Test("the proven bound holds for the emitted evaluation, rounding included, and is within a factor 4 of what sampling finds")
    func provenBoundAgainstMPFR() {
        var rng = SeededGenerator.forTest("ExpKernel.bound", defaultSeed: 1729)
        let double = measuredError(ExpKernel.standard, as: Double.self, samples: 20000, &rng)
        #expect(double <= ExpKernel.standard.relativeErrorBound && double > ExpKernel.standard.relativeErrorBound / 4,
                "double: sampled \(double), proven \(ExpKernel.standard.relativeErrorBound)")
        let single = measuredError(ExpKernel.single, as: Float.self, samples: 20000, &rng)
        #expect(single <= ExpKernel.single.relativeErrorBound && single > ExpKernel.single.relativeErrorBound / 4,
                "binary32: sampled \(single), proven \(ExpKernel.single.relativeErrorBound)")
    }

    @Test("the interpolation reproduces a polynomial of its degree: the Vandermonde solve at 256 bits returns its rational coefficients")
    func vandermondeSolve() {
        let p = 256
        let exact: [Rational] = (0...9).map { (i: Int) -> Rational in
            let numerator: Int = i % 2 == 0 ? i + 1 : -(i + 1)
            return Rational(numerator, 3 + i * i)
        }
        let coefficients = ExpKernel.chebyshevInterpolant(degree: 9, halfWidth: BigFloat(0.34657359027997264, precision: p), precision: p) { r in
            var v = BigFloat(0, precision: p)
            for c in exact.reversed() { v = v.multiplied(by: r, precision: p).value.adding(BigFloat(c, precision: p), precision: p).value }
            return v
        }
        #expect(coefficients.count == exact.count)
        for (c, e) in zip(coefficients, exact) {
            let error = c.subtracting(BigFloat(e, precision: p), precision: p).value
            #expect(error.isZero || error.binaryExponent! < -200, "\(c) against \(e)")
        }
    }
}
