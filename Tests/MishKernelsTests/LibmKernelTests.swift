import Foundation
import MishAnalysis
import MishKernels
import MishNumbers
import MishSymbolic
import MishTestSupport
import Testing

@Suite("Fast-tier kernels outside the exp-rational class (math-library calls)")
struct LibmKernelTests {
    static let expressions = ["gelu(x)", "softplus(x)", "logsigmoid(x)", "x*erf(x)", "log(1 + x^2)"]

    /// g(x) rounded to double from an MPFR enclosure of the expression at `precision` bits (nil where that does not decide).
    static func exact(_ g: Expr, at x: Double, precision: Int = 1200) -> Double? {
        let v = g.enclosure(at: BigInterval(BigFloat(x, precision: 53)), precision: precision)
        guard v.isBounded, !v.isUndefined else { return nil }
        let lo = v.lower.toDouble(), hi = v.upper.toDouble()
        return lo.bitPattern == hi.bitPattern ? lo : nil
    }

    /// [f(−∞), f(+∞)] and [f′(−∞), f′(+∞)], the signed zeros by the side they are approached from: gelu(x) = xΦ(x) < 0
    /// and gelu′ = Φ + xφ < 0 for x < −1; softplus > 0, σ > 0; logsigmoid = −softplus(−x) < 0 and its derivative σ(−x) > 0;
    /// x·erf(x) ~ |x|, its derivative erf(x) + 2xe^(−x²)/√π → ±1; log(1 + x²) → ∞ (2x/(1 + x²) has no certified limit in
    /// the engine: ∞/∞, left to the kernel's own value).
    static let limits: [String: [[Double]?]] = [
        "gelu(x)": [[-0.0, .infinity], [-0.0, 1]],
        "softplus(x)": [[0, .infinity], [0, 1]],
        "logsigmoid(x)": [[-.infinity, -0.0], [1, 0]],
        "x*erf(x)": [[.infinity, .infinity], [-1, 1]],
        "log(1 + x^2)": [[.infinity, .infinity], nil],
    ]

    static func ulps(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        return abs(a - b) / Swift.max(b.ulp, Double.leastNormalMagnitude.ulp)
    }

    static func sample(_ label: String) -> [Double] {
        var g = SeededGenerator.forTest(label, defaultSeed: 11)
        return [-30, -20, -8.5, -1.2, -1e-3, 1e-9, 0.5, 3, 20, 40] + (0..<120).map { _ in Double.random(in: -30...30, using: &g) }
    }

    @Test("f64 forward, dy·f′ and the fused pair within 4 ulp of MPFR on [−30, 40] beyond 1/8 of their zeros: the tails that cancel in the derivative's raw form (gelu′ = 1/2 + erf(x/√2)/2 + …, logsigmoid′ = 1 − σ) and gelu's erfc argument keep their relative accuracy",
          arguments: expressions)
    func doubleAccuracy(_ text: String) throws {
        let lowering = LibmLowering(try ExprParser.parse(text))
        let forward = lowering.kernel(.forward, type: .f64), backward = lowering.kernel(.backward, type: .f64)
        let fused = lowering.kernel(.fused, type: .f64)
        var worst = (error: 0.0, at: "")
        // Within 1/8 of a zero of g the form cancels (no series there in this tier; gelu′ = 0 at −0.7518).
        var zeros: [ObjectIdentifier: [(Double, Double)]] = [:]
        func nearZero(_ g: Expr, _ x: Double) -> Bool {
            if zeros[ObjectIdentifier(g)] == nil {
                zeros[ObjectIdentifier(g)] = RootIsolation.realLine(SignEquivalentForm(derivative: 0, of: g)).pieces.compactMap { piece in
                    if case .sign = piece.kind { return nil }
                    return (piece.lower.toDouble() - 0.125, piece.upper.toDouble() + 0.125)
                }
            }
            return zeros[ObjectIdentifier(g)]!.contains { x > $0.0 && x < $0.1 }
        }
        for x in LibmKernelTests.sample("libm.f64.\(text)") {
            for (g, got) in [(lowering.expression, KernelInterpreter.evaluate(forward, [x])[0]),
                             (lowering.derivative, KernelInterpreter.evaluate(backward, [x, 1])[0]),
                             (lowering.expression, KernelInterpreter.evaluate(fused, [x])[0]),
                             (lowering.derivative, KernelInterpreter.evaluate(fused, [x])[1])] {
                guard let expected = LibmKernelTests.exact(g, at: x), !nearZero(g, x) else { continue }
                let e = LibmKernelTests.ulps(got, expected)
                if e > worst.error { worst = (e, "\(g) at \(x): \(got) vs \(expected)") }
            }
        }
        #expect(worst.error <= 4, "\(text): \(worst.error) ulp, \(worst.at)")
    }

    @Test("compiled f32 kernels: within 1 ulp of MPFR, the interpreter's bits, and the limits at ±∞ (gelu(−∞) = −0, gelu′ far left −0, softplus(−∞) = +0, logsigmoid(+∞) = −0 and logsigmoid′(+∞) = +0), NaN kept",
          arguments: expressions, KernelLowering.Kind.allCases)
    func compiledSingle(_ text: String, _ kind: KernelLowering.Kind) throws {
        let lowering = LibmLowering(try ExprParser.parse(text))
        let ir = lowering.kernel(kind, type: .f32)
        let kernel = try CompiledKernel(CEmitter(name: "g", kind: kind, type: .f32, ir: ir, description: ["test"]))
        let xs = LibmKernelTests.sample("libm.f32.\(text)").map { Float($0) } + [.infinity, -.infinity, .nan, 0, -0.0]
        let n = xs.count
        var outputs: [[Float]] = []
        switch kind {
        case .forward:
            var y = [Float](repeating: 7, count: n)
            kernel.symbol("g_forward_f32", as: (@convention(c) (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void).self)(xs, &y, n)
            outputs = [y]
        case .backward:
            let dy = [Float](repeating: 1, count: n)
            var dx = [Float](repeating: 7, count: n)
            kernel.symbol("g_backward_f32", as: (@convention(c) (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void).self)(xs, dy, &dx, n)
            outputs = [dx]
        case .fused:
            var y = [Float](repeating: 7, count: n), d = [Float](repeating: 7, count: n)
            kernel.symbol("g_fused_f32", as: (@convention(c) (UnsafePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void).self)(xs, &y, &d, n)
            outputs = [y, d]
        }
        let functions = kind == .forward ? [lowering.expression] : (kind == .backward ? [lowering.derivative] : [lowering.expression, lowering.derivative])
        var wrong: [String] = []
        for (i, x) in xs.enumerated() {
            let interpreted = KernelInterpreter.evaluate(ir, kind == .backward ? [Double(x), 1] : [Double(x)])
            for (j, g) in functions.enumerated() {
                let got = outputs[j][i]
                if got.bitPattern != Float(interpreted[j]).bitPattern && !(got.isNaN && interpreted[j].isNaN) {
                    wrong.append("\(g) at \(x): C \(got), interpreter \(interpreted[j])")
                }
                if x.isNaN { if !got.isNaN { wrong.append("\(g) at NaN: \(got)") }; continue }
                if x.isInfinite {
                    guard let pair = try #require(LibmKernelTests.limits[text])[j + (kind == .backward ? 1 : 0)] else { continue }
                    let expected = pair[x < 0 ? 0 : 1]
                    if Float(expected).bitPattern != got.bitPattern { wrong.append("\(g) at \(x): \(got), its limit \(expected)") }
                    continue
                }
                guard let e = LibmKernelTests.exact(g, at: Double(x), precision: 500) else { continue }
                let rounded = Float(e)
                if ulpDistance(got, rounded) > 1 || (rounded == 0 && got.sign != rounded.sign) { wrong.append("\(g) at \(x): \(got), MPFR \(e)") }
            }
        }
        #expect(wrong.isEmpty, "\(text) \(kind): \(wrong.count) wrong, e.g. \(wrong.first ?? "")")
    }

    /// softplus + x·σ and QuickGELU′ underflow to +0 + −0 = +0 far left, where they are negative; their own tail
    /// intervals hold 0 (at −∞), but they tend to 0 with an exp-rational derivative of one sign there (in y = 1.702x for
    /// QuickGELU), which fixes their sign. Independently: the sign of an enclosure of f′ at x = −60.
    @Test("a zero result far left takes f's sign where only f′'s isolation proves it: (x·softplus)′ and QuickGELU′ give −0; QuickGELU(−∞) = −0")
    func tailSignFromTheDerivative() throws {
        for text in ["x*softplus(x)", "x*sigmoid(1.702*x)"] {
            let lowering = LibmLowering(try ExprParser.parse(text))
            let near = lowering.derivative.enclosure(at: BigInterval(BigFloat(-60, precision: 64)), precision: 256)
            #expect(near.upper.signum < 0, "\(text): f′ at -60 is negative")
            let ir = lowering.kernel(.backward, type: .f32)
            for x in [-800.0, -5000, -1e30, -Double(Float.greatestFiniteMagnitude)] {
                let dx = KernelInterpreter.evaluate(ir, [x, 1])[0]
                #expect(dx == 0 && dx.sign == .minus, "\(text) f′ at \(x): \(dx)")
            }
        }
        let quick = LibmLowering(try ExprParser.parse("x*sigmoid(1.702*x)")).kernel(.forward, type: .f32)
        let atMinusInfinity = KernelInterpreter.evaluate(quick, [-.infinity])[0]
        #expect(atMinusInfinity == 0 && atMinusInfinity.sign == .minus, "QuickGELU(-inf): \(atMinusInfinity)")
    }

    @Test("C and CUDA bodies of a math-library kernel perform the same calls and operations in the same order, and no exponential helper is emitted")
    func sameOperations() throws {
        let ir = LibmLowering(try ExprParser.parse("gelu(x)")).kernel(.fused, type: .f32)
        let c = CEmitter(name: "gelu", kind: .fused, type: .f32, ir: ir, description: [])
        let cuda = CUDAEmitter(name: "gelu", kind: .fused, type: .f32, ir: ir, description: []).source
        #expect(EmitterAgreementTests.operations(c.header) == EmitterAgreementTests.operations(cuda))
        #expect(c.header.contains("erfc(") && cuda.contains("erfc("))
        #expect(!c.header.contains("_exp_mantissa") && !cuda.contains("_exp_mantissa"))
    }
}
