import Foundation
import Synchronization
import MishAccuracy
import MishNumbers
import MishSymbolic
import MishTestSupport
import Testing

@Suite("Formats: bit patterns and correct rounding")
struct FloatFormatTests {
    @Test("rounding an MPFR value agrees with the hardware's double → float and double → Float16 conversions")
    func roundingMatchesHardware() {
        var g = SeededGenerator.forTest("FloatFormat", defaultSeed: 11)
        for _ in 0..<20_000 {
            let d = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &g))
            guard !d.isNaN else { continue }
            // Scale into the interesting ranges of both formats: subnormals, overflow, ties.
            let v = d.isInfinite ? d : d.significand * Double(sign: .plus, exponent: Int(d.exponent) % 160, significand: 1)
                * (d < 0 ? -1 : 1)
            let big = BigFloat(v, precision: 53)
            #expect(FloatFormat.f32.roundedBits(big) == UInt64(Float(v).bitPattern), "f32 at \(v)")
            #if arch(x86_64) || arch(arm64)
            #expect(FloatFormat.f16.roundedBits(big) == UInt64(Float16(v).bitPattern), "f16 at \(v)")
            #endif
            #expect(FloatFormat.f64.roundedBits(big) == v.bitPattern)
        }
        // The deepest f64 subnormals: m·2⁻¹⁰⁷⁴ for m in [0, 4), rounded by the hardware's multiplication.
        for _ in 0..<2_000 {
            let m = Double.random(in: 0..<4, using: &g)
            #expect(FloatFormat.f64.roundedBits(BigFloat(m, precision: 53).scaled(byPowerOfTwo: -1074)) == (m * 0x1p-1074).bitPattern,
                    "f64 at \(m)·2^-1074")
        }
        // Exact ties between two f32 values round to the even one.
        let tie = BigFloat(1, precision: 64).adding(BigFloat(1, precision: 64).scaled(byPowerOfTwo: -24), precision: 64).value
        #expect(FloatFormat.f32.roundedBits(tie) == UInt64(Float(1).bitPattern))
    }

    @Test("every f16 and bf16 pattern decodes exactly and encodes back")
    func halfPatternsRoundTrip() {
        for format in [FloatFormat.f16, .bf16] {
            for b in 0..<UInt64(65536) {
                let v = format.value(ofBits: b)
                if v.isNaN { continue }
                #expect(format.bits(ofExact: v) == b)
                #expect(format.roundedBits(BigFloat(v, precision: 53)) == b)
            }
        }
        #expect(FloatFormat.f16.value(ofBits: 0x7bff) == 65504)
        #expect(FloatFormat.bf16.value(ofBits: 0x3f80) == 1)
    }
}

@Suite("The correctly rounded reference")
struct ReferenceTests {
    /// f32 inputs in every binade of both signs, the special values, and runs of neighbours around the
    /// points where a result is hard to decide (the zero of mish′ and mish″, small x).
    static func inputs(count: Int, label: String) -> [UInt64] {
        var g = SeededGenerator.forTest(label, defaultSeed: 7)
        var bits: [UInt64] = [0, 0x8000_0000, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000, 1, 0x8000_0001, 0x7f7f_ffff, 0xff7f_ffff]
        for x: Float in [-1.1923799, -2.2184384, 0.6, -0.6] {
            var up = x, down = x
            for _ in 0..<200 { up = up.nextUp; down = down.nextDown; bits += [UInt64(up.bitPattern), UInt64(down.bitPattern)] }
        }
        while bits.count < count { bits.append(UInt64(UInt32.random(in: 0...UInt32.max, using: &g))) }
        return bits
    }

    static let samples = Int(ProcessInfo.processInfo.environment["MISH_REFERENCE_SAMPLES"] ?? "") ?? 20_000

    @Test("the double enclosure's decisions are MPFR's, and MPFR decides every input it leaves", arguments: [
        CorrectlyRoundedReference.Function.value, .derivative,
    ])
    func fastPathAgreesWithMPFR(function: CorrectlyRoundedReference.Function) throws {
        let reference = CorrectlyRoundedReference(.mish)
        let sweep = try AccuracySweep(reference: reference)
        let inputs = ReferenceTests.inputs(count: ReferenceTests.samples, label: "reference-\(function.rawValue)")
        let decisions = sweep.fastReferenceDecisions(function, format: .f32, inputs: inputs)
        let undecided = decisions.filter { $0 == nil }.count
        #expect(undecided < inputs.count / 50, "the fast path should decide almost every input")
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            var local = 0
            for i in stride(from: part, to: inputs.count, by: 4) {
                let x = FloatFormat.f32.value(ofBits: inputs[i])
                guard let exact = reference.mpfr(function, x: x, format: .f32) else {
                    // Only the tails beyond MPFR's exponent range may be out of its reach, and the fast
                    // path decides those.
                    if decisions[i] == nil { local += 1 }
                    continue
                }
                if let d = decisions[i], d != exact.bits, !(x.isNaN) {
                    local += 1
                    Issue.record("x = \(x) (bits \(inputs[i])): fast path \(d), MPFR \(exact.bits)")
                }
            }
            mismatches.withLock { $0 += local }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }

    @Test("special values: NaN gives NaN, ±∞ the limits, ±0 the signed zeros of mish")
    func specialValues() throws {
        let sweep = try AccuracySweep(reference: CorrectlyRoundedReference(.mish))
        let inputs: [UInt64] = [0x7fc0_0000, 0x7f80_0000, 0xff80_0000, 0, 0x8000_0000]
        let d = sweep.fastReferenceDecisions(.value, format: .f32, inputs: inputs).map { $0.map { Float(bitPattern: UInt32($0)) } }
        #expect(d[0]!.isNaN)
        #expect(d[1] == .infinity)
        #expect(d[2] == 0 && d[2]!.sign == .minus)
        #expect(d[3] == 0 && d[3]!.sign == .plus)
        #expect(d[4] == 0 && d[4]!.sign == .minus)
        // mish′(±∞) = 1 and 0, with 0 approached from below at −∞.
        let dd = sweep.fastReferenceDecisions(.derivative, format: .f32, inputs: [0x7f80_0000, 0xff80_0000]).map { $0.map { Float(bitPattern: UInt32($0)) } }
        #expect(dd[0] == 1)
        #expect(dd[1] == 0 && dd[1]!.sign == .minus)
    }

    /// MPFR cannot evaluate at ±∞: outside the exp-rational class the values there are the caller's, times dy.
    @Test("±∞ outside the exp-rational class: undecided without limits, the given signed values (times dy) with them")
    func givenLimits() throws {
        let softplus = try ExprParser.parse("softplus(x)")
        #expect(CorrectlyRoundedReference(softplus).mpfr(.value, x: -.infinity, format: .f32) == nil)
        let reference = CorrectlyRoundedReference(softplus, limits: [.value: [-1: BigFloat.zero(sign: 1), 1: BigFloat.infinity()],
                                                                     .derivative: [1: BigFloat(1, precision: 53)]])
        let minus = try #require(reference.mpfr(.value, x: -.infinity, format: .f32))
        #expect(minus.bits == 0)
        let negativeDy = try #require(reference.mpfr(.value, x: -.infinity, dy: -3, format: .f32))
        #expect(negativeDy.bits == 0x8000_0000, "+0 times a negative dy is -0")
        #expect(reference.mpfr(.value, x: .infinity, format: .f32)?.bits == 0x7f80_0000)
        #expect(reference.mpfr(.derivative, x: .infinity, dy: 0.5, format: .f32)?.bits == UInt64(Float(0.5).bitPattern))
        #expect(reference.mpfr(.derivative, x: -.infinity, format: .f32) == nil)
        // Beyond a given far-tail point: the given zero, its sign flipped by a negative dy; before it, MPFR.
        let gelu = CorrectlyRoundedReference(try ExprParser.parse("gelu(x)"), farTails: [.value: [-1: (threshold: -60, zero: BigFloat.zero(sign: -1))]])
        #expect(gelu.mpfr(.value, x: -40000, format: .bf16)?.bits == 0x8000)
        #expect(gelu.mpfr(.value, x: -40000, dy: -2, format: .bf16)?.bits == 0)
        #expect(CorrectlyRoundedReference(try ExprParser.parse("gelu(x)")).mpfr(.value, x: -40000, format: .bf16) == nil)
        let near = try #require(gelu.mpfr(.value, x: -30, format: .f64))
        #expect(near.exact.signum < 0 && !near.exact.isZero)
    }
}

extension ReferenceTests {
    @Test("blocks in the far tails, answered without evaluation, decide every input as MPFR does", arguments: [
        CorrectlyRoundedReference.Function.value, .derivative,
    ])
    func farTailBlocks(function: CorrectlyRoundedReference.Function) throws {
        let reference = CorrectlyRoundedReference(.mish)
        let sweep = try AccuracySweep(reference: reference)
        for start in [Float(60), 1e5, 3e38, -800, -2e4, -1e6] {
            let inputs = (0..<UInt64(4096)).map { UInt64(start.bitPattern) + $0 * 97 }
            let decisions = sweep.fastReferenceDecisions(function, format: .f32, inputs: inputs)
            for (i, b) in inputs.enumerated() {
                let x = FloatFormat.f32.value(ofBits: b)
                let exact = reference.mpfr(function, x: x, format: .f32)
                #expect(decisions[i] != nil && decisions[i] == exact?.bits, "\(function) at x = \(x)")
            }
        }
    }

    @Test("blocks where f grows like e^(m|x|), answered as overflow without evaluation, decide every input as MPFR does")
    func growthTailBlocks() throws {
        let x = Expr.x
        for (f, starts) in [(Expr.apply(.exp, x), [Float(800), 1e5, 1e15]), (Expr.apply(.sinh, x), [Float(-800), -1e5, 900]),
                            (x * Expr.apply(.exp, 2 * x), [Float(420), 1e6])] {
            let reference = CorrectlyRoundedReference(f)
            let sweep = try AccuracySweep(reference: reference)
            for start in starts {
                let inputs = (0..<UInt64(4096)).map { UInt64(start.bitPattern) + $0 * 97 }
                let decisions = sweep.fastReferenceDecisions(.value, format: .f32, inputs: inputs)
                for (i, b) in inputs.enumerated() {
                    let v = FloatFormat.f32.value(ofBits: b)
                    #expect(decisions[i] != nil && decisions[i] == reference.mpfr(.value, x: v, format: .f32)?.bits, "\(f) at x = \(v)")
                }
            }
        }
    }

    @Test("an exact zero at a rational x ≠ 0, which no enclosure can decide, is +0 (times dy: the sign of dy)")
    func exactZeroAtRationalPoint() throws {
        let x = Expr.x
        // (x·eˣ)′ = (x + 1)·eˣ vanishes at x = −1; (x − 3/4)·tanh(x) at x = 3/4.
        let derivative = CorrectlyRoundedReference(x * Expr.apply(.exp, x))
        #expect(derivative.enclosure(.derivative, at: -1, precision: 1 << 14).containsZero)
        #expect(derivative.mpfr(.derivative, x: -1, format: .f32)?.bits == 0)
        #expect(derivative.mpfr(.derivative, x: -1, dy: -2, format: .f32)?.bits == 0x8000_0000)
        #expect(derivative.mpfr(.derivative, x: -1, dy: 3, format: .f64)?.bits == 0)
        let shifted = CorrectlyRoundedReference((x - Expr.number(Rational(3, 4))) * Expr.apply(.tanh, x))
        #expect(shifted.mpfr(.value, x: 0.75, format: .bf16)?.bits == 0)
        // Nearby inputs are ordinary: decided by the enclosure, with the sign of (x + 1)·eˣ.
        let near = try #require(derivative.mpfr(.derivative, x: Double(Float(-1).nextDown), format: .f32))
        #expect(near.exact.signum < 0)
        #expect(shifted.mpfr(.value, x: 0.5, format: .f32).map { $0.exact.signum < 0 } == true)
    }

    @Test("the f64 reference answers a growing tail beyond MPFR's range with ±∞, per input")
    func growingTailInF64() throws {
        let reference = CorrectlyRoundedReference(Expr.apply(.sinh, .x))
        let sweep = try AccuracySweep(reference: reference)
        let xs: [Double] = [-8e8, 9e8, -3e15, 1e300, -.greatestFiniteMagnitude, 5.5, -2000]
        let decisions = sweep.fastReferenceDecisions(.value, format: .f64, inputs: xs.map(\.bitPattern))
        for (x, d) in zip(xs, decisions) where abs(x) > 1000 {
            #expect(d == (x < 0 ? -Double.infinity : .infinity).bitPattern, "sinh(\(x))")
        }
        // Within MPFR's range the shortcut agrees with MPFR.
        #expect(decisions.last! == reference.mpfr(.value, x: -2000, format: .f64)?.bits)
    }

    @Test("near 0, where the side forms cancel, the Taylor enclosure decides tiny inputs as MPFR does", arguments: [
        CorrectlyRoundedReference.Function.value, .derivative,
    ])
    func originSeriesWhereFormsCancel(function: CorrectlyRoundedReference.Function) throws {
        let x = Expr.x
        for f in [Expr.apply(.tanh, x), x * Expr.apply(.tanh, x)] {
            let reference = CorrectlyRoundedReference(f)
            let sweep = try AccuracySweep(reference: reference)
            var g = SeededGenerator.forTest("origin-series-\(function.rawValue)", defaultSeed: 5)
            // Log-uniform over |x| < 2⁻⁶: every binade from the subnormals up, both signs.
            let inputs = (0..<3000).map { _ in UInt64.random(in: 1..<0x3c80_0000, using: &g) | (Bool.random(using: &g) ? 0x8000_0000 : 0) }
            let decisions = sweep.fastReferenceDecisions(function, format: .f32, inputs: inputs)
            let undecided = decisions.filter { $0 == nil }.count
            #expect(undecided < inputs.count / 50, "\(f) \(function): \(undecided) of \(inputs.count) left to MPFR")
            for (i, b) in inputs.enumerated() {
                guard let d = decisions[i], let exact = reference.mpfr(function, x: FloatFormat.f32.value(ofBits: b), format: .f32) else { continue }
                #expect(d == exact.bits, "\(f) \(function) at x = \(FloatFormat.f32.value(ofBits: b))")
            }
        }
    }

    /// Inputs near 0 where dy·c·xʲ is a rounding boundary of `format`: swish = x/2 + x²/4 + … and tanh(x/2) = x/2 − x³/24 + …
    /// at subnormals with an odd last bit, x²·σ(x) = x²/2 + x³/4 + … at x = m·2⁻⁷⁰ (m odd: x²/2 has 25 bits), and
    /// swish′ = 1/2 + x/2 + … times dy = 1 + 2⁻²⁴ (dy/2 an f32 midpoint), each with both signs of x (and of dy).
    struct OriginCase: Sendable {
        let expression: String
        let function: CorrectlyRoundedReference.Function
        let format: FloatFormat
        let xs: [Double]
        let dy: Double

        init(_ expression: String, _ function: CorrectlyRoundedReference.Function, _ format: FloatFormat, _ xs: [Double], dy: Double = 1) {
            self.expression = expression
            self.function = function
            self.format = format
            self.xs = xs + xs.map { -$0 }
            self.dy = dy
        }
    }

    static let originMidpoints: [OriginCase] = {
        let odd: [Double] = stride(from: 1, to: 4001, by: 2).map { Double($0) * 0x1p-149 }
        let oddBF16: [Double] = stride(from: 1, to: 255, by: 2).map { Double($0) * 0x1p-133 }
        let squares: [Double] = stride(from: 4097, through: 5791, by: 2).map { Double($0) * 0x1p-70 }
        let tiny: [Double] = (1...40).map { Foundation.pow(2.0, -Double(3 * $0 + 20)) * 1.375 }
        return [
            OriginCase("x*sigmoid(x)", .value, .f32, odd), OriginCase("x*sigmoid(x)", .value, .bf16, oddBF16),
            OriginCase("tanh(x/2)", .value, .f32, odd), OriginCase("x^2*sigmoid(x)", .value, .f32, squares),
            OriginCase("x*sigmoid(x)", .derivative, .f32, tiny, dy: 1 + 0x1p-24),
            OriginCase("x*sigmoid(x)", .derivative, .f32, tiny, dy: -(1 + 0x1p-24)),
        ]
    }()

    @Test("near 0 where dy·c·xʲ is a rounding boundary (swish, tanh(x/2), x²·σ, dy·swish′): decided by the next term's sign, as MPFR at 2048 bits rounds it",
          arguments: 0..<6)
    func originLeadingTermOnBoundary(_ index: Int) throws {
        let c = ReferenceTests.originMidpoints[index]
        let (text, function, format, xs, dy) = (c.expression, c.function, c.format, c.xs, c.dy)
        let reference = CorrectlyRoundedReference(try ExprParser.parse(text))
        var wrong: [Double] = []
        for x in xs {
            var e = reference.enclosure(function, at: x, precision: 2048)
            if dy != 1 { e = e * BigInterval(BigFloat(dy, precision: 53)) }
            let expected = format.roundedBits(e.lower)
            #expect(expected == format.roundedBits(e.upper))
            if reference.mpfr(function, x: x, dy: dy, format: format)?.bits != expected { wrong.append(x) }
        }
        #expect(wrong.isEmpty, "\(text) \(function) \(format): \(wrong.count) of \(xs.count) wrong, first at \(wrong.prefix(4))")
    }

    @Test("dy·f′ = dy·2x + g on a bf16 midpoint with g below 2^(−16384) of it (mish²′): decided by g's sign, as MPFR at 2¹⁷ bits rounds it",
          arguments: [(6144.0, 101.0), (-6144.0, 101.0), (6144.0, -101.0), (20480.0, 61.0)])
    func limitTailAtMidpoint(x: Double, dy: Double) throws {
        let reference = CorrectlyRoundedReference(Expr.mish * Expr.mish)
        let dyInterval = BigInterval(BigFloat(dy, precision: 53))
        if x > 0 {
            // The cap cannot decide it: dy·2x (101·3·2¹³, 61·5·2¹⁴) has nine significant bits.
            let capped = reference.enclosure(.derivative, at: x, precision: CorrectlyRoundedReference.maximumPrecision) * dyInterval
            #expect(FloatFormat.bf16.roundedBits(capped.lower) != FloatFormat.bf16.roundedBits(capped.upper))
        }
        let wide = reference.enclosure(.derivative, at: x, precision: 1 << 17) * dyInterval
        let expected = FloatFormat.bf16.roundedBits(wide.lower)
        #expect(expected == FloatFormat.bf16.roundedBits(wide.upper))
        #expect(reference.mpfr(.derivative, x: x, dy: dy, format: .bf16)?.bits == expected)
    }

    @Test("f = x + 1 + g on an f32 midpoint with g below 2^(−16384) of it ((x + 1)·σ, a two-term limit): decided by g's sign, as MPFR at 2¹⁷ bits rounds it",
          arguments: [16383.0 + 0x1p-9 + 0x1p-10, 16383.5 + 0x1p-9 + 0x1p-10, 32767.0 + 0x1p-8 + 0x1p-9])
    func twoTermLimitTailAtMidpoint(x: Double) throws {
        let reference = CorrectlyRoundedReference(try ExprParser.parse("(x + 1)*sigmoid(x)"))
        // x + 1 lies halfway between an odd and the even f32 above it: the capped enclosure [x + 1 − ε, x + 1] rounds
        // down at one end and to even (up) at the other.
        #expect(Double(Float(x)) == x && Double(Float(x + 1)) != x + 1)
        let capped = reference.enclosure(.value, at: x, precision: CorrectlyRoundedReference.maximumPrecision)
        #expect(FloatFormat.f32.roundedBits(capped.lower) != FloatFormat.f32.roundedBits(capped.upper))
        let wide = reference.enclosure(.value, at: x, precision: 1 << 17)
        let expected = FloatFormat.f32.roundedBits(wide.lower)
        #expect(expected == FloatFormat.f32.roundedBits(wide.upper))
        #expect(reference.mpfr(.value, x: x, format: .f32)?.bits == expected)
        #expect(reference.mpfr(.value, x: x, dy: -3, format: .f32) != nil)
    }

    @Test("beyond MPFR's exponent range the far tails round to the zero with the sign MPFR finds closer in")
    func farTails() {
        let reference = CorrectlyRoundedReference(.mish)
        for function in [CorrectlyRoundedReference.Function.value, .derivative] {
            // At x = −10⁶ MPFR still evaluates f (e^x ≈ 2^(−1.44·10⁶)): its sign is the tail's.
            let near = reference.enclosure(function, at: -1e6, precision: 128)
            #expect(near.isBounded && near.upper.signum < 0)
            for x in [-1e9, -3e38, -1e300] {
                let far = reference.mpfr(function, x: x, format: .f64)
                #expect(far?.bits == FloatFormat.f64.bits(ofExact: -0.0), "\(function) at \(x)")
                #expect(reference.mpfr(function, x: x, dy: -2, format: .f64)?.bits == 0)
            }
        }
    }
}

@Suite("Sweeps of C kernels")
struct SweepTests {
    /// mish in double rounded once (within 4 ulps of double, so correctly rounded in f16 and bf16 except
    /// within a hair of a tie), a scalar entry, with defects planted at single inputs.
    static let source = """
    #include <math.h>
    #include <stdint.h>
    #include <string.h>
    static double mish_d(double x) { return x * tanh(log1p(exp(x))); }
    float mish_f32(float x) { return (float)mish_d(x); }
    float off_by_one(float x) { float y = (float)mish_d(x); return x == 1.5f ? nextafterf(y, INFINITY) : y; }
    float nan_at_two(float x) { return x == 2.0f ? NAN : (float)mish_d(x); }
    float positive_zero(float x) { return x == 0.0f ? 0.0f : (float)mish_d(x); }
    void mish_array(const float *x, float *y, size_t n) { for (size_t i = 0; i < n; i++) y[i] = (float)mish_d(x[i]); }
    """

    func sweep(_ symbol: String, _ signature: KernelSignature = .scalar, range: (Double, Double)) throws -> AccuracyResult {
        let library = try CompiledLibrary(files: [("kernels.c", SweepTests.source)])
        let kernel = try KernelUnderTest(library: library, symbol: symbol, signature: signature, format: .f32)
        let s = try AccuracySweep(reference: CorrectlyRoundedReference(.mish))
        return s.run(kernel, check: AccuracyCheck(function: .value), inputs: .range(range.0, range.1, .f32), threads: 2)
    }

    @Test("a result one ulp off at one input is caught and reported at that input")
    func offByOneUlp() throws {
        let r = try sweep("off_by_one", range: (1, 2))
        let bad = r.worst.filter { !$0.isCorrect }
        #expect(bad.map(\.x).contains(1.5))
        let case15 = try #require(r.worst.first { $0.x == 1.5 })
        // Independently: the planted output's error against a 200-bit value of mish(1.5).
        let exact = Expr.mish.evaluate(at: BigFloat(1.5, precision: 200), precision: 200)
        let independent = Accuracy.ulpError(Float(case15.output), exact: exact)
        #expect(abs(case15.error - independent) < 1e-6)
        #expect(case15.error > 0.5 && case15.error < 1.5)
    }

    @Test("dy·f′ in a growing tail beyond MPFR's range is decided per input, with random dy: ±∞ with the sign of dy·f′")
    func growingTailWithRandomDy() throws {
        let source = """
        #include <math.h>
        float cosh_backward(float x, float dy) { return (float)((double)dy * sinh((double)x)); }
        float cosh_backward_wrong_sign(float x, float dy) { return x < -1e9f ? (float)(-(double)dy * sinh((double)x)) : (float)((double)dy * sinh((double)x)); }
        """
        let library = try CompiledLibrary(files: [("growth.c", source)])
        let s = try AccuracySweep(reference: CorrectlyRoundedReference(Expr.apply(.cosh, .x)))
        var g = SeededGenerator.forTest("growing-tail-dy", defaultSeed: 3)
        // Both sides, |x| from 10³ (MPFR decides, or the double enclosure) to 10¹² (beyond MPFR's e^x).
        let inputs = (0..<4000).map { _ in UInt64(Float(Foundation.pow(10, Double.random(in: 3...12, using: &g)) * (Bool.random(using: &g) ? 1 : -1)).bitPattern) }
        func run(_ symbol: String) throws -> AccuracyResult {
            let kernel = try KernelUnderTest(library: library, symbol: symbol, signature: .scalarBackward, format: .f32)
            return s.run(kernel, check: AccuracyCheck(function: .derivative, dy: .random(seed: 9)), inputs: .list(inputs), threads: 2)
        }
        let right = try run("cosh_backward")
        #expect(right.unresolvedCount == 0 && right.checked == 4000 && right.incorrectlyRounded == 0)
        let wrong = try run("cosh_backward_wrong_sign")
        #expect(wrong.unresolvedCount == 0 && wrong.incorrectlyRounded > 0)
    }

    @Test("an overflow to ∞ where the exact value rounds to ∞ is correctly rounded, within 1/2 ulp; ∞ where a finite value is due is an error of at least 2^(emax+1) − |exact|")
    func overflowToInfinity() throws {
        let source = """
        #include <math.h>
        float four_x(float x) { return (float)(4.0 * (double)x); }
        float four_x_early(float x) { return x > 8.4e37f ? INFINITY : (float)(4.0 * (double)x); }
        """
        let library = try CompiledLibrary(files: [("overflow.c", source)])
        let s = try AccuracySweep(reference: CorrectlyRoundedReference(try ExprParser.parse("4*x")))
        func run(_ symbol: String) throws -> AccuracyResult {
            let kernel = try KernelUnderTest(library: library, symbol: symbol, signature: .scalar, format: .f32)
            return s.run(kernel, check: AccuracyCheck(function: .value), inputs: .range(8e37, 1e38, .f32), threads: 2)
        }
        let exact = try run("four_x")
        #expect(exact.incorrectlyRounded == 0 && exact.maxError <= 0.5)
        let early = try run("four_x_early")
        // 4x is finite below 2^128/4 ≈ 8.507e37: those inputs are wrong, each by at least a quarter of 2^128's ulp.
        #expect(early.incorrectlyRounded > 0 && early.maxError > 0.5)
        let top = BigFloat(1, precision: 2).scaled(byPowerOfTwo: 128)
        #expect(CorrectlyRoundedReference.ulpError(output: .infinity, exact: top.multiplied(by: BigFloat(1.5, precision: 53), precision: 64).value, format: .f32) == 0.5)
        let largest = BigFloat(Double(Float.greatestFiniteMagnitude), precision: 53)
        let quarterAbove = largest.adding(BigFloat(1, precision: 2).scaled(byPowerOfTwo: 127 - 25), precision: 64).value
        #expect(CorrectlyRoundedReference.ulpError(output: .infinity, exact: quarterAbove, format: .f32) == 0.75, "rounds to the largest finite value")
    }

    @Test("a NaN where a number is due and a wrong sign of zero are failures at their inputs")
    func nanAndZeroSign() throws {
        let n = try sweep("nan_at_two", range: (1.75, 2.25))
        #expect(n.nanFailures == 1)
        #expect(n.worst.first?.x == 2)
        #expect(n.worst.first?.error == .infinity)
        let z = try sweep("positive_zero", range: (-0.0, 0.0))
        #expect(z.zeroSignFailures == 1)
        #expect(z.incorrectlyRounded == 1)
        #expect(z.worst.first.map { $0.x == 0 && $0.x.sign == .minus } == true)
    }

    @Test("a backward kernel at dy = ±0, ±∞ and NaN: IEEE's product with f′(x); a kernel that drops the sign of a zero dy is caught")
    func specialDy() throws {
        let source = """
        #include <math.h>
        static double slope(double x) { double e = exp(x), w = e * (e + 2.0), d = w + 2.0; return w / d + 4.0 * x * e * (e + 1.0) / (d * d); }
        float good(float x, float dy) { return (float)((double)dy * slope(x)); }
        float unsigned_zero(float x, float dy) { return dy == 0.0f ? 0.0f : (float)((double)dy * slope(x)); }
        """
        let library = try CompiledLibrary(files: [("kernels.c", source)])
        let s = try AccuracySweep(reference: CorrectlyRoundedReference(.mish))
        let check = AccuracyCheck(function: .derivative, dy: .random(seed: 1))
        for (symbol, failing) in [("good", 0), ("unsigned_zero", 8)] {
            let kernel = try KernelUnderTest(library: library, symbol: symbol, signature: .scalarBackward, format: .f32)
            let cases = s.specialDy(kernel, check: check)
            #expect(cases.count == 40)
            let wrong = cases.filter { !$0.isCorrect }
            // mish′ > 0 at ±1, ±2⁻¹⁰, ±0 and 20 (dy = −0 gives −0 there) and < 0 at −20 (dy = +0 gives −0): eight zeros of the
            // wrong sign, and every other special dy right.
            #expect(wrong.count == failing, "\(symbol): \(wrong.map { "(\($0.x), \($0.dy ?? 0))" })")
            #expect(wrong.allSatisfy { $0.dy == 0 && $0.outputBits == 0 })
            #expect(cases.filter { $0.dy?.isInfinite == true }.allSatisfy { $0.expected?.isInfinite == true })
        }
    }

    @Test("scalar and array entry points give the same report; counts add up")
    func signaturesAgree() throws {
        let a = try sweep("mish_f32", range: (1, 3))
        let b = try sweep("mish_array", .array, range: (1, 3))
        #expect(a.checked == b.checked && a.incorrectlyRounded == b.incorrectlyRounded && a.maxError == b.maxError)
        #expect(a.checked == a.planned)
        #expect(a.histogram.reduce(0) { $0 + $1.count } == a.checked)
        #expect(a.binades.reduce(0) { $0 + $1.count } == a.checked)
        #expect(a.binades.reduce(0) { $0 + $1.incorrect } == a.incorrectlyRounded)
    }
}

@Suite("The f64 reference: double-double enclosure")
struct DoubleDoubleReferenceTests {
    /// f64 inputs: random bit patterns, uniform over [−120, 40] and over the subnormal-output tail, tiny
    /// and subnormal x, the far-tail thresholds, and neighbours of the zeros of mish′ and mish″.
    static let fixed: [Double] = {
        var xs: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                            .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, -1600, -1500, -745.13, 710, 45, 46]
        for x in [-1.1924312145154952, -2.2184378733798006, 0x1p-20, -0x1p-20] {
            var up = x, down = x
            for _ in 0..<100 { up = up.nextUp; down = down.nextDown; xs += [up, down] }
        }
        return xs
    }()
    static var fixedCount: Int { fixed.count }

    static func inputs(count: Int, label: String) -> [UInt64] {
        var g = SeededGenerator.forTest(label, defaultSeed: 17)
        var xs = fixed
        while xs.count < count {
            switch xs.count % 4 {
            case 0: xs.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &g)))
            case 1: xs.append(Double.random(in: -120...40, using: &g))
            case 2: xs.append(-Double.random(in: 700...1600, using: &g))
            default: xs.append(Double(bitPattern: UInt64.random(in: 0...0x000f_ffff_ffff_ffff, using: &g)) * (Bool.random(using: &g) ? 1 : -1))
            }
        }
        return xs.map(\.bitPattern)
    }

    @Test("its decisions are MPFR's, and it decides all but a few inputs", arguments: [
        CorrectlyRoundedReference.Function.value, .derivative,
    ])
    func agreesWithMPFR(function: CorrectlyRoundedReference.Function) throws {
        let reference = CorrectlyRoundedReference(.mish)
        let sweep = try AccuracySweep(reference: reference)
        let inputs = DoubleDoubleReferenceTests.inputs(count: ReferenceTests.samples == 20_000 ? 6_000 : ReferenceTests.samples,
                                                       label: "reference64-\(function.rawValue)")
        let decisions = sweep.fastReferenceDecisions(function, format: .f64, inputs: inputs)
        // Random bit patterns and [−120, 40] (indices 0 and 1 mod 4 after the fixed ones) are decided; results
        // below about 2⁻¹⁰⁰⁰ (subnormal x, x < −690) carry the underflow slack and mostly go to MPFR.
        let ordinary = decisions.indices.filter { $0 >= DoubleDoubleReferenceTests.fixedCount && $0 % 4 < 2 }
        let undecided = ordinary.filter { decisions[$0] == nil }.count
        #expect(undecided < ordinary.count / 50, "\(undecided) of \(ordinary.count) undecided: the double-double path should decide almost every input")
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            var local = 0
            for i in stride(from: part, to: inputs.count, by: 4) {
                let x = Double(bitPattern: inputs[i])
                guard let d = decisions[i], !x.isNaN, let exact = reference.mpfr(function, x: x, format: .f64) else { continue }
                if d != exact.bits {
                    local += 1
                    Issue.record("x = \(x): double-double \(Double(bitPattern: d)), MPFR \(Double(bitPattern: exact.bits))")
                }
            }
            mismatches.withLock { $0 += local }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }
}
