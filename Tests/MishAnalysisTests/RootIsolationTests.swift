import Testing
@testable import MishAnalysis
import MishNumbers
import MishSymbolic

/// The branch-and-bound in double intervals against the same search with 64-bit MPFR endpoints (which only
/// takes a double enclosure where it proves a sign or the box is wide): both find the same zeros, each in
/// boxes that overlap, with the same slopes and the same proven tails.
@Suite("RootIsolation")
struct RootIsolationTests {
    @Test("double-interval search and 64-bit search isolate the same zeros of f′, f″ and f‴ and prove the same tails",
          arguments: ["mish(x)", "swish(x)", "x*tanh(x)", "sigmoid(x)", "x^2*sigmoid(x) - x", "tanh(x) - x/2", "mish(x)^2"])
    func doubleAgreesWithMPFR(text: String) throws {
        let f = try ExprParser.parse(text)
        for order in 1...3 {
            let form = SignEquivalentForm(derivative: order, of: f)
            let a = BigFloat(-16, precision: 64), b = BigFloat(16, precision: 64)
            let reference = RootIsolation(form, from: a, to: b, tails: true)
            guard let fast = RootIsolation(doubleIntervals: form, from: -16, to: 16, tails: true) else {
                Issue.record("\(text) order \(order): the double search gave up")
                continue
            }
            #expect(reference.isComplete && fast.isComplete)
            #expect(fast.zeros.count == reference.zeros.count, "\(text) order \(order)")
            for (z, r) in zip(fast.zeros, reference.zeros) {
                #expect(z.lower <= r.upper && r.lower <= z.upper, "\(text) order \(order): boxes apart")
                #expect(z.kind == r.kind, "\(text) order \(order)")
            }
            #expect(fast.leftTailSign == reference.leftTailSign && fast.rightTailSign == reference.rightTailSign,
                    "\(text) order \(order)")
        }
    }

    @Test("the double search gives up where double intervals cannot decide (the double zero of (x − 1)²·eˣ at 1); the search at 64 bits finds it")
    func givesUpOnMultipleZero() throws {
        let f = try ExprParser.parse("(x - 1)^2*exp(x)")
        let form = SignEquivalentForm(derivative: 0, of: f)
        #expect(RootIsolation(doubleIntervals: form, from: -16, to: 16, tails: false) == nil)
        let full = RootIsolation.search(form, from: BigFloat(-16, precision: 64), to: BigFloat(16, precision: 64), tails: false)
        #expect(full.multipleZeros.count == 1)
    }
}
