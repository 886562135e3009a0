import Foundation
import MishAnalysis
import MishNumbers
import MishSeries
import MishSymbolic

/// The faithful f64 kernels: the side forms of ``KernelLowering/lower(_:x:into:splitLimits:expFloor:multiplier:)``
/// evaluated in double-double (``DoubleDouble``, ``DoubleDoubleExp``) and rounded once.
///
/// f = W·2^K with W = N(x, s)/D(s)·mˢʰⁱᶠᵗ a double-double (e^(−|x|) = m·2^k, K = shift·k; where f grows like
/// e^(g|x|), D = s^g·D′, W = N/D′·m⁻ᵍ and K = −g·k, up to the overflow): each operation
/// is within 2⁻¹⁰² relative, so away from the zeros of f the value is within about 2⁻⁹⁰ of f and
/// RN(W.hi + W.lo) is correctly rounded except within 2⁻⁹⁰ relative of a midpoint, and always faithful.
/// Near an irrational zero x₀ a double-double Taylor series in h = x − x₀ (x₀ a triple-double) keeps
/// the relative error bounded (``DoubleDoubleZeroSeries``). Where W·2^K is subnormal, W is rounded to odd
/// first and the scaling rounds once (``finalRounding``).
extension KernelLowering {
    /// The faithful f64 body: forward f(x), backward dy·f′(x), fused (f, f′).
    public func doubleDoubleKernel(_ kind: Kind) throws -> KernelIR {
        var ir = KernelIR(arithmetic: .double)
        let x = ir.value(.input(0))
        let dy = kind == .backward ? ir.value(.input(1)) : nil
        let functions: [ExpRational]
        switch kind {
        case .forward: functions = [function]
        case .backward: functions = [derivative]
        case .fused: functions = [function, derivative]
        }
        let a = ir.value(.negate(ir.value(.absolute(x))))
        let exp = DoubleDoubleExp.lower(a, into: &ir)
        ir.notes.append(String(format: "exp: e^-|x| = m*2^k in double-double (Cody-Waite by a three-part ln 2, a degree-%d "
            + "polynomial for e^(r/%d) - 1 with the terms beyond the %dth in double, %d squarings), relative error below 2^-94",
            DoubleDoubleExp.degree, 1 << DoubleDoubleExp.squarings, DoubleDoubleExpKernel.doubleWordTerms, DoubleDoubleExp.squarings))
        var outputs: [Int] = []
        for r in functions {
            let (w, k) = try KernelLowering.lowerDoubleDouble(r, x: x, exp: exp, into: &ir)
            var out = KernelLowering.finalRounding(w, exponent: k, multiplier: dy, into: &ir)
            for series in try DoubleDoubleZeroSeries.of(r) {
                let (h, inWindow) = series.offset(x, into: &ir)
                let value = KernelLowering.finalRounding(series.evaluate(h, into: &ir), exponent: nil, multiplier: dy, into: &ir)
                out = ir.value(.selectLess(inWindow, ir.constant(series.radius), value, out))
                ir.notes.append(series.note)
            }
            let origin = DoubleDoubleOriginSeries(r)
            if let series = origin {
                let value = series.evaluate(x, multiplier: dy, into: &ir)
                out = ir.value(.selectLess(ir.value(.absolute(x)), ir.constant(DoubleDoubleOriginSeries.radius), value, out))
                ir.notes.append(series.note)
            }
            out = try KernelLowering.withDoubleDoublePolynomialTails(r, x: x, dy: dy, value: out, into: &ir)
            if let dy {
                // dy = ±∞: ±∞ with f′'s sign, as dy·f′ in IEEE arithmetic (the double-word product would give NaN).
                out = ir.value(.selectLess(ir.constant(.greatestFiniteMagnitude), ir.value(.absolute(dy)), ir.value(.multiply(dy, w.hi)), out))
            }
            out = KernelLowering.specialInputs(r, x: x, value: out, multiplier: dy, origin: origin, into: &ir)
            let zeroBound = dy == nil ? nil : OutputType.f64.zeroBoundExponent - OutputType.f64.maximumExponent - 1
            for direction in [-1, 1] {
                guard let t = try KernelLowering.tailThreshold(r, direction: direction, type: .f64, zeroBoundExponent: zeroBound)
                else { continue }
                let bound = ir.constant(t.threshold)
                let limit = dy.map { KernelLowering.limitTimes($0, t.value, into: &ir) } ?? ir.constant(t.value)
                out = direction < 0 ? ir.value(.selectLess(x, bound, limit, out)) : ir.value(.selectLess(bound, x, limit, out))
                ir.notes.append(t.note + (dy != nil && t.value == 0 ? KernelLowering.zeroLimitNote : ""))
            }
            outputs.append(out)
        }
        ir.outputs = outputs
        return ir
    }

    /// An integer coefficient of a side form as a double, exactly (|b| ≤ 2⁵³); the kernel is refused otherwise.
    static func exactCoefficient(_ b: BigInt) throws -> Double {
        let v = Rational(b).doubleValue
        guard v.isFinite, abs(v) <= 0x1p53, BigFloat(v, precision: 64).exactRational == Rational(b) else {
            throw KernelError.coefficientTooLarge(b.description)
        }
        return v
    }

    /// f (or dy·f′) beyond |x| = 2¹²⁸, where s = e^(−|x|) is 0 and f is its limit polynomial L(x) = Σ Nᵢ(0)xⁱ/D(0)
    /// of degree n ≥ 1 toward that end: the form's Σ Nᵢ(0)xⁱ overflows before the division where L need not
    /// (mish − 3x/5 = −6x/10 at x = −3.3·10³⁰⁷), and L alone where dy·L need not (x³σ′: 3x² above 2⁵¹¹). So the
    /// kernel forms w = dy·x exactly (2Prod; normal for any nonzero finite dy; w = x without dy) and
    /// w·Σ_{i≥1} cᵢxⁱ⁻¹, cᵢ = Nᵢ(0)/D(0) each a double-double (divided first: Nᵢ(0)·x itself can overflow), in
    /// double-double, rounded once (c₀·dy, below 2⁻⁷⁵ of the rest for coefficients of at most 53 bits, is
    /// dropped). The partial sums grow toward the result, so an overflow is the result's own (its NaN error word
    /// becomes the signed infinity in ``specialInputs``).
    static func withDoubleDoublePolynomialTails(_ r: ExpRational, x: Int, dy: Int?, value: Int, into ir: inout KernelIR) throws -> Int {
        var out = value
        let sides = r.sideForms
        for (direction, form) in [(-1, sides.negative), (1, sides.positive)] {
            guard let limit = form.limitPolynomial, let n = limit.lastIndex(where: { !$0.isZero }), n >= 1 else { continue }
            /// cᵢ = Nᵢ(0)/D(0) as a double-double (exact when D(0) = 1).
            func coefficient(_ i: Int) -> DoubleDouble { ir.doubleDouble(BigFloat(limit[i], precision: 256)) }
            let w = dy.map { ir.twoProduct($0, x) } ?? ir.doubleDouble(exact: x)
            var h = ir.multiply(w, coefficient(n))
            for i in stride(from: n - 1, through: 1, by: -1) {
                h = ir.multiply(h, x)
                if !limit[i].isZero { h = ir.add(h, ir.multiply(w, coefficient(i))) }
            }
            let bound = ir.constant(Double(direction) * 0x1p128)
            out = direction < 0 ? ir.value(.selectLess(x, bound, h.hi, out)) : ir.value(.selectLess(bound, x, h.hi, out))
            ir.notes.append("beyond x = \(direction < 0 ? "-" : "")2^128: " + (dy == nil ? "f(x) = x*(f(x)/x)" : "dy*f'(x) = (dy*x)*(f'(x)/x)")
                + " in double-double with \(dy == nil ? "f" : "f'") its limit polynomial there (degree \(n)), so that "
                + (dy == nil ? "the form's numerator does not overflow before its division" : "f' alone does not overflow where dy*f' is finite"))
        }
        return out
    }

    /// W (a double-double) and the exponent K (a double holding an integer; nil for 0) with f = W·2^K.
    static func lowerDoubleDouble(_ r: ExpRational, x: Int, exp: (mantissa: DoubleDouble, k: Int), into ir: inout KernelIR)
        throws -> (value: DoubleDouble, exponent: Int?) {
        let (negativeForm, positiveForm) = r.sideForms
        let exact = exactCoefficient
        let zero = ir.constant(0)
        func selected(_ n: Double, _ p: Double) -> Int {
            n == p ? ir.constant(n) : ir.value(.selectLess(x, zero, ir.constant(n), ir.constant(p)))
        }
        let s = DoubleDouble(hi: ir.value(.scaleByPowerOfTwo(exp.mantissa.hi, exp.k)),
                             lo: ir.value(.scaleByPowerOfTwo(exp.mantissa.lo, exp.k)))
        let d = negativeForm.degree
        /// Σᵢ xⁱ·Rᵢ(s): Horner in s (coefficients selected by the sign of x) inside Horner in x.
        func polynomial(_ negativeRows: [[BigInt]], _ positiveRows: [[BigInt]]) throws -> DoubleDouble {
            var acc: DoubleDouble?
            for (nr, pr) in zip(negativeRows, positiveRows).reversed() {
                var inner: DoubleDouble?
                for m in stride(from: d, through: 0, by: -1) {
                    let n = try exact(nr[m]), p = try exact(pr[m])
                    if let a = inner {
                        let product = ir.multiply(a, s)
                        inner = n == 0 && p == 0 ? product : ir.add(product, selected(n, p))
                    } else if n != 0 || p != 0 {
                        inner = ir.doubleDouble(exact: selected(n, p))
                    }
                }
                if let a = acc {
                    let product = ir.multiply(a, x)
                    acc = inner.map { ir.add(product, $0) } ?? product
                } else {
                    acc = inner
                }
            }
            return acc ?? ir.doubleDouble(exact: zero)
        }
        /// Where f grows like e^(m|x|) on a side (D(0) = 0, lowest term d_m·s^m), D = s^m·D′ and f = s^(−m)·N/D′:
        /// s^m would be subnormal (or 0) long before f overflows (exp(709.78) from 1/s lost 5 ulp), so the
        /// power joins the final scaling as 2^(−m·k) and W is divided by mᵐ instead.
        let growth = (negative: negativeForm.growth, positive: positiveForm.growth)
        let quotient = ir.divide(try polynomial(negativeForm.numerators, positiveForm.numerators),
                                 try polynomial([negativeForm.denominator(dividedByPower: growth.negative)],
                                                [positiveForm.denominator(dividedByPower: growth.positive)]))
        func scaled(_ shift: Int, _ growth: Int) -> (DoubleDouble, Int?) {
            var w = quotient
            for _ in 0..<shift { w = ir.multiply(w, exp.mantissa) }
            for _ in 0..<growth { w = ir.divide(w, exp.mantissa) }
            let net = shift - growth
            return (w, net == 0 ? nil : ir.value(.multiply(exp.k, ir.constant(Double(net)))))
        }
        if negativeForm.shift == positiveForm.shift && growth.negative == growth.positive {
            return scaled(negativeForm.shift, growth.negative)
        }
        let (wn, kn) = scaled(negativeForm.shift, growth.negative), (wp, kp) = scaled(positiveForm.shift, growth.positive)
        return (ir.selectLess(x, zero, wn, wp), ir.value(.selectLess(x, zero, kn ?? zero, kp ?? zero)))
    }

    /// RN(dy·W·2^K) for a normalised double-double W, rounded once: hi when the result is normal (the
    /// scaling is exact and hi = RN(W)); where W is normal but W·2^K subnormal, the rounding happens before
    /// the scaling, at the subnormal quantum: with C = ±2^(−1022−K), whose ulp is that quantum,
    /// S = RN(C + hi + lo) (TwoSum, then the two low words) and the result is (S − C)·2^K, both steps
    /// exact (a zero S − C takes the sign of RN(hi·2^K), the signed zero). dy ≥ 2⁹⁰⁰ is taken as (dy·2⁻²⁰⁰)·2²⁰⁰ so that W·dy cannot overflow first,
    /// and dy < 2⁻⁹⁰⁰ as (dy·2²⁰⁰)·2⁻²⁰⁰ so that W·dy is not subnormal before the final rounding (2Prod is exact only
    /// while its error word is representable).
    ///
    /// `tieDirection` (±1: the exact value's magnitude is above or below the double-double's, by less than
    /// its precision) breaks an exact tie, at double precision or at the subnormal quantum: the origin series,
    /// whose leading term c·xʲ can sit exactly on a midpoint (swish(x) = x/2 + x²/4 for an odd subnormal x;
    /// tanh(3x/2) = 3x/2 − 9x³/8 + … for any x below 2⁻⁵³ with an odd last bit, where 9x³/8 is beyond the
    /// double-double).
    static func finalRounding(_ w: DoubleDouble, exponent k: Int?, multiplier dy: Int?, tieDirection: Int? = nil,
                              zero: Int? = nil, into ir: inout KernelIR) -> Int {
        var v = w, k = k
        if let dy {
            if let e = k {
                let large = ir.constant(0x1p900), small = ir.constant(0x1p-900)
                let magnitude = ir.value(.absolute(dy))
                let moderate = ir.value(.selectLess(magnitude, small, ir.value(.multiply(dy, ir.constant(0x1p200))), dy))
                let reduced = ir.value(.selectLess(magnitude, large, moderate, ir.value(.multiply(dy, ir.constant(0x1p-200)))))
                let shift = ir.value(.selectLess(magnitude, small, ir.constant(-200), ir.constant(0)))
                k = ir.value(.add(e, ir.value(.selectLess(magnitude, large, shift, ir.constant(200)))))
                v = ir.multiply(w, reduced)
            } else {
                v = ir.multiply(w, dy)
            }
        }
        // An exact zero takes the sign IEEE arithmetic gives w·dy (the double-word product and sums round
        // −0 + +0 to +0): dy·f′ = −0 for dy < 0 where f′ vanishes exactly, as the f32 kernels and the reference.
        let signedZero = zero.map { z in dy.map { ir.value(.multiply(z, $0)) } ?? z }
            ?? ir.value(.multiply(dy.map { ir.value(.multiply(w.hi, $0)) } ?? w.hi, ir.constant(0)))
        func keepingZeroSign(_ result: Int) -> Int {
            ir.value(.selectLess(ir.value(.absolute(result)), ir.constant(0x1p-1074), signedZero, result))
        }
        var hi = v.hi
        if let direction = tieDirection {
            // An exact tie at double precision: lo is half the gap from hi to its neighbour on lo's side, which is then
            // hi + 2·lo exactly (so (hi + 2·lo) − hi = 2·lo); the exact value lies on the neighbour's side when the
            // direction points that way (|lo| adds to |hi| and the magnitude is above, or subtracts and it is below).
            let twoLo = ir.value(.add(v.lo, v.lo))
            let neighbour = ir.value(.add(v.hi, twoLo))
            let gap = ir.value(.subtract(neighbour, v.hi))
            let zero = ir.constant(0), one = ir.constant(1), minusOne = ir.constant(-1)
            let signs = ir.value(.multiply(ir.value(.selectLess(v.hi, zero, minusOne, one)), ir.value(.selectLess(v.lo, zero, minusOne, one))))
            let towardNeighbour = ir.value(.multiply(signs, direction))
            let tie = ir.value(.selectLess(zero, towardNeighbour, neighbour, v.hi))
            hi = ir.value(.selectLess(gap, twoLo, v.hi, ir.value(.selectLess(twoLo, gap, v.hi, tie))))
        }
        guard let e = k else { return keepingZeroSign(hi) }
        let normal = ir.value(.scaleByPowerOfTwo(hi, e))
        let zero = ir.constant(0)
        let sign = ir.value(.selectLess(v.hi, zero, ir.constant(-1), ir.constant(1)))
        let c = ir.value(.scaleByPowerOfTwo(sign, ir.value(.subtract(ir.constant(-1022), e))))
        let t = ir.twoSum(c, v.hi)
        var low = ir.value(.add(t.lo, v.lo))
        if let direction = tieDirection {
            let half = ir.value(.multiply(ir.value(.absolute(c)), ir.constant(0x1p-53)))
            let magnitude = ir.value(.absolute(low))
            let nudged = ir.value(.fma(magnitude, ir.value(.multiply(ir.value(.multiply(sign, direction)), ir.constant(0x1p-52))), low))
            low = ir.value(.selectLess(magnitude, half, low, ir.value(.selectLess(half, magnitude, low, nudged))))
        }
        let rounded = ir.value(.add(t.hi, low))
        let quantized = ir.value(.scaleByPowerOfTwo(ir.value(.subtract(rounded, c)), e))
        let subnormal = ir.value(.selectLess(zero, ir.value(.absolute(quantized)), quantized, normal))
        let smallestNormal = ir.constant(0x1p-1022)
        let scaledIsSubnormal = ir.value(.selectLess(ir.value(.absolute(normal)), smallestNormal, subnormal, normal))
        return keepingZeroSign(ir.value(.selectLess(ir.value(.absolute(v.hi)), smallestNormal, normal, scaledIsSubnormal)))
    }

    /// x = ±∞: f's limit there (±∞ or the finite limit), times dy; a NaN from a finite x (a double-word
    /// product that overflowed: its error word is ∞ − ∞) is the overflow toward the infinite limit on x's
    /// side; x = ±0 where f(0) = 0: the zero f approaches, by the leading term cₖxᵏ of the origin series
    /// (sign(cₖ) from both sides for even k, x·sign(cₖ) for odd k; x without a series; the double-double sums
    /// would give +0), times dy.
    static func specialInputs(_ r: ExpRational, x: Int, value: Int, multiplier dy: Int?, origin: DoubleDoubleOriginSeries?,
                              into ir: inout KernelIR) -> Int {
        func times(_ v: Int) -> Int { dy.map { ir.value(.multiply(v, $0)) } ?? v }
        func limit(_ direction: Int) -> Double {
            switch r.limit(direction: direction) {
            case .finite(let q):
                guard q.isZero else { return q.doubleValue }
                // A zero limit carries the sign f has far out toward that end.
                let far = r.enclosure(at: BigInterval(BigFloat(Double(4000 * direction), precision: 64))).midpoint
                return far.signum < 0 ? -0.0 : 0.0
            case .infinite(let sign): return sign < 0 ? -.infinity : .infinity
            }
        }
        let magnitude = ir.value(.absolute(x))
        let zero = ir.constant(0)
        let atInfinity = times(ir.value(.selectLess(x, zero, ir.constant(limit(-1)), ir.constant(limit(1)))))
        let infinite = [limit(-1), limit(1)].contains { $0.isInfinite }
        var out = value
        if infinite {
            // (x − x)·0 keeps a NaN x NaN; any other NaN here is an overflow.
            let overflow = ir.value(.add(atInfinity, ir.value(.multiply(ir.value(.subtract(x, x)), zero))))
            let size = ir.value(.absolute(value))
            out = ir.value(.selectLess(size, ir.constant(.infinity), value,
                                       ir.value(.selectLess(ir.constant(.greatestFiniteMagnitude), size, value, overflow))))
        }
        out = ir.value(.selectLess(ir.constant(.greatestFiniteMagnitude), magnitude, atInfinity, out))
        if r.valueAtOrigin?.isZero == true {
            let k = origin?.order ?? 1, sign = origin?.coefficients[0].signum ?? 1
            let zeroValue = k % 2 == 1 ? ir.value(.multiply(x, ir.constant(sign < 0 ? -1 : 1))) : ir.constant(sign < 0 ? -0.0 : 0.0)
            out = ir.value(.selectLess(magnitude, ir.constant(.leastNonzeroMagnitude), times(zeroValue), out))
        }
        return out
    }
}

/// Near an irrational zero x₀ of f: Σₖ cₖhᵏ (cₖ = f⁽ᵏ⁾(x₀)/k! as double-doubles) by double-double Horner,
/// h = x − x₀ from a triple-double x₀ (x − x₀hi exact by Sterbenz, then TwoSum), for |h| < ρ = 2⁻¹⁰; the
/// degree makes the first omitted term's ratio |c_(K+1)|·ρᴷ/|c₁| < 2⁻¹¹⁰. Outside the window the direct
/// form loses at most log₂(1/ρ) + a few bits to cancellation.
struct DoubleDoubleZeroSeries {
    static let radiusValue = 0x1p-10
    let parts: [Double]
    let coefficients: [(hi: Double, lo: Double)]
    var radius: Double { DoubleDoubleZeroSeries.radiusValue }

    var note: String {
        String(format: "series: |x - x0| < 2^-10 around the zero x0 = %.17g %+.3g of f: degree-%d Taylor series in double-double "
               + "(x0 a triple-double from the certified root finder), so the relative error stays bounded through the zero",
               parts[0], parts[1], coefficients.count)
    }

    static func of(_ r: ExpRational) throws -> [DoubleDoubleZeroSeries] {
        let p = 320
        let form = SignEquivalentForm(derivative: 0, of: r.hornerExpr)
        var out: [DoubleDoubleZeroSeries] = []
        for piece in RootIsolation.realLine(form).zeros {
            let root = try RootRefinement.refine(form, in: piece, digits: 70)
            if root.isExact { continue }
            let x0 = root.x.enclosure.midpoint.rounded(toPrecision: p)
            guard abs(x0.toDouble()) >= 4 * radiusValue else {
                throw KernelError.unsupported("the zero \(x0.toDouble()) of f lies within 2^-8 of 0: no faithful f64 series window")
            }
            var parts: [Double] = [], rest = x0
            for _ in 0..<3 {
                let v = rest.toDouble()
                parts.append(v)
                rest = rest.subtracting(BigFloat(v), precision: p).value
            }
            let point = BigInterval(x0)
            var coefficients: [(hi: Double, lo: Double)] = []
            var first = 0.0
            for (k, c) in zip(1...60, KernelLowering.taylorCoefficients(r, at: point, precision: p)) {
                let hi = c.toDouble()
                if k == 1 { first = hi }
                if k > 1 && abs(hi) * pow(radiusValue, Double(k - 1)) < abs(first) * 0x1p-110 { break }
                coefficients.append((hi, c.subtracting(BigFloat(hi), precision: p).value.toDouble()))
            }
            out.append(DoubleDoubleZeroSeries(parts: parts, coefficients: coefficients))
        }
        return out
    }

    /// h as a double-double, and |x − x₀hi| for the window test.
    func offset(_ x: Int, into ir: inout KernelIR) -> (DoubleDouble, Int) {
        let d = ir.value(.subtract(x, ir.constant(parts[0])))
        let h = ir.twoSum(d, ir.constant(-parts[1]))
        return (ir.fastTwoSum(h.hi, ir.value(.subtract(h.lo, ir.constant(parts[2])))), ir.value(.absolute(d)))
    }

    func evaluate(_ h: DoubleDouble, into ir: inout KernelIR) -> DoubleDouble {
        var acc = ir.doubleDouble(coefficients.last!)
        for c in coefficients.dropLast().reversed() { acc = ir.add(ir.multiply(acc, h), ir.doubleDouble(c)) }
        return ir.multiply(acc, h)
    }
}

/// Near 0: f(x) = xʲ·g(x), g = Σₖ c_(j+k)xᵏ (cₖ = f⁽ᵏ⁾(0)/k! exactly, as double-doubles), for |x| < 2⁻²⁰, the
/// degree making the first omitted term's ratio below 2⁻¹¹⁰. Evaluated as (X^j·g)·2^(−200j) with X = x·2²⁰⁰
/// (exact): a subnormal x loses no digits of the products (the double-double exp's reduced r/2⁴ would,
/// and so would 2Prod's error word), and the result is rounded once by ``KernelLowering/finalRounding``.
/// Inside the window the side forms can cancel (tanh: e^(−2|x|) − 1); outside it they lose at most 20 bits.
struct DoubleDoubleOriginSeries {
    static let radius = 0x1p-20
    static let scaleExponent = 200
    let order: Int
    let coefficients: [BigFloat]

    init?(_ r: ExpRational) {
        guard let maclaurin = try? r.maclaurinCoefficients(order: 41) else { return nil }
        var cs: [Rational] = []
        for k in 0...40 {
            cs.append(maclaurin[k])
            guard let j = cs.firstIndex(where: { !$0.isZero }) else { continue }
            let c = cs[k].doubleValue, lead = cs[j].doubleValue
            if k > j && abs(c) * pow(DoubleDoubleOriginSeries.radius, Double(k - j)) < abs(lead) * 0x1p-110 && !cs[k].isZero {
                order = j
                coefficients = cs[j..<k].map { BigFloat($0, precision: 256) }
                return
            }
        }
        return nil
    }

    /// The order of the first nonzero term after xʲ (it decides exact ties of the leading term).
    var nextOrder: Int? { coefficients.indices.dropFirst().first { !coefficients[$0].isZero }.map { $0 + order } }

    var note: String {
        "series: |x| < 2^-20: x^\(order)*g(x), g the degree-\(coefficients.count - 1) Taylor polynomial of f/x^\(order) at 0 in "
            + "double-double, with x scaled by 2^200 and the result rounded once (subnormal results keep every digit)"
    }

    func evaluate(_ x: Int, multiplier dy: Int?, into ir: inout KernelIR) -> Int {
        var g = ir.doubleDouble(coefficients.last!)
        for c in coefficients.dropLast().reversed() { g = ir.add(ir.multiply(g, x), ir.doubleDouble(c)) }
        let scaled = ir.value(.multiply(x, ir.constant(Double(sign: .plus, exponent: DoubleDoubleOriginSeries.scaleExponent, significand: 1))))
        for _ in 0..<order { g = ir.multiply(g, scaled) }
        let exponent = order == 0 ? nil : ir.constant(Double(-DoubleDoubleOriginSeries.scaleExponent * order))
        var direction: Int?
        if let m = nextOrder {
            let sameSign = (coefficients[m - order].signum > 0) == (coefficients[0].signum > 0)
            let c = ir.constant(sameSign ? 1 : -1)
            direction = (m - order) % 2 == 0 ? c : ir.value(.selectLess(x, ir.constant(0), ir.value(.negate(c)), c))
        }
        // A result below the smallest subnormal is the zero of c·xᵏ's sign (k ≥ 1; near c₀ ≠ 0 nothing underflows):
        // the scaled powers (x·2²⁰⁰)ᵏ underflow themselves for k ≥ 2 and tiny x (x³σ(x) at x = −10⁻²⁰⁰ gave +0),
        // and the double-word sums round −0 + +0 to +0.
        var zero: Int?
        if order >= 1 {
            let zeroSign = ir.constant(coefficients[0].signum < 0 ? -0.0 : 0.0)
            zero = order % 2 == 1 ? ir.value(.multiply(x, zeroSign)) : zeroSign
        }
        return KernelLowering.finalRounding(g, exponent: exponent, multiplier: dy, tieDirection: direction, zero: zero, into: &ir)
    }
}
