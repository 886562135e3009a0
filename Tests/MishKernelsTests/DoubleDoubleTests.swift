import Foundation
import MishAccuracy
@testable import MishKernels
import MishNumbers
import MishSymbolic
import MishTestSupport
import Testing

@Suite("Double-double arithmetic in the kernel IR")
struct DoubleDoubleTests {
    /// hi + lo of a result, exactly.
    static func value(_ hi: Double, _ lo: Double) -> BigFloat { BigFloat(hi, precision: 53).adding(BigFloat(lo, precision: 53), precision: 200).value }

    static func relativeError(_ got: BigFloat, _ exact: BigFloat) -> Double {
        got.subtracting(exact, precision: 300).value.divided(by: exact, precision: 64).value.magnitude.toDouble()
    }

    @Test("add, multiply and divide stay within 2^-101 relative of the exact results (the published bounds are 3u², 4u², 15u² + 56u³)")
    func operations() {
        var ir = KernelIR()
        let x = DoubleDouble(hi: ir.value(.input(0)), lo: ir.value(.input(1)))
        let y = DoubleDouble(hi: ir.value(.input(2)), lo: ir.value(.input(3)))
        let results = [ir.add(x, y), ir.multiply(x, y), ir.divide(x, y), ir.multiply(x, y.hi)]
        ir.outputs = results.flatMap { [$0.hi, $0.lo] }
        var g = SeededGenerator.forTest("doubledouble.ops", defaultSeed: 3)
        func random() -> (Double, Double) {
            let hi = Double.random(in: 0.5..<2, using: &g) * (Bool.random(using: &g) ? 1 : -1) * Double(sign: .plus, exponent: Int.random(in: -40...40, using: &g), significand: 1)
            return (hi, hi.ulp * Double.random(in: -0.5...0.5, using: &g))
        }
        var worst = [Double](repeating: 0, count: 4)
        for _ in 0..<5_000 {
            let (xh, xl) = random(), (yh, yl) = random()
            let out = KernelInterpreter.evaluate(ir, [xh, xl, yh, yl])
            let a = DoubleDoubleTests.value(xh, xl), b = DoubleDoubleTests.value(yh, yl)
            let exact = [a.adding(b, precision: 300).value, a.multiplied(by: b, precision: 300).value, a.divided(by: b, precision: 300).value,
                         a.multiplied(by: BigFloat(yh, precision: 53), precision: 300).value]
            for i in 0..<4 where !exact[i].isZero {
                // The sum of operands of opposite signs cancels: its bound is relative to |x| + |y|.
                let scale = i == 0 ? a.magnitude.adding(b.magnitude, precision: 300).value : exact[i]
                let error = DoubleDoubleTests.value(out[2 * i], out[2 * i + 1]).subtracting(exact[i], precision: 300).value
                    .divided(by: scale, precision: 64).value.magnitude.toDouble()
                worst[i] = max(worst[i], error)
                #expect(abs(out[2 * i + 1]) <= out[2 * i].ulp / 2, "result \(i) is normalised")
            }
        }
        #expect(worst.allSatisfy { $0 < 0x1p-101 }, "measured \(worst)")
    }

    @Test("a dividend near the largest double: the quotient stays finite and within 2^-101 (y·t, which DWDivDW2 forms, overflows for x/3 at the largest double)")
    func divisionNearOverflow() {
        var ir = KernelIR()
        let x = DoubleDouble(hi: ir.value(.input(0)), lo: ir.value(.input(1)))
        let y = DoubleDouble(hi: ir.value(.input(2)), lo: ir.value(.input(3)))
        let q = ir.divide(x, y)
        ir.outputs = [q.hi, q.lo]
        var g = SeededGenerator.forTest("doubledouble.division.overflow", defaultSeed: 5)
        var cases: [(Double, Double, Double, Double)] = [(.greatestFiniteMagnitude, 0, 3, 0), (.greatestFiniteMagnitude, 0, 1.5, 0)]
        for _ in 0..<2_000 {
            let xh = Double.greatestFiniteMagnitude * Double.random(in: 0.75...1, using: &g)
            let yh = Double.random(in: 1...7, using: &g)
            cases.append((xh, xh.ulp * Double.random(in: -0.5...0.5, using: &g), yh, yh.ulp * Double.random(in: -0.5...0.5, using: &g)))
        }
        var worst = 0.0
        for (xh, xl, yh, yl) in cases {
            let out = KernelInterpreter.evaluate(ir, [xh, xl, yh, yl])
            let exact = DoubleDoubleTests.value(xh, xl).divided(by: DoubleDoubleTests.value(yh, yl), precision: 300).value
            #expect(out[0].isFinite && out[1].isFinite, "\(xh)/\(yh)")
            let error = DoubleDoubleTests.value(out[0], out[1]).subtracting(exact, precision: 300).value
                .divided(by: exact, precision: 64).value.magnitude.toDouble()
            worst = max(worst, error)
        }
        #expect(worst < 0x1p-101, "measured \(worst)")
    }

    @Test("the double-double exponential: m·2^k within 2^-94 of MPFR's e^a over [−1500, 0]")
    func exponential() {
        var ir = KernelIR()
        let a = ir.value(.input(0))
        let (m, k) = DoubleDoubleExp.lower(a, into: &ir)
        ir.outputs = [m.hi, m.lo, k]
        var g = SeededGenerator.forTest("doubledouble.exp", defaultSeed: 7)
        var xs = (0..<1_500).map { _ in -Double.random(in: 0...1500, using: &g) }
        xs += (0..<300).map { _ in -Double.random(in: 0...1, using: &g) * Double(sign: .plus, exponent: -Int.random(in: 0...20, using: &g), significand: 1) }
        xs += [0, -0.34657359027997264, -0.34657359027997270, -1500, -745.5]
        var worst = 0.0
        for x in xs {
            let out = KernelInterpreter.evaluate(ir, [x])
            let got = DoubleDoubleTests.value(out[0], out[1]).scaled(byPowerOfTwo: Int(out[2]))
            worst = max(worst, DoubleDoubleTests.relativeError(got, BigFloat(x, precision: 53).exp(precision: 300)))
        }
        #expect(worst < DoubleDoubleExp.relativeErrorBound, "measured \(worst)")
        #expect(KernelInterpreter.evaluate(ir, [.nan])[0].isNaN)
    }
}

@Suite("Kernel code generation, faithful f64 (double-double)")
struct FaithfulF64Tests {
    /// The f64 result both ends of a 300-bit enclosure of dy·r(x) round to, or nil when they differ.
    static func correctlyRounded(_ r: ExpRational, _ x: Double, dy: Double = 1) -> Double? {
        var e = r.enclosure(at: BigInterval(BigFloat(x, precision: 300)))
        guard e.isBounded else { return nil }
        if dy != 1 { e = e * BigInterval(BigFloat(dy, precision: 53)) }
        let lo = FloatFormat.f64.roundedBits(e.lower), hi = FloatFormat.f64.roundedBits(e.upper)
        return lo == hi ? Double(bitPattern: lo) : nil
    }

    /// Random inputs over the whole range, subnormal and tiny ones (the origin series and its edge), both
    /// thresholds, the subnormal outputs near −745, and 64 neighbours of each irrational zero.
    static func inputs(_ r: ExpRational, seed: String) throws -> [Double] {
        var g = SeededGenerator.forTest(seed, defaultSeed: 64)
        var xs = (0..<500).map { _ in Double.random(in: -760...710, using: &g) }
        xs += (0..<150).map { _ in Double.random(in: -40...40, using: &g) }
        xs += (0..<150).map { _ in Double(bitPattern: UInt64.random(in: 1...0x000f_ffff_ffff_ffff, using: &g)) * (Bool.random(using: &g) ? 1 : -1) }
        xs += (0..<150).map { _ in Double.random(in: -1...1, using: &g) * Double(sign: .plus, exponent: -Int.random(in: 0...60, using: &g), significand: 1) }
        xs += (0..<100).map { _ in -Double.random(in: 700...760, using: &g) }
        for edge in [0x1p-20, -0x1p-20, -745.13, -708.4, -752, -1455, 36, 710] {
            var up = edge, down = edge
            for _ in 0..<8 { up = up.nextUp; down = down.nextDown; xs += [up, down] }
        }
        for series in try DoubleDoubleZeroSeries.of(r) {
            var up = series.parts[0], down = up
            xs.append(up)
            for _ in 0..<64 { up = up.nextUp; down = down.nextDown; xs += [up, down] }
            xs += [series.parts[0] + series.radius, series.parts[0] - series.radius]
        }
        return xs
    }

    @Test("forward and f′ of mish, swish, tanh and x·tanh(x): correctly rounded on every sampled input the enclosure decides; special values exact, signed zeros included",
          arguments: ["mish(x)", "swish(x)", "tanh(x)", "x*tanh(x)"])
    func correctlyRoundedOnSamples(_ text: String) throws {
        let lowering = try KernelLowering(try ExprParser.parse(text))
        for (kind, r) in [(KernelLowering.Kind.forward, lowering.function), (.backward, lowering.derivative)] {
            let ir = try lowering.kernel(kind, type: .f64)
            var wrong: [Double] = []
            for x in try FaithfulF64Tests.inputs(r, seed: "faithful.\(text)") {
                guard let expected = FaithfulF64Tests.correctlyRounded(r, x) else { continue }
                let y = KernelInterpreter.evaluate(ir, [x, 1])[0]
                if y.bitPattern != expected.bitPattern { wrong.append(x) }
            }
            #expect(wrong.isEmpty, "\(text) \(kind): \(wrong.count) results not correctly rounded, first at x = \(wrong.prefix(3))")
            for x in [Double.nan, .infinity, -.infinity, 0, -0.0] {
                let y = KernelInterpreter.evaluate(ir, [x, 1])[0]
                let exact: Double
                if x.isNaN { exact = .nan } else if x.isInfinite {
                    switch r.limit(direction: x < 0 ? -1 : 1) {
                    case .finite(let q):
                        // A zero limit takes the sign f has toward that end.
                        let far = r.enclosure(at: BigInterval(BigFloat(x < 0 ? -4000 : 4000, precision: 64))).midpoint
                        exact = q.isZero ? (far.signum < 0 ? -0.0 : 0.0) : q.doubleValue
                    case .infinite(let s): exact = s < 0 ? -.infinity : .infinity
                    }
                } else {
                    // f(±0): f(0), or the zero f approaches: by the first derivative cₖ not vanishing at 0.
                    var g = r, k = 0, sign = 1
                    while r.valueAtOrigin!.isZero && k < 12 {
                        g = g.derivative(); k += 1
                        if let c = g.valueAtOrigin, !c.isZero { sign = c.signum; break }
                    }
                    exact = !r.valueAtOrigin!.isZero ? r.valueAtOrigin!.doubleValue
                        : (k % 2 == 1 ? (sign < 0 ? -x : x) : (sign < 0 ? -0.0 : 0.0))
                }
                #expect(y.isNaN == exact.isNaN && (y.isNaN || (y == exact && y.sign == exact.sign)), "\(text) \(kind) at \(x): \(y)")
            }
        }
    }

    @Test("backward with a tiny dy (below 2⁻⁹⁰⁰, subnormals included): dy·f′ is scaled up before the product, whose 2Prod would lose its error word to underflow, so the subnormal result is rounded once")
    func backwardWithTinyDy() throws {
        let lowering = try KernelLowering(try ExprParser.parse("mish(x)"))
        let ir = try lowering.kernel(.backward, type: .f64)
        var g = SeededGenerator.forTest("faithful.tinyDy", defaultSeed: 21)
        var wrong: [(Double, Double)] = [], checked = 0
        for _ in 0..<600 {
            let x = Double.random(in: -30...30, using: &g)
            let dy = Double.random(in: 1...2, using: &g) * Double(sign: .plus, exponent: Int.random(in: -1074 ... -901, using: &g), significand: 1)
                * (Bool.random(using: &g) ? 1 : -1)
            guard dy != 0, let expected = FaithfulF64Tests.correctlyRounded(lowering.derivative, x, dy: dy) else { continue }
            checked += 1
            let y = KernelInterpreter.evaluate(ir, [x, dy])[0]
            if y.bitPattern != expected.bitPattern { wrong.append((x, dy)) }
        }
        #expect(checked > 500 && wrong.isEmpty, "\(wrong.count) of \(checked) not correctly rounded, first \(wrong.prefix(3))")
    }

    @Test("backward: dy·f′ rounded once for dy across the whole range, tiny f′ times a huge dy included")
    func backwardWithRandomDy() throws {
        let lowering = try KernelLowering(try ExprParser.parse("mish(x)"))
        let ir = try lowering.kernel(.backward, type: .f64)
        var g = SeededGenerator.forTest("faithful.dy", defaultSeed: 9)
        var wrong: [(Double, Double)] = []
        for i in 0..<1_500 {
            let x = i % 3 == 0 ? -Double.random(in: 700...1460, using: &g) : Double.random(in: -760...40, using: &g)
            let dy = Double.random(in: 1...2, using: &g) * Double(sign: .plus, exponent: Int.random(in: -1074...1023, using: &g), significand: 1)
                * (Bool.random(using: &g) ? 1 : -1)
            guard dy.isFinite, let expected = FaithfulF64Tests.correctlyRounded(lowering.derivative, x, dy: dy) else { continue }
            let y = KernelInterpreter.evaluate(ir, [x, dy])[0]
            if y.bitPattern != expected.bitPattern { wrong.append((x, dy)) }
        }
        #expect(wrong.isEmpty, "\(wrong.count) not correctly rounded, first \(wrong.prefix(3))")
        // dy = ±∞ gives ±∞ with the sign of dy·f′, as in IEEE arithmetic.
        for (x, dy) in [(1.0, Double.infinity), (-1.0, -.infinity), (-3.0, .infinity), (1e-30, .infinity)] {
            let y = KernelInterpreter.evaluate(ir, [x, dy])[0]
            let slope = try #require(FaithfulF64Tests.correctlyRounded(lowering.derivative, x))
            #expect(y.isInfinite && (y < 0) == ((slope < 0) != (dy < 0)), "x = \(x), dy = \(dy): \(y)")
        }
    }

    @Test("generated C of the faithful f64 kernels compiles warning-free and matches the interpreter bit for bit",
          arguments: KernelLowering.Kind.allCases)
    func compiledMatchesInterpreter(_ kind: KernelLowering.Kind) throws {
        let lowering = try KernelLowering(try ExprParser.parse("mish(x)"))
        let ir = try lowering.kernel(kind, type: .f64)
        let kernel = try CompiledKernel(CEmitter(name: "mish", kind: kind, type: .f64, ir: ir, description: ["test"]))
        var xs = try FaithfulF64Tests.inputs(lowering.derivative, seed: "faithful.c")
        xs += [.nan, .infinity, -.infinity, 0, -0.0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        let dys = xs.indices.map { i in i % 2 == 0 ? 1 : Double(i % 13) * 1e300 - 3e300 }
        var out = [Double](repeating: 0, count: xs.count), out2 = out
        switch kind {
        case .forward:
            typealias F = @convention(c) (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void
            kernel.symbol("mish_forward_f64", as: F.self)(xs, &out, xs.count)
        case .backward:
            typealias F = @convention(c) (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void
            kernel.symbol("mish_backward_f64", as: F.self)(xs, dys, &out, xs.count)
        case .fused:
            typealias F = @convention(c) (UnsafePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void
            kernel.symbol("mish_fused_f64", as: F.self)(xs, &out, &out2, xs.count)
        }
        for (i, x) in xs.enumerated() {
            let expected = KernelInterpreter.evaluate(ir, [x, dys[i]])
            #expect(out[i].bitPattern == expected[0].bitPattern || (out[i].isNaN && expected[0].isNaN), "x = \(x)")
            if kind == .fused { #expect(out2[i].bitPattern == expected[1].bitPattern || (out2[i].isNaN && expected[1].isNaN), "x = \(x)") }
        }
    }
}
