import Foundation
import MishAccuracy
@testable import MishKernels
import MishTestSupport
import Testing

/// The binary16 and bfloat16 conversions of the generated C against Swift's own conversions: Float16 (rounding
/// to nearest even, subnormals, overflow to infinity) and bfloat16 as the upper half of a Float rounded to nearest
/// even from the double.
@Suite("Half conversions in the generated C")
struct HalfConversionTests {
    static let source = """
        #include <math.h>
        #include <stdint.h>
        #include <string.h>
        \(CEmitter.halfConversions("t"))
        double t_in16(uint16_t h) { return (double)t_f16_to_float(h); }
        uint16_t t_out16(double v) { return t_double_to_f16(v); }
        double t_inb16(uint16_t h) { return (double)t_bf16_to_float(h); }
        uint16_t t_outb16(double v) { return t_double_to_bf16(v); }
        float t_in16f(uint16_t h) { return t_f16_to_float(h); }
        uint16_t t_out16f(float v) { return t_float_to_f16(v); }
        float t_inb16f(uint16_t h) { return t_bf16_to_float(h); }
        uint16_t t_outb16f(float v) { return t_float_to_bf16(v); }
        """

    static func function<F>(_ library: CompiledLibrary, _ name: String, _ type: F.Type) throws -> F {
        unsafeBitCast(try #require(library.address(of: name)), to: type)
    }

    typealias In = @convention(c) (UInt16) -> Double
    typealias Out = @convention(c) (Double) -> UInt16
    typealias InF = @convention(c) (UInt16) -> Float
    typealias OutF = @convention(c) (Float) -> UInt16

    @Test("f16 to double is exact on all 65536 patterns; double to f16 and bf16 round to nearest even, tails included")
    func againstSwift() throws {
        let library = try CompiledLibrary(files: [("half.c", HalfConversionTests.source)])
        func function<F>(_ name: String, _ type: F.Type) throws -> F { try HalfConversionTests.function(library, name, type) }
        let in16 = try function("t_in16", In.self), out16 = try function("t_out16", Out.self)
        let outb16 = try function("t_outb16", Out.self)
        for h in 0...UInt16.max {
            let exact = Double(Float16(bitPattern: h)), ours = in16(h)
            #expect(ours.bitPattern == exact.bitPattern || (ours.isNaN && exact.isNaN), "\(h)")
        }
        var g = SeededGenerator.forTest("half conversions", defaultSeed: 71)
        var values: [Double] = [0, -0, .infinity, -.infinity, .nan, 65504, 65520, 65519.99, 0x1p-24, 0x1p-25, 0x1.8p-25,
                                0x1p-25.nextUp, 0x1p990, -0x1.fp1000, .greatestFiniteMagnitude, 0x1p128, 0x1.ffffffp127]
        for _ in 0..<200_000 {
            let v = Double(sign: Bool.random(using: &g) ? .minus : .plus, exponent: Int.random(in: -160...140, using: &g),
                           significand: Double.random(in: 1..<2, using: &g))
            values.append(v)
        }
        for v in values {
            let f16 = Float16(v).bitPattern, ours = out16(v)
            #expect(ours == f16 || (v.isNaN && ours & 0x7c00 == 0x7c00 && ours & 0x3ff != 0), "\(v)")
            let bf = HalfConversionTests.bfloat16(v), oursB = outb16(v)
            #expect(oursB == bf || (v.isNaN && oursB & 0x7f80 == 0x7f80 && oursB & 0x7f != 0), "\(v)")
        }
    }

    @Test("the binary32 conversions of the fast tier give the results of the double ones: all halves, 10^6 floats")
    func binary32SameAsDouble() throws {
        let library = try CompiledLibrary(files: [("half.c", HalfConversionTests.source)])
        func function<F>(_ name: String, _ type: F.Type) throws -> F { try HalfConversionTests.function(library, name, type) }
        let in16 = try function("t_in16", In.self), in16f = try function("t_in16f", InF.self)
        let inb16 = try function("t_inb16", In.self), inb16f = try function("t_inb16f", InF.self)
        let out16 = try function("t_out16", Out.self), out16f = try function("t_out16f", OutF.self)
        let outb16 = try function("t_outb16", Out.self), outb16f = try function("t_outb16f", OutF.self)
        for h in 0...UInt16.max {
            for (f, d) in [(in16f(h), in16(h)), (inb16f(h), inb16(h))] {
                #expect(Double(f).bitPattern == d.bitPattern || (f.isNaN && d.isNaN), "\(h)")
            }
        }
        var g = SeededGenerator.forTest("half conversions from binary32", defaultSeed: 73)
        var values: [Float] = [0, -0, .infinity, -.infinity, .nan, 65504, 65520, 65519.996, 0x1p-24, 0x1p-25, 0x1.8p-25,
                               .greatestFiniteMagnitude, .leastNonzeroMagnitude, 0x1.fffffep127, 0x1.ff8p127]
        for _ in 0..<1_000_000 { values.append(Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &g))) }
        for v in values {
            #expect(out16f(v) == out16(Double(v)), "\(v)")
            #expect(outb16f(v) == outb16(Double(v)), "\(v)")
        }
    }

    /// v rounded to nearest even at 8 significant bits, with bfloat16's range (a Float's exponents).
    static func bfloat16(_ v: Double) -> UInt16 {
        if v.isNaN { return 0x7fc0 }
        let sign: UInt16 = v.sign == .minus ? 0x8000 : 0
        let m = abs(v)
        if m >= 0x1.ffp127 { return sign | 0x7f80 }
        let e = Swift.max(m == 0 ? -126 : Int(m.exponent), -126)
        let quantum = Double(sign: .plus, exponent: e - 7, significand: 1)
        let r = (m / quantum).rounded(.toNearestOrEven) * quantum
        if r >= 0x1p128 { return sign | 0x7f80 }
        return sign | UInt16(Float(r).bitPattern >> 16)
    }
}
