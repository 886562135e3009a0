import Foundation
import Testing
import MishNumbers
import MishTestSupport

@Suite("BigFloat")
struct BigFloatTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "\(name)-1010-digits", withExtension: "txt",
                                                 subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        return String(try #require(lines.first { !$0.hasPrefix("#") }))
    }

    nonisolated(unsafe) static let constants: [(String, (Int, RoundingMode) -> BigFloat)] = [
        ("pi", { BigFloat.pi(precision: $0, rounding: $1) }),
        ("e", { BigFloat.e(precision: $0, rounding: $1) }),
        ("ln2", { BigFloat.ln2(precision: $0, rounding: $1) }),
    ]

    @Test("π, e and ln 2 agree with the published digits to 1010 digits", arguments: 0..<3)
    func constantsMatchPublishedDigits(_ i: Int) throws {
        let (name, constant) = BigFloatTests.constants[i]
        let published = try BigFloatTests.fixture(name)
        let p = BigFloat.precision(forDecimalDigits: 1030)
        // The exact constant lies between its two directed roundings; both truncate to the published digits.
        for mode in [RoundingMode.down, .up] {
            let d = try #require(constant(p, mode).decimalDigits(1010, rounding: .towardZero))
            #expect(d.digits == published, "\(name) rounded \(mode)")
        }
        let rounded = try #require(constant(BigFloat.precision(forDecimalDigits: 1000) + 16, .nearest).decimalDigits(1000))
        #expect(rounded.digits == DecimalText.roundedPrefix(published, count: 1000))
    }

    @Test("printing then parsing gives back the same number at many precisions")
    func printParseRoundTrip() throws {
        var g = SeededGenerator.forTest("BigFloat.printParse", defaultSeed: 1234)
        for p in [2, 3, 10, 24, 53, 64, 113, 200, 1000, 4000] {
            for _ in 0..<60 {
                let x = randomBigFloat(&g, precision: p)
                let back = try BigFloat(parsing: x.description, precision: p)
                #expect(back.isIdentical(to: x), "precision \(p): \(x.description)")
            }
        }
    }

    @Test("17 significant digits of a double parse back to the double with Swift's own parser")
    func doubleDigits() {
        var g = SeededGenerator.forTest("BigFloat.doubleDigits", defaultSeed: 99)
        for _ in 0..<2000 {
            let d = Double(bitPattern: g.next())
            guard d.isFinite else { continue }
            let text = BigFloat(d).decimalString(significantDigits: 17)
            #expect(Double(text) == d, "\(d) printed as \(text)")
        }
    }

    @Test("decimal formatting: positional near 1, scientific far away, every digit significant")
    func formatting() throws {
        func s(_ text: String, _ digits: Int) throws -> String {
            try BigFloat(parsing: text, precision: 200).decimalString(significantDigits: digits)
        }
        #expect(try s("123.456", 6) == "123.456")
        #expect(try s("123.456", 2) == "1.2e+2")
        #expect(try s("-0.000123456", 3) == "-0.000123")
        #expect(try s("1e-9", 2) == "1.0e-9")
        #expect(try s("0.25", 1) == "0.2")
        #expect(try s("0.375", 2) == "0.38")
        #expect(try s("0.125", 2) == "0.12")
        #expect(try s("9.96", 2) == "10")
        #expect(BigFloat.nan().decimalString(significantDigits: 5) == "nan")
        #expect(BigFloat.infinity(sign: -1).decimalString(significantDigits: 5) == "-inf")
    }

    @Test("directed roundings bracket the exact result and differ by one ulp when inexact")
    func directedRoundingBrackets() {
        var g = SeededGenerator.forTest("BigFloat.directed", defaultSeed: 42)
        for p in [24, 53, 100, 333] {
            for _ in 0..<40 {
                let x = randomBigFloat(&g, precision: p, exponentRange: -8...8)
                let y = randomBigFloat(&g, precision: p, exponentRange: -8...8)
                var results: [(String, RoundedBigFloat, RoundedBigFloat)] = []
                for f in BigFloatFunction.allCases {
                    let arg = [.sqrt, .log].contains(f) ? x.magnitude : (f == .log1p ? x.magnitude : x)
                    results.append((f.rawValue, arg.apply(f, rounding: .down), arg.apply(f, rounding: .up)))
                }
                results.append(("add", x.adding(y, rounding: .down), x.adding(y, rounding: .up)))
                results.append(("mul", x.multiplied(by: y, rounding: .down), x.multiplied(by: y, rounding: .up)))
                results.append(("div", x.divided(by: y, rounding: .down), x.divided(by: y, rounding: .up)))
                results.append(("fma", BigFloat.fma(x, y, x, rounding: .down), BigFloat.fma(x, y, x, rounding: .up)))
                for (name, lo, hi) in results where lo.value.isFinite && !lo.value.isZero {
                    #expect(lo.value <= hi.value, "\(name) at precision \(p)")
                    #expect(lo.isExact == hi.isExact)
                    if lo.isExact {
                        #expect(lo.value == hi.value)
                    } else {
                        #expect(lo.ternary < 0 && hi.ternary > 0)
                        #expect(lo.value.nextUp == hi.value, "\(name): down and up differ by one ulp")
                    }
                }
            }
        }
    }

    @Test("conversions are exact where the precision allows")
    func conversions() throws {
        #expect(BigFloat(0.1).exactRational == Rational(BigInt(3602879701896397), BigInt(1).shiftedLeft(55)))
        #expect(BigFloat(Rational(1, 3), precision: 2000).toDouble() == 1.0 / 3.0)
        #expect(BigFloat(Int.min, precision: 64).exactRational == Rational(Int.min))
        #expect(try BigFloat(parsing: "-inf", precision: 10).isInfinite)
        #expect(try BigFloat(parsing: "nan", precision: 10).isNaN)
        #expect(try BigFloat(parsing: "1e999999999999", precision: 10).isInfinite)
        for bad in ["", "1.2.3", "0x1p3", " 1", "@inf@", "1e"] {
            #expect(throws: NumberParseError.self) { try BigFloat(parsing: bad, precision: 53) }
        }
        let third = BigFloat(Rational(1, 3), precision: 100, rounding: .down)
        #expect(third < BigFloat(Rational(1, 3), precision: 100, rounding: .up))
        #expect(BigFloat.decimalDigits(forPrecision: BigFloat.precision(forDecimalDigits: 50)) >= 50)
    }

    @Test("sigmoid, softplus, mish and swish are correctly rounded (against a 4x-precision composition)")
    func activationsCorrectlyRounded() {
        var g = SeededGenerator.forTest("BigFloat.activations", defaultSeed: 2024)
        for p in [24, 53, 200] {
            for _ in 0..<150 {
                let x = randomBigFloat(&g, precision: p, exponentRange: -20...7)
                let w = 4 * p + 64
                let xw = x.rounded(toPrecision: w)
                let sp = xw.exp().log1p()
                let reference: [(BigFloat, BigFloat)] = [
                    (x.sigmoid(), (BigFloat(1, precision: 2) / (BigFloat(1, precision: 2) + (-xw).exp()))),
                    (x.softplus(), sp.isInfinite ? xw : sp),
                    (x.mish(), xw * (sp.isInfinite ? BigFloat(1, precision: w) : sp.tanh())),
                    (x.swish(), xw / (BigFloat(1, precision: 2) + (-xw).exp())),
                ]
                for (value, ref) in reference {
                    #expect(value.isIdentical(to: ref.rounded(toPrecision: p)), "at \(x) (precision \(p))")
                }
            }
        }
        #expect(BigFloat.infinity(sign: -1).mish().isIdentical(to: .zero(sign: -1)))
        #expect(BigFloat.infinity(sign: -1).swish().isIdentical(to: .zero(sign: -1)))
        #expect(BigFloat.infinity().mish().isInfinite)
        #expect(BigFloat(1e9, precision: 64).softplus() == BigFloat(1e9, precision: 64))
        #expect(BigFloat(0).sigmoid() == BigFloat(0.5))
    }

    @Test("values computed on several threads at once match the serial results")
    func concurrentUse() {
        let precisions = [100, 1000, 3000, 10_000, 200, 5000, 64, 777]
        let serial = precisions.map { p in BigFloat.pi(precision: p).decimalString(significantDigits: p / 4) + BigFloat(7, precision: p).mish().description }
        let shared = BigFloat(Rational(22, 7), precision: 4000)
        let results = ResultBox(count: precisions.count)
        DispatchQueue.concurrentPerform(iterations: precisions.count * 4) { i in
            let k = i % precisions.count
            let p = precisions[k]
            let text = BigFloat.pi(precision: p).decimalString(significantDigits: p / 4) + BigFloat(7, precision: p).mish().description
            _ = shared.exp().log()
            results.set(k, text)
        }
        #expect(results.values == serial)
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String]
    init(count: Int) { storage = Array(repeating: "", count: count) }
    func set(_ i: Int, _ v: String) { lock.lock(); storage[i] = v; lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}

/// A random finite number with a random significand of `precision` bits and a binary exponent in range.
func randomBigFloat(_ g: inout SeededGenerator, precision: Int, exponentRange: ClosedRange<Int> = -300...300) -> BigFloat {
    var m = BigInt(1)
    var bits = 1
    while bits < precision {
        let take = min(precision - bits, 60)
        m = m.shiftedLeft(take) + BigInt(Int(g.next() >> UInt64(64 - take)))
        bits += take
    }
    if Bool.random(using: &g) { m = -m }
    let e = Int.random(in: exponentRange, using: &g) - precision
    let value = BigFloat(m, precision: precision)
    return value.scaled(byPowerOfTwo: e)
}
