import Foundation
import MishAccuracy
import MishKernels
import MishNumbers
import MishSymbolic
import MishTestSupport
import Testing

/// Generated C compiled strictly (C11, every warning an error) into a shared object and loaded.
struct CompiledKernel {
    let library: CompiledLibrary

    init(_ emitter: CEmitter) throws {
        library = try CompiledLibrary(files: [(emitter.function + ".h", emitter.header), (emitter.function + ".c", emitter.source)],
                                      extraFlags: ["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror"])
        guard library.warnings.isEmpty else { throw CompileError(description: library.warnings) }
    }

    func symbol<T>(_ name: String, as: T.Type) -> T {
        unsafeBitCast(library.address(of: name)!, to: T.self)
    }
}

/// Inputs every kernel meets: special values, subnormals, both tails, the zero of mish′, random bit patterns.
func testInputs(count: Int, seed label: String) -> [Float] {
    var g = SeededGenerator.forTest(label, defaultSeed: 2024)
    var xs: [Float] = [0.0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                       .leastNormalMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                       -109, -108.9, -87.3, -88.7, -16.6, 20, 89, -1.1924312, 1, -1]
    var x0 = Float(-1.1924312145154952)
    for _ in 0..<200 { xs.append(x0); x0 = x0.nextUp }
    while xs.count < count {
        let bits = UInt32.random(in: 0...UInt32.max, using: &g)
        let x = Float(bitPattern: bits)
        if x.isFinite && abs(x) < 200 || Int.random(in: 0..<8, using: &g) == 0 { xs.append(x) }
    }
    return xs
}

/// The f32 value both ends of a 128-bit enclosure of r(x) round to, or nil (a hard case left to `verify`).
func correctlyRounded(_ r: ExpRational, at x: Float) -> Float? {
    let e = r.enclosure(at: BigInterval(BigFloat(Double(x), precision: 128)))
    guard e.isBounded else { return nil }
    let lo = e.lower.rounded(toPrecision: 24), hi = e.upper.rounded(toPrecision: 24)
    guard lo == hi else { return nil }
    let v = Float(lo.toDouble())
    return abs(v) >= Float.leastNormalMagnitude || v == 0 ? v : nil
}

func ulpDistance(_ a: Float, _ b: Float) -> Int {
    if a == b { return 0 }
    func ordered(_ f: Float) -> Int64 { let i = Int64(Int32(bitPattern: f.bitPattern)); return i < 0 ? Int64(Int32.min) - i : i }
    return Int(abs(ordered(a) - ordered(b)))
}

@Suite("Kernel code generation")
struct KernelTests {
    let mish = try! KernelLowering(try! ExprParser.parse("mish(x)"))

    @Test("the exponential: within its proven bound of MPFR's e^a, and 0, NaN, 1 at −∞, NaN, 0")
    func exponential() {
        let k = ExpKernel.standard
        var g = SeededGenerator.forTest("ExpKernel", defaultSeed: 5)
        var worst = 0.0
        for _ in 0..<20_000 {
            let a = -Double.random(in: 0...708, using: &g)
            let exact = BigFloat(a).exp(precision: 128)
            let got = KernelInterpreter.exp(nonPositive: a)
            let error = abs(BigFloat(got).subtracting(exact, precision: 128).value.divided(by: exact, precision: 64).value.toDouble())
            worst = max(worst, error)
        }
        #expect(worst <= k.relativeErrorBound)
        #expect(worst < 0x1p-51, "measured \(worst): the kernel should be within a few ulps")
        #expect(KernelInterpreter.exp(nonPositive: 0) == 1)
        #expect(KernelInterpreter.exp(nonPositive: -.infinity) == 0)
        #expect(KernelInterpreter.exp(nonPositive: .nan).isNaN)
    }

    @Test("generated C compiles warning-free and matches the IR interpreter bit for bit (exact tiers in double, fast in binary32)",
          arguments: KernelLowering.Kind.allCases, [false, true])
    func compiledMatchesInterpreter(_ kind: KernelLowering.Kind, fast: Bool) throws {
        let ir = try mish.kernel(kind, type: .f32, fast: fast)
        #expect(ir.arithmetic == (fast ? .single : .double))
        let kernel = try CompiledKernel(CEmitter(name: "mish", kind: kind, type: .f32, ir: ir, description: ["test"]))
        let xs = testInputs(count: 20_000, seed: "kernels.\(kind.rawValue)")
        let dys = xs.indices.map { i in i < xs.count / 2 ? Float(1) : Float(i % 7) - 3.5 }
        var out = [Float](repeating: 0, count: xs.count), out2 = out
        switch kind {
        case .forward:
            typealias F = @convention(c) (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
            kernel.symbol("mish_forward_f32", as: F.self)(xs, &out, xs.count)
        case .backward:
            typealias F = @convention(c) (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
            kernel.symbol("mish_backward_f32", as: F.self)(xs, dys, &out, xs.count)
        case .fused:
            typealias F = @convention(c) (UnsafePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
            kernel.symbol("mish_fused_f32", as: F.self)(xs, &out, &out2, xs.count)
        }
        for (i, x) in xs.enumerated() {
            let expected = KernelInterpreter.evaluate(ir, [Double(x), Double(dys[i])]).map { Float($0) }
            #expect(out[i].bitPattern == expected[0].bitPattern || (out[i].isNaN && expected[0].isNaN), "x = \(x)")
            if kind == .fused { #expect(out2[i].bitPattern == expected[1].bitPattern || (out2[i].isNaN && expected[1].isNaN)) }
        }
    }

    @Test("the compiled backward kernels of x²σ, x³σ and (x·(x + 2)·eˣ)′ match the interpreter bit for bit where f′ alone overflows or underflows and at the exact zero x = −2, in both f32 tiers")
    func compiledPowerGrowthAndExactZeros() throws {
        var inputs: [(Float, Float)] = []
        for x: Float in [1.8e38, -3.3e38, 9e19, -1.3e19, 4e33, 1.95e-22, -3e-30, 7e-40, -2, Float(-2).nextUp, 0, -0.0, .nan, .infinity, -.infinity, 0.5, -7] {
            for dy: Float in [0.004, -3e-20, 0.75, 1e-41, 246, -0.0, .infinity] { inputs.append((x, dy)) }
        }
        for text in ["x^2*sigmoid(x)", "x^3*sigmoid(x)", "x*(x+2)*exp(x)"] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            for fast in [false, true] {
                let ir = try lowering.kernel(.backward, type: .f32, fast: fast)
                let kernel = try CompiledKernel(CEmitter(name: "g", kind: .backward, type: .f32, ir: ir, description: ["test"]))
                typealias F = @convention(c) (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
                let xs = inputs.map(\.0), dys = inputs.map(\.1)
                var out = [Float](repeating: 0, count: xs.count)
                kernel.symbol("g_backward_f32", as: F.self)(xs, dys, &out, xs.count)
                for i in xs.indices {
                    let expected = Float(KernelInterpreter.evaluate(ir, [Double(xs[i]), Double(dys[i])])[0])
                    #expect(out[i].bitPattern == expected.bitPattern || (out[i].isNaN && expected.isNaN),
                            "\(text) fast \(fast) at x = \(xs[i]), dy = \(dys[i]): \(out[i]) against \(expected)")
                }
            }
        }
    }

    @Test("a NaN of either sign stays NaN in the exact kernels, also where x multiplies no row (tanh, sigmoid), whose s is not formed in the exponent field of a NaN mantissa; the compiled tanh agrees",
          arguments: [KernelLowering.OutputType.f32, .f16, .bf16])
    func exactTiersKeepNaN(_ type: KernelLowering.OutputType) throws {
        let negativeNaN = -Double.nan
        for text in ["tanh(x)", "sigmoid(x)", "mish(x)", "x^2*sigmoid(x)"] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            for kind in KernelLowering.Kind.allCases {
                let ir = try lowering.kernel(kind, type: type)
                for x in [Double.nan, negativeNaN] {
                    let y = KernelInterpreter.evaluate(ir, [x, 1])
                    let sign = x.sign == .minus ? "-" : ""
                    #expect(y.allSatisfy { $0.isNaN }, "\(text) \(kind) \(type) at \(sign)NaN: \(y)")
                }
            }
        }
        guard type == .f32 else { return }
        let tanh = try KernelLowering(try ExprParser.parse("tanh(x)"))
        let ir = try tanh.kernel(.forward, type: .f32)
        let kernel = try CompiledKernel(CEmitter(name: "tanh", kind: .forward, type: .f32, ir: ir, description: ["test"]))
        typealias F = @convention(c) (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
        let xs: [Float] = [.nan, -.nan, Float(bitPattern: 0xffc0_1234), 0.5, -3]
        var out = [Float](repeating: 0, count: xs.count)
        kernel.symbol("tanh_forward_f32", as: F.self)(xs, &out, xs.count)
        for (x, y) in zip(xs, out) {
            let expected = Float(KernelInterpreter.evaluate(ir, [Double(x)])[0])
            #expect(y.bitPattern == expected.bitPattern || (y.isNaN && expected.isNaN), "tanh(\(x)): C \(y), interpreter \(expected)")
            #expect(y.isNaN == x.isNaN)
        }
    }

    @Test("exact f32 arrays run in two passes per block: every exponential in the first, none computed in the second; any length, block edges included, gives the interpreter's bits",
          arguments: KernelLowering.Kind.allCases)
    func exponentialPasses(_ kind: KernelLowering.Kind) throws {
        let ir = try mish.kernel(kind, type: .f32)
        let emitter = CEmitter(name: "mish", kind: kind, type: .f32, ir: ir, description: ["test"])
        let passes = try #require(emitter.exponentialPasses)
        func isExponential(_ i: Int) -> Bool { if case .expMantissa = ir.operations[i] { return true } else { return false } }
        #expect(ir.live.filter(isExponential).allSatisfy(passes.first.contains))
        #expect(passes.second.filter(isExponential).allSatisfy(passes.carried.contains))
        #expect(!passes.carried.isEmpty && passes.carried.allSatisfy(passes.first.contains))
        #expect(CEmitter(name: "mish", kind: kind, type: .bf16, ir: try mish.kernel(kind, type: .bf16), description: []).exponentialPasses == nil)
        let kernel = try CompiledKernel(emitter)
        let all = testInputs(count: 600, seed: "kernels.passes.\(kind.rawValue)")
        for n in [0, 1, 255, 256, 257, 600] {
            let xs = Array(all.prefix(n)), dys = xs.indices.map { Float($0 % 5) - 2 }
            var out = [Float](repeating: 7, count: n + 1), out2 = out
            switch kind {
            case .forward:
                typealias F = @convention(c) (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
                kernel.symbol("mish_forward_f32", as: F.self)(xs + [0], &out, n)
            case .backward:
                typealias F = @convention(c) (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
                kernel.symbol("mish_backward_f32", as: F.self)(xs + [0], dys + [0], &out, n)
            case .fused:
                typealias F = @convention(c) (UnsafePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
                kernel.symbol("mish_fused_f32", as: F.self)(xs + [0], &out, &out2, n)
            }
            #expect(out[n] == 7, "n = \(n): nothing written past the end")
            for (i, x) in xs.enumerated() {
                let expected = KernelInterpreter.evaluate(ir, [Double(x), Double(dys[i])]).map { Float($0) }
                #expect(out[i].bitPattern == expected[0].bitPattern || (out[i].isNaN && expected[0].isNaN), "n = \(n), x = \(x)")
                if kind == .fused { #expect(out2[i].bitPattern == expected[1].bitPattern || (out2[i].isNaN && expected[1].isNaN)) }
            }
        }
    }

    @Test("f32 forward: correctly rounded on every sampled input it can decide; special values as specified")
    func forwardIsCorrectlyRounded() throws {
        let ir = try mish.kernel(.forward, type: .f32)
        var wrong: [Float] = []
        for x in testInputs(count: 20_000, seed: "kernels.forward.accuracy") where x.isFinite {
            let y = Float(KernelInterpreter.evaluate(ir, [Double(x)])[0])
            if let reference = correctlyRounded(mish.function, at: x), y != reference { wrong.append(x) }
        }
        #expect(wrong.isEmpty, "not correctly rounded at \(wrong.prefix(10))")
        let special = [Float.nan, .infinity, -.infinity, 0.0, -0.0].map { Float(KernelInterpreter.evaluate(ir, [Double($0)])[0]) }
        #expect(special[0].isNaN && special[1] == .infinity)
        #expect(special[2] == 0 && special[2].sign == .minus, "mish(-inf) is -0")
        #expect(special[3] == 0 && special[3].sign == .plus && special[4] == 0 && special[4].sign == .minus)
    }

    @Test("f32 f′ (backward with dy = 1): within one ulp everywhere sampled, correctly rounded away from its zero")
    func derivativeAccuracy() throws {
        let ir = try mish.kernel(.backward, type: .f32)
        var worstNearZero = 0, wrongAway: [Float] = []
        for x in testInputs(count: 20_000, seed: "kernels.backward.accuracy") where x.isFinite {
            let y = Float(KernelInterpreter.evaluate(ir, [Double(x), 1])[0])
            guard let reference = correctlyRounded(mish.derivative, at: x) else { continue }
            if abs(x + 1.1924312) < 1e-3 { worstNearZero = max(worstNearZero, ulpDistance(y, reference)) }
            else if y != reference { wrongAway.append(x) }
        }
        #expect(wrongAway.isEmpty, "not correctly rounded at \(wrongAway.prefix(10))")
        #expect(worstNearZero <= 1)
    }

    @Test("backward f32: below its −∞ threshold |f′| times the largest finite dy is below half the smallest subnormal")
    func backwardThresholdCoversEveryDy() throws {
        let ir = try mish.kernel(.backward, type: .f32)
        let thresholds = ir.live.compactMap { i -> Double? in
            guard case .selectLess(let a, let b, _, _) = ir.operations[i], case .input(0) = ir.operations[a],
                  case .constant(let bits) = ir.operations[b], Double(bitPattern: bits) < -2 else { return nil }
            return Double(bitPattern: bits)
        }
        let t = try #require(thresholds.first)
        for x in [t, t - 0.5, t - 10] {
            let e = mish.derivative.enclosure(at: BigInterval(BigFloat(x, precision: 128)))
            let largest = BigFloat(Double(Float.greatestFiniteMagnitude), precision: 64)
            let product = BigFloat.max(e.lower.magnitude, e.upper.magnitude).multiplied(by: largest, precision: 64, rounding: .up).value
            #expect(product < BigFloat(1, precision: 64).scaled(byPowerOfTwo: -150), "x = \(x)")
            #expect(e.upper.signum < 0, "f′ < 0 there, so dx is the zero of -sign(dy)")
        }
        let below = Float(KernelInterpreter.evaluate(ir, [t - 1, Double(Float.greatestFiniteMagnitude)])[0])
        #expect(below == 0 && below.sign == .minus)
        #expect(t > -300, "the threshold is the f32 one (near −198), not the double's (near −752)")
    }

    @Test("round-to-odd of a double-double, then rounding to f32, is the pair's correctly rounded value")
    func roundToOddThenFloat() {
        var g = SeededGenerator.forTest("round-to-odd", defaultSeed: 3)
        var ir = KernelIR()
        ir.outputs = [ir.value(.roundToOdd(ir.value(.input(0)), ir.value(.input(1))))]
        for i in 0..<20_000 {
            // hi on or next to an f32 midpoint (the hard case), lo of either sign and any size up to ulp(hi)/2.
            let f = Float(bitPattern: UInt32.random(in: 0x0080_0000...0x7f00_0000, using: &g)) * (Bool.random(using: &g) ? 1 : -1)
            let midpoint = (Double(f) + Double(f.nextUp)) / 2
            let hi = i % 3 == 0 ? midpoint : (i % 3 == 1 ? midpoint.nextUp : Double(f))
            let lo = hi.ulp / 2 * Double.random(in: -1...1, using: &g) * (i % 5 == 0 ? 0x1p-40 : 1)
            let y = Float(KernelInterpreter.evaluate(ir, [hi, lo])[0])
            let exact = BigFloat(hi, precision: 53).adding(BigFloat(lo, precision: 53), precision: 200).value
            #expect(y == Float(exact.rounded(toPrecision: 24).toDouble()), "hi = \(hi), lo = \(lo)")
        }
    }

    @Test("the output is deterministic, and each threshold comes with its justification")
    func deterministicWithNotes() throws {
        let a = try mish.kernel(.fused, type: .f32), b = try mish.kernel(.fused, type: .f32)
        #expect(a == b)
        // f → 0 at −∞; f′ → 0 at −∞ and → 1 at +∞, f′ has an irrational zero, and f′(0) = 3/5 ≠ 0 (the
        // origin series): each threshold and series comes with its justification.
        let thresholds = a.notes.filter { $0.hasPrefix("threshold:") }, series = a.notes.filter { $0.hasPrefix("series:") }
        #expect(thresholds.count == 3 && thresholds.allSatisfy { $0.contains("interval evaluation") })
        #expect(series.count == 2 && series[0].contains("-1.19243121451549") && series[1].contains("|x| < 2^-12"))
        let e = CEmitter(name: "mish", kind: .fused, type: .f32, ir: a, description: ["x"])
        #expect(e.header == CEmitter(name: "mish", kind: .fused, type: .f32, ir: b, description: ["x"]).header)
        #expect(e.header.contains("#error") && e.header.contains("__FAST_MATH__"))
    }

    @Test("an expression outside the exp-rational class is refused for the exact tiers")
    func refusesNonExpRational() {
        #expect(throws: KernelError.self) { try KernelLowering(try ExprParser.parse("gelu(x)")) }
    }
}

@Suite("Kernel code generation, f64")
struct KernelF64Tests {
    let mish = try! KernelLowering(try! ExprParser.parse("mish(x)"))

    /// Distance in units of the last place of the exact value's binade (subnormal ulp below 2^-1022).
    static func ulpError(_ y: Double, _ exact: BigFloat) -> Double {
        let e = exact.binaryExponent ?? -1074
        let ulp = BigFloat(1, precision: 64).scaled(byPowerOfTwo: Swift.max(e - 53, -1074))
        return BigFloat(y).subtracting(exact, precision: 256).value.divided(by: ulp, precision: 64).value.magnitude.toDouble()
    }

    @Test("faithful f64 near the largest double where f tends to c·x with a non-dyadic c (mish(x)/3, mish(x) − 3x/5 = −6x/10 + …): within 1 ulp, where the form's numerator or the quotient's y·t overflowed",
          arguments: ["mish(x)/3", "mish(x) - 3*x/5"])
    func limitSlopeNearLargestDouble(_ text: String) throws {
        let lowering = try KernelLowering(try ExprParser.parse(text))
        for kind in [KernelLowering.Kind.forward, .fused] {
            let ir = try lowering.kernel(kind, type: .f64)
            for magnitude in [Double.greatestFiniteMagnitude, 3.3e307, 1e300, 0x1p129, 0x1p127] {
                for x in [magnitude, -magnitude] {
                    let y = KernelInterpreter.evaluate(ir, [x])[0]
                    let exact = lowering.function.enclosure(at: BigInterval(BigFloat(x, precision: 256))).midpoint
                    #expect(y.isFinite && KernelF64Tests.ulpError(y, exact) <= 1, "\(text) \(kind) at \(x): \(y)")
                }
            }
        }
    }

    @Test("faithful f64 where f grows like e^(m|x|): within 1 ulp up to the overflow (e^-|x| is subnormal there), ±∞ beyond")
    func growingFunctionsUpToOverflow() throws {
        var g = SeededGenerator.forTest("kernels.f64.growth", defaultSeed: 65)
        // exp overflows at x ≈ 709.78, x·e^(2x) (and its derivative) near 351.7, sinh and cosh toward both ends.
        for (text, lo, hi) in [("exp(x)", 690.0, 709.78), ("x*exp(2*x)", 340.0, 351.5), ("sinh(x)", -710.47, -690.0), ("cosh(x)", 690.0, 710.47)] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            for (kind, r) in [(KernelLowering.Kind.forward, lowering.function), (.backward, lowering.derivative)] {
                let ir = try lowering.kernel(kind, type: .f64)
                var worst = 0.0, worstX = 0.0
                for x in (0..<400).map({ _ in Double.random(in: lo...hi, using: &g) }) + [lo, hi] {
                    let exact = r.enclosure(at: BigInterval(BigFloat(x, precision: 200))).midpoint
                    let err = KernelF64Tests.ulpError(KernelInterpreter.evaluate(ir, [x, 1])[0], exact)
                    if err > worst { (worst, worstX) = (err, x) }
                }
                #expect(worst <= 1, "\(text) \(kind): \(worst) ulp at x = \(worstX)")
                let end = hi > 0 ? 1.0 : -1.0
                for x in [720.0, 1600, 1e5, 1e300].map({ $0 * end }) {
                    let y = KernelInterpreter.evaluate(ir, [x, 1])[0]
                    let sign = r.enclosure(at: BigInterval(BigFloat(end * 700, precision: 128))).midpoint.signum
                    #expect(y.isInfinite && (y > 0) == (sign > 0), "\(text) \(kind) at \(x): \(y)")
                }
            }
        }
    }

    @Test("fast f64 backward folds dy in before the final scaling: dy·f′ where f′ alone is subnormal keeps its digits (|dy| < 2²⁵⁶)")
    func fastFoldsDy() throws {
        let ir = try mish.kernel(.backward, type: .f64, fast: true)
        var worst = 0.0, worstAt = ""
        for x in stride(from: -925.0, through: -700, by: 3.7) {
            for dy in [152.13, -3e-3, 7e40, -1e70] {
                let y = KernelInterpreter.evaluate(ir, [x, dy])[0]
                let exact = mish.derivative.enclosure(at: BigInterval(BigFloat(x, precision: 200))).midpoint
                    .multiplied(by: BigFloat(dy, precision: 53), precision: 200).value
                let err = exact.isZero ? abs(y) : KernelF64Tests.ulpError(y, exact)
                if err > worst { (worst, worstAt) = (err, "x = \(x), dy = \(dy): \(y)") }
            }
        }
        #expect(worst <= 4, "\(worst) ulp at \(worstAt)")
    }

    @Test("faithful f64 backward where f′ grows like a power of x (x³σ′ ~ 3x² overflows above 2⁵¹¹): dy·f′ within 1 ulp wherever it is finite, +∞ where it is not")
    func powerGrowthTimesDy() throws {
        for text in ["x^2*sigmoid(x)", "x^3*sigmoid(x)", "x^2*tanh(x)"] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            let ir = try lowering.kernel(.backward, type: .f64)
            var worst = 0.0, worstAt = ""
            for x in [1.7e308, -1.1e308, 9.5e153, -2e200, 3.4e38, -1e39] {
                for dy in [0.004, -3e-200, 0.75, 5e-320, 2e-290] {
                    let exact = KernelFastTierTests.powerGrowthDerivative(text, at: x).multiplied(by: BigFloat(dy, precision: 64), precision: 300).value
                    guard abs(exact.toDouble()) < .greatestFiniteMagnitude, abs(exact.toDouble()) >= 0x1p-1022 else { continue }
                    let got = KernelInterpreter.evaluate(ir, [x, dy])[0]
                    let err = got.isFinite ? KernelF64Tests.ulpError(got, exact) : .infinity
                    if err > worst { (worst, worstAt) = (err, "x = \(x), dy = \(dy): \(got)") }
                }
            }
            #expect(worst <= 1, "\(text): \(worst) ulp at \(worstAt)")
            #expect(KernelInterpreter.evaluate(ir, [1.7e308, 4])[0] == .infinity, "\(text): dy·f′ beyond the largest double is +∞")
        }
    }

    @Test("at a nonzero exact zero (x·(x + 2)·eˣ and (x²·eˣ)′ at x = −2, (x·eˣ)′ at −1) every tier and type returns +0, times dy with dy's sign, as IEEE arithmetic gives an exact 0; the neighbours keep the form's nonzero value, NaN stays NaN",
          arguments: [KernelLowering.OutputType.f32, .f16, .bf16, .f64])
    func exactZeroSign(_ type: KernelLowering.OutputType) throws {
        for (text, kind, x0) in [("x*(x+2)*exp(x)", KernelLowering.Kind.forward, -2.0), ("x^2*exp(x)", .backward, -2), ("x*exp(x)", .backward, -1),
                                 ("x*(x+2)*exp(x)", .fused, -2)] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            for fast in [false, true] {
                let ir = try lowering.kernel(kind, type: type, fast: fast)
                for dy in [1.0, -0.75] {
                    let outputs = KernelInterpreter.evaluate(ir, kind == .backward ? [x0, dy] : [x0])
                    let expected = kind == .backward ? 0.0 * dy : 0.0
                    #expect(outputs[0] == 0 && outputs[0].sign == expected.sign,
                            "\(text) \(kind) \(type) fast \(fast) at \(x0), dy = \(dy): \(outputs[0]), expected \(expected)")
                    let near = type == .f64 ? x0.nextUp : Double(Float(x0).nextUp)
                    #expect(KernelInterpreter.evaluate(ir, kind == .backward ? [near, dy] : [near])[0] != 0, "\(text) \(kind) \(type) at \(near)")
                    #expect(KernelInterpreter.evaluate(ir, kind == .backward ? [.nan, dy] : [.nan])[0].isNaN)
                }
            }
        }
    }

    @Test("faithful f64 where the origin series' leading term c·xᵏ underflows (x³σ(x) ≈ x³/2 below 2⁻¹⁰⁷⁵ for |x| < 2⁻³⁵⁸): the zero has the sign of c·xᵏ, for f and for dy·f′")
    func underflowingLeadingTermSign() throws {
        for (text, kind) in [("x^3*sigmoid(x)", KernelLowering.Kind.forward), ("x^3*sigmoid(x)", .backward), ("x^2*sigmoid(x)", .forward),
                             ("x^2*tanh(x)", .forward)] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            let ir = try lowering.kernel(kind, type: .f64)
            let r = kind == .backward ? lowering.derivative : lowering.function
            for x in [-1e-200, 1e-200, -3e-310, 5e-324, -5e-324] {
                for dy in [1.0, -2.5] {
                    let y = KernelInterpreter.evaluate(ir, [x, dy])[0]
                    // The sign of f far enough out that it is a normal double, from the normal form in MPFR.
                    let far = r.enclosure(at: BigInterval(BigFloat(x < 0 ? -1e-3 : 1e-3, precision: 64))).midpoint.signum
                    let expected = (far < 0) != (kind == .backward && dy < 0) ? -0.0 : 0.0
                    #expect(y == 0 && y.sign == expected.sign, "\(text) \(kind) at \(x), dy = \(dy): \(y)")
                }
            }
        }
    }

    @Test("faithful f64 where the origin series' leading term is an exact double midpoint in the normal range (tanh(3x/2) = 3x/2 − 9x³/8 + … below 2⁻⁵³ with an odd last bit; dy·(3/2 − 27x²/8) with dy·3/2 a midpoint): rounded by the next term, as MPFR rounds it")
    func normalRangeTiesAtOrigin() throws {
        let lowering = try KernelLowering(try ExprParser.parse("tanh(3*x/2)"))
        var g = SeededGenerator.forTest("faithful.ties", defaultSeed: 8)
        var wrong: [String] = [], ties = 0
        for (kind, r) in [(KernelLowering.Kind.forward, lowering.function), (.backward, lowering.derivative)] {
            let ir = try lowering.kernel(kind, type: .f64)
            for _ in 0..<400 {
                let odd = Double(2 * UInt64.random(in: 0..<(1 << 51), using: &g) + 1 + (1 << 52))
                // Below 2⁻⁵³ (9x³/8, 27x²/8 beyond the double-double) and above 2⁻⁸⁵ (where MPFR resolves them at 300 bits: the form (u³ − 1)/(u³ + 1) loses k bits at x = 2⁻ᵏ, and the tie needs 2k more).
                let x = odd * Double(sign: .plus, exponent: -52 - Int.random(in: 55...85, using: &g), significand: 1)
                    * (Bool.random(using: &g) ? 1 : -1)
                let dy = kind == .forward ? 1 : odd * 0x1p-52 * (Bool.random(using: &g) ? 1 : -1)
                let lead = kind == .forward ? x : dy
                if (1.5 * lead - lead) - lead / 2 != 0 || lead / 2 * 2 != lead { ties += 1 }
                let expected = try #require(FaithfulF64Tests.correctlyRounded(r, x, dy: dy), "MPFR at 300 bits decides x = \(x)")
                let y = KernelInterpreter.evaluate(ir, [x, dy])[0]
                if y.bitPattern != expected.bitPattern { wrong.append("\(kind) at x = \(x), dy = \(dy): \(y) vs \(expected)") }
            }
        }
        #expect(ties > 100, "most inputs put 3/2 times the odd value on a midpoint")
        #expect(wrong.isEmpty, "\(wrong.count) not correctly rounded: \(wrong.prefix(4))")
    }

    @Test("faithful f64 at an exact zero of f′ ((x·eˣ)′ at x = −1): dy·f′ is the zero IEEE arithmetic gives, with dy's sign")
    func exactZeroKeepsTheSignOfDy() throws {
        let lowering = try KernelLowering(try ExprParser.parse("x*exp(x)"))
        #expect(lowering.derivative.vanishes(at: Rational(-1)))
        let ir = try lowering.kernel(.backward, type: .f64)
        for dy in [1.0, -1, 2.5, -0.125, 1e-300, -1e300] {
            let y = KernelInterpreter.evaluate(ir, [-1, dy])[0]
            #expect(y == 0 && y.sign == (dy < 0 ? .minus : .plus), "dy = \(dy): \(y)")
        }
    }

    /// The fast tier in double: the normal form's terms cancel partly (forward ~2 ulp, f′ ~4 ulp just outside
    /// the series window of 1/4 around its zero). This test pins that bound, the subnormal tail included; the faithful
    /// tier (double-double) has its own suite.
    @Test("fast f64 forward and f′: within 4 ulps on random inputs across [−745, 700], through the zero of f′, the subnormal tail and both thresholds")
    func withinFourUlps() throws {
        let fast = true
        var g = SeededGenerator.forTest("kernels.f64", defaultSeed: 64)
        for (kind, r) in [(KernelLowering.Kind.forward, mish.function), (.backward, mish.derivative)] {
            let ir = try mish.kernel(kind, type: .f64, fast: fast)
            var worst = 0.0, worstX = 0.0
            var xs = (0..<4000).map { _ in Double.random(in: -745...700, using: &g) }
            xs += [-752, -751.9, -708, -1.1924312145154952, 0, 21, 20.9]
            // Through the zero of mish′ at x₀ ≈ −1.1924, where the form cancels (20 ulp at 2⁻⁵ from x₀ before the
            // fast tier's series window grew from 1/64 to 1/4).
            xs += (0..<600).map { -1.1924312145154952 - 0.3 + Double($0) * 0.001 }
            for x in xs {
                let y = KernelInterpreter.evaluate(ir, [x, 1])[0]
                let exact = r.enclosure(at: BigInterval(BigFloat(x, precision: 200))).midpoint
                let err = exact.isZero ? abs(y) : KernelF64Tests.ulpError(y, exact)
                if err > worst { (worst, worstX) = (err, x) }
            }
            #expect(worst <= 4, "\(kind): \(worst) ulp at x = \(worstX)")
        }
    }
}

@Suite("C and CUDA from one IR")
struct EmitterAgreementTests {
    /// Each body line `const double vN = …;` reduced to (N, operation, operands), the spelling of each
    /// target's operations mapped to one name.
    static func operations(_ text: String) -> [String] {
        let spellings: [(String, String)] = [
            ("__fmaf_rn(", "fma "), ("__fma_rn(", "fma "), ("fmaf(", "fma "), ("fma(", "fma "), ("__dadd_rn(", "add "),
            ("__dsub_rn(", "sub "), ("__dmul_rn(", "mul "), ("__ddiv_rn(", "div "), ("__fadd_rn(", "add "), ("__fsub_rn(", "sub "),
            ("__fmul_rn(", "mul "), ("__fdiv_rn(", "div "), ("_exp_mantissa(", "mantissa "), ("_exp_scale(", "scale "),
            ("_expf_mantissa(", "mantissa "), ("_expf_scale(", "scale "), ("_scale_pow2(", "pow2scale "), ("fabsf(", "abs "), ("fabs(", "abs "),
            ("__int_as_float(0x7f800000)", "inf"), ("__longlong_as_double(0x7ff0000000000000LL)", "inf"), ("(double)INFINITY", "inf"),
            ("INFINITY", "inf"),
        ]
        return text.split(separator: "\n").compactMap { line -> String? in
            guard let eq = line.range(of: " = "), line.hasPrefix("    const double v") || line.hasPrefix("    const float v") else { return nil }
            var rhs = String(line[eq.upperBound...])
            for (from, to) in spellings { rhs = rhs.replacingOccurrences(of: from, with: to) }
            for infix in [(" + ", "add"), (" - ", "sub"), (" * ", "mul"), (" / ", "div")] where rhs.contains(infix.0) && !rhs.contains("?") {
                rhs = infix.1 + " " + rhs.replacingOccurrences(of: infix.0, with: ", ")
            }
            let lhs = line[line.index(line.startIndex, offsetBy: line.hasPrefix("    const double") ? 17 : 16)..<eq.lowerBound]
            return lhs + " = " + rhs.filter { !"();".contains($0) }
        }
    }

    @Test("the C and CUDA bodies perform the same operations in the same order (exact and fast tiers, f32; faithful f64)",
          arguments: KernelLowering.Kind.allCases, [(KernelLowering.OutputType.f32, false), (.f32, true), (.f64, false)])
    func sameOperations(_ kind: KernelLowering.Kind, tier: (type: KernelLowering.OutputType, fast: Bool)) throws {
        let lowering = try KernelLowering(try ExprParser.parse("mish(x)"))
        let ir = try lowering.kernel(kind, type: tier.type, fast: tier.fast)
        let c = CEmitter(name: "mish", kind: kind, type: tier.type, ir: ir, description: []).header
        let cuda = CUDAEmitter(name: "mish", kind: kind, type: tier.type, ir: ir, description: []).source
        let a = EmitterAgreementTests.operations(c), b = EmitterAgreementTests.operations(cuda)
        #expect(a == b)
        // Every live operation is a statement, except −|x| and its floor where an f32 kernel in double spells
        // the exponential's argument on the element (in binary32); each output's fallback function (exact f32)
        // computes what it needs from the inputs again, so a value may appear there too, once per output.
        let emitted = Set(a.compactMap { Int($0.prefix { $0 != " " }.dropFirst()) })
        let absorbed = Set(ir.live).subtracting(emitted)
        #expect(emitted.isSubset(of: Set(ir.live + ir.fallbackLive)) && a.count <= ir.live.count + ir.outputs.count * ir.fallbackLive.count)
        #expect((ir.fallback != nil) == (tier.type == .f32 && !tier.fast))
        #expect(absorbed.isEmpty == (tier.type != .f32 || tier.fast))
        #expect(absorbed.allSatisfy { i in
            switch ir.operations[i] { case .negate, .absolute, .constant: return true; default: return false }
        })
    }
}

/// binary16 and bfloat16 bit patterns as doubles, and doubles (already rounded to the format) as bits.
enum HalfBits {
    static func decode(_ h: UInt16, _ type: KernelLowering.OutputType) -> Double {
        if type == .bf16 { return Double(Float(bitPattern: UInt32(h) << 16)) }
        let sign: Double = h & 0x8000 != 0 ? -1 : 1
        let e = Int(h >> 10) & 0x1f, m = Double(h & 0x3ff)
        if e == 0x1f { return m == 0 ? sign * .infinity : .nan }
        if e == 0 { return sign * m * 0x1p-24 }
        return sign * (1 + m / 1024) * Double(sign: .plus, exponent: e - 15, significand: 1)
    }

    /// The format's value nearest to v (nearest even), with overflow to infinity.
    static func nearest(_ v: Double, _ type: KernelLowering.OutputType) -> Double {
        let largest = type == .f16 ? 65504.0 : Double(Float(bitPattern: 0x7f7f_0000))
        let r = type.rounded(v)
        return abs(r) > largest ? Double.infinity * (v < 0 ? -1 : 1) : r
    }
}

@Suite("Kernel code generation, f16 and bf16: every input")
struct KernelHalfTests {
    let mish = try! KernelLowering(try! ExprParser.parse("mish(x)"))

    @Test("bf16 forward with a non-dyadic c₂ (mish² = 9x²/25 + …): every bf16 input below 2⁻¹⁰ correctly rounded, where 9x²/25 can be a midpoint")
    func nonDyadicSecondOrderLeadingTerm() throws {
        let lowering = try KernelLowering(try ExprParser.parse("mish(x)^2"))
        let ir = try lowering.kernel(.forward, type: .bf16)
        var wrong: [Double] = []
        for bits in UInt16(1)..<0x3a80 {
            for sign in [UInt16(0), 0x8000] {
                let x = HalfBits.decode(bits | sign, .bf16)
                let got = HalfBits.nearest(KernelInterpreter.evaluate(ir, [x])[0], .bf16)
                let exact = lowering.function.enclosure(at: BigInterval(BigFloat(x, precision: 300))).midpoint
                if got != FloatFormat.bf16.value(ofBits: FloatFormat.bf16.roundedBits(exact)) { wrong.append(x) }
            }
        }
        #expect(wrong.count == 0, "\(wrong.count) misrounded, e.g. x = \(wrong.first ?? 0)")
    }

    @Test("bf16 and f32 backward with a non-dyadic c₁ (mish²′ = 18x/25 + …): dy·18x/25 on an output midpoint rounds by the next term",
          arguments: [KernelLowering.OutputType.bf16, .f32])
    func nonDyadicSlopeWithDyAtMidpoints(_ type: KernelLowering.OutputType) throws {
        let lowering = try KernelLowering(try ExprParser.parse("mish(x)^2"))
        let ir = try lowering.kernel(.backward, type: type)
        let format: FloatFormat = type == .bf16 ? .bf16 : .f32
        let bits = type == .bf16 ? 8 : 24
        // Odd integers sx, sd < 2^bits with 25 | sd and dy·x·18/25 = o·2ᵏ, o odd with bits + 1 significant bits: a midpoint.
        var cases: [(x: Double, dy: Double)] = []
        let top = 1 << bits
        for sd in stride(from: 25, to: top, by: 50).prefix(5) {
            var found = 0
            for sx in stride(from: 1, to: top, by: 2) where found < 12 {
                var v = (sd / 25) * 18 * sx
                while v % 2 == 0 { v /= 2 }
                guard v >= top && v < 2 * top else { continue }
                found += 1
                for (ex, ed) in [(-40, -3), (-120, 10), (-13, 0)] {
                    let x = Double(sx) * Double(sign: .plus, exponent: ex - bits, significand: 1)
                    let dy = Double(sd) * Double(sign: .plus, exponent: ed - bits, significand: 1)
                    cases += [(x, dy), (-x, dy), (x, -dy)]
                }
            }
        }
        #expect(cases.count > 30)
        var wrong: [(Double, Double)] = []
        for (x, dy) in cases {
            let got = KernelInterpreter.evaluate(ir, [x, dy])[0]
            let exact = lowering.derivative.enclosure(at: BigInterval(BigFloat(x, precision: 300))).midpoint
                .multiplied(by: BigFloat(dy, precision: 53), precision: 400).value
            if format.roundedBits(BigFloat(got, precision: 53)) != format.roundedBits(exact) { wrong.append((x, dy)) }
        }
        #expect(wrong.isEmpty, "\(wrong.count) of \(cases.count) misrounded, e.g. (x, dy) = \(wrong.first.map { "\($0)" } ?? "")")
    }

    /// Inputs (x, dy) where the leading term at 0 or the limit part at +∞ is exactly an f32 midpoint (25 significant
    /// bits, odd): 3·mish = 9x/5 + … (x = 5m·2ᵉ, 9m), 3x + … (3m); dy·3·mish′ = 9dy/5 + …, 3dy + … (at x = +∞ exactly 3dy, a tie);
    /// dy·(x²σ)′ = x·dy + ….
    static func f32MidpointCases(_ name: String) -> [(x: Double, dy: Double)] {
        let odd25 = { (v: Int) in v % 2 == 1 && v >= 1 << 24 && v < 1 << 25 }
        let fives = stride(from: (1 << 24) / 9 | 1, to: (1 << 24) / 5, by: 2).lazy.filter { odd25(9 * $0) }.prefix(6)
        let threes = stride(from: (1 << 23) + 1, to: (1 << 25) / 3, by: 2).lazy.filter { odd25(3 * $0) }.prefix(6)
        func scaled(_ m: Int, _ e: Int) -> Double { Double(m) * Double(sign: .plus, exponent: e, significand: 1) }
        switch name {
        case "3*mish forward":
            return fives.flatMap { m in [-140, -90, -40].flatMap { [(scaled(5 * m, $0), 1.0), (-scaled(5 * m, $0), 1.0)] } }
                + threes.flatMap { m in [-19, -18, -10].map { (scaled(m, $0), 1.0) } }
        case "mish*sigmoid forward":
            // 3x/10 + 9x²/50 + …: at the subnormal x = 5j·2⁻¹⁴⁹ (j odd), 3x/10 = 1.5j·2⁻¹⁴⁹ is a midpoint of the
            // subnormal outputs, and the x² term (2⁻¹²⁵ of it) decides.
            return stride(from: 1, to: 400, by: 38).flatMap { j in [(scaled(5 * j, -149), 1.0), (-scaled(5 * j, -149), 1.0)] }
                + [(scaled(5 * 1_677_721, -149), 1.0)]
        case "(x+1)*sigmoid forward":
            // x + 1 − (x + 1)e^(−x)/(1 + e^(−x)): where x + 1 has 25 bits (x in [63, 64) with its last bit 2⁻¹⁸ set, x in
            // [127, 128) with 2⁻¹⁷ set) the limit part is a midpoint and C (2⁻⁸⁵ of it and below) decides. (x in [2²⁴, 2²⁵)
            // too, but there C is e^(−2²⁴), beyond the reference's MPFR.)
            return stride(from: 0, to: 1 << 16, by: 5_461).flatMap { (m: Int) -> [(x: Double, dy: Double)] in
                let odd = Double(2 * m + 1)
                return [(x: 63 + odd * 0x1p-18, dy: 1.0), (x: 127 + odd * 0x1p-17, dy: 1.0)]
            }
        case "3*mish backward":
            return fives.flatMap { m in [(0x1.3p-100, scaled(5 * m, -24)), (-0x1.5p-70, -scaled(5 * m, -30))] }
                + threes.flatMap { m in [(40.5, scaled(m, -23)), (1000.25, -scaled(m, -30)), (.infinity, scaled(m, -23))] }
        default:
            return [(4097, 4097), (4099, 4095), (8191, 2049)].flatMap { a, b in
                [(scaled(a, -80), scaled(b, -12)), (-scaled(a, -100), scaled(b, 3)), (scaled(b, -140), -scaled(a, -1))]
            }
        }
    }

    @Test("f32 leading terms on midpoints, at 0 and toward +∞ (3·mish = 9x/5 + … = 3x + …, its dy·f′, dy·(x²σ)′ = x·dy + …, mish·σ = 3x/10 + … at subnormals, (x + 1)σ = x + 1 + …): rounded by the next term",
          arguments: [("3*mish(x)", KernelLowering.Kind.forward, "3*mish forward"), ("3*mish(x)", .backward, "3*mish backward"),
                      ("x^2*sigmoid(x)", .backward, "x^2*sigmoid backward"), ("mish(x)*sigmoid(x)", .forward, "mish*sigmoid forward"),
                      ("(x+1)*sigmoid(x)", .forward, "(x+1)*sigmoid forward")])
    func f32LeadingTermsOnMidpoints(_ expression: String, _ kind: KernelLowering.Kind, _ cases: String) throws {
        let lowering = try KernelLowering(try ExprParser.parse(expression))
        let ir = try lowering.kernel(kind, type: .f32)
        let inputs = KernelHalfTests.f32MidpointCases(cases)
        #expect(inputs.count >= 9)
        // The reference decides every case: MPFR with its precision doubled, and beyond 2^14 bits (x ≈ 8192, where the
        // limit part's correction is e^(−16384) of it) by the sign of that correction's own normal form.
        let reference = CorrectlyRoundedReference(try ExprParser.parse(expression))
        var wrong: [(Double, Double)] = []
        for (x, dy) in inputs {
            #expect(Double(Float(x)) == x && Double(Float(dy)) == dy)
            let got = KernelInterpreter.evaluate(ir, kind == .forward ? [x] : [x, dy])[0]
            let expected = try #require(reference.mpfr(kind == .forward ? .value : .derivative, x: x, dy: dy, format: .f32))
            if FloatFormat.f32.roundedBits(BigFloat(got, precision: 53)) != expected.bits { wrong.append((x, dy)) }
        }
        #expect(wrong.isEmpty, "\(wrong.count) of \(inputs.count) misrounded, e.g. (x, dy) = \(wrong.first.map { "\($0)" } ?? "")")
    }

    @Test("a limit no double holds (mish(x)/3: f′ → 1/3 at +∞): the kernels generate, x = +∞ returns it rounded once, finite inputs keep the form, all correctly rounded")
    func inexactLimit() throws {
        let expression = try ExprParser.parse("mish(x)/3")
        let lowering = try KernelLowering(expression)
        let reference = CorrectlyRoundedReference(expression)
        let backward = try lowering.kernel(.backward, type: .f32), fused = try lowering.kernel(.fused, type: .f32)
        var wrong: [(Double, Double)] = []
        for dy in [1.0, 3.0, -0.1875, 0x1.fffffep+127, 0x1.8p-140] {
            let expected = BigFloat(Rational(1, 3) * BigFloat(dy, precision: 53).exactRational!, precision: 200)
            let got = KernelInterpreter.evaluate(backward, [.infinity, dy])[0]
            if FloatFormat.f32.roundedBits(BigFloat(got, precision: 53)) != FloatFormat.f32.roundedBits(expected) { wrong.append((.infinity, dy)) }
        }
        for x in [20.0, 100, 750, 1e10, 1e30, 0x1.fffffep+127] {
            for dy in [1.0, -0.1875] {
                let want = try #require(reference.mpfr(.derivative, x: x, dy: dy, format: .f32))
                let got = KernelInterpreter.evaluate(backward, [x, dy])[0]
                if FloatFormat.f32.roundedBits(BigFloat(got, precision: 53)) != want.bits { wrong.append((x, dy)) }
            }
            let want = try #require(reference.mpfr(.derivative, x: x, format: .f32))
            if FloatFormat.f32.roundedBits(BigFloat(KernelInterpreter.evaluate(fused, [x])[1], precision: 53)) != want.bits { wrong.append((x, 0)) }
        }
        #expect(FloatFormat.f32.roundedBits(BigFloat(KernelInterpreter.evaluate(fused, [.infinity])[1], precision: 53))
                == FloatFormat.f32.roundedBits(BigFloat(Rational(1, 3), precision: 200)))
        #expect(wrong.isEmpty, "misrounded at (x, dy) = \(wrong)")
    }

    @Test("dy = ±0 gives the zero with the sign of dy·f′(x), in the series at 0, the form and the limit tails",
          arguments: ["mish(x)", "3*mish(x)", "x^2*sigmoid(x)", "mish(x)^2"])
    func zeroDy(_ expression: String) throws {
        let lowering = try KernelLowering(try ExprParser.parse(expression))
        let xs = [1e-30, 1e-10, 0.5, 3, 50, 1000].flatMap { [$0, -$0] }
        for (type, fast) in [(KernelLowering.OutputType.f32, false), (.bf16, false), (.f64, false), (.f32, true)] {
            let ir = try lowering.kernel(.backward, type: type, fast: fast)
            for x in xs {
                let slope = lowering.derivative.enclosure(at: BigInterval(BigFloat(x, precision: 200)))
                guard slope.lower.signum == slope.upper.signum, slope.lower.signum != 0 else { continue }
                for dy in [0.0, -0.0] {
                    let got = KernelInterpreter.evaluate(ir, [x, dy])[0]
                    let negative = (dy.sign == .minus) != (slope.lower.signum < 0)
                    #expect(got == 0 && (got.sign == .minus) == negative,
                            "\(expression) \(type)\(fast ? " fast" : ""): x = \(x), dy = \(dy) gave \(got)")
                }
            }
        }
    }

    @Test("dy = ±∞ gives ±∞ with the sign of dy·f′(x) also beyond a zero-limit threshold, where f′ is too small for any output but not 0 (dy·0 would be NaN); finite dy rounds correctly there (exact tiers)",
          arguments: ["mish(2*x)", "mish(x)*sigmoid(x)", "x*sigmoid(x)"])
    func infiniteDyBeyondZeroThreshold(_ expression: String) throws {
        let lowering = try KernelLowering(try ExprParser.parse(expression))
        // x = −20 is beyond f16's threshold (f′ ≈ −40·e⁻⁴⁰ for mish(2x)), −300 beyond every type's but f64's, −1000 beyond all.
        for (type, fast) in [(KernelLowering.OutputType.f16, false), (.bf16, false), (.f32, false), (.f32, true), (.f64, false), (.f64, true)] {
            let ir = try lowering.kernel(.backward, type: type, fast: fast)
            for x in [-20.0, -300.0, -1000.0] {
                let slope = lowering.derivative.enclosure(at: BigInterval(BigFloat(x, precision: 200)))
                guard slope.lower.signum == slope.upper.signum, slope.lower.signum != 0 else { continue }
                for dy in [Double.infinity, -.infinity] {
                    let got = KernelInterpreter.evaluate(ir, [x, dy])[0]
                    let negative = (dy < 0) != (slope.lower.signum < 0)
                    #expect(got.isInfinite && (got < 0) == negative, "\(expression) \(type)\(fast ? " fast" : ""): x = \(x), dy = \(dy) gave \(got)")
                }
                if type != .f64 && !fast {
                    let got = KernelInterpreter.evaluate(ir, [x, 3])[0]
                    let rounded = type == .f32 ? Double(Float(got)) : HalfBits.nearest(got, type == .f16 ? .f16 : .bf16)
                    let exact = slope.midpoint.multiplied(by: BigFloat(3, precision: 53), precision: 256).value
                    let format: FloatFormat = type == .f32 ? .f32 : (type == .f16 ? .f16 : .bf16)
                    #expect(rounded.bitPattern == format.value(ofBits: format.roundedBits(exact)).bitPattern, "\(expression) \(type): x = \(x), dy = 3")
                }
            }
        }
    }

    @Test("the fused f′ near 0 where the form cancels and the slope is not dyadic (mish′ − 3/5 = 16x/25 + …): correctly rounded at tiny inputs, as the backward kernel is",
          arguments: [KernelLowering.OutputType.bf16, .f32])
    func fusedNonDyadicSlopeAtOrigin(_ type: KernelLowering.OutputType) throws {
        let lowering = try KernelLowering(try ExprParser.parse("mish(x) - 3*x/5"))
        let ir = try lowering.kernel(.fused, type: type)
        let format: FloatFormat = type == .f32 ? .f32 : .bf16
        var wrong: [Double] = []
        for e in stride(from: -130, through: -4, by: 3) {
            for m in [1.0, 1.375, 1.8125] {
                for x in [m * Double(sign: .plus, exponent: e, significand: 1), -m * Double(sign: .plus, exponent: e, significand: 1)] {
                    let got = KernelInterpreter.evaluate(ir, [x])[1]
                    let rounded = type == .f32 ? Double(Float(got)) : HalfBits.nearest(got, .bf16)
                    let exact = lowering.derivative.enclosure(at: BigInterval(BigFloat(x, precision: 400))).midpoint
                    if rounded.bitPattern != format.value(ofBits: format.roundedBits(exact)).bitPattern { wrong.append(x) }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) misrounded, e.g. x = \(wrong.first ?? 0)")
    }

    @Test("leading orders 3 to 5 at 0 with any coefficient (tanh(x) − x = −x³/3 + …, x³·tanh(x) = x⁴ − x⁶/3 + …, its f′ = 4x³ + …, x⁴·tanh(x) = x⁵ − …): tiny inputs correctly rounded with their signs, also where c·xʲ is an output midpoint (x = 65·2⁻⁴⁰: x⁴ has 25 bits; x = ±7·2⁻²⁷: 4x³ has 9)",
          arguments: [KernelLowering.OutputType.bf16, .f32])
    func higherLeadingOrdersAtOrigin(_ type: KernelLowering.OutputType) throws {
        let format: FloatFormat = type == .f32 ? .f32 : .bf16
        var xs: [Double] = [65 * 0x1p-40, -65 * 0x1p-40, 7 * 0x1p-27, -7 * 0x1p-27, 75 * 0x1p-60, -75 * 0x1p-60]
        for e in stride(from: -130, through: -4, by: 7) {
            for m in [1.0, 1.375, 1.8125] { xs += [m * Double(sign: .plus, exponent: e, significand: 1), -m * Double(sign: .plus, exponent: e, significand: 1)] }
        }
        xs = xs.filter { type == .f32 ? Double(Float($0)) == $0 : HalfBits.nearest($0, .bf16) == $0 }
        for (text, kind) in [("tanh(x) - x", KernelLowering.Kind.forward), ("x^3*tanh(x)", .forward), ("x^3*tanh(x)", .backward),
                             ("x^4*tanh(x)", .forward)] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            let ir = try lowering.kernel(kind, type: type)
            let r = kind == .forward ? lowering.function : lowering.derivative
            var wrong: [Double] = []
            for x in xs {
                let got = KernelInterpreter.evaluate(ir, kind == .forward ? [x] : [x, 1])[0]
                let rounded = type == .f32 ? Double(Float(got)) : HalfBits.nearest(got, .bf16)
                let exact = r.enclosure(at: BigInterval(BigFloat(x, precision: 600))).midpoint
                if rounded.bitPattern != format.value(ofBits: format.roundedBits(exact)).bitPattern { wrong.append(x) }
            }
            #expect(wrong.isEmpty, "\(text) \(kind) \(type): \(wrong.count) of \(xs.count) misrounded, e.g. x = \(wrong.first ?? 0)")
        }
    }

    @Test("bf16 backward where the limit part dy·c·xⁿ is an output midpoint with more than two factors: (x⁴·tanh(x))′ = ±4x³ + C toward ±∞ times dy = ±15/8 (4·27·15/8 = 405/2 at x = ±3·2ᵏ), and (x⁵σ − x⁵/2)′ = ±5x⁴/2 + C (405/2 at x = ±3·2ᵏ) times dy = 1 and −3: rounded by C, as MPFR rounds it")
    func limitMidpointsOfLongerProducts() throws {
        var wrong: [String] = [], count = 0
        for (text, dys) in [("x^4*tanh(x)", [1.875, -1.875]), ("x^5*sigmoid(x) - x^5/2", [1.0, -3.0])] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            let ir = try lowering.kernel(.backward, type: .bf16)
            // Up to x = 768, where C ≈ e⁻⁷⁶⁸ of f′ (tanh: e⁻¹⁵³⁶ ≈ 2⁻²²¹⁶): MPFR at 2500 bits sees it.
            for k in 4...8 {
                for x in [3 * Double(sign: .plus, exponent: k, significand: 1), -3 * Double(sign: .plus, exponent: k, significand: 1)] {
                    for dy in dys {
                        count += 1
                        let got = HalfBits.nearest(KernelInterpreter.evaluate(ir, [x, dy])[0], .bf16)
                        let exact = lowering.derivative.enclosure(at: BigInterval(BigFloat(x, precision: 2500))).midpoint
                            .multiplied(by: BigFloat(dy, precision: 53), precision: 2600).value
                        let expected = FloatFormat.bf16.value(ofBits: FloatFormat.bf16.roundedBits(exact))
                        if got.bitPattern != expected.bitPattern { wrong.append("\(text) at x = \(x), dy = \(dy): \(got) vs \(expected)") }
                    }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) of \(count) misrounded, e.g. \(wrong.first ?? "")")
    }

    @Test("f16 backward where the form cancels at 0: dy·sinh(2⁻¹⁸) with dy·x an f16 midpoint rounds by the x³/6 term")
    func cancellingFormWithDyAtMidpoints() throws {
        let lowering = try KernelLowering(try ExprParser.parse("cosh(x)"))
        let ir = try lowering.kernel(.backward, type: .f16)
        let x = 0x1p-18
        var wrong: [Double] = []
        // dy = ±m/128, m odd in (1024, 2048): dy·x = ±m·2⁻²⁵, halfway between two f16 subnormals (spacing 2⁻²⁴).
        for m in stride(from: 1025, to: 2048, by: 2) {
            for dy in [Double(m) / 128, -Double(m) / 128] {
                let got = HalfBits.nearest(KernelInterpreter.evaluate(ir, [x, dy])[0], .f16)
                let exact = lowering.derivative.enclosure(at: BigInterval(BigFloat(x, precision: 200))).midpoint
                    .multiplied(by: BigFloat(dy, precision: 53), precision: 256).value
                if got != FloatFormat.f16.value(ofBits: FloatFormat.f16.roundedBits(exact)) { wrong.append(dy) }
            }
        }
        #expect(wrong.count == 0, "\(wrong.count) of 1024 misrounded, e.g. dy = \(wrong.first ?? 0)")
    }

    @Test("all 65 536 inputs: the compiled kernel matches the interpreter rounded once, and the correctly rounded value",
          arguments: [KernelLowering.OutputType.f16, .bf16], [KernelLowering.Kind.forward, .backward])
    func exhaustive(_ type: KernelLowering.OutputType, _ kind: KernelLowering.Kind) throws {
        let ir = try mish.kernel(kind, type: type)
        let kernel = try CompiledKernel(CEmitter(name: "mish", kind: kind, type: type, ir: ir, description: ["test"]))
        let xs = (0...UInt16.max).map { $0 }
        var out = [UInt16](repeating: 0, count: xs.count)
        let ones = [UInt16](repeating: type == .f16 ? 0x3c00 : 0x3f80, count: xs.count)
        if kind == .forward {
            typealias F = @convention(c) (UnsafePointer<UInt16>, UnsafeMutablePointer<UInt16>, Int) -> Void
            kernel.symbol("mish_forward_\(type.rawValue)", as: F.self)(xs, &out, xs.count)
        } else {
            typealias F = @convention(c) (UnsafePointer<UInt16>, UnsafePointer<UInt16>, UnsafeMutablePointer<UInt16>, Int) -> Void
            kernel.symbol("mish_backward_\(type.rawValue)", as: F.self)(xs, ones, &out, xs.count)
        }
        let r = kind == .forward ? mish.function : mish.derivative
        var mismatches: [UInt16] = [], wrong: [UInt16] = []
        for (i, h) in xs.enumerated() {
            let x = HalfBits.decode(h, type), y = HalfBits.decode(out[i], type)
            let interpreted = HalfBits.nearest(KernelInterpreter.evaluate(ir, [x, 1])[0], type)
            if !(y == interpreted && y.sign == interpreted.sign) && !(y.isNaN && interpreted.isNaN) { mismatches.append(h) }
            guard x.isFinite else { continue }
            let e = r.enclosure(at: BigInterval(BigFloat(x, precision: 128)))
            guard e.isBounded else { continue }
            let lo = HalfBits.nearest(e.lower.toDouble(), type), hi = HalfBits.nearest(e.upper.toDouble(), type)
            if lo == hi && lo != y { wrong.append(h) }
        }
        #expect(mismatches.isEmpty, "kernel differs from the interpreter at \(mismatches.prefix(5))")
        #expect(wrong.isEmpty, "not correctly rounded at \(wrong.prefix(5).map { HalfBits.decode($0, type) })")
    }
}

/// The generated sources compared with the files in Snapshots/; `MISH_RECORD_SNAPSHOTS=1 swift test --filter
/// Snapshot` rewrites them (then review the diff).
@Suite("Generated source snapshots")
struct SnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func check(_ file: String, _ text: String) throws {
        let url = directory.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["MISH_RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOf: url, encoding: .utf8)
        #expect(recorded == text, "\(file) differs from its snapshot; rerun with MISH_RECORD_SNAPSHOTS=1 if the change is intended")
    }

    @Test("mish forward, backward and fused, f32 and bf16, C and CUDA, the fast f32 forward and the faithful f64 backward, are byte for byte the recorded ones")
    func mishKernels() throws {
        let lowering = try KernelLowering(try ExprParser.parse("mish(x)"))
        for kind in KernelLowering.Kind.allCases {
            for type in [KernelLowering.OutputType.f32, .bf16] {
                let ir = try lowering.kernel(kind, type: type)
                let description = ["snapshot of mish \(kind.rawValue) \(type.rawValue)"]
                let c = CEmitter(name: "mish", kind: kind, type: type, ir: ir, description: description)
                try SnapshotTests.check(c.function + ".h", c.header)
                try SnapshotTests.check(c.function + ".c", c.source)
                let cuda = CUDAEmitter(name: "mish", kind: kind, type: type, ir: ir, description: description)
                try SnapshotTests.check(cuda.function + ".cu", cuda.source)
            }
        }
        let ir = try lowering.kernel(.forward, type: .f32, fast: true)
        let description = ["snapshot of mish forward f32, fast tier"]
        let c = CEmitter(name: "mish", kind: .forward, type: .f32, ir: ir, description: description)
        try SnapshotTests.check("fast_" + c.function + ".h", c.header)
        try SnapshotTests.check("fast_" + c.function + ".c", c.source)
        try SnapshotTests.check("fast_" + c.function + ".cu", CUDAEmitter(name: "mish", kind: .forward, type: .f32, ir: ir, description: description).source)
        let faithful = try lowering.kernel(.backward, type: .f64)
        let note = ["snapshot of mish backward f64, faithful tier (double-double)"]
        let d = CEmitter(name: "mish", kind: .backward, type: .f64, ir: faithful, description: note)
        try SnapshotTests.check("faithful_" + d.function + ".h", d.header)
        try SnapshotTests.check("faithful_" + d.function + ".c", d.source)
        try SnapshotTests.check("faithful_" + d.function + ".cu", CUDAEmitter(name: "mish", kind: .backward, type: .f64, ir: faithful, description: note).source)
    }

    @Test("gelu backward, fast tier (math-library calls: outside the exp-rational class), bf16 C and f64 CUDA, are byte for byte the recorded ones")
    func geluKernels() throws {
        let lowering = LibmLowering(try ExprParser.parse("gelu(x)"))
        let half = CEmitter(name: "gelu", kind: .backward, type: .bf16, ir: lowering.kernel(.backward, type: .bf16),
                            description: ["snapshot of gelu backward bf16, fast tier"])
        try SnapshotTests.check("fast_" + half.function + ".h", half.header)
        try SnapshotTests.check("fast_" + half.function + ".c", half.source)
        let double = CUDAEmitter(name: "gelu", kind: .backward, type: .f64, ir: lowering.kernel(.backward, type: .f64),
                                 description: ["snapshot of gelu backward f64, fast tier"])
        try SnapshotTests.check("fast_" + double.function + ".cu", double.source)
    }
}

@Suite("Kernel code generation, fast tier")
struct KernelFastTierTests {
    let mish = try! KernelLowering(try! ExprParser.parse("mish(x)"))

    /// |y − v| in units of the gap of the format at |v| (the subnormal gap below the smallest normal).
    static func ulps(_ y: Double, _ v: Double, precision: Int, minimumExponent: Int) -> Double {
        if v == 0 { return y == 0 ? 0 : .infinity }
        let e = Swift.max(Int(v.exponent), minimumExponent)
        return abs(y - v) / Double(sign: .plus, exponent: e - precision + 1, significand: 1)
    }

    @Test("f32 in binary32 arithmetic: forward within 3 ulps, f′ within 5 (through its zero) on sampled inputs; special values exact")
    func singleArithmetic() throws {
        for (kind, r, bound) in [(KernelLowering.Kind.forward, mish.function, 3.0), (.backward, mish.derivative, 5.0)] {
            let ir = try mish.kernel(kind, type: .f32, fast: true)
            var worst = 0.0, worstX: Float = 0
            var xs = testInputs(count: 20_000, seed: "kernels.fast.\(kind.rawValue)").filter(\.isFinite)
            var x0 = Float(-1.1924312145154952) - 0.3
            while x0 < -0.89 { xs.append(x0); x0 += 0x1p-10 }
            for x in xs {
                let e = r.enclosure(at: BigInterval(BigFloat(Double(x), precision: 128)))
                guard e.isBounded else { continue }
                let y = KernelInterpreter.evaluate(ir, [Double(x), 1])[0]
                let err = KernelFastTierTests.ulps(y, e.midpoint.toDouble(), precision: 24, minimumExponent: -126)
                if err > worst { (worst, worstX) = (err, x) }
            }
            #expect(worst <= bound, "\(kind): \(worst) ulp at x = \(worstX)")
        }
        let ir = try mish.kernel(.forward, type: .f32, fast: true)
        let special = [Float.nan, .infinity, -.infinity, 0.0, -0.0].map { Float(KernelInterpreter.evaluate(ir, [Double($0)])[0]) }
        #expect(special[0].isNaN && special[1] == .infinity)
        #expect(special[2] == 0 && special[2].sign == .minus, "mish(-inf) is -0")
        #expect(special[3] == 0 && special[3].sign == .plus && special[4] == 0 && special[4].sign == .minus, "mish(±0) = ±0")
    }

    /// The negative side's 2^k joins the exponent field as 2^(k+c) (c chosen from the −∞ threshold) and 2^−c
    /// rounds once: a c too small or too large wraps the field, and the result is far off or infinite.
    @Test("f32 in binary32 arithmetic: the scaled negative side rounds once into the subnormal range, down to the −∞ threshold (mish, x·σ(x), x³·σ(x), x⁶·σ(x))")
    func subnormalTailRoundsOnce() throws {
        for (text, bound) in [("mish(x)", 2.0), ("x*sigmoid(x)", 2), ("x^3*sigmoid(x)", 3), ("x^6*sigmoid(x)", 4)] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            let ir = try lowering.kernel(.forward, type: .f32, fast: true)
            var worst = 0.0, worstX = 0.0
            for i in 0...3000 {
                let x = Double(Float(-200 + 150 * Double(i) / 3000))
                let e = lowering.function.enclosure(at: BigInterval(BigFloat(x, precision: 128)))
                let y = KernelInterpreter.evaluate(ir, [x])[0]
                let err = KernelFastTierTests.ulps(y, e.midpoint.toDouble(), precision: 24, minimumExponent: -126)
                if err > worst { (worst, worstX) = (err, x) }
            }
            #expect(worst <= bound, "\(text): \(worst) ulp at x = \(worstX)")
        }
    }

    @Test("NaN stays NaN and ±∞ gives the limits where a side's limit is a constant or f grows like e^|x|: exp, sigmoid, tanh in every fast type",
          arguments: [KernelLowering.OutputType.f32, .f16, .bf16, .f64])
    func specialValuesOfConstantLimits(_ type: KernelLowering.OutputType) throws {
        // exp(±∞) = ∞, 0; sigmoid(±∞) = 1, 0; tanh(±∞) = ±1.
        for (text, plus, minus) in [("exp(x)", Double.infinity, 0.0), ("sigmoid(x)", 1, 0), ("tanh(x)", 1, -1)] {
            let ir = try KernelLowering(try ExprParser.parse(text)).kernel(.forward, type: type, fast: true)
            let y = [Double.nan, -Double.nan, .infinity, -.infinity].map { KernelInterpreter.evaluate(ir, [$0])[0] }
            #expect(y[0].isNaN && y[1].isNaN, "\(text) \(type): NaN gave \(y[0]), \(y[1])")
            #expect(y[2] == plus && y[3] == minus, "\(text) \(type): ±∞ gave \(y[2]), \(y[3])")
        }
    }

    @Test("a limit part that underflows gives f's signed zero (x²·σ(x) > 0: +0, not the −0 of x² + x²·R/Q; x³·σ(x) has x's sign), and x·eˣ(+∞) = +∞",
          arguments: [KernelLowering.OutputType.f32, .f64])
    func underflowAndOneSidedLimits(_ type: KernelLowering.OutputType) throws {
        let square = try KernelLowering(try ExprParser.parse("x^2*sigmoid(x)")).kernel(.forward, type: type, fast: true)
        let tiny: [Double] = type == .f32 ? [1e-30, -1e-30, 3e-40, -3e-40] : [1e-170, -1e-170, 1e-300, -5e-324]
        for x in tiny {
            let y = KernelInterpreter.evaluate(square, [x])[0]
            #expect(y == 0 && y.sign == .plus, "x²·σ(x) at \(x): \(y)")
        }
        let cube = try KernelLowering(try ExprParser.parse("x^3*sigmoid(x)")).kernel(.forward, type: type, fast: true)
        for x in tiny {
            let y = KernelInterpreter.evaluate(cube, [x])[0]
            #expect(y == 0 && (y.sign == .minus) == (x < 0), "x³·σ(x) at \(x): \(y)")
        }
        let product = try KernelLowering(try ExprParser.parse("x*exp(x)")).kernel(.forward, type: type, fast: true)
        let ends = [Double.infinity, -.infinity, .nan].map { KernelInterpreter.evaluate(product, [$0])[0] }
        #expect(ends[0] == .infinity, "x·eˣ at +∞: \(ends[0])")
        #expect(ends[1] == 0 && ends[1].sign == .minus, "x·eˣ at −∞: \(ends[1])")
        #expect(ends[2].isNaN)
    }

    @Test("where f grows like e^(g|x|), the fast tier stays within a few ulps up to the overflow, with dy too (e^−|x| would be subnormal)",
          arguments: [KernelLowering.OutputType.f32, .f64])
    func growingFunctionsUpToOverflow(_ type: KernelLowering.OutputType) throws {
        let (precision, emin) = type == .f32 ? (24, -126) : (53, -1022)
        let top = type == .f32 ? 88.72 : 709.78
        for text in ["exp(x)", "cosh(x)", "x*exp(x)"] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            let forward = try lowering.kernel(.forward, type: type, fast: true)
            let backward = try lowering.kernel(.backward, type: type, fast: true)
            var worst = 0.0, worstAt = ""
            for i in 0..<200 {
                let x = top - 6 + 6 * Double(i) / 200
                let xs = type == .f32 ? Double(Float(x)) : x
                let enclosure = { (r: ExpRational) in r.enclosure(at: BigInterval(BigFloat(xs, precision: 200))).midpoint.toDouble() }
                guard enclosure(lowering.function).isFinite, enclosure(lowering.derivative) * 4 < .infinity else { continue }
                let y = KernelInterpreter.evaluate(forward, [xs])[0]
                let dx = KernelInterpreter.evaluate(backward, [xs, 0.25])[0]
                for (got, exact, what) in [(y, enclosure(lowering.function), "f"), (dx, 0.25 * enclosure(lowering.derivative), "dy·f′")] {
                    guard abs(exact) < (type == .f32 ? Double(Float.greatestFiniteMagnitude) : .greatestFiniteMagnitude) else { continue }
                    let err = KernelFastTierTests.ulps(got, exact, precision: precision, minimumExponent: emin)
                    if err > worst { (worst, worstAt) = (err, "\(what) at x = \(xs)") }
                }
            }
            #expect(worst <= 4, "\(text) \(type): \(worst) ulp, \(worstAt)")
        }
    }

    @Test("where the form cancels at 0 (tanh, x·tanh(x)), the Taylor polynomial keeps tiny inputs within a few ulps")
    func cancellingFormsNearZero() throws {
        for text in ["tanh(x)", "x*tanh(x)"] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            let ir = try lowering.kernel(.forward, type: .f32, fast: true)
            var worst = 0.0, worstX: Float = 0
            for x in [Float(1e-30), 3e-20, -7e-12, 1e-6, -2.5e-4, 0.01, -0.2, 0.49, 0.51, -0.7] {
                let exact = lowering.function.enclosure(at: BigInterval(BigFloat(Double(x), precision: 200))).midpoint.toDouble()
                let err = KernelFastTierTests.ulps(KernelInterpreter.evaluate(ir, [Double(x)])[0], exact, precision: 24, minimumExponent: -126)
                if err > worst { (worst, worstX) = (err, x) }
            }
            #expect(worst <= 4, "\(text): \(worst) ulp at x = \(worstX) (the bare form gives 0 for tanh(1e-30))")
        }
    }

    @Test("where the series does not settle on the widest window (x·tanh(2x)′ = 4x − …, with poles at ±iπ/4), the window halves: tiny inputs of f′ and dy·f′ stay within a few ulps, not 0")
    func fastSeriesWindowHalvesNearSingularity() throws {
        for text in ["x*tanh(2*x)", "x*sigmoid(x)*tanh(x)"] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            let ir = try lowering.kernel(.backward, type: .f32, fast: true)
            var worst = 0.0, worstX: Float = 0
            for x in [Float(1e-30), -3e-20, 7e-12, -1e-6, 2.5e-4, -0.01, 0.1, -0.2, 0.26, -0.3] {
                let exact = lowering.derivative.enclosure(at: BigInterval(BigFloat(Double(x), precision: 200))).midpoint.toDouble()
                let err = KernelFastTierTests.ulps(KernelInterpreter.evaluate(ir, [Double(x), 1])[0], exact, precision: 24, minimumExponent: -126)
                if err > worst { (worst, worstX) = (err, x) }
            }
            #expect(worst <= 4, "\(text): \(worst) ulp at x = \(worstX)")
        }
    }

    @Test("the fast series' window widens where the form cancels more than tanh's: tanh(x/2) = (1 − t)/(1 + t) takes |x| < 1 (tanh stays at 1/2), which keeps it within 2.5 ulps on [1/2, 1] (the window 1/2 left 4.9)")
    func fastSeriesWindowByCancellation() throws {
        let half = try KernelLowering(try ExprParser.parse("tanh(x/2)")), tanh = try KernelLowering(try ExprParser.parse("tanh(x)"))
        let ir = try half.kernel(.forward, type: .f32, fast: true)
        #expect(ir.notes.contains { $0.hasPrefix("series: |x| < 1:") })
        #expect(try tanh.kernel(.forward, type: .f32, fast: true).notes.contains { $0.hasPrefix("series: |x| < 1/2:") })
        var g = SeededGenerator.forTest("fast.tanhHalf.window", defaultSeed: 3)
        var worst = 0.0, worstX: Float = 0
        for _ in 0..<4000 {
            let x = Float.random(in: 0.5...1, using: &g) * (Bool.random(using: &g) ? 1 : -1)
            let exact = Expr.apply(.tanh, Expr.x * Expr.number(Rational(1, 2))).evaluate(at: BigFloat(Double(x), precision: 64), precision: 200).toDouble()
            let err = KernelFastTierTests.ulps(KernelInterpreter.evaluate(ir, [Double(x)])[0], exact, precision: 24, minimumExponent: -126)
            if err > worst { (worst, worstX) = (err, x) }
        }
        #expect(worst <= 2.5, "\(worst) ulp at x = \(worstX)")
    }

    @Test("a form free of x whose limit split cancels at 0 keeps N/D whole: tanh(3x/2)′ = s³·(6 − …) is 6 − 4.5 at s = 1, and its binary32 f′ stays within 4.5 ulps near 0 (the split left 10.8); sigmoid′ too")
    func cancellingSplitStaysWhole() throws {
        for text in ["tanh(3*x/2)", "sigmoid(x)"] {
            let e = try ExprParser.parse(text)
            let lowering = try KernelLowering(e)
            let ir = try lowering.kernel(.backward, type: .f32, fast: true)
            let derivative = e.derivative()
            var g = SeededGenerator.forTest("fast.split.\(text)", defaultSeed: 4)
            var worst = 0.0, worstX: Float = 0
            for _ in 0..<3000 {
                let x = Float.random(in: -0.05...0.05, using: &g)
                let exact = derivative.evaluate(at: BigFloat(Double(x), precision: 64), precision: 200).toDouble()
                let err = KernelFastTierTests.ulps(KernelInterpreter.evaluate(ir, [Double(x), 1])[0], exact, precision: 24, minimumExponent: -126)
                if err > worst { (worst, worstX) = (err, x) }
            }
            #expect(worst <= 4.5, "\(text): \(worst) ulp at x = \(worstX)")
        }
    }

    @Test("f32 backward in binary32: dy is folded in before the final scaling (and the −∞ threshold counts the largest dy), so a tiny f′ times a large dy keeps its digits")
    func foldedDy() throws {
        let ir = try mish.kernel(.backward, type: .f32, fast: true)
        var worst = 0.0, worstAt = ""
        for x in stride(from: Float(-197), through: -88, by: 0.37) {
            for dy in [Float(200), 3e5, -1.5e7, 3e38] {
                let y = KernelInterpreter.evaluate(ir, [Double(x), Double(dy)])[0]
                let e = mish.derivative.enclosure(at: BigInterval(BigFloat(Double(x), precision: 128)))
                let exact = e.midpoint.toDouble() * Double(dy)
                let err = KernelFastTierTests.ulps(y, exact, precision: 24, minimumExponent: -126)
                if err > worst { (worst, worstAt) = (err, "x = \(x), dy = \(dy): \(y) against \(exact)") }
            }
        }
        #expect(worst <= 5, "\(worst) ulp at \(worstAt): f′ rounded to a binary32 subnormal before the product is off by thousands of ulp")
    }

    /// f′ for the three power-growth test functions from their definitions in MPFR at 300 bits (σ = 1/(1 + e⁻ˣ),
    /// tanh by MPFR): the kernels' Horner in x of the normal form's limit rows is not consulted.
    static func powerGrowthDerivative(_ text: String, at x: Double) -> BigFloat {
        let p = 300
        let v = BigFloat(x, precision: p), one = BigFloat(1, precision: p)
        func times(_ c: Int, _ a: BigFloat) -> BigFloat { BigFloat(c, precision: p) * a }
        switch text {
        case "x^2*sigmoid(x)", "x^3*sigmoid(x)":
            let n = text == "x^2*sigmoid(x)" ? 2 : 3
            let sigma = one / (one + (-v).exp(precision: p))
            return sigma * (times(n, v.pow(n - 1, precision: p)) + v.pow(n, precision: p) * (one - sigma))
        default:
            let t = v.tanh(precision: p)
            return times(2, v) * t + v.pow(2, precision: p) * (one - t * t)
        }
    }

    @Test("backward kernels where f′ grows like a power of x (x²σ′ ~ 2x, x³σ′ ~ 3x², x²·tanh′ ~ ±2x): dy·f′ is finite and within a few ulps where f′ alone overflows, and tiny x keeps its digits where f′ alone is subnormal (binary32 and fast f64)",
          arguments: [KernelLowering.OutputType.f32, .f64])
    func powerGrowthTimesDy(_ type: KernelLowering.OutputType) throws {
        let (precision, emin) = type == .f32 ? (24, -126) : (53, -1022)
        let largest = type == .f32 ? Double(Float.greatestFiniteMagnitude) : .greatestFiniteMagnitude
        func input(_ v: Double) -> Double { type == .f32 ? Double(Float(v)) : v }
        let huge = type == .f32 ? [1.8e38, -3.3e38, 4.2e33, 9e19, -1.3e19] : [1.7e308, -1.1e308, 9.5e153, -2e200, 1e60]
        let tiny = type == .f32 ? [1.95e-22, -3e-30, 7e-40] : [1e-170, -3e-200, 5e-310]
        let dys = type == .f32 ? [0.004, -3e-20, 0.75, 1e-41, 246.0] : [0.004, -3e-200, 0.75, 5e-320, 2e100]
        for text in ["x^2*sigmoid(x)", "x^3*sigmoid(x)", "x^2*tanh(x)"] {
            let lowering = try KernelLowering(try ExprParser.parse(text))
            let ir = try lowering.kernel(.backward, type: type, fast: true)
            var worst = 0.0, worstAt = ""
            for x in (huge + tiny).map(input) {
                for dy in dys.map(input) {
                    let exact = KernelFastTierTests.powerGrowthDerivative(text, at: x).multiplied(by: BigFloat(dy, precision: 64), precision: 300).value.toDouble()
                    guard exact != 0, abs(exact) < largest, abs(exact) >= Double(sign: .plus, exponent: emin, significand: 1) else { continue }
                    let got = KernelInterpreter.evaluate(ir, [x, dy])[0]
                    let err = KernelFastTierTests.ulps(got, exact, precision: precision, minimumExponent: emin)
                    if !(err <= worst) { (worst, worstAt) = (err.isNaN ? .infinity : err, "x = \(x), dy = \(dy): \(got) against \(exact)") }
                }
            }
            #expect(worst <= 4, "\(text) \(type): \(worst) ulp at \(worstAt)")
            let overflow = KernelInterpreter.evaluate(ir, [input(huge[0]), 4])[0]
            #expect(overflow == .infinity, "\(text) \(type): dy·f′ beyond the largest finite value is +∞, got \(overflow)")
        }
    }

    @Test("f16 and bf16 computed in binary32: every input within one ulp, compiled kernel equal to the interpreter",
          arguments: [KernelLowering.OutputType.f16, .bf16])
    func halfTypes(_ type: KernelLowering.OutputType) throws {
        let ir = try mish.kernel(.forward, type: type, fast: true)
        let kernel = try CompiledKernel(CEmitter(name: "mish", kind: .forward, type: type, ir: ir, description: ["test"]))
        let xs = (0...UInt16.max).map { $0 }
        var out = [UInt16](repeating: 0, count: xs.count)
        typealias F = @convention(c) (UnsafePointer<UInt16>, UnsafeMutablePointer<UInt16>, Int) -> Void
        kernel.symbol("mish_forward_\(type.rawValue)", as: F.self)(xs, &out, xs.count)
        var mismatches: [UInt16] = [], beyondOneUlp: [Double] = []
        for (i, h) in xs.enumerated() {
            let x = HalfBits.decode(h, type), y = HalfBits.decode(out[i], type)
            let interpreted = HalfBits.nearest(KernelInterpreter.evaluate(ir, [x])[0], type)
            if !(y == interpreted && y.sign == interpreted.sign) && !(y.isNaN && interpreted.isNaN) { mismatches.append(h) }
            guard x.isFinite else { continue }
            let e = mish.function.enclosure(at: BigInterval(BigFloat(x, precision: 128)))
            guard e.isBounded, abs(e.midpoint.toDouble()) < 60000 else { continue }
            if KernelFastTierTests.ulps(y, e.midpoint.toDouble(), precision: type.precision, minimumExponent: type.minimumExponent) >= 1 {
                beyondOneUlp.append(x)
            }
        }
        #expect(mismatches.isEmpty, "kernel differs from the interpreter at \(mismatches.prefix(5))")
        #expect(beyondOneUlp.isEmpty, "one ulp or more off at \(beyondOneUlp.prefix(5))")
    }

    @Test("mish's fast f32 forward takes one form per side of −ln2/2, both ending in one fma(x, ·, x·(·)); the exact tiers keep the unsplit form")
    func centredSplitForm() throws {
        let ir = try mish.kernel(.forward, type: .f32, fast: true)
        let fused = ir.live.contains { i in
            guard case .fma(let a, _, let c) = ir.operations[i], case .input(0) = ir.operations[a],
                  case .multiply(let p, _) = ir.operations[c], case .input(0) = ir.operations[p] else { return false }
            return true
        }
        #expect(fused, "x·c (or x·c₋) and the correction x·(R/D) fuse into one fma")
        let band = Float(0.6931471805599453 / 2).nextDown
        let splitsAtBand = ir.live.contains { i in
            guard case .selectLess(let a, let b, _, _) = ir.operations[i], case .input(0) = ir.operations[a],
                  case .constant(let bits) = ir.operations[b] else { return false }
            return Double(bitPattern: bits) == -Double(band)
        }
        #expect(splitsAtBand, "the sides meet at x = −ln2/2, not at 0")
        let exact = try mish.kernel(.forward, type: .f32)
        #expect(!exact.live.contains { if case .constant(let bits) = exact.operations[$0] { return Double(bitPattern: bits).isInfinite }; return false },
                "the exact tiers keep the unsplit form")
    }

    @Test("mish's fast f32 forward is within 2 ulp through ±[2⁻¹², 1], where the limit 1 plus a correction near −2/5 lost 3")
    func centredSplitAccuracy() throws {
        let ir = try mish.kernel(.forward, type: .f32, fast: true)
        var g = SeededGenerator.forTest("kernels.fast.band", defaultSeed: 11)
        var worst = 0.0, worstX: Float = 0
        for _ in 0..<40_000 {
            let magnitude = Float(Foundation.pow(2.0, Double.random(in: -12...0, using: &g)))
            let x = Bool.random(using: &g) ? magnitude : -magnitude
            let e = mish.function.enclosure(at: BigInterval(BigFloat(Double(x), precision: 128)))
            let y = KernelInterpreter.evaluate(ir, [Double(x)])[0]
            let err = KernelFastTierTests.ulps(y, e.midpoint.toDouble(), precision: 24, minimumExponent: -126)
            if err > worst { (worst, worstX) = (err, x) }
        }
        #expect(worst <= 2, "\(worst) ulp at x = \(worstX)")
    }

    @Test("each side's constants and factor e^(m·a) are blends on x < 0 (no copysign, no fma by a sign), each side correctly rounded; f(±0) and f′(±0) exact (sigmoid too)")
    func signSelectionByBlends() throws {
        let sigmoid = try KernelLowering(try ExprParser.parse("sigmoid(x)"))
        for (lowering, kind) in [(mish, KernelLowering.Kind.forward), (mish, .backward), (mish, .fused), (sigmoid, .forward)] {
            let ir = try lowering.kernel(kind, type: .f32)
            let blendsOnSign = ir.live.contains { i in
                if case .selectLess(let a, let b, _, _) = ir.operations[i], case .input(0) = ir.operations[a],
                   case .constant(let bits) = ir.operations[b], bits == 0 { return true }
                return false
            }
            #expect(blendsOnSign, "\(kind)")
            // Against the side form evaluated in MPFR: the blends select the right side on both sides of 0.
            let r = kind == .backward ? lowering.derivative : lowering.function
            for x in [Float(-3.5), -0.75, -2e-3, 2e-3, 0.75, 3.5] {
                let got = Float(KernelInterpreter.evaluate(ir, [Double(x), 1.0])[0])
                if let exact = correctlyRounded(r, at: x) { #expect(got == exact, "\(kind) at \(x)") }
            }
            let f = kind == .backward ? lowering.derivative : lowering.function
            let atZero = Float(f.valueAtOrigin!.doubleValue)
            for zero in [0.0, -0.0] {
                let out = KernelInterpreter.evaluate(ir, [zero, 1.0]).map { Float($0) }
                #expect(out[0] == atZero, "\(kind) at \(zero)")
                if atZero == 0 { #expect(out[0].sign == (zero.sign == .minus ? .minus : .plus), "the signed zero of f at \(zero)") }
                if kind == .fused { #expect(out[1] == Float(f.derivative().valueAtOrigin!.doubleValue)) }
            }
        }
    }

    /// The float just above or below a double m that lies strictly between two floats.
    static func float(_ m: Double, above: Bool) -> Float {
        let r = Float(m)
        if above { return Double(r) > m ? r : r.nextUp }
        return Double(r) < m ? r : r.nextDown
    }

    @Test("a derivative that tends to +∞ (x²·sigmoid(x)′ ~ 2x) while its form is 0·∞ at x = +∞: the kernel returns +∞ there and keeps the form for every finite input, correctly rounded (overflowing to +∞ where 2x does)")
    func infiniteLimitTail() throws {
        let f = try KernelLowering(try ExprParser.parse("x^2*sigmoid(x)"))
        #expect(f.derivative.limit(direction: 1) == .infinite(sign: 1))
        for type in [KernelLowering.OutputType.f32, .f64] {
            let ir = try f.kernel(.backward, type: type)
            #expect(KernelInterpreter.evaluate(ir, [.infinity, 1])[0] == .infinity, "\(type)")
            #expect(KernelInterpreter.evaluate(ir, [.infinity, -2])[0] == -.infinity, "\(type)")
            #expect(ir.notes.contains { $0.hasPrefix("threshold: x = +inf returns +inf") }, "\(type)")
        }
        let backward = try f.kernel(.backward, type: .f32)
        var wrong: [Float] = []
        for x: Float in [-3, -2.2177150, 1, 20, 89] {
            let y = Float(KernelInterpreter.evaluate(backward, [Double(x), 1])[0])
            if y != correctlyRounded(f.derivative, at: x) { wrong.append(x) }
        }
        // Above 700, f′ = 2x + (x² − 2x)·e^(−x) + … exceeds 2x by far less than half its ulp: the correctly rounded
        // value is that of 2x, +∞ from 2¹²⁸ on.
        for x: Float in [700, 1e4, 1e20, 1.7e38, 1.7014117e38, 1.7014118e38, .greatestFiniteMagnitude] {
            let y = Float(KernelInterpreter.evaluate(backward, [Double(x), 1])[0])
            if y != Float(2 * Double(x)) { wrong.append(x) }
        }
        #expect(wrong.isEmpty, "not correctly rounded at \(wrong)")
        // The emitted C (compiled strictly) agrees with the interpreter, +∞ included.
        let kernel = try CompiledKernel(CEmitter(name: "xxs", kind: .backward, type: .f32, ir: backward, description: ["test"]))
        let xs: [Float] = [.infinity, -.infinity, .greatestFiniteMagnitude, 1e20, 3, -2.2177150, -5000, .nan]
        var out = [Float](repeating: 0, count: xs.count)
        typealias F = @convention(c) (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
        kernel.symbol("xxs_backward_f32", as: F.self)(xs, [Float](repeating: 1, count: xs.count), &out, xs.count)
        for (x, y) in zip(xs, out) {
            let expected = Float(KernelInterpreter.evaluate(backward, [Double(x), 1])[0])
            #expect(y.bitPattern == expected.bitPattern || (y.isNaN && expected.isNaN), "x = \(x)")
        }
        #expect(out[0] == .infinity && out[1] == 0)
    }

    @Test("leading orders 2 and 3 at 0: x·tanh(x) and x²·tanh(x) give the zero f tends to at ±0 and NaN for NaN in every type, and x²·tanh(x) = x³ − x⁵/3 + … rounds to the inside of a bf16 midpoint x³ (x = ±7·2⁻ᵏ, x³ normal)")
    func higherOrderOrigin() throws {
        for (text, odd) in [("x*tanh(x)", false), ("x^2*tanh(x)", true)] {
            let f = try KernelLowering(try ExprParser.parse(text))
            for type in [KernelLowering.OutputType.f32, .f16, .bf16] {
                let ir = try f.kernel(.forward, type: type)
                for z in [0.0, -0.0] {
                    let y = KernelInterpreter.evaluate(ir, [z])[0]
                    #expect(y == 0 && y.sign == (odd ? z.sign : .plus), "\(text)(\(z)) in \(type)")
                }
                #expect(KernelInterpreter.evaluate(ir, [.nan])[0].isNaN, "\(text)(NaN) in \(type)")
            }
        }
        let cube = try KernelLowering(try ExprParser.parse("x^2*tanh(x)")).kernel(.forward, type: .bf16)
        var wrong: [Double] = []
        for k in 20...44 {
            for sign in [1.0, -1.0] {
                let x = sign * 7 * Double(sign: .plus, exponent: -k, significand: 1)
                let midpoint = sign * 343 * Double(sign: .plus, exponent: -3 * k, significand: 1)
                let y = KernelLowering.OutputType.bf16.rounded(KernelInterpreter.evaluate(cube, [x])[0])
                if y != sign * 342 * Double(sign: .plus, exponent: -3 * k, significand: 1) || y == midpoint { wrong.append(x) }
            }
        }
        #expect(wrong.isEmpty, "not correctly rounded at \(wrong.prefix(6))")
    }

    @Test("limit tails: x³·sigmoid(x) = x³ − x³e^(−x)/(1 + e^(−x)) where x³ is an f32 midpoint (x = m/8, m odd in (2⁸, 2^8.33)) rounds below it, and x²·sigmoid(x)′ = 2x + … times a dy that makes dy·2x a midpoint rounds above it, though the correction is below double precision")
    func limitTailMidpoints() throws {
        let cube = try KernelLowering(try ExprParser.parse("x^3*sigmoid(x)"))
        let forward = try cube.kernel(.forward, type: .f32)
        #expect(forward.notes.contains { $0.hasPrefix("limit tail: x > ") })
        var wrong: [Double] = []
        for m in stride(from: 257, through: 321, by: 2) {
            let x = Double(m) / 8, midpoint = Double(m * m * m) / 512
            #expect(Double(Float(midpoint)) != midpoint)
            if Float(KernelInterpreter.evaluate(forward, [x])[0]) != Self.float(midpoint, above: false) { wrong.append(x) }
        }
        let square = try KernelLowering(try ExprParser.parse("x^2*sigmoid(x)"))
        let backward = try square.kernel(.backward, type: .f32)
        for (x, k) in [(48.5, 173_015), (52.5, 159_785), (60.5, 138_655)] {
            let dy = Double(k) * 0x1p-20, midpoint = 2 * x * dy
            #expect(Double(Float(midpoint)) != midpoint && Double(Float(dy)) == dy)
            if Float(KernelInterpreter.evaluate(backward, [x, dy])[0]) != Self.float(midpoint, above: true) { wrong.append(x) }
        }
        #expect(wrong.isEmpty, "not correctly rounded at \(wrong)")
    }

    @Test("tanh, whose form (1 − t²)/(1 + t²) cancels near 0: the series window widens to 2⁻³, so the f32 kernel is correctly rounded between 2⁻¹² and 2⁻³ (the sweep's five misses among them), and x = ±0 gives ±0 in every type")
    func tanhNearOrigin() throws {
        let tanh = try KernelLowering(try ExprParser.parse("tanh(x)"))
        let forward = try tanh.kernel(.forward, type: .f32)
        #expect(forward.notes.contains { $0.hasPrefix("series: |x| < 2^-3") })
        var g = SeededGenerator.forTest("tanh-origin", defaultSeed: 11)
        var xs: [Float] = [0.00106921874, 0.00186252128, 0.00192735612, 0.00143719895, 0.00167682813]
        for _ in 0..<4000 { xs.append(Float.random(in: 0x1p-12...0x1p-3, using: &g) * (Bool.random(using: &g) ? 1 : -1)) }
        var wrong: [Float] = []
        for x in xs {
            let y = Float(KernelInterpreter.evaluate(forward, [Double(x)])[0])
            if let reference = correctlyRounded(tanh.function, at: x), y != reference { wrong.append(x) }
        }
        #expect(wrong.isEmpty, "not correctly rounded at \(wrong.prefix(10))")
        for type in [KernelLowering.OutputType.f32, .f16, .bf16] {
            let ir = try tanh.kernel(.forward, type: type)
            for z in [0.0, -0.0] {
                let y = KernelInterpreter.evaluate(ir, [z])[0]
                #expect(y == 0 && y.sign == z.sign, "tanh(\(z)) in \(type)")
            }
        }
    }

    @Test("tanh(x/2) is in the class through exp(2·(x/2)) = eˣ: its f32 forward and f′ kernels are correctly rounded against MPFR's tanh(x/2) and its derivative evaluated directly (not through the normal form); x·tanh(x/4) stays refused")
    func tanhOfHalfX() throws {
        let e = try ExprParser.parse("tanh(x/2)")
        let lowering = try KernelLowering(e)
        let kernels = [("f", try lowering.kernel(.forward, type: .f32), e), ("f′", try lowering.kernel(.backward, type: .f32), e.derivative())]
        var wrong: [String] = [], checked = 0
        for x in testInputs(count: 8_000, seed: "kernels.tanhHalf") where x.isFinite {
            for (name, ir, f) in kernels {
                let exact = f.evaluate(at: BigFloat(Double(x), precision: 64), precision: 256)
                let v = Float(exact.rounded(toPrecision: 24).toDouble())
                guard abs(v) >= Float.leastNormalMagnitude || exact.isZero else { continue }
                let y = Float(KernelInterpreter.evaluate(ir, [Double(x), 1])[0])
                checked += 1
                if y != v { wrong.append("\(name) at \(x): \(y) vs \(v)") }
            }
        }
        #expect(checked > 10_000 && wrong.isEmpty, "\(wrong.count) not correctly rounded: \(wrong.prefix(6))")
        #expect(throws: KernelError.self) { try KernelLowering(try ExprParser.parse("x*tanh(x/4)")) }
    }

    @Test("swish in bf16 at its odd subnormals x = ±k·2⁻¹³³: x/2 is a bf16 midpoint and swish = x/2 + x²/4 + … lies above it, so it rounds up for x > 0 and toward 0 for x < 0")
    func swishBF16SubnormalMidpoints() throws {
        let swish = try KernelLowering(try ExprParser.parse("x*sigmoid(x)"))
        let forward = try swish.kernel(.forward, type: .bf16)
        var wrong: [Double] = []
        for k in stride(from: 1, to: 128, by: 2) {
            for x in [Double(k) * 0x1p-133, -Double(k) * 0x1p-133] {
                let y = KernelLowering.OutputType.bf16.rounded(KernelInterpreter.evaluate(forward, [x])[0])
                let expected = x > 0 ? Double(k + 1) * 0x1p-134 : -Double(k - 1) * 0x1p-134
                if y != expected { wrong.append(x) }
            }
        }
        #expect(wrong.isEmpty, "not correctly rounded at \(wrong.prefix(10))")
    }

    @Test("x²·sigmoid(x) = x²/2 + x³/4 + … near 0, where x²/2 is an f32 midpoint (x = m·2⁻⁷⁰, m odd in (2¹², 2^12.5), so x³/4 is far below double precision of x²/2): above it for x > 0, below for x < 0")
    func squareLeadingOriginMidpoints() throws {
        let f = try KernelLowering(try ExprParser.parse("x^2*sigmoid(x)"))
        let forward = try f.kernel(.forward, type: .f32)
        #expect(forward.notes.contains { $0.hasPrefix("series: |x| < 2^-12: f''(0)/2 x^2") })
        var wrong: [Double] = [], checked = 0
        for m in stride(from: 4097, through: 5791, by: 2) {
            let half = Double(m * m) * 0x1p-141
            #expect(Double(Float(half)) != half, "x²/2 = m²·2⁻¹⁴¹ has 25 significant bits: a midpoint")
            for x in [Double(m) * 0x1p-70, -Double(m) * 0x1p-70] {
                let y = Float(KernelInterpreter.evaluate(forward, [x])[0])
                if y != Self.float(half, above: x > 0) { wrong.append(x) }
                checked += 1
            }
        }
        #expect(checked > 1000 && wrong.isEmpty, "not correctly rounded at \(wrong.prefix(10))")
    }

    @Test("swish near 0 where the leading term is an f32 midpoint: x/2 for subnormal x with an odd last bit (swish = x/2 + x²/4 + …, so the value is above it), and swish′ = 1/2 + x/2 − x³/12 at its midpoints (below for x > 0, above for x < 0)")
    func swishOriginMidpoints() throws {
        let swish = try KernelLowering(try ExprParser.parse("x*sigmoid(x)"))
        let forward = try swish.kernel(.forward, type: .f32), backward = try swish.kernel(.backward, type: .f32)
        var wrong: [Float] = []
        for k in stride(from: 1, to: 1 << 23, by: 2 * 997) {
            for x in [Float(bitPattern: UInt32(k)), -Float(bitPattern: UInt32(k))] {
                let y = Float(KernelInterpreter.evaluate(forward, [Double(x)])[0])
                if y != Self.float(Double(x) / 2, above: true) { wrong.append(x) }
            }
        }
        for k in stride(from: 0, to: 1 << 11, by: 7) {
            let positive = Double(2 * k + 1) * 0x1p-24, negative = -Double(2 * k + 1) * 0x1p-25
            for (x, above) in [(positive, false), (negative, true)] where abs(x) < 0x1p-12 {
                let y = Float(KernelInterpreter.evaluate(backward, [x, 1])[0])
                if y != Self.float(0.5 + x / 2, above: above) { wrong.append(Float(x)) }
            }
        }
        #expect(wrong.count == 0, "not correctly rounded at \(wrong.prefix(10))")
        let zeros = [0.0, -0.0].map { Float(KernelInterpreter.evaluate(forward, [$0])[0]) }
        #expect(zeros[0] == 0 && zeros[0].sign == .plus && zeros[1] == 0 && zeros[1].sign == .minus, "swish(±0) = ±0")
    }
}
