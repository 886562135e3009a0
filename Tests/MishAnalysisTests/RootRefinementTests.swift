import Testing
@testable import MishAnalysis
import MishNumbers
import MishSymbolic

/// Newton's method on u = eˣ (x = log u, no exponential at full precision) against Newton's method on x (eˣ
/// by MPFR's exponential): the two interval Newton certificates enclose the same zero of mish′ and the same
/// value of mish.
@Suite("RootRefinement")
struct RootRefinementTests {
    func overlap(_ a: BigInterval, _ b: BigInterval) -> Bool { a.lower <= b.upper && b.lower <= a.upper }

    /// mish′'s sign-equivalent form, the box isolating its zero and the sign of g′ there, and mish as the value.
    func mishPrimeZero() throws -> (SignEquivalentForm, RootIsolation.Piece, Int, [ValueAtRoot]) {
        let mish = try ExprParser.parse("mish(x)")
        let form = SignEquivalentForm(derivative: 1, of: mish)
        let isolation = RootIsolation(form, from: BigFloat(-16, precision: 64), to: BigFloat(16, precision: 64), tails: false)
        let piece = try #require(isolation.zeros.first)
        guard case .simpleZero(let slope) = piece.kind else { throw RootRefinementError.noConvergence("no simple zero") }
        return (form, piece, slope, [ValueAtRoot(mish)])
    }

    @Test("the certificate from a u = e^x iterate and from an x iterate enclose the same x* and f(x*)")
    func logarithmAndExponentialAgree() throws {
        let (form, piece, slope, values) = try mishPrimeZero()
        for p in [400, 3000] {
            let start = try RootRefinement.bracketedNewton(form, piece, slope: slope)
            let iterate = try RootRefinement.newton(form, from: start, toBits: p / 2 + RootRefinement.guardBits,
                                                    piece: piece, values: values)
            guard case .u(let u) = iterate else { Issue.record("mish′ is exp-rational: the iterate should be u"); return }
            let x = u.log(precision: p / 2 + RootRefinement.guardBits)
            let fromU = try #require(RootRefinement.certify(form, at: iterate, precision: p, piece: piece, values: values))
            let fromX = try #require(RootRefinement.certify(form, at: .x(x), precision: p, piece: piece, values: values))
            #expect(overlap(fromU.root, fromX.root))
            #expect(overlap(fromU.values[0], fromX.values[0]))
            let ulp = BigFloat(1, precision: 64).scaled(byPowerOfTwo: -p + 8)
            #expect(fromU.root.width <= ulp && fromU.values[0].width <= ulp)
        }
    }

    @Test("offset steps (one logarithm at P bits, e^offset by Taylor's series) and x steps enclose the same x* and f(x*)")
    func offsetStepsAndExponentialAgree() throws {
        let (form, piece, slope, values) = try mishPrimeZero()
        for p in [3000, 20000] {
            let start = try RootRefinement.bracketedNewton(form, piece, slope: slope)
            let bits = p / 2 + RootRefinement.guardBits
            let shifted = try RootRefinement.newton(form, from: start, toBits: bits, piece: piece, values: values,
                                                    certificatePrecision: p)
            guard case .shifted = shifted else { Issue.record("steps above P/16 should correct an offset"); return }
            let x = try RootRefinement.newton(form, from: start, toBits: bits, piece: piece, values: values).x(precision: bits)
            let fromOffset = try #require(RootRefinement.certify(form, at: shifted, precision: p, piece: piece, values: values))
            let fromX = try #require(RootRefinement.certify(form, at: .x(x), precision: p, piece: piece, values: values))
            #expect(overlap(fromOffset.root, fromX.root))
            #expect(overlap(fromOffset.values[0], fromX.values[0]))
            let ulp = BigFloat(1, precision: 64).scaled(byPowerOfTwo: -p + 8)
            #expect(fromOffset.root.width <= ulp && fromOffset.values[0].width <= ulp)
        }
    }

    @Test("the double bracket lies inside the box, around the zero, and its ends have signs double intervals prove")
    func doubleBracketEnds() throws {
        let (form, piece, slope, _) = try mishPrimeZero()
        let lo = piece.lower.toDouble(rounding: .up), hi = piece.upper.toDouble(rounding: .down)
        let (a, b, x) = try #require(RootRefinement.doubleBracket(form, lo, hi, slope: slope))
        #expect(lo <= a && a < x && x < b && b <= hi && b - a < 1e-11)
        let g = try #require(form.rational).g
        #expect(g.enclosure(at: DoubleInterval(a)).provenSign == -slope)
        #expect(g.enclosure(at: DoubleInterval(b)).provenSign == slope)
    }
}
