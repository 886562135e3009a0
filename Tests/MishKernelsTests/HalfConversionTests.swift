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
        double t_in16(uint16_t h) { return t_f16_to_double(h); }
        uint16_t t_out16(double v) { return t_double_to_f16(v); }
        double t_inb16(uint16_t h) { return t_bf16_to_double(h); }
        uint16_t t_outb16(double v) { return t_double_to_bf16(v); }
        """

    typealias In = @convention(c) (UInt16) -> Double
    typealias Out = @convention(c) (Double) -> UInt16

    @Test("f16 to double is exact on all 65536 patterns; double to f16 and bf16 round to nearest even, tails included")
    func againstSwift() throws {
        let library = try CompiledLibrary(files: [("half.c", HalfConversionTests.source)])
        func function<F>(_ name: String, _ type: F.Type) throws -> F {
            unsafeBitCast(try #require(library.address(of: name)), to: type)
        }
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
