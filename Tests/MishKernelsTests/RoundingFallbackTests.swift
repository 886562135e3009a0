import Foundation
import MishKernels
import MishNumbers
import MishSymbolic
import MishTestSupport
import Testing

/// The f32 rounding of dy·r(x) from a 256-bit enclosure (dy = 1 for f), or nil where its ends round apart.
func correctlyRoundedProduct(_ r: ExpRational, at x: Float, times dy: Float = 1) -> Float? {
    let e = r.enclosure(at: BigInterval(BigFloat(Double(x), precision: 256)))
    guard e.isBounded else { return nil }
    let factor = BigFloat(Double(dy), precision: 24)
    let ends = [e.lower, e.upper].map { $0.multiplied(by: factor, precision: 300).value.rounded(toPrecision: 24).toDouble() }
    guard ends[0] == ends[1], abs(ends[0]) >= Double(Float.leastNormalMagnitude) else { return nil }
    return Float(ends[0])
}

@Suite("Rounding fallback of the correctly-rounded tiers")
struct RoundingFallbackTests {
    /// The midpoint between the two f32 neighbours of v, exactly, from Float's own rounding.
    static func midpoint(near v: Double) -> Double {
        let f = Float(v)
        let other = Double(f) <= v ? f.nextUp : f.nextDown
        return (Double(f) + Double(other)) / 2
    }

    @Test("the boundary key: a double within the tolerance of an f32, f16 or bf16 midpoint is near, one ulp further is not; ±0, ±∞ are not")
    func boundaryKey() throws {
        var g = SeededGenerator.forTest("boundary key", defaultSeed: 11)
        let mish = try KernelLowering(try ExprParser.parse("mish(x)"))
        let fallback = try #require(try mish.kernel(.forward, type: .f32).fallback)
        let k = Int(fallback.tolerance)
        for _ in 0..<2000 {
            let v = Double(sign: Bool.random(using: &g) ? .minus : .plus, exponent: Int.random(in: -125...127, using: &g),
                           significand: Double.random(in: 1..<2, using: &g))
            let m = Self.midpoint(near: v)
            var inside = m, outside = m
            let up = Bool.random(using: &g)
            for _ in 0..<k { inside = up ? inside.nextUp : inside.nextDown }
            for _ in 0...k { outside = up ? outside.nextUp : outside.nextDown }
            #expect(fallback.isNearBoundary(m) && fallback.isNearBoundary(inside), "v = \(v)")
            #expect(!fallback.isNearBoundary(outside), "v = \(v)")
            #expect(!fallback.isNearBoundary(Double(Float(v))), "an f32 value is a rounding's result, not a boundary")
        }
        // Subnormal f32 outputs: the midpoints (2j + 1)·2⁻¹⁵⁰ are near, the f32 values j·2⁻¹⁴⁹ are not.
        for j in [0.0, 1, 2, 1000, 0x1p22] {
            #expect(fallback.isNearBoundary((2 * j + 1) * 0x1p-150))
            #expect(fallback.isNearBoundary(-((2 * j + 1) * 0x1p-150).nextUp))
            #expect(!fallback.isNearBoundary(j * 0x1p-149 + 0x1p-149))
        }
        for special in [0.0, -0.0, .infinity, -.infinity] { #expect(!fallback.isNearBoundary(special)) }
        for type in [KernelLowering.OutputType.f16, .bf16] {
            let half = try #require(try mish.kernel(.forward, type: type).fallback)
            let grid = Double(sign: .plus, exponent: -type.precision, significand: 1)
            #expect(half.isNearBoundary(1 + grid) && !half.isNearBoundary(1 + grid + Double(k + 1) * 0x1p-52))
            #expect(!half.isNearBoundary(1.5))
        }
    }

    @Test("mish² forward and fused f32 at the one input its double form misrounds (x = 0.000390900008, found by the exhaustive sweep): correctly rounded through the fallback",
          arguments: [KernelLowering.Kind.forward, .fused])
    func forwardHardCase(kind: KernelLowering.Kind) throws {
        let lowering = try KernelLowering(try ExprParser.parse("mish(x)^2"))
        let x: Float = 0.000390900008
        let exact = try #require(correctlyRoundedProduct(lowering.function, at: x))
        var ir = try lowering.kernel(kind, type: .f32)
        let fallback = try #require(ir.fallback)
        let withFallback = KernelInterpreter.evaluate(ir, [Double(x)])[0]
        ir.fallback = nil
        let alone = KernelInterpreter.evaluate(ir, [Double(x)])[0]
        #expect(fallback.isNearBoundary(alone))
        #expect(Float(alone) != exact, "the double form alone misrounds here; otherwise this case tests nothing")
        #expect(Float(withFallback) == exact)

        let kernel = try CompiledKernel(CEmitter(name: "sq", kind: kind, type: .f32, ir: try lowering.kernel(kind, type: .f32),
                                                 description: ["test"]))
        // The hard input inside a block of ordinary ones: the block is flagged and computed again.
        var xs = (0..<600).map { Float($0) / 64 - 4 }
        xs[300] = x
        var y = [Float](repeating: 0, count: xs.count), d = y
        if kind == .forward {
            typealias F = @convention(c) (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
            kernel.symbol("sq_forward_f32", as: F.self)(xs, &y, xs.count)
        } else {
            typealias F = @convention(c) (UnsafePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
            kernel.symbol("sq_fused_f32", as: F.self)(xs, &y, &d, xs.count)
            #expect(d[300] == correctlyRoundedProduct(lowering.derivative, at: x))
        }
        #expect(y[300] == exact)
        let full = try lowering.kernel(kind, type: .f32)
        for i in xs.indices where i != 300 {
            #expect(y[i] == Float(KernelInterpreter.evaluate(full, [Double(xs[i])])[0]))
        }
    }

    @Test("backward f32: dy chosen so that dy·mish′(x) lies within 64 ulp of a midpoint in double; the kernel rounds it correctly, as the interpreter does",
          arguments: [Float(0.75), -3.5, 2.5])
    func backwardNearMidpoint(x: Float) throws {
        let lowering = try KernelLowering(try ExprParser.parse("mish(x)"))
        let ir = try lowering.kernel(.backward, type: .f32)
        let fallback = try #require(ir.fallback)
        var alone = ir
        alone.fallback = nil
        let slope = lowering.derivative.enclosure(at: BigInterval(BigFloat(Double(x), precision: 256))).midpoint.toDouble()
        // dy·f′ moves by about 2⁻²⁴ of itself from one dy to the next, so one dy in about 2²² lands within 64 ulp of a
        // midpoint; the double form's error is a few ulp, so its value is near the boundary too.
        var dy: Float = 1, found: Float?
        for _ in 0..<(1 << 26) {
            let p = Double(dy) * slope
            if abs(p - Self.midpoint(near: p)) <= 64 * p.ulp {
                if fallback.isNearBoundary(KernelInterpreter.evaluate(alone, [Double(x), Double(dy)])[0]) { found = dy; break }
            }
            dy = dy.nextUp
        }
        let hard = try #require(found)
        let exact = try #require(correctlyRoundedProduct(lowering.derivative, at: x, times: hard))
        #expect(Float(KernelInterpreter.evaluate(ir, [Double(x), Double(hard)])[0]) == exact)
        let kernel = try CompiledKernel(CEmitter(name: "m", kind: .backward, type: .f32, ir: ir, description: ["test"]))
        typealias F = @convention(c) (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
        let xs = [Float](repeating: x, count: 300)
        var dys = (0..<300).map { Float($0) / 8 + 1 }
        dys[100] = hard
        var dx = [Float](repeating: 0, count: 300)
        kernel.symbol("m_backward_f32", as: F.self)(xs, dys, &dx, xs.count)
        #expect(dx[100] == exact)
    }

    @Test("the fallback replaces only outputs of the generic form: thresholds, the origin series and the limit tails keep theirs")
    func windowsKeepTheirValues() throws {
        let lowering = try KernelLowering(try ExprParser.parse("mish(x)^2"))
        let ir = try lowering.kernel(.forward, type: .f32)
        let fallback = try #require(ir.fallback)
        let tag = fallback.tags[0]
        var probe = ir
        probe.outputs = [tag]
        probe.fallback = nil
        func tagAt(_ x: Double) -> Double { KernelInterpreter.evaluate(probe, [x])[0] }
        #expect(tagAt(-1) == 1 && tagAt(3) == 1 && tagAt(0.01) == 1)
        #expect(tagAt(-60) == 0, "beyond the -inf threshold the limit 0 stands")
        #expect(tagAt(0x1p-14) == 0, "the origin series decides its own boundaries (9x²/25 on a midpoint)")
        #expect(tagAt(20) == 0, "the limit tail x² + C decides its own")
    }
}
