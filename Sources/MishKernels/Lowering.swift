import Foundation
import MishAnalysis
import MishNumbers
import MishSeries
import MishSymbolic

public enum KernelError: Error, CustomStringConvertible, Equatable {
    case notExpRational(String)
    case coefficientTooLarge(String)
    case threshold(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .notExpRational(let e):
            return "\(e) is outside the exp-rational class Q(x, e^x) as the engine forms it, sum x^i*P_i(e^x)/Q(e^x) "
                + "(it involves pi, erf, gelu, a logarithm that does not cancel, a non-integer power, e^(c*x) with c not an "
                + "integer (tanh(c*x) needs only 2c integer), or division by a function of x); every kernel is derived from that normal form"
        case .coefficientTooLarge(let c):
            return "the normal form has the coefficient \(c), which a double cannot hold exactly"
        case .threshold(let why):
            return "no certified threshold for the tail: \(why)"
        case .unsupported(let what):
            return what
        }
    }
}

/// The kernels of f and f′, lowered from the exp-rational normal form into ``KernelIR``.
///
/// With s = e^(−|x|) ∈ (0, 1], f = Σᵢ xⁱPᵢ(u)/Q(u) is evaluated as N(x, s)/D(s): for x < 0, u = s; for
/// x ≥ 0, numerator and denominator are divided by u^d (d the largest degree in u), a polynomial in t = s.
/// The coefficients of each power of s are selected by the sign of x without branches, so no power of eˣ
/// overflows. Where the form is 0·∞ at x = ±∞ and f has a finite limit L there, the kernel returns L beyond a
/// threshold T at which |f − L| is proven to round to L in the output type.
public struct KernelLowering {
    public let expression: Expr
    public let function: ExpRational
    public let derivative: ExpRational

    public init(_ f: Expr) throws {
        guard let r = ExpRational(f) else { throw KernelError.notExpRational(f.description) }
        expression = f
        function = r
        derivative = r.derivative()
    }

    /// Appends the evaluation of r at input x by its side forms (``ExpRationalSideForm``); returns its value.
    ///
    /// `splitLimits` (the fast tier): each Pᵢ/Q is written cᵢ + Rᵢ/Q with cᵢ = Pᵢ(0)/Q(0), the value as s → 0
    /// (x → ±∞), where cᵢ and Rᵢ = Pᵢ − cᵢQ are exact in the arithmetic; then f = Σcᵢxⁱ + Σxⁱ·Rᵢ(s)/Q(s) and
    /// the small correction carries the rounding errors of the division (mish: f = x + x·R/Q, one fma: a
    /// single term xⁿ·Rₙ(s) is divided first, Rₙ/Q·xⁿ, so that the limit's addition fuses with the product).
    /// A form free of x (one row) keeps P₀/Q whole where c₀ + R₀/Q cancels at x = 0 (``splitCancels``).
    ///
    /// `expFloor` A (see ``kernel(_:type:fast:)``): a = max(−|x|, A), and e^(m·a) scaled by one normal power
    /// of two wherever m·k stays above −1022.
    ///
    /// `multiplier` (dy of a backward kernel in binary32): the value times it, formed inside the final scaling
    /// by 2^(m·k) (``KernelIR/Operation/scaleByExpTimes(_:_:_:_:)``), so that f′ is never rounded to a binary32
    /// subnormal before dy scales it back up, and v·dy cannot overflow first.
    static func lower(_ r: ExpRational, x: Int, into ir: inout KernelIR, splitLimits: Bool = false, expFloor: Double? = nil,
                      multiplier: Int? = nil, coveredEnds: [Int: Double] = [:]) throws -> Int {
        if splitLimits && multiplier == nil, let value = centredSplit(r, x: x, into: &ir, coveredEnds: coveredEnds) { return value }
        let (negativeForm, positiveForm) = r.sideForms
        let d = negativeForm.degree
        let precision = ir.arithmetic.precision
        func exact(_ q: Rational) -> Double? { exactValue(q, precision: precision) }
        /// The fast tier where f grows like e^(g|x|) on a side (D(0) = 0, lowest term d_g·s^g): D = s^g·D′, the
        /// value is s^(−g)·N/D′, and the power joins the final scaling as 2^(−g·k) (after the multiplier dy). In
        /// binary32 s^g is subnormal long before f overflows (exp(88.7) from 1/t was 5 ulp off); the exact tiers
        /// (double, rounded to f32 or narrower) keep 1/s^g, normal there.
        let growthBy = splitLimits ? (negative: negativeForm.growth, positive: positiveForm.growth) : (negative: 0, positive: 0)
        /// `split`: every row was written as its limit plus a correction (D(0) ≠ 0 and each cᵢ, Rᵢ exact), so
        /// Σcᵢxⁱ is the value at that side's infinity (times s^(−g) where f grows).
        func rows(_ form: ExpRationalSideForm, growth g: Int) throws -> (limits: [Double], numerators: [[Double]], denominator: [Double], split: Bool) {
            let reduced = form.denominator(dividedByPower: g)
            let denominator = try reduced.map { b -> Double in
                guard let v = exact(Rational(b)) else { throw KernelError.coefficientTooLarge(b.description) }
                return v
            }
            var limits: [Double] = [], numerators: [[Double]] = []
            var split = true
            for row in form.numerators {
                let whole = try row.map { b -> Double in
                    guard let v = exact(Rational(b)) else { throw KernelError.coefficientTooLarge(b.description) }
                    return v
                }
                if splitLimits, !reduced[0].isZero {
                    let c = Rational(row[0]) / Rational(reduced[0])
                    let remainder = row.indices.map { Rational(row[$0]) - c * Rational(reduced[$0]) }
                    if let cv = exact(c), case let rs = remainder.compactMap(exact), rs.count == remainder.count,
                       form.numerators.count > 1 || !KernelLowering.splitCancels(limit: c, remainder: remainder, denominator: reduced) {
                        limits.append(cv)
                        numerators.append(rs)
                        continue
                    }
                }
                limits.append(0)
                numerators.append(whole)
                split = false
            }
            return (limits, numerators, denominator, split)
        }
        let negative = try rows(negativeForm, growth: growthBy.negative), positive = try rows(positiveForm, growth: growthBy.positive)
        let zero = ir.constant(0)
        /// The constant for x's side, a blend on x < 0 (one comparison shared by every constant): a blend leaves
        /// the fma pipes to the arithmetic (mish's exact f32 forward 8 %, backward 11 % faster than m + h·copysign(1, x) in
        /// one fma). x = −0 takes the positive side's constant: at x = ±0, s = 1 and both side forms are exact
        /// rewrites of f.
        func selected(_ negative: Double, _ positive: Double) -> Int {
            if negative == positive { return ir.constant(negative) }
            return ir.value(.selectLess(x, zero, ir.constant(negative), ir.constant(positive)))
        }
        let floor = ir.constant(expFloor ?? ir.arithmetic.exp.lowestArgument)
        let negativeMagnitude = ir.value(.negate(ir.value(.absolute(x))))
        /// Where x multiplies a nonzero row (Horner in x), a NaN x reaches the result whatever a is: then the floor
        /// is an integer minimum of the bits (a −NaN becomes the floor), not a comparison.
        let xCarriesNaN = (1..<negative.numerators.count).contains { i in
            negative.numerators[i].contains { $0 != 0 } || positive.numerators[i].contains { $0 != 0 } }
        let a = xCarriesNaN ? ir.value(.raiseToFloor(negativeMagnitude, floor))
                            : ir.value(.selectLess(negativeMagnitude, floor, floor, negativeMagnitude))
        /// Whether 2^(m·k) is a normal number for every a ≥ A: m·k ≥ −1021.
        func scalesNormally(_ m: Int) -> Bool {
            guard let floor = expFloor, m >= 0 else { return false }
            return Double(m) * (-floor / 0.6931471805599453 + 1) <= 1021
        }
        /// e^(m·a)·v as v·2^(m·k): one normal power of two where ``scalesNormally``.
        func scale(_ v: Int, _ m: Int) -> Int {
            scalesNormally(m) ? ir.value(.scaleByNormalExp(v, a, m)) : ir.value(.scaleByExp(v, a, m))
        }
        let mantissa = ir.value(.expMantissa(a))
        /// s = q·2^k by the exponent field where 2^k is normal (q ∈ [1/√2, √2]·(1 ± ε), so q·2^k is too) and x carries
        /// a NaN to the result (the field of a NaN q can turn finite).
        let s = scalesNormally(1) && xCarriesNaN ? ir.value(.scaleByClampedExp(mantissa, a)) : scale(mantissa, 1)
        var quotient: Int
        let highest = negative.numerators.count - 1
        let lowerRowsVanish = (0..<highest).allSatisfy { i in
            negative.numerators[i].allSatisfy { $0 == 0 } && positive.numerators[i].allSatisfy { $0 == 0 } }
        if splitLimits && highest >= 1 && lowerRowsVanish {
            let numerator = polynomial([negative.numerators[highest]], [positive.numerators[highest]], s)
            quotient = ir.value(.divide(numerator, polynomial([negative.denominator], [positive.denominator], s)))
            for _ in 0..<highest { quotient = ir.value(.multiply(quotient, x)) }
        } else {
            let numerator = polynomial(negative.numerators, positive.numerators, s)
            quotient = ir.value(.divide(numerator, polynomial([negative.denominator], [positive.denominator], s)))
        }
        if negative.limits.contains(where: { $0 != 0 }) || positive.limits.contains(where: { $0 != 0 }) {
            var limit: Int?
            for (cn, cp) in zip(negative.limits, positive.limits).reversed() {
                let c = cn == 0 && cp == 0 ? nil : selected(cn, cp)
                if let l = limit {
                    limit = c.map { ir.value(.fma(l, x, $0)) } ?? ir.value(.multiply(l, x))
                } else {
                    limit = c
                }
            }
            if let l = limit {
                if case .multiply(let p, let q) = ir.operations[quotient] {
                    quotient = ir.value(.fma(p, q, l))
                } else {
                    quotient = ir.value(.add(l, quotient))
                }
                // Where the sum is ±0, the limit part has underflowed with the correction below it (x²·σ(x) =
                // x² + x²·R/Q at |x| < 2⁻⁷⁵ in binary32): the zero takes the limit part's sign, which is f's there,
                // not that of the rounded sum (+0 + (−tiny) is −0). Only a power xⁿ (n ≥ 2) or a coefficient below 1
                // can underflow (mish's x + x·R/Q cannot).
                let limits = Array(zip(negative.limits, positive.limits))
                let degree = limits.lastIndex { $0.0 != 0 || $0.1 != 0 } ?? 0
                let small = limits.contains { (a, b) in (a != 0 && abs(a) < 1) || (b != 0 && abs(b) < 1) }
                if degree >= 2 || small {
                    let smallest = ir.constant(ir.arithmetic == .single ? Double(Float.leastNonzeroMagnitude) : Double.leastNonzeroMagnitude)
                    quotient = ir.value(.selectLess(ir.value(.absolute(quotient)), smallest, ir.value(.multiply(l, ir.constant(0))), quotient))
                }
                // At x = ±∞ the correction is 0·∞: the value is the limit part, on each side whose rows were all
                // split (elsewhere, as where f grows like e^|x|, the form itself gives the end's value). The test
                // |x| > the largest finite value is false for NaN, which keeps the form's NaN. At x = ±0 with
                // f(0) = 0 the two parts are zeros that may differ in sign: the value is x·sign(f′(0)).
                let magnitude = ir.value(.absolute(x))
                let largest = ir.constant(ir.arithmetic == .single ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude)
                switch (negative.split, positive.split) {
                case (true, true): quotient = ir.value(.selectLess(largest, magnitude, l, quotient))
                case (false, true): quotient = ir.value(.selectLess(largest, x, l, quotient))
                case (true, false): quotient = ir.value(.selectLess(x, ir.value(.negate(largest)), l, quotient))
                case (false, false): break
                }
                // At the infinity of a side that did not split, l is 0·∞: where f tends to ±∞ there (x·eˣ at +∞),
                // that infinity.
                for (split, direction) in [(negative.split, -1), (positive.split, 1)] where !split {
                    guard case .infinite(let sign) = r.limit(direction: direction) else { continue }
                    let end = ir.constant(sign < 0 ? -.infinity : .infinity)
                    quotient = direction > 0 ? ir.value(.selectLess(largest, x, end, quotient))
                                             : ir.value(.selectLess(x, ir.value(.negate(largest)), end, quotient))
                }
                if r.valueAtOrigin?.isZero == true, let slope = r.derivative().valueAtOrigin, !slope.isZero {
                    let signed = ir.value(.multiply(x, ir.constant(slope.signum < 0 ? -1 : 1)))
                    quotient = ir.value(.selectLess(zero, magnitude, quotient, signed))
                }
            }
        }
        func scaled(_ m: Int) -> Int {
            if m == 0 { return multiplier.map { ir.value(.multiply(quotient, $0)) } ?? quotient }
            var w = quotient
            for _ in 0..<max(m, 0) { w = ir.value(.multiply(w, mantissa)) }
            for _ in 0..<max(-m, 0) { w = ir.value(.divide(w, mantissa)) }
            if let dy = multiplier { return ir.value(.scaleByExpTimes(w, dy, a, m)) }
            return scale(w, m)
        }
        let shifts = (negative: negativeForm.shift - growthBy.negative, positive: positiveForm.shift - growthBy.positive)
        if shifts.negative == shifts.positive { return scaled(shifts.negative) }
        guard multiplier == nil, min(shifts.negative, shifts.positive) >= 0, scalesNormally(max(shifts.negative, shifts.positive)) else {
            return ir.value(.selectLess(x, zero, scaled(shifts.negative), scaled(shifts.positive)))
        }
        // The value times e^(m·a) for x's side m, that factor S = qᵐ·2^(m·k) selected on x < 0: a finite, normal
        // double, so one product rounds.
        func power(_ m: Int) -> Int {
            if m == 0 { return ir.constant(1) }
            if m == 1 { return s }
            var w = mantissa
            for _ in 1..<m { w = ir.value(.multiply(w, mantissa)) }
            return scale(w, m)
        }
        return ir.value(.multiply(quotient, ir.value(.selectLess(x, zero, power(shifts.negative), power(shifts.positive)))))

        /// Σᵢ xⁱ·Rᵢ(s)/D(s) by Horner in x, Rᵢ(s) by Horner in s with the coefficients of each power selected
        /// by the sign of x: x multiplies whole polynomials in s, so x = ±∞ meets a zero only where the limit
        /// needs a threshold; the numerator's power of s is divided out and applied last (it may underflow).
        func polynomial(_ negativeRows: [[Double]], _ positiveRows: [[Double]], _ s: Int) -> Int {
            var acc: Int?
            for (nr, pr) in zip(negativeRows, positiveRows).reversed() {
                var inner: Int?
                for m in stride(from: d, through: 0, by: -1) {
                    let isZero = nr[m] == 0 && pr[m] == 0
                    if let a = inner {
                        inner = isZero ? ir.value(.multiply(a, s)) : ir.value(.fma(a, s, selected(nr[m], pr[m])))
                    } else if !isZero {
                        inner = selected(nr[m], pr[m])
                    }
                }
                if let a = acc {
                    acc = inner.map { ir.value(.fma(a, x, $0)) } ?? ir.value(.multiply(a, x))
                } else {
                    acc = inner
                }
            }
            return acc ?? ir.constant(0)
        }
    }

    /// q as a double when it is exactly a value of `precision` significand bits (53: double, 24: binary32) within ±2⁵³.
    static func exactValue(_ q: Rational, precision: Int) -> Double? {
        let v = q.doubleValue
        guard v.isFinite, abs(v) <= 0x1p53, BigFloat(v, precision: 64).exactRational == q, v.significandWidth < precision else { return nil }
        return v
    }

    /// Whether c + R(s)/D(s) cancels at s = 1 (x = 0) by more than a factor 4: (|c| + |R/D|)/|c + R/D| > 4 there
    /// (tanh(3x/2)′/s³ = 6 − 4.5 at s = 1, a factor 7). A form free of x (one row) with such a row keeps N/D whole;
    /// where x multiplies rows, the split's errors near 0 are damped by x (mish′, swish′ lose more unsplit).
    static func splitCancels(limit c: Rational, remainder: [Rational], denominator: [BigInt]) -> Bool {
        let r = remainder.reduce(Rational(0), +), d = denominator.reduce(BigInt(0), +)
        guard !d.isZero else { return false }
        let correction = (r / Rational(d)).doubleValue, value = c.doubleValue + correction
        return value == 0 || (abs(c.doubleValue) + abs(correction)) > 4 * abs(value)
    }

    /// N(t)/D(t) in double, the coefficients lowest degree first.
    static func quotient(_ numerator: [Rational], _ denominator: [Rational], at t: Double) -> Double {
        numerator.reversed().reduce(0.0) { $0 * t + $1.doubleValue } / denominator.reversed().reduce(0.0) { $0 * t + $1.doubleValue }
    }

    /// The binary32 fast tier for f = xⁿ·P(u)/Q(u), n ≥ 1 (one numerator row), where the limit-plus-correction
    /// split loses up to 3 ulp near 0: there c + R/Q has c = 1 (mish) while f/xⁿ is 3/5, so the correction's
    /// rounding errors count 2/3 of their size in the result. Instead, with T = ln2/2:
    ///
    ///     x ≥ −T: f = xⁿ·(c + R(t)/D(t)),  t = e^(−x) ≤ √2, the positive side's form D(t), extended
    ///             across 0; c a 6-bit dyadic near the centre 2·v₋·v₊/(v₋ + v₊) of the range of v = f/xⁿ for
    ///             t ∈ [0, √2], so |v − c| ≤ 0.45·|v| and the correction's errors count at most that much;
    ///             R = 2ʲN − (c·2ʲ)·D exact; formed as fma(xⁿ, c, xⁿ·R/D), the product xⁿ·c exact inside
    ///     x < −T: f = xⁿ·(c₋ + q)·m·2^k, q = R₋(s)/D₋(s) the negative side's correction (c₋ = ±2ʲ its limit,
    ///             a shift of 0 or 1), m = 1 + E the exponential's mantissa: with g = fma(q, m, c₋·E) before E's
    ///             rounding in m, f = fma(xⁿ, g, xⁿ·c₋)·2^k rounds once before the (exact) scaling.
    ///
    /// Both sides share every operation: their coefficients are selected by x < −T, and e^a with a = x there
    /// and a = −x elsewhere (k = 0 on (0, T]). s enters the division only through a correction that vanishes
    /// with it, so its exponent is clamped at 2⁻¹²⁵ (``KernelIR/Operation/scaleByClampedExp(_:_:)``).
    /// x = ±∞ and ±0 are checked by evaluating the form there; where it misses the limit (and no threshold of
    /// the kernel covers that end) or the zero's sign, a select returns it. nil where the shape does not fit
    /// (several rows, growth, a positive shift, a pole of D(t) or a sign change of v on [0, √2]).
    static func centredSplit(_ r: ExpRational, x: Int, into ir: inout KernelIR, coveredEnds: [Int: Double]) -> Int? {
        let (negativeForm, positiveForm) = r.sideForms
        guard ir.arithmetic == .single, negativeForm.growth == 0, positiveForm.growth == 0, positiveForm.shift == 0,
              negativeForm.shift <= 1 else { return nil }
        let rows = negativeForm.numerators.indices.filter { i in
            !negativeForm.numerators[i].allSatisfy(\.isZero) || !positiveForm.numerators[i].allSatisfy(\.isZero) }
        guard rows.count == 1, let n = rows.first, n >= 1 else { return nil }
        func exact(_ q: Rational) -> Double? { exactValue(q, precision: 24) }
        let nN = negativeForm.numerators[n].map { Rational($0) }, dN = negativeForm.denominator.map { Rational($0) }
        let nP = positiveForm.numerators[n].map { Rational($0) }, dP = positiveForm.denominator.map { Rational($0) }
        guard !dN[0].isZero, dP.allSatisfy({ $0.signum >= 0 }), dP[0].signum > 0 else { return nil }
        let limitN = nN[0] / dN[0]
        guard let cN = exact(limitN), cN != 0, negativeForm.shift == 0 || cN.significandWidth == 0,
              case let rN = nN.indices.map({ nN[$0] - limitN * dN[$0] }), case let remainderN = rN.compactMap(exact),
              remainderN.count == rN.count, case let denominatorN = dN.compactMap(exact), denominatorN.count == dN.count
        else { return nil }
        let band = Double(Float(0.6931471805599453 / 2).nextDown)
        let top = 2.0.squareRoot()
        let ratios = (0...256).map { quotient(nP, dP, at: top * Double($0) / 256) }
        guard let low = ratios.min(by: { abs($0) < abs($1) }), let high = ratios.max(by: { abs($0) < abs($1) }),
              low != 0, ratios.allSatisfy({ ($0 > 0) == (low > 0) && $0 != 0 }) else { return nil }
        let centre = 2 * low * high / (low + high)
        let scale = 5 - Int(abs(centre).exponent)
        guard scale >= 0, scale < 60 else { return nil }
        /// The centre rounded to 6 bits; first, where f(0) = 0, the 6-bit c between 0 and v(0) nearest to it: then
        /// xⁿ·c and xⁿ·(v(0) − c) are zeros of one sign at x = ±0, and the kernel needs no select there.
        let unit = Double(sign: .plus, exponent: scale, significand: 1)
        let valueAtZero = nP.reduce(Rational(0), +) / dP.reduce(Rational(0), +)
        let zeroSafe = r.valueAtOrigin?.isZero == true ? [Int((valueAtZero.doubleValue * unit).rounded(.towardZero))] : []
        guard let steps = (zeroSafe + [Int((centre * unit).rounded())]).first(where: { m in
            m != 0 && ratios.allSatisfy { abs($0 - Double(m) / unit) <= 0.45 * abs($0) } }) else { return nil }
        let cP = Rational(steps, 1 << scale)
        guard case let rP = nP.indices.map({ Rational(1 << scale) * nP[$0] - Rational(steps) * dP[$0] }),
              case let remainderP = rP.compactMap(exact), remainderP.count == rP.count,
              case let scaledP = dP.map({ Rational(1 << scale) * $0 }), case let denominatorP = scaledP.compactMap(exact),
              denominatorP.count == scaledP.count else { return nil }
        /// R₋ and D₋ times the power of two 2ʲ (0 ≤ j ≤ 12) that makes the most of their coefficients equal to the
        /// positive side's (each such one needs no select). R₋/D₋ is unchanged where every Horner step stays normal,
        /// which s ≥ 2⁻¹²⁵ ensures when no two neighbouring coefficients are zero (required, else j = 0).
        let (sharedRemainderN, sharedDenominatorN): ([Double], [Double]) = {
            func stepsStayNormal(_ c: [Double]) -> Bool { !zip(c, c.dropFirst()).contains { $0 == 0 && $1 == 0 } }
            func scaled(_ c: [Double], _ j: Int) -> [Double]? {
                let v = c.map { $0 * Double(sign: .plus, exponent: j, significand: 1) }
                return v.allSatisfy { Double(Float($0)) == $0 } ? v : nil
            }
            func shared(_ j: Int) -> Int {
                guard let r = scaled(remainderN, j), let d = scaled(denominatorN, j) else { return -1 }
                return zip(r, remainderP).filter { $0 == $1 }.count + zip(d, denominatorP).filter { $0 == $1 }.count
            }
            guard stepsStayNormal(remainderN), stepsStayNormal(denominatorN),
                  let j = (0...12).max(by: { shared($0) < shared($1) }), let r = scaled(remainderN, j), let d = scaled(denominatorN, j)
            else { return (remainderN, denominatorN) }
            return (r, d)
        }()

        /// For x < −T, where no threshold has taken over (x ≥ X, X the threshold toward −∞), v = xⁿ·(c₋ + g) has
        /// |v| = |x|ⁿ·|N₋(s)/D₋(s)|·m ≥ 2⁻²⁶ (sampled with a factor 4 to spare, m ≥ 0.7) and
        /// |v·2^k| ≤ (n/e)ⁿ·max|N₋/D₋|·(1 + ε) (|x|ⁿ·eˣ is largest at x = −n): with k ≥ ⌊max(X, −300)/ln 2⌋ − 1, the
        /// offset c = max(0, −100 − k) keeps v·2^(k+c) normal and finite, so its exponent field takes 2^(k+c) exactly.
        let scalingOffset: Int? = {
            guard negativeForm.shift == 1, let end = coveredEnds[-1] else { return nil }
            let values = (0...256).map { quotient(nN, dN, at: exp(-band) * Double($0) / 256) }
            guard let smallest = values.map(abs).min(), let largest = values.map(abs).max(),
                  values.allSatisfy({ ($0 > 0) == (values[0] > 0) }),
                  pow(band, Double(n)) * smallest * 0.7 >= 4 * 0x1p-26 else { return nil }
            let lowestK = Int((Swift.max(end, ir.arithmetic.exp.lowestArgument) / 0.6931471805599453).rounded(.down)) - 1
            let offset = Swift.max(0, -100 - lowestK)
            let top = pow(Double(n) / M_E, Double(n)) * largest * 4
            guard offset <= 126, top.isFinite, top * Double(sign: .plus, exponent: offset, significand: 1) < 0x1p127 else { return nil }
            return offset
        }()

        /// The value; `signedZero` returns x·sign(f′(0)) at x = ±0, before the scaling (x = ±0 is not scaled).
        func build(_ ir: inout KernelIR, _ x: Int, signedZero: Int?) -> Int {
            let edge = ir.constant(-band)
            func selected(_ negative: Int, _ positive: Int) -> Int {
                negative == positive ? negative : ir.value(.selectLess(x, edge, negative, positive))
            }
            let argument = selected(x, ir.value(.negate(x)))
            let a = ir.value(.raiseToFloor(argument, ir.constant(ir.arithmetic.exp.lowestArgument)))
            let minusOne = ir.value(.expMinusOne(a))
            let mantissa = ir.value(.add(ir.constant(1), minusOne))
            let s = ir.value(.scaleByClampedExp(mantissa, a))
            func polynomial(_ negative: [Double], _ positive: [Double]) -> Int {
                var acc: Int?
                for m in stride(from: negative.count - 1, through: 0, by: -1) {
                    let isZero = negative[m] == 0 && positive[m] == 0
                    let c = selected(ir.constant(negative[m]), ir.constant(positive[m]))
                    if let a = acc {
                        acc = isZero ? ir.value(.multiply(a, s)) : ir.value(.fma(a, s, c))
                    } else if !isZero {
                        acc = c
                    }
                }
                return acc ?? ir.constant(0)
            }
            let q = ir.value(.divide(polynomial(sharedRemainderN, remainderP), polynomial(sharedDenominatorN, denominatorP)))
            var power = x
            for _ in 1..<n { power = ir.value(.multiply(power, x)) }
            let limit = ir.constant(cN)
            let g = negativeForm.shift == 0 ? q
                : ir.value(.fma(q, mantissa, cN == 1 ? minusOne : ir.value(.multiply(minusOne, limit))))
            var w = ir.value(.fma(power, selected(g, ir.constant(cP.doubleValue)), ir.value(.multiply(power, selected(limit, q)))))
            if n >= 2 {
                // xⁿ underflows before x does (x³ at |x| < 2⁻⁵⁰): where the sum is ±0 its sign is that of xⁿ·c, not of
                // the rounded sum (−0·c + +0·q is +0 for c > 0 > q).
                let zero = selected(ir.constant(cN < 0 ? -0.0 : 0.0), ir.constant(cP.signum < 0 ? -0.0 : 0.0))
                let smallest = ir.constant(Double(Float.leastNonzeroMagnitude))
                w = ir.value(.selectLess(ir.value(.absolute(w)), smallest, ir.value(.multiply(power, zero)), w))
            }
            if let sign = signedZero {
                w = ir.value(.selectLess(ir.constant(0), ir.value(.absolute(x)), w, ir.value(.multiply(x, ir.constant(Double(sign))))))
            }
            if negativeForm.shift == 0 { return w }
            return scalingOffset.map { ir.value(.scaleLargeByExpWhereLess(w, a, x, edge, offset: $0)) } ?? selected(ir.value(.scaleByExp(w, a, 1)), w)
        }

        var probe = KernelIR(arithmetic: .single)
        let px = probe.value(.input(0))
        probe.outputs = [build(&probe, px, signedZero: nil)]
        var signedZero: Int?
        if r.valueAtOrigin?.isZero == true, let slope = r.derivative().valueAtOrigin, !slope.isZero {
            let wrong = [0.0, -0.0].contains { z in
                let v = KernelInterpreter.evaluate(probe, [z])[0]
                return v != 0 || (v.sign == z.sign) != (slope.signum > 0)
            }
            if wrong { signedZero = slope.signum }
        }
        let largest = Double(Float.greatestFiniteMagnitude)
        var value = build(&ir, x, signedZero: signedZero)
        for direction in [-1, 1] where coveredEnds[direction] == nil {
            let end = KernelInterpreter.evaluate(probe, [Double.infinity * Double(direction)])[0]
            let expected: Double
            switch r.limit(direction: direction) {
            case .infinite(let sign): expected = sign < 0 ? -.infinity : .infinity
            case .finite(let l):
                guard let v = exact(l) ?? (l.isZero ? 0 : nil) else { return nil }
                let atLargest = KernelInterpreter.evaluate(probe, [largest * Double(direction)])[0]
                guard !atLargest.isNaN else { return nil }
                expected = v != 0 ? v : atLargest.sign == .minus ? -0.0 : 0.0
            }
            guard end != expected || end.sign != expected.sign else { continue }
            let bound = ir.constant(largest * Double(direction))
            let target = ir.constant(expected)
            value = direction < 0 ? ir.value(.selectLess(x, bound, target, value)) : ir.value(.selectLess(bound, x, target, value))
        }
        ir.notes.append(String(format: "form: x >= -%.9g: x^%d*(%@ + R(t)/D(t)), t = e^-x (the positive side's form across 0, t <= sqrt 2; "
            + "%@ near the centre of the range of f/x^%d there, so the correction's rounding errors count at most 0.45 of their size); "
            + "x < -%.9g: the limit %@ plus R(s)/D(s)%@", band, n, "\(cP)", "\(cP)", n, band, "\(limitN)",
            negativeForm.shift == 0 ? "" : ", times e^x = m*2^k as fma(x^n, q*m + (m - 1), x^n) with m - 1 before its rounding, then 2^k"
            + (scalingOffset.map { ", as 2^(k+\($0)) added to the exponent field (exact: the value stays normal down to the threshold) times 2^-\($0)" } ?? "")))
        return value
    }

    /// Output types: IEEE binary32/64, binary16 and bfloat16 (the half types and f32 computed in double and
    /// rounded once).
    public enum OutputType: String, Sendable, CaseIterable {
        case f32, f64, f16, bf16
        /// Significand bits, including the implicit one.
        public var precision: Int { [.f32: 24, .f64: 53, .f16: 11, .bf16: 8][self]! }
        /// The exponent of the smallest normal number.
        public var minimumExponent: Int { [.f32: -126, .f64: -1022, .f16: -14, .bf16: -126][self]! }
        /// log₂ of half the smallest positive subnormal: values of smaller magnitude round to ±0.
        var zeroBoundExponent: Int { minimumExponent - precision }
        /// The exponent of the largest finite number.
        var maximumExponent: Int { [.f32: 127, .f64: 1023, .f16: 15, .bf16: 127][self]! }
        /// v rounded to nearest-even in this format (exponent range below; no overflow handling).
        public func rounded(_ v: Double) -> Double {
            guard v.isFinite, v != 0, precision < 53 else { return v }
            let e = Swift.max(Int(v.exponent), minimumExponent)
            let c = 1.5 * Double(sign: .plus, exponent: e - precision + 53, significand: 1)
            let r = (Swift.abs(v) + c) - c
            return v < 0 ? -r : r
        }
        /// A quarter of the gap above |L| in this format: |f − L| below it rounds to L.
        func quarterUlp(_ value: Double) -> Double {
            Double(sign: .plus, exponent: Swift.max(Int(value.exponent), minimumExponent) - precision + 1 - 2, significand: 1)
        }
    }

    /// Where the form's value at x = ±∞ is not f's finite limit L there (0·∞ gives NaN; a scaled form can
    /// give ±∞ or the wrong zero): the first integer T toward
    /// that end with |f(T) − L| below a quarter ulp of L in the output type (half the smallest subnormal
    /// for L = 0), with f − L and f′ of one sign beyond T so that |f − L| decreases toward the end. Beyond T
    /// the output is L (for L = 0, the zero with the sign of f). Where f → ±∞ (the exact symbolic limit) and
    /// the form is 0·∞ at the end, T is the largest finite input and the output beyond it, at x = ±∞ only, is
    /// that infinity.
    static func tailThreshold(_ r: ExpRational, direction: Int, type: OutputType, zeroBoundExponent: Int? = nil,
                              dyBound: String = "any finite dy of the output type")
        throws -> (threshold: Double, value: Double, note: String)? {
        var probe = KernelIR()
        let x = probe.value(.input(0))
        probe.outputs = [try lower(r, x: x, into: &probe)]
        let atEnd = KernelInterpreter.evaluate(probe, [Double.infinity * Double(direction)])[0]
        let end = direction < 0 ? "-inf" : "+inf"
        let limit: Rational
        switch r.limit(direction: direction) {
        case .finite(let l): limit = l
        case .infinite(let sign):
            guard atEnd.isNaN else { return nil }
            let largest = type == .f64 ? Double.greatestFiniteMagnitude : Double(Float.greatestFiniteMagnitude)
            let note = "threshold: x = \(end) returns \(sign < 0 ? "-inf" : "+inf"), the exact limit of f there (the form is 0*inf at "
                + "x = \(end); every finite input keeps the form)"
            return (largest * Double(direction), sign < 0 ? -.infinity : .infinity, note)
        }
        if !limit.isZero && atEnd == limit.doubleValue { return nil }
        let value = limit.doubleValue
        let exact = BigFloat(type.rounded(value), precision: 64).exactRational == limit
        if !exact {
            // L (p/q, not dyadic) has no exact output value to return beyond a threshold. Every finite input keeps the
            // form where it is finite and within 2⁻⁵⁰ of L even at the largest input (the floored e^−|x| leaves
            // terms below 2⁻²⁶⁰ there); x = ±∞ alone, where the form is 0·∞, returns L rounded to double, which
            // rounds once more to the output (L is no output midpoint, and dy·L's nearest one is about ulp/(2q) away).
            let largest = type == .f64 ? Double.greatestFiniteMagnitude : Double(Float.greatestFiniteMagnitude)
            let atLargest = KernelInterpreter.evaluate(probe, [largest * Double(direction)])[0]
            guard atLargest.isFinite, abs(atLargest - value) <= abs(value) * 0x1p-50 else {
                throw KernelError.threshold("the limit \(limit) at \(end) is not representable in \(type.rawValue)")
            }
            if atEnd == value { return nil }
            let note = "threshold: x = \(end) returns the limit \(limit) of f there, rounded to double (the form is 0*inf at x = \(end)); "
                + "every finite input keeps the form, within 2^-50 of \(limit) even at the largest"
            return (largest * Double(direction), value, note)
        }
        let h = r - ExpRational(limit)
        let bound = limit.isZero ? BigFloat(1, precision: 64).scaled(byPowerOfTwo: zeroBoundExponent ?? type.zeroBoundExponent)
                                 : BigFloat(type.quarterUlp(value))
        let differences = RootIsolation.realLine(SignEquivalentForm(derivative: 0, of: h.hornerExpr))
        let slopes = RootIsolation.realLine(SignEquivalentForm(derivative: 1, of: h.hornerExpr))
        let differenceSign = direction < 0 ? differences.leftTailSign : differences.rightTailSign
        let slopeSign = direction < 0 ? slopes.leftTailSign : slopes.rightTailSign
        if limit.isZero, let ds = differenceSign, atEnd == 0, (atEnd.sign == .minus) == (ds < 0) { return nil }
        guard let ds = differenceSign, let ss = slopeSign, ds * ss * direction < 0 else {
            throw KernelError.threshold("f - \(limit) and f' are not proven of one sign with |f - \(limit)| decreasing toward \(end)")
        }
        let boundary = direction < 0 ? Swift.min(differences.lower.toDouble(), slopes.lower.toDouble())
                                     : Swift.max(differences.upper.toDouble(), slopes.upper.toDouble())
        var t = boundary.rounded(direction < 0 ? .down : .up)
        for _ in 0..<20_000 {
            let e = h.enclosure(at: BigInterval(BigFloat(t, precision: 128)))
            if e.isBounded && BigFloat.max(e.lower.magnitude, e.upper.magnitude) < bound {
                let output = limit.isZero ? (ds < 0 ? -0.0 : 0.0) : value
                let outputText = limit.isZero ? (ds < 0 ? "-0" : "+0") : limit.description
                let note = "threshold: x \(direction < 0 ? "<" : ">") \(Int(t)): |f(x) - \(limit)| < 2^\(bound.binaryExponent! - 1) (interval evaluation "
                    + "at x = \(Int(t)); f - \(limit) and f' keep one sign beyond \(Int(boundary)), so |f - \(limit)| decreases toward "
                    + "\(end)), which " + (zeroBoundExponent == nil || !limit.isZero ? "rounds to \(outputText) in \(type.rawValue)"
                                                : "times \(dyBound) rounds to 0 there (with the sign of dy times \(outputText))")
                return (t, output, note)
            }
            t += Double(direction)
        }
        throw KernelError.threshold("|f - \(limit)| is not below the \(type.rawValue) bound within 20000 of the boundary")
    }

    /// Near an irrational zero x₀ of f the rational form loses its relative accuracy (its terms cancel);
    /// there the kernel evaluates Σₖ cₖ·hᵏ, cₖ = f⁽ᵏ⁾(x₀)/k!, with h = (x − x₀hi) − x₀lo and x₀ = x₀hi + x₀lo a
    /// double-double from the certified root finder, for |h| < ρ = 1/64. The degree K makes the first omitted
    /// term's ratio |c_(K+1)|·ρᴷ/|c₁| < 2⁻⁶⁰. In binary32 arithmetic the cancellation costs more of the
    /// 24 bits, so the window is wider, ρ = 1/4, with x₀ and the cₖ as binary32 pairs and values and a 2⁻³⁰ ratio.
    struct ZeroSeries {
        let high: Double
        let low: Double
        let coefficients: [Double]
        let radius: Double
        /// 1/64 for the exact tiers (double, rounded to f32/f16/bf16); 1/4 for the fast tier, whose output has the
        /// arithmetic's own precision (binary32, or double for f64: mish′ 2⁻⁵ from its zero is 20 ulp off in the form).
        static func radius(_ arithmetic: KernelIR.Arithmetic, fast: Bool = false) -> Double {
            arithmetic == .double && !fast ? 1.0 / 64 : 1.0 / 4
        }
        var note: String {
            String(format: "series: |x - x0| < 1/%d around the zero x0 = %.17g %+.3g of f: degree-%d Taylor series at x0 "
                   + "(x0 a double-double from the certified root finder), so the relative error stays bounded through the zero",
                   Int(1 / radius), high, low, coefficients.count)
        }
    }

    /// f⁽ᵏ⁾(x₀)/k! for k = 1, 2, …: the midpoint of f⁽ᵏ⁾'s enclosure at `point` over k!, at p bits, each derivative
    /// taken as the sequence reaches it (the zero series around an irrational zero, in double and double-double).
    static func taylorCoefficients(_ r: ExpRational, at point: BigInterval, precision p: Int) -> AnyIterator<BigFloat> {
        var derivative = r, factorial = BigFloat(1, precision: p), k = 0
        return AnyIterator {
            k += 1
            derivative = derivative.derivative()
            factorial = factorial.multiplied(by: BigFloat(k, precision: 64), precision: p).value
            return derivative.enclosure(at: point).midpoint.divided(by: factorial, precision: p).value
        }
    }

    /// The zeros of r on the real line, each isolated and refined to 40 digits (exact where rational): found once
    /// per function of a kernel, for both the series around the irrational ones and the signs at the exact ones.
    static func certifiedZeros(_ r: ExpRational) throws -> [CertifiedRoot] {
        let form = SignEquivalentForm(derivative: 0, of: r.hornerExpr)
        return try RootIsolation.realLine(form).zeros.map { try RootRefinement.refine(form, in: $0, digits: 40) }
    }

    /// At a nonzero rational zero x₀ of r (among its `zeros`) that the input type holds, the kernel returns +0 (times dy where
    /// dy is folded in): r(x₀) is exactly 0, which IEEE arithmetic writes +0 (so dy·f′ takes dy's sign),
    /// while the form's factors may give −0 there ((2x + x²)·eˣ at x = −2 is (−2)·(+0)). Selected on
    /// prev(x₀) < x < next(x₀), the neighbours in the comparison's format, so a NaN keeps the form's NaN.
    static func withExactZeros(_ zeros: [CertifiedRoot], x: Int, value: Int, type: OutputType, multiplier: Int?, into ir: inout KernelIR) -> Int {
        var out = value
        for root in zeros where root.isExact {
            let e = root.x.enclosure
            guard e.lower == e.upper, case let x0 = e.midpoint.toDouble(), x0 != 0, x0.isFinite,
                  BigFloat(x0, precision: 64) == e.midpoint, x0.significandWidth < type.precision,
                  Int(x0.exponent) >= type.minimumExponent, Int(x0.exponent) <= type.maximumExponent else { continue }
            let (below, above) = type == .f64 ? (x0.nextDown, x0.nextUp) : (Double(Float(x0).nextDown), Double(Float(x0).nextUp))
            let zero = multiplier.map { ir.value(.multiply(ir.constant(0), $0)) } ?? ir.constant(0)
            let inside = ir.value(.selectLess(ir.constant(below), x, zero, out))
            out = ir.value(.selectLess(x, ir.constant(above), inside, out))
            ir.notes.append("zero: f(\(x0)) = 0 exactly: +0 there (times dy), the zero IEEE arithmetic gives an exact 0")
        }
        return out
    }

    static func zeroSeries(_ r: ExpRational, zeros: [CertifiedRoot], arithmetic: KernelIR.Arithmetic = .double, fast: Bool = false) -> [ZeroSeries] {
        let precision = arithmetic.precision
        func value(_ v: BigFloat) -> Double { v.rounded(toPrecision: precision).toDouble() }
        let radius = ZeroSeries.radius(arithmetic, fast: fast)
        var out: [ZeroSeries] = []
        for root in zeros where !root.isExact {
            let x0 = root.x.enclosure
            let high = value(x0.midpoint)
            let low = value(x0.midpoint.subtracting(BigFloat(high), precision: 200).value)
            let point = BigInterval(x0.midpoint.rounded(toPrecision: 200))
            var coefficients: [Double] = []
            var first = 0.0
            for (k, exact) in zip(1...40, taylorCoefficients(r, at: point, precision: 200)) {
                let c = value(exact)
                if k == 1 { first = c }
                if k > 1 && abs(c) * pow(radius, Double(k - 1)) < abs(first) * (precision == 53 ? 0x1p-60 : 0x1p-30) { break }
                coefficients.append(c)
            }
            out.append(ZeroSeries(high: high, low: low, coefficients: coefficients, radius: radius))
        }
        return out
    }

    /// Near 0 a double evaluation cannot decide every f32 rounding: where f(0) = c₀ ≠ 0, f = c₀ + Σₖ cₖxᵏ can lie
    /// within 2⁻⁵³ of a rounding boundary (mish′(−2⁻²⁷) is 2⁻⁵⁷ from an f32 midpoint; swish′ = 1/2 + x/2 − x³/12
    /// sits next to one whenever 1/2 + x/2 is a midpoint); where f(0) = 0 and c₁ is dyadic, c₁x is exact and can be
    /// a midpoint itself (swish = x/2 + x²/4 for subnormal x with an odd last bit), decided only by terms far
    /// below its ulp; so can c₂x² where f(0) = f′(0) = 0 (x²·sigmoid(x) = x²/2 + x³/4 + …, and for a non-dyadic
    /// c₂ too: mish² = 9x²/25 + … is 9s²·2⁻²ʲ at x = 5s·2⁻ʲ).
    /// For |x| < 2⁻¹² the kernel forms the leading term L (c₀; c₁x or c₂x² with its exact product error,
    /// x² being exact) as a double-double, adds the double tail t = Σ cₖxᵏ of the higher terms by Fast2Sum (exact since
    /// |L| > |t|), and rounds the pair to odd, so that the one rounding to the output type sees f to ~2⁻⁶⁵
    /// relative, and the side of a midpoint whatever the tail's size. The degree K makes
    /// |c_(K+1)|·2^(−12(K+1−j)) < 2⁻⁸⁰·|c_j| for the leading order j (zero coefficients do not end the series).
    /// For f32, and for bf16 from the order 1 on: bf16's subnormals reach 2⁻¹³³, so swish's x/2 is a bf16
    /// midpoint at its odd subnormals (128 inputs, each decided by x²/4, 2⁻¹³⁴ of it), while c₀ + c₁x meets a
    /// bf16 midpoint only for |x| ≳ 2⁻⁹, where the next term is far above double's 2⁻⁵³. f16 inputs stay above
    /// 2⁻²⁴, so every next term is at least 2⁻²⁵ of the leading one: no series. A non-dyadic c₁ = p/q with an odd q
    /// and |c₁| < 1 (mish: 3/5) keeps c₁x at least 2⁻²⁴/q from every midpoint, so such an f needs no series; other
    /// non-dyadic leading terms go to ``rationalLeadingSeries(_:dy:inputBits:)`` (``canBeMidpoint(_:factors:bits:)``).
    struct OriginSeries {
        /// The window |x| < radius: 2⁻¹², or 2⁻³ where the form cancels near 0 (``ExpRational/cancelsAtOrigin``).
        let radius: Double
        /// The lowest leading order whose midpoints a double evaluation can miss in this output type: f32 all
        /// (0), bf16 from c₁x on (1), f16 none (nil).
        static func lowestOrder(_ type: OutputType) -> Int? { [.f32: 0, .bf16: 1][type] }
        /// The leading order j: 0 (c₀ ≠ 0), 1, …, 8.
        let order: Int
        /// c_j exactly, and as a double-double.
        let leading: Rational
        let high: Double
        let low: Double
        /// c_(j+1) … c_K.
        let coefficients: [Double]
        var note: String {
            let constant = order < 4 ? ["f(0)", "f'(0)", "f''(0)/2", "f'''(0)/6"][order] : "f^(\(order))(0)/\(order)!"
            let leading = order == 0 ? constant : constant + " x" + (order == 1 ? "" : "^\(order)")
            return String(format: "series: |x| < 2^%d: %@ + sum c_k x^k (degree %d) with %@ = %.17g %+.3g as a double-double, "
                   + "rounded to odd before the rounding to the output type, so that inputs near an output rounding "
                   + "boundary are decided to ~2^-65", Int(radius.exponent), leading, coefficients.count + order, constant, high, low)
                + (radius > 0x1p-12 ? "; the window is 2^-3 because the form cancels near 0 (a numerator row vanishes at e^-|x| = 1, "
                   + "so its relative error grows like 2^-53/|x|)" : "")
        }
    }

    /// `rationalSlope`: accept a leading c₁ = p/q with q not a power of two (``rationalLeadingSeries(_:dy:inputBits:)``).
    static func originSeries(_ r: ExpRational, rationalSlope: Bool = false) -> OriginSeries? {
        guard let c0 = r.valueAtOrigin, let maclaurin = try? r.maclaurinCoefficients(order: 65) else { return nil }
        let p = 200
        var k = 0
        /// c_(k+1) = f⁽ᵏ⁺¹⁾(0)/(k + 1)!.
        func next() -> Rational? {
            k += 1
            return maclaurin[k]
        }
        let order: Int, leading: Rational
        if !c0.isZero {
            (order, leading) = (0, c0)
        } else {
            guard let c1 = next() else { return nil }
            if !c1.isZero {
                guard isPowerOfTwo(c1.denominator) || rationalSlope else { return nil }
                (order, leading) = (1, c1)
            } else {
                guard let c2 = next() else { return nil }
                if !c2.isZero {
                    (order, leading) = (2, c2)
                } else {
                    // Orders 3 … 8 (x³·tanh(x) = x⁴ − …, x⁴·tanh(x) = x⁵ − …): c = ±2ᵏ, or any c where the form cancels.
                    var found: (Int, Rational)?
                    for j in 3...8 {
                        guard let c = next() else { return nil }
                        if c.isZero { continue }
                        guard (isPowerOfTwo(c.denominator) && isPowerOfTwo(c.numerator.magnitude)) || rationalSlope else { return nil }
                        found = (j, c)
                        break
                    }
                    guard let found else { return nil }
                    (order, leading) = found
                }
            }
        }
        let lead = BigFloat(leading, precision: p)
        let high = lead.toDouble()
        let low = lead.subtracting(BigFloat(high), precision: p).value.toDouble()
        var coefficients: [Double] = []
        var tail = 0.0
        let radius = r.cancelsAtOrigin ? 0x1p-3 : 0x1p-12
        while k < 64 {
            guard let exact = next() else { return nil }
            let c = exact.doubleValue
            if k > order + 1 && c != 0 && abs(c) * pow(radius, Double(k - order)) < abs(high) * 0x1p-80 {
                while coefficients.last == 0 { coefficients.removeLast() }
                return tail < abs(high) / 2 ? OriginSeries(radius: radius, order: order, leading: leading, high: high, low: low,
                                                                   coefficients: coefficients) : nil
            }
            coefficients.append(c)
            tail += abs(c) * pow(radius, Double(k - order))
        }
        return nil
    }

    /// Toward x = ±∞, f = L(x) + C(x) with L = c·xⁿ its limit part and C exponentially small. Where L (or dy·L for a
    /// backward kernel) can itself be an output midpoint, C decides the rounding but falls below double precision
    /// (x³·sigmoid(x) near x = 37, x²·sigmoid(x)′ times dy; 3·mish(x) = 3x + C, 3x with 26 bits; dy·3 for its derivative).
    /// Beyond the first integer T with |C(T)| < 2⁻²⁰·|L(T)|, and C and C′ of one sign beyond T so that |C| decreases
    /// while |L| grows, the kernel forms L exactly as a double-double, adds C from its own form (no cancellation: C = f − L
    /// as an exp-rational function) by Fast2Sum and rounds to odd, so the one rounding to the output type sees f to ~2⁻⁷⁰.
    /// L exactly: for c = p/q where P = xⁿ·dy·p is exact (its factors' significand bits within 53; (x⁵σ − x⁵/2)′ =
    /// 5x⁴/2 + C times dy in bf16 is a midpoint at x = 48), L = P/q = H + R/q with H = P·(1/q) and R = P − H·q exact
    /// (fma), R = 0 for a dyadic c; for c = ±2ᵏ, n = 3 and no dy where P is not exact, x³ = H + E (72 bits for a binary32
    /// x) scaled. Where C underflows to 0 in double, a nudge ρ·2⁻⁸⁰·H (ρ = sign(C/L)) stands for it: a
    /// nonzero low part of L is at least 2⁻⁷² of it (q < 2²⁰), so the nudge only decides where L is a midpoint, and there
    /// C's side is ρ's. Not needed where L has at most the input's bits (c = ±2ᵏ with n ≤ 1, counting dy). A two-term
    /// L = c·xⁿ + c₀·xᵐ (dyadic, (x + 1)·σ = x + 1 + C) is the exact TwoSum of its terms; it is a midpoint only where
    /// TwoSum's low part is 0, and only there does the nudge stand for an underflowed C.
    struct LimitTail {
        let direction: Int
        let threshold: Double
        let power: Int
        let coefficient: Double
        /// c exactly.
        let exactCoefficient: Rational
        let relativeSign: Int
        /// C = f − L.
        let correction: ExpRational
        /// L = c·x³ for c = ±2ᵏ (forward) by the exact cube, where x³·p has more than 53 bits (binary32).
        let byCube: Bool
        /// A second, lower term c₀·xᵐ of L (both dyadic, each exact in double): L = c·xⁿ + c₀·xᵐ by TwoSum, exact.
        var lowerTerm: (power: Int, coefficient: Rational)? = nil
        var coefficientText: String {
            isPowerOfTwo(exactCoefficient.denominator) ? (coefficient == 1 ? "" : "\(coefficient)*") : "\(exactCoefficient)*"
        }
        var note: String {
            "limit tail: x \(direction < 0 ? "<" : ">") \(Int(threshold)): f = \(coefficientText)x^\(power)"
                + (lowerTerm.map { " + \($0.coefficient)*x^\($0.power)" } ?? "") + " + C "
                + "with |C| < 2^-20 |f| (interval evaluation at x = \(Int(threshold)); C and C' keep one sign beyond it): the limit "
                + "part exact as a double-double plus C from its own form, rounded to odd (C \(relativeSign < 0 ? "below" : "above") "
                + "the limit part in magnitude)"
        }
    }

    /// c·x³ with c = ±2ᵏ in a forward kernel: exact as the cube's pair scaled by c whatever the input's bits.
    static func byCube(_ n: Int, _ c: Rational, backward: Bool) -> Bool { n == 3 && isSignedPowerOfTwo(c) && !backward }

    /// The limit tails where c·xⁿ (times dy: `backward`) can be an output midpoint and is exact as described at
    /// ``LimitTail`` for inputs of `inputBits` significand bits.
    static func limitTails(_ r: ExpRational, backward: Bool, inputBits: Int) -> [LimitTail] {
        [-1, 1].compactMap { direction -> LimitTail? in
            guard let polynomial = (direction < 0 ? r.sideForms.negative : r.sideForms.positive).limitPolynomial else { return nil }
            let terms = polynomial.indices.filter { !polynomial[$0].isZero }.map { (power: $0, coefficient: polynomial[$0]) }
            guard let (n, c) = terms.last, terms.count <= 2 else { return nil }
            let factors = n + (backward ? 1 : 0)
            /// L = c·xⁿ + c₀·xᵐ (dyadic, each term exact in double, at most two factors): it can be a midpoint (x + 1 for
            /// x ≥ 2²³), and the TwoSum of its terms is exact.
            let lowerTerm = terms.count == 2 ? terms[0] : nil
            if let lower = lowerTerm {
                guard [lower, terms[1]].allSatisfy({ t in
                    isPowerOfTwo(t.coefficient.denominator) && t.power + (backward ? 1 : 0) <= 2
                        && productIsExact(t.coefficient, factors: t.power + (backward ? 1 : 0), bits: inputBits) }) else { return nil }
            } else {
                guard canBeMidpoint(c, factors: factors, bits: inputBits),
                      productIsExact(c, factors: factors, bits: inputBits) || byCube(n, c, backward: backward) else { return nil }
            }
            let monomials = terms.map { Expr.number($0.coefficient) * Expr.power(.x, .number($0.power)) }
            guard let limit = ExpRational(monomials.dropFirst().reduce(monomials[0], +)) else { return nil }
            let h = r - limit
            guard !h.isZero else { return nil }
            let differences = RootIsolation.realLine(SignEquivalentForm(derivative: 0, of: h.hornerExpr))
            let slopes = RootIsolation.realLine(SignEquivalentForm(derivative: 1, of: h.hornerExpr))
            guard let ds = direction < 0 ? differences.leftTailSign : differences.rightTailSign,
                  let ss = direction < 0 ? slopes.leftTailSign : slopes.rightTailSign, ds * ss * direction < 0 else { return nil }
            /// Where the last zero (or undecided piece) toward this end lies, if every piece beyond it has the tail's
            /// sign; else the end of the searched range.
            func lastChange(_ iso: RootIsolation, _ tailSign: Int) -> Double {
                let pieces = direction < 0 ? Array(iso.pieces) : iso.pieces.reversed()
                for piece in pieces {
                    if case .sign(let s) = piece.kind {
                        if s != tailSign { break }
                        continue
                    }
                    return direction < 0 ? piece.lower.toDouble(rounding: .down) : piece.upper.toDouble(rounding: .up)
                }
                return direction < 0 ? iso.lower.toDouble() : iso.upper.toDouble()
            }
            let boundary = direction < 0 ? Swift.min(lastChange(differences, ds), lastChange(slopes, ss), -1)
                                         : Swift.max(lastChange(differences, ds), lastChange(slopes, ss), 1)
            let limitSign = c.signum * (direction < 0 && n % 2 == 1 ? -1 : 1)
            var t = boundary.rounded(direction < 0 ? .down : .up)
            for _ in 0..<20_000 {
                let point = BigInterval(BigFloat(t, precision: 128))
                let e = h.enclosure(at: point)
                let l = limit.enclosure(at: point)
                let bound = BigFloat.min(l.lower.magnitude, l.upper.magnitude).scaled(byPowerOfTwo: -20)
                if e.isBounded && l.isBounded && BigFloat.max(e.lower.magnitude, e.upper.magnitude) < bound {
                    return LimitTail(direction: direction, threshold: t, power: n, coefficient: c.doubleValue, exactCoefficient: c,
                                     relativeSign: ds * limitSign, correction: h,
                                     byCube: lowerTerm == nil && !productIsExact(c, factors: factors, bits: inputBits),
                                     lowerTerm: lowerTerm)
                }
                t += Double(direction)
            }
            return nil
        }
    }

    /// `value` replaced beyond each limit tail's threshold (``LimitTail``); `dy` multiplies L for a backward kernel.
    static func withLimitTails(_ tails: [LimitTail], x: Int, dy: Int?, value: Int, expFloor: Double?, into ir: inout KernelIR) throws -> Int {
        var out = value
        for tail in tails {
            var high: Int, low: Int
            var correction = try lower(tail.correction, x: x, into: &ir, expFloor: expFloor)
            /// c·xⁿ·dy for a dyadic c, exact in double (``limitTails``).
            func dyadicTerm(_ power: Int, _ c: Rational) -> Int {
                if power == 0 && dy == nil { return ir.constant(c.doubleValue) }
                return ir.value(.multiply(exactPower(x, power, dy: dy, into: &ir), ir.constant(c.doubleValue)))
            }
            if let lower = tail.lowerTerm {
                let sum = ir.twoSum(dyadicTerm(tail.power, tail.exactCoefficient), dyadicTerm(lower.power, lower.coefficient))
                (high, low) = (sum.hi, sum.lo)
            } else if tail.byCube {
                let cube = exactCube(x, into: &ir)
                high = ir.value(.multiply(cube.high, ir.constant(tail.coefficient)))
                low = ir.value(.multiply(cube.low, ir.constant(tail.coefficient)))
            } else {
                (high, low) = exactMultiple(exactPower(x, tail.power, dy: dy, into: &ir), tail.exactCoefficient, into: &ir)
            }
            if let dy { correction = ir.value(.multiply(correction, dy)) }
            var nudge = ir.value(.multiply(high, ir.constant(Double(tail.relativeSign) * 0x1p-80)))
            if tail.lowerTerm != nil {
                // A two-term L is a midpoint only where TwoSum leaves no low part (L is then the double hi); a nonzero low
                // part can be far below 2⁻⁸⁰ of L (x + 1 at x = 2⁹⁰), and it alone keeps L off the midpoints.
                nudge = ir.value(.selectLess(ir.value(.absolute(low)), ir.constant(Double.leastNonzeroMagnitude), nudge, ir.constant(0)))
            }
            let c = ir.value(.selectLess(ir.value(.absolute(correction)), ir.constant(Double.leastNonzeroMagnitude), nudge, correction))
            let rest = ir.value(.add(low, c))
            let top = ir.value(.add(high, rest))
            let y = ir.value(.roundToOdd(top, ir.value(.add(ir.value(.subtract(high, top)), rest))))
            // L's high part is ±∞ for an infinite L, and ±0 only for dy = ±0: L itself, with its sign.
            var finite = ir.value(.selectLess(ir.value(.absolute(high)), ir.constant(.infinity), y, high))
            if dy != nil { finite = ir.value(.selectLess(ir.constant(0), ir.value(.absolute(high)), finite, high)) }
            if tail.power == 0 {
                // L = dy·c stays finite at x = ±∞, where C's form is 0·∞ and f is exactly its limit: the kernel's own value.
                finite = ir.value(.selectLess(ir.constant(.greatestFiniteMagnitude), ir.value(.absolute(x)), out, finite))
            }
            let bound = ir.constant(tail.threshold)
            out = tail.direction < 0 ? ir.value(.selectLess(x, bound, finite, out)) : ir.value(.selectLess(bound, x, finite, out))
            ir.notes.append(tail.note)
        }
        return out
    }

    /// Where f(0) = 0 and `value` at x = ±0 is not the zero f tends to from that side, sign(c_j)·(±0)ʲ for the
    /// leading order j ≤ 4 of f's series at 0 (tanh's form (1 − t²)/(1 + t²) gives +0 at x = −0): that zero at
    /// x = ±0 (the select leaves every other input, NaN included, to `value`).
    static func withSignedZeroAtOrigin(_ r: ExpRational, x: Int, value: Int, into ir: inout KernelIR) -> Int {
        guard r.valueAtOrigin?.isZero == true else { return value }
        var g = r, leading: (order: Int, sign: Int)?
        for j in 1...4 {
            g = g.derivative()
            guard let c = g.valueAtOrigin else { return value }
            if !c.isZero { leading = (j, c.signum); break }
        }
        guard let (order, sign) = leading else { return value }
        func expected(_ z: Double) -> Double { (order % 2 == 1 ? z : 0.0) * Double(sign) }
        var probe = ir
        probe.outputs = [value]
        let wrong = [0.0, -0.0].contains { z in
            let v = KernelInterpreter.evaluate(probe, [z, 1])[0]
            return v != 0 || v.sign != expected(z).sign
        }
        guard wrong else { return value }
        let zero = order % 2 == 1 ? ir.value(.multiply(x, ir.constant(Double(sign)))) : ir.constant(expected(0))
        ir.notes.append("zero: x = +-0 returns the zero f tends to from that side (the form's own zero there has the other sign)")
        return ir.value(.selectLess(ir.value(.absolute(x)), ir.constant(Double.leastNonzeroMagnitude), zero, value))
    }

    /// Whether q > 0 is a power of two.
    static func isPowerOfTwo(_ q: BigInt) -> Bool { BigInt(1).shiftedLeft(q.digitCountEstimate(radix: 2) - 1) == q }

    /// x³ = H + E exactly for a binary32 (or narrower) x: x² is exact in double (at most 48 bits), H = x²·x
    /// rounded and E = fma(x², x, −H) its rounding error.
    static func exactCube(_ x: Int, into ir: inout KernelIR) -> (high: Int, low: Int) {
        let square = ir.value(.multiply(x, x))
        let cube = ir.value(.multiply(square, x))
        return (cube, ir.value(.fma(square, x, ir.value(.negate(cube)))))
    }

    /// xʲ·dy (dy when given; j ≥ 1 without it) by j − 1 products and one with dy, exact in double while the factors'
    /// significand bits fit in 53 (the callers check with ``productIsExact``).
    static func exactPower(_ x: Int, _ j: Int, dy: Int?, into ir: inout KernelIR) -> Int {
        var power: Int? = j == 0 ? nil : x
        for _ in 1..<Swift.max(j, 1) { power = ir.value(.multiply(power!, x)) }
        guard let dy else { return power! }
        return power.map { ir.value(.multiply($0, dy)) } ?? dy
    }

    /// Replaces `value` by the origin series for |x| below its radius (see ``OriginSeries``) where its leading order is
    /// at least `lowestOrder`. Where the form cancels at 0 a slope c₁ = p/q with q not a power of two is taken too (as a
    /// double-double): mish′ − 3/5 = 16x/25 + … loses its relative accuracy like 2⁻⁵³/|x| in the form, and c₁x, with q
    /// odd (else ``rationalLeadingSeries(_:dy:inputBits:)`` has it), is no output midpoint.
    static func withOriginSeries(_ r: ExpRational, x: Int, value: Int, into ir: inout KernelIR, lowestOrder: Int = 0) -> Int {
        guard let series = originSeries(r, rationalSlope: r.cancelsAtOrigin), series.order >= lowestOrder else { return value }
        var acc = ir.constant(series.coefficients.last!)
        for c in series.coefficients.dropLast().reversed() { acc = ir.value(.fma(acc, x, ir.constant(c))) }
        let high = ir.constant(series.high)
        let lead: Int, error: Int
        if series.order == 0 {
            let t = ir.value(.multiply(acc, x))
            lead = ir.value(.add(high, t))
            error = ir.value(.add(ir.value(.subtract(high, lead)), t))
        } else if series.order >= 3 {
            // xʲ = H + E: x³ exactly (``exactCube``), each further factor x by 2Prod of H and one fma into E (exact through
            // x⁴ for a binary32 or narrower x, whose 96 bits the pair holds; ~2⁻¹⁰⁵ beyond). c = ±2ᵏ scales both parts
            // exactly; another c (tanh(x) − x = −x³/3 + …) adds its product's rounding by fma and its low part times H.
            // x³·tanh(x) = x⁴ − x⁶/3 + … cancels in its form at 0 (it misrounded 15 % of f32 inputs, −0 for x < 0).
            var (h, e) = exactCube(x, into: &ir)
            for _ in 3..<series.order {
                let next = ir.value(.multiply(h, x))
                e = ir.value(.fma(e, x, ir.value(.fma(h, x, ir.value(.negate(next))))))
                h = next
            }
            lead = ir.value(.multiply(h, high))
            var product = ir.value(.multiply(e, high))
            if series.low != 0 || !isPowerOfTwo(series.leading.numerator.magnitude) || !isPowerOfTwo(series.leading.denominator) {
                let rounding = ir.value(.fma(h, high, ir.value(.negate(lead))))
                product = ir.value(.add(rounding, ir.value(.fma(ir.constant(series.low), h, product))))
            }
            var tail = ir.value(.multiply(acc, x))
            for _ in 0..<series.order { tail = ir.value(.multiply(tail, x)) }
            error = ir.value(.add(product, tail))
        } else if series.order == 2 {
            // x² is exact (at most 48 bits for a binary32 x, no underflow in double); c₂x² = H + E exactly (fma),
            // plus c₂'s low part times x² and the tail x³·Σ. A non-dyadic c₂ can put c₂x² on a midpoint too
            // (mish² = 9x²/25 + …: x = 5s·2⁻ʲ gives 9s²·2⁻²ʲ, up to 2p bits); for a dyadic c₂ with a numerator
            // below 2⁵, E and the low part are 0.
            let square = ir.value(.multiply(x, x))
            lead = ir.value(.multiply(square, high))
            let product = ir.value(.fma(square, high, ir.value(.negate(lead))))
            let tail = ir.value(.multiply(ir.value(.multiply(ir.value(.multiply(acc, x)), x)), x))
            error = ir.value(.add(ir.value(.fma(ir.constant(series.low), square, product)), tail))
        } else {
            // c₁x = H + E exactly (fma), plus c₁'s low part times x and the tail x²·Σ.
            lead = ir.value(.multiply(high, x))
            let product = ir.value(.fma(high, x, ir.value(.negate(lead))))
            let tail = ir.value(.multiply(ir.value(.multiply(acc, x)), x))
            error = ir.value(.add(ir.value(.fma(ir.constant(series.low), x, product)), tail))
        }
        let low = series.order == 0 ? ir.value(.add(error, ir.constant(series.low))) : error
        let top = ir.value(.add(lead, low))
        let bottom = ir.value(.add(ir.value(.subtract(lead, top)), low))
        var y = ir.value(.roundToOdd(top, bottom))
        let magnitude = ir.value(.absolute(x))
        if series.order > 0 {
            // At x = ±0 the pair's zeros need not carry f's sign, nor need the form (tanh's (1 − t²)/(1 + t²) is +0
            // at x = −0): the leading term c_j·xʲ is f's signed zero there.
            y = ir.value(.selectLess(ir.constant(0), magnitude, y, lead))
        }
        ir.notes.append(series.note)
        return ir.value(.selectLess(magnitude, ir.constant(series.radius), y, value))
    }

    /// Whether c·(product of `factors` values of `bits` significand bits) can be an output midpoint: for c = ±2ᵏ when
    /// two values multiply; for c = p/q in lowest terms when factors·bits + log₂|p/q| exceeds `bits` (a product
    /// divisible by q leaves P/q with about that many bits: mish's 3/5·x never has more than 24, 3·mish's 9/5·x up
    /// to 25), or when q is even: then c·x is a midpoint of the subnormal outputs, whose spacing is the subnormal
    /// inputs' (p·k/q = j/2 for k = (q/2)·j, j odd: mish·σ = 3x/10 + … at x = 5j·2⁻¹⁴⁹).
    static func canBeMidpoint(_ c: Rational, factors: Int, bits: Int) -> Bool {
        guard factors > 0, !c.isZero else { return false }
        if isSignedPowerOfTwo(c) { return factors >= 2 }
        if (c.denominator % BigInt(2)).isZero { return true }
        return Double(factors * bits) + Foundation.log2(c.magnitude.doubleValue) > Double(bits)
    }

    /// c = ±2ᵏ (k of either sign).
    static func isSignedPowerOfTwo(_ c: Rational) -> Bool {
        let m = c.magnitude
        return (m.numerator == BigInt(1) && isPowerOfTwo(m.denominator)) || (m.denominator == BigInt(1) && isPowerOfTwo(m.numerator))
    }

    /// Whether P = p·(product of `factors` values of `bits` significand bits) is exact in double for c = p/q, and q small
    /// enough (below 2²⁰) that a nonzero remainder over q is at least 2⁻⁷² of P/q (``exactMultiple``).
    static func productIsExact(_ c: Rational, factors: Int, bits: Int) -> Bool {
        c.denominator < BigInt(1 << 20) && factors * bits + c.numerator.magnitude.digitCountEstimate(radix: 2) <= 53
    }

    /// c·v = Q + L for c = p/q and v·p exact in double: Q = (v·p)·(1/q) and L = R·(1/q) with R = v·p − Q·q exact by fma
    /// (R is a multiple of ulp(Q) below q·ulp(Q)), so L is the remainder over q to 2⁻⁵² of itself and exactly 0 where
    /// c·v is a double; L is the constant 0 for a dyadic c.
    static func exactMultiple(_ v: Int, _ c: Rational, into ir: inout KernelIR) -> (high: Int, low: Int) {
        let q = c.denominator.doubleValue
        let product = ir.value(.multiply(v, ir.constant(c.numerator.doubleValue)))
        let reciprocal = ir.constant(1 / q)
        let high = ir.value(.multiply(product, reciprocal))
        guard !isPowerOfTwo(c.denominator) else { return (high, ir.constant(0)) }
        return (high, ir.value(.multiply(ir.value(.fma(ir.value(.negate(high)), ir.constant(q), product)), reciprocal)))
    }

    /// The series near 0 where f = c_j·xʲ + … (j ≤ 2), times dy in a backward kernel (`dy`), whose leading term c_j·xʲ·dy
    /// can itself be an output midpoint (``canBeMidpoint(_:factors:bits:)``): 3·mish = 9x/5 + … (x = 5m·2ᵉ gives 9m·2ᵉ,
    /// 25 bits, for 5 % of tiny f32 inputs), mish² = 9x²/25 + …, dy·mish²′ = 18x·dy/25 + …, dy·(x²σ)′ = x·dy + …, dy·9/5
    /// for 3·mish′. There only the next term, ~|x| relative to it, decides the rounding: below any double-double of c_j,
    /// and lost when dy multiplies a rounded f′. P = xʲ·dy·p is exact when the input's significand bits (`inputBits`) times
    /// the factors plus |p|'s bits fit in 53; Q = P·(1/q) and R = P − Q·q exactly (fma; R is a multiple of ulp(Q) below
    /// q·ulp(Q)), so the leading term is Q + R/q, with R/q to 2⁻⁵² of itself and exactly 0 at a tie; the tail xʲ⁺¹·Σ·dy
    /// joins R/q and the pair is rounded to odd. Without dy only a non-dyadic c_j (``withOriginSeries`` forms a dyadic
    /// one exactly). nil where the series has another shape.
    static func rationalLeadingSeries(_ r: ExpRational, dy: Bool, inputBits: Int) -> OriginSeries? {
        guard let series = originSeries(r, rationalSlope: true), series.order <= 2, dy || !isPowerOfTwo(series.leading.denominator)
        else { return nil }
        let factors = series.order + (dy ? 1 : 0)
        guard canBeMidpoint(series.leading, factors: factors, bits: inputBits),
              productIsExact(series.leading, factors: factors, bits: inputBits) else { return nil }
        return series
    }

    /// `value` replaced by that series (``rationalLeadingSeries(_:dy:inputBits:)``) for |x| below its radius.
    static func withRationalLeadingSeries(_ series: OriginSeries, x: Int, dy: Int?, value: Int, into ir: inout KernelIR) -> Int {
        var acc = ir.constant(series.coefficients.last ?? 0)
        for c in series.coefficients.dropLast().reversed() { acc = ir.value(.fma(acc, x, ir.constant(c))) }
        let (quotient, remainder) = exactMultiple(exactPower(x, series.order, dy: dy, into: &ir), series.leading, into: &ir)
        var tail = ir.value(.multiply(acc, x))
        for _ in 0..<series.order { tail = ir.value(.multiply(tail, x)) }
        if let dy { tail = ir.value(.multiply(tail, dy)) }
        let low = ir.value(.add(remainder, tail))
        let top = ir.value(.add(quotient, low))
        let bottom = ir.value(.add(ir.value(.subtract(quotient, top)), low))
        let magnitude = ir.value(.absolute(x))
        // Where Q is ±0 (x = ±0 or dy = ±0: Q = c_j·xʲ·dy exactly, the signed zero; sums of zeros would lose its sign),
        // ±∞ (an infinite dy; the remainder is NaN) or NaN, Q is the result.
        let finite = ir.value(.selectLess(ir.value(.absolute(quotient)), ir.constant(.infinity), ir.value(.roundToOdd(top, bottom)), quotient))
        let y = ir.value(.selectLess(ir.constant(0), ir.value(.absolute(quotient)), finite, quotient))
        func power(_ j: Int) -> String { j == 0 ? "1" : (j == 1 ? "x" : "x^\(j)") }
        let term = power(series.order)
        ir.notes.append(String(format: "series: |x| < 2^%d: %@ = %@*p/q + %@*sum c_k x^(k-%d) (c_%d = %@ = p/q, degree %d): %@*p exact, "
                               + "its quotient by q as Q plus the exact remainder over q, rounded to odd with the tail, so that a leading "
                               + "term on an output midpoint rounds by the next term", Int(series.radius.exponent),
                               dy == nil ? "f(x)" : "dy*f'(x)", dy == nil ? term : "dy*" + term,
                               (dy == nil ? "" : "dy*") + power(series.order + 1), series.order + 1, series.order,
                               "\(series.leading)", series.coefficients.count + series.order, dy == nil ? term : "dy*" + term))
        return ir.value(.selectLess(magnitude, ir.constant(series.radius), y, value))
    }

    /// The fast tier near 0 where the side forms cancel (``ExpRational/cancelsAtOrigin``: tanh's
    /// (1 − t²)/(1 + t²) has relative error ~2⁻ᵖ/|x|, and rounds tiny inputs to 0): for |x| < w
    /// (``fastSeriesRadius(_:)``: 1/2 for tanh, 1 for tanh(x/2)), f = xʲ·Σₖ cⱼ₊ₖxᵏ
    /// (cₖ = f⁽ᵏ⁾(0)/k!, rounded to the arithmetic) by Horner, up to the first term below 2⁻⁽ᵖ⁺⁴⁾ of the
    /// leading one on the window; times dy where a backward kernel folds it in. Where the series does not settle
    /// within 64 terms there, or its tail is not below half the leading term (a singularity near the window: x·tanh(2x)′
    /// has poles at ±iπ/4), the window is halved, down to w/16, where the form's cancellation grows by at most 16;
    /// `value` unchanged when none settles.
    static func withFastOriginSeries(_ r: ExpRational, x: Int, value: Int, into ir: inout KernelIR, multiplier: Int? = nil) -> Int {
        guard r.cancelsAtOrigin else { return value }
        let precision = ir.arithmetic.precision
        guard let maclaurin = try? r.maclaurinCoefficients(order: 64) else { return value }
        let cs = (0..<64).map { maclaurin[$0] }
        /// The leading order j and c_j … c_(k−1) up to the first term below 2⁻⁽ᵖ⁺⁴⁾ of c_j on |x| < w, with the
        /// terms after c_j below half of it there.
        func settled(_ w: Double) -> (j: Int, terms: [Double])? {
            guard let j = cs.firstIndex(where: { !$0.isZero }) else { return nil }
            let lead = abs(cs[j].doubleValue)
            for k in (j + 2)..<cs.count where !cs[k].isZero {
                guard abs(cs[k].doubleValue) * pow(w, Double(k - j)) < lead * pow(2, -Double(precision + 4)) else { continue }
                let terms = cs[j..<k].map(\.doubleValue)
                let tail = terms.enumerated().dropFirst().reduce(0.0) { $0 + abs($1.element) * pow(w, Double($1.offset)) }
                return tail < lead / 2 ? (j, terms) : nil
            }
            return nil
        }
        let widest = fastSeriesRadius(r)
        for radius in [widest, widest / 2, widest / 4, widest / 8, widest / 16] {
            guard let (j, terms) = settled(radius) else { continue }
            // f/xʲ even (tanh, x·tanh): Horner in x², half the operations and roundings.
            let even = terms.indices.allSatisfy { $0 % 2 == 0 || terms[$0] == 0 }
            let (step, used) = even ? (ir.value(.multiply(x, x)), stride(from: 0, to: terms.count, by: 2).map { terms[$0] }) : (x, terms)
            var acc = ir.constant(used.last!)
            for c in used.dropLast().reversed() { acc = ir.value(.fma(acc, step, ir.constant(c))) }
            if let dy = multiplier, j >= 1 {
                acc = ir.value(.multiply(acc, ir.value(.multiply(dy, x))))
                for _ in 1..<j { acc = ir.value(.multiply(acc, x)) }
            } else {
                for _ in 0..<j { acc = ir.value(.multiply(acc, x)) }
                if let dy = multiplier { acc = ir.value(.multiply(acc, dy)) }
            }
            ir.notes.append("series: |x| < \(radius < 1 ? "1/\(Int(1 / radius))" : "\(Int(radius))"): x^\(j) times the degree-\(terms.count - 1) Taylor polynomial of f/x^\(j) at 0\(even ? " (even: Horner in x^2)" : "") (the form "
                + "cancels near 0: a numerator row vanishes at e^-|x| = 1, so its relative error grows like 2^-\(precision)/|x|)")
            return ir.value(.selectLess(ir.value(.absolute(x)), ir.constant(radius), acc, value))
        }
        return value
    }

    /// The fast series' window: the least of 1/2, 1, 2 and 4 where every cancelling numerator row N (N(1) = 0) loses at
    /// most as much as tanh's 1 − t² at 1/2, that is Σ|nₖ|sᵏ/|Σnₖsᵏ| ≤ 2.25 at s = e^(−w) (tanh: 2.16 at 1/2;
    /// tanh(x/2)'s s − 1: 4.08 at 1/2, 2.16 at 1, where its series in x/2 is tanh's at 1/2).
    static func fastSeriesRadius(_ r: ExpRational) -> Double {
        let rows = r.rowsCancellingAtOrigin.map { $0.map(\.doubleValue) }
        for w in [0.5, 1, 2] {
            let s = exp(-w)
            let loss = rows.map { row in
                let terms = row.enumerated().map { $0.element * pow(s, Double($0.offset)) }
                return terms.reduce(0) { $0 + abs($1) } / abs(terms.reduce(0, +))
            }.max() ?? 0
            if loss <= 2.25 { return w }
        }
        return 4
    }

    /// A backward kernel that folds dy in, where f′ vanishes at 0 like cⱼxʲ (j ≥ 1) and its form does not
    /// cancel there: for |x| < 2^(−p−8) (p the arithmetic's precision) the next terms are below 2^(−p−2) of
    /// the first, and dy·f′ is (cⱼ·(dy·x))·xʲ⁻¹. The form's f′ alone would be a subnormal there before the
    /// product with dy (x³σ: f′ ≈ 3x²/2 below 2⁻¹²⁶ for |x| < 2⁻⁶³, 184 ulp with dy ≈ 250); dy·x does not
    /// overflow (|x| < 1), and where it is a subnormal, so is the result. The zero's sign is IEEE's: that of
    /// cⱼ·dy·xʲ.
    static func withLeadingTermAtOrigin(_ r: ExpRational, x: Int, dy: Int, value: Int, into ir: inout KernelIR) -> Int {
        guard !r.cancelsAtOrigin, let maclaurin = try? r.maclaurinCoefficients(order: 12) else { return value }
        let cs = Array(maclaurin.prefix(12))
        guard let j = cs.firstIndex(where: { !$0.isZero }), j >= 1 else { return value }
        let precision = ir.arithmetic.precision
        let radius = Double(sign: .plus, exponent: -(precision + 8), significand: 1)
        let lead = abs(cs[j].doubleValue)
        let rest = cs[(j + 1)...].enumerated().reduce(0.0) { $0 + abs($1.element.doubleValue) * pow(radius, Double($1.offset + 1)) }
        guard lead.isFinite, lead > 0, rest < lead * Double(sign: .plus, exponent: -(precision + 2), significand: 1) else { return value }
        var acc = ir.value(.multiply(ir.constant(cs[j].doubleValue), ir.value(.multiply(dy, x))))
        for _ in 1..<j { acc = ir.value(.multiply(acc, x)) }
        ir.notes.append("series: |x| < 2^\(-(precision + 8)): dy*f'(x) = (c*(dy*x))*x^\(j - 1), c = f^(\(j + 1))(0)/\(j)! = \(cs[j]), "
            + "so that f' alone does not become a subnormal before the product with dy")
        return ir.value(.selectLess(ir.value(.absolute(x)), ir.constant(radius), acc, value))
    }

    /// Replaces `value` by the series within 1/64 (the fast tier: 1/4) of each irrational zero of r.
    static func withZeroSeries(_ r: ExpRational, zeros: [CertifiedRoot], x: Int, value: Int, into ir: inout KernelIR,
                               multiplier: Int? = nil, fast: Bool = false) -> Int {
        var out = value
        for z in zeroSeries(r, zeros: zeros, arithmetic: ir.arithmetic, fast: fast) {
            let h = ir.value(.subtract(ir.value(.subtract(x, ir.constant(z.high))), ir.constant(z.low)))
            var acc = ir.constant(z.coefficients.last!)
            for c in z.coefficients.dropLast().reversed() { acc = ir.value(.fma(acc, h, ir.constant(c))) }
            var series = ir.value(.multiply(acc, h))
            if let dy = multiplier { series = ir.value(.multiply(series, dy)) }
            out = ir.value(.selectLess(ir.value(.absolute(h)), ir.constant(z.radius), series, out))
            ir.notes.append(z.note)
        }
        return out
    }

    public enum Kind: String, Sendable, CaseIterable {
        case forward, backward, fused
    }

    /// The kernel body: forward y = f(x); backward dx = dy·f′(x) (inputs x, dy); fused (y, f′(x)).
    ///
    /// `fast`: the highest-throughput form, its error measured rather than designed: f32, f16 and bf16 in
    /// binary32 arithmetic (``ExpKernel/single``, twice the vector lanes), f64 in double; each quotient split
    /// into its limit plus a correction; no origin series (it only decides f32 rounding boundaries).
    ///
    /// Thresholds come first: where every input beyond them returns a limit (or the form is insensitive to s
    /// there, ``insensitiveEnd``), the exponential's argument is floored at A ≥ −708 (``expFloor``) and e^a is
    /// scaled by one power of two, a normal number, instead of two.
    /// f64 outside the fast tier is evaluated in double-double (``doubleDoubleKernel(_:)``): faithful.
    public func kernel(_ kind: Kind, type: OutputType, fast: Bool = false) throws -> KernelIR {
        if type == .f64 && !fast { return try doubleDoubleKernel(kind) }
        var ir = KernelIR(arithmetic: fast && type != .f64 ? .single : .double)
        let x = ir.value(.input(0))
        typealias Tail = (direction: Int, threshold: Double, value: Double, note: String)
        /// A backward kernel multiplies f′ by dy before rounding: a nonzero limit must be indistinguishable in
        /// the arithmetic (double or binary32), and a zero one must stay below half the output's smallest
        /// subnormal even when multiplied by the largest finite dy (f32: |f′| < 2^(−150−128)).
        func tails(_ r: ExpRational, backward: Bool = false) throws -> [Tail] {
            try [-1, 1].compactMap { direction -> Tail? in
                let thresholdType = backward ? (ir.arithmetic == .single ? .f32 : .f64) : type
                // The fast f64 tier folds dy in too, but its exponential reaches only e^−1000: its zero threshold
                // counts |dy| < 2²⁵⁶ (T near −930) rather than every finite dy (T near −1460).
                let zeroBound = !backward ? nil : (type != .f64 ? type.zeroBoundExponent - type.maximumExponent - 1
                                                   : (fast ? type.zeroBoundExponent - 257 : nil))
                let dyBound = type == .f64 ? "any |dy| < 2^256" : "any finite dy of the output type"
                guard let t = try KernelLowering.tailThreshold(r, direction: direction, type: thresholdType, zeroBoundExponent: zeroBound,
                                                               dyBound: dyBound)
                else { return nil }
                // Times dy in double and rounded to a narrower output (dy ≤ 2¹²⁸): f′ beyond T as ±2⁻¹⁰⁷⁴, not ±0.
                if backward && t.value == 0 && ir.arithmetic == .double && type != .f64 {
                    return (direction, t.threshold, KernelLowering.leastNonzero(sign: t.value.sign, .double),
                            t.note + KernelLowering.zeroLimitNote)
                }
                return (direction, t.threshold, t.value, t.note)
            }
        }
        let functions: [(r: ExpRational, tails: [Tail])]
        switch kind {
        case .forward: functions = [(function, try tails(function))]
        case .backward: functions = [(derivative, try tails(derivative, backward: true))]
        case .fused: functions = [(function, try tails(function)), (derivative, try tails(derivative))]
        }
        let floor = ir.arithmetic == .double ? KernelLowering.expFloor(functions) : nil
        if let floor {
            ir.notes.append(String(format: "exp: the argument -|x| is raised to %.0f (every input beyond returns a threshold's limit, or "
                + "the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two", floor))
        }
        /// In binary32 and in the fast f64 tier a backward kernel folds dy in before the final scaling (``lower``),
        /// so that a tiny f′ times a large dy keeps its digits (an f64 f′ near e^−731 is subnormal); where the
        /// output is narrower than the double arithmetic, f′ has the exponent range to spare and dy comes last.
        let folded = kind == .backward && (ir.arithmetic == .single || type == .f64) ? ir.value(.input(1)) : nil
        /// f32 and bf16 inputs reach far enough below 1 that a leading term's midpoint is decided below double-double's 2⁻¹⁰⁶.
        let exactLeading = !fast && KernelLowering.OriginSeries.lowestOrder(type) != nil
        /// A backward kernel's dy·f′ near 0 whose leading term can be a midpoint replaces f′'s own series there.
        let dySeries = kind == .backward && folded == nil && exactLeading
            ? KernelLowering.rationalLeadingSeries(derivative, dy: true, inputBits: type.precision) : nil
        var values: [Int] = [], generics: [Int] = []
        for (r, rTails) in functions {
            let lowered = try KernelLowering.lower(r, x: x, into: &ir, splitLimits: fast, expFloor: floor, multiplier: folded,
                                                  coveredEnds: Dictionary(rTails.map { ($0.direction, $0.threshold) }) { a, _ in a })
            generics.append(lowered)
            let zeros = try KernelLowering.certifiedZeros(r)
            var out = KernelLowering.withZeroSeries(r, zeros: zeros, x: x, value: lowered, into: &ir, multiplier: folded, fast: fast)
            // Near 0: the exact leading term where it can be a midpoint (f32, bf16), else the origin series; f16 needs
            // that only where the form cancels at 0 (sinh′ = cosh is fine, but dy·sinh(x) at x ~ 2⁻¹⁸ meets an f16
            // midpoint dy·x that the form's error 2⁻⁵³/|x| cannot resolve).
            if exactLeading && folded == nil, let series = KernelLowering.rationalLeadingSeries(r, dy: false, inputBits: type.precision) {
                out = KernelLowering.withRationalLeadingSeries(series, x: x, dy: nil, value: out, into: &ir)
            } else if !fast, dySeries == nil, let lowest = KernelLowering.OriginSeries.lowestOrder(type) ?? (r.cancelsAtOrigin ? 0 : nil) {
                out = KernelLowering.withOriginSeries(r, x: x, value: out, into: &ir, lowestOrder: lowest)
            }
            if fast { out = KernelLowering.withFastOriginSeries(r, x: x, value: out, into: &ir, multiplier: folded) }
            out = KernelLowering.withExactZeros(zeros, x: x, value: out, type: type, multiplier: folded, into: &ir)
            if let dy = folded, kind == .backward {
                out = KernelLowering.withLeadingTermAtOrigin(r, x: x, dy: dy, value: out, into: &ir)
                out = KernelLowering.withPolynomialTails(r, x: x, dy: dy, value: out, inputMaximumExponent: type.maximumExponent, into: &ir)
            }
            if !fast && folded == nil { out = KernelLowering.withSignedZeroAtOrigin(r, x: x, value: out, into: &ir) }
            if !fast && kind != .backward && type != .f64 {
                out = try KernelLowering.withLimitTails(KernelLowering.limitTails(r, backward: false, inputBits: type.precision), x: x, dy: nil, value: out,
                                                        expFloor: floor, into: &ir)
            }
            for t in rTails {
                let bound = ir.constant(t.threshold)
                let limit = folded.map { KernelLowering.limitTimes($0, t.value, into: &ir) } ?? ir.constant(t.value)
                out = t.direction < 0 ? ir.value(.selectLess(x, bound, limit, out)) : ir.value(.selectLess(bound, x, limit, out))
                ir.notes.append(t.note + (folded != nil && t.value == 0 ? KernelLowering.zeroLimitNote : ""))
            }
            values.append(out)
        }
        if kind == .backward && folded == nil {
            let dy = ir.value(.input(1))
            var out = ir.value(.multiply(dy, values[0]))
            if let series = dySeries { out = KernelLowering.withRationalLeadingSeries(series, x: x, dy: dy, value: out, into: &ir) }
            if !fast && type != .f64 {
                out = try KernelLowering.withLimitTails(KernelLowering.limitTails(derivative, backward: true, inputBits: type.precision), x: x, dy: dy, value: out,
                                                        expFloor: floor, into: &ir)
            }
            ir.outputs = [out]
        } else {
            ir.outputs = values
        }
        if !fast && type != .f64 {
            ir.fallback = KernelLowering.roundingFallback(functions.map(\.r), generics: generics, x: x,
                                                          dy: kind == .backward ? ir.value(.input(1)) : nil, type: type, into: &ir)
        }
        return ir
    }

    /// The least nonzero magnitude of the arithmetic (2⁻¹⁰⁷⁴ in double, 2⁻¹⁴⁹ in binary32) with the given sign.
    static func leastNonzero(sign: FloatingPointSign, _ arithmetic: KernelIR.Arithmetic) -> Double {
        let least = arithmetic == .single ? Double(Float.leastNonzeroMagnitude) : Double.leastNonzeroMagnitude
        return sign == .minus ? -least : least
    }

    static let zeroLimitNote = "; there f' stands as the least nonzero number with its sign, not as 0 (times dy, and scaled once more where "
        + "dy folds in), so that dy = +-inf gives +-inf as dy*f' does, not NaN"

    /// dy·L beyond a threshold: for L = ±0, f′ there is nonzero but so small that dy·f′ rounds to ±0 (sign(dy)·sign(f′))
    /// for every finite dy in range and is ±∞ for dy = ±∞, where dy·0 would be NaN. So ±0 is replaced by
    /// (dy·z)·|z|, z = ±(least nonzero) with f′'s sign: |dy·z| ≤ 2¹⁰²⁴·2⁻¹⁰⁷⁴ (or 2¹²⁸·2⁻¹⁴⁹ in binary32), and the
    /// second factor brings every finite dy to ±0.
    static func limitTimes(_ dy: Int, _ value: Double, into ir: inout KernelIR) -> Int {
        guard value == 0 else { return ir.value(.multiply(ir.constant(value), dy)) }
        let z = leastNonzero(sign: value.sign, ir.arithmetic)
        return ir.value(.multiply(ir.value(.multiply(dy, ir.constant(z))), ir.constant(abs(z))))
    }

    /// A backward kernel that folds dy in (binary32 and the fast f64 tier): beyond |x| = T = 2ᴱ (E = 32 in
    /// binary32, 128 in double), where s = e^(−|x|) is 0, f′ is its limit polynomial L(x) = Σ cᵢxⁱ toward
    /// that end (cᵢ = Nᵢ(0)/D(0): no shift, D(0) ≠ 0) and L alone can overflow where dy·L(x) does not
    /// (x²σ: f′ → 2x, infinite above half the largest finite value, times dy = 2⁻⁸). Where L has degree
    /// n ≥ 1, the kernel returns w·Σ_{1≤i≤n} cᵢxⁱ⁻¹ with w = dy·x first, by Horner with w folded into each
    /// coefficient: w is normal for every nonzero finite dy (|x| ≥ T lifts the smallest subnormal), each
    /// partial sum grows toward the result, so an overflow is the result's own; c₀·dy, below 2^(−E) of the
    /// rest, is dropped. Below T, L itself stays finite while |cₙ|·Tⁿ does (n ≤ 3 in binary32, 7 in double;
    /// the note says when not). Only for inputs that reach T (not f16).
    static func withPolynomialTails(_ r: ExpRational, x: Int, dy: Int, value: Int, inputMaximumExponent: Int,
                                    into ir: inout KernelIR) -> Int {
        let exponent = ir.arithmetic == .single ? 32 : 128
        let largest = ir.arithmetic == .single ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
        guard inputMaximumExponent >= exponent else { return value }
        var out = value
        let sides = r.sideForms
        for (direction, form) in [(-1, sides.negative), (1, sides.positive)] {
            guard let c = form.limitPolynomial, let n = c.lastIndex(where: { !$0.isZero }), n >= 1 else { continue }
            let w = ir.value(.multiply(dy, x))
            var h = ir.value(.multiply(ir.constant(c[n].doubleValue), w))
            for i in stride(from: n - 1, through: 1, by: -1) {
                h = c[i].isZero ? ir.value(.multiply(h, x))
                    : ir.value(.fma(h, x, ir.value(.multiply(ir.constant(c[i].doubleValue), w))))
            }
            let bound = ir.constant(Double(direction) * Double(sign: .plus, exponent: exponent, significand: 1))
            out = direction < 0 ? ir.value(.selectLess(x, bound, h, out)) : ir.value(.selectLess(bound, x, h, out))
            let reach = abs(c[n].doubleValue) * Double(sign: .plus, exponent: exponent * n, significand: 1)
            ir.notes.append("beyond x = \(direction < 0 ? "-" : "")2^\(exponent): dy*f'(x) = (dy*x)*(f'(x)/x) with f' its limit polynomial there "
                + "(degree \(n)), so that f' alone does not overflow where dy*f' is finite"
                + (reach < largest ? "" : "; below 2^\(exponent), f' itself can overflow before dy"))
        }
        return out
    }

    /// The floor A of the exponential's argument a = −|x|: above every threshold (|T| + 1), and at −700 where
    /// an end has no threshold but ``insensitiveEnd`` holds; nil when an end has neither, or A < −708 (then
    /// e^A·2^(−k) is not a normal double).
    static func expFloor(_ functions: [(r: ExpRational, tails: [(direction: Int, threshold: Double, value: Double, note: String)])]) -> Double? {
        var needed = 0.0
        for (r, tails) in functions {
            for direction in [-1, 1] {
                if let t = tails.first(where: { $0.direction == direction }) {
                    needed = max(needed, abs(t.threshold) + 1)
                } else if insensitiveEnd(r, direction: direction) {
                    needed = max(needed, 700)
                } else {
                    return nil
                }
            }
        }
        return needed <= 708 ? -needed : nil
    }

    /// At this end every nonzero row Pᵢ(s) of the side form and Q(s) has a nonzero integer constant term and
    /// no power of s divides the numerator: for s ≤ e^(−700) < 2⁻¹⁰⁰⁰ every Horner step in s returns that
    /// constant exactly (the other terms are far below half its ulp), so the value is the same for any such s.
    static func insensitiveEnd(_ r: ExpRational, direction: Int) -> Bool {
        let form = direction < 0 ? r.sideForms.negative : r.sideForms.positive
        return form.shift == 0 && !form.denominator[0].isZero
            && form.numerators.allSatisfy { row in row.allSatisfy(\.isZero) || !row[0].isZero }
    }
}
