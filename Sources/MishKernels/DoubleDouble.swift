import MishNumbers

/// A double-double hi + lo in a ``KernelIR`` (two value indices), normalised after every operation:
/// hi = RN(hi + lo), so |lo| ≤ ulp(hi)/2.
///
/// The operations are the error-free transformations (TwoSum, Fast2Sum, 2Prod by fma) and the double-word
/// algorithms of Joldes, Muller and Popescu, "Tight and rigorous error bounds for basic building blocks of
/// double-word arithmetic" (ACM TOMS 44, 2017), with their relative error bounds for u = 2⁻⁵³:
/// DWPlusFP 2u², AccurateDWPlusDW 3u² + 13u³, DWTimesFP3 2u², DWTimesDW3 4u², a division within DWDivDW2's 15u² + 56u³
/// (all below 2⁻¹⁰² for normal results). Every step is an ordinary IR operation, so the C and CUDA emitters
/// need nothing new and the targets stay bit-identical.
struct DoubleDouble: Equatable {
    var hi: Int
    var lo: Int
}

extension KernelIR {
    /// c as hi + lo, both rounded to nearest: c to about 2⁻¹⁰⁷ relative.
    mutating func doubleDouble(_ c: BigFloat) -> DoubleDouble {
        let hi = c.toDouble()
        let lo = c.subtracting(BigFloat(hi), precision: Swift.max(c.precision, 256)).value.toDouble()
        return DoubleDouble(hi: constant(hi), lo: constant(lo))
    }

    /// A (hi, lo) pair of constants as a double-double.
    mutating func doubleDouble(_ pair: (hi: Double, lo: Double)) -> DoubleDouble {
        DoubleDouble(hi: constant(pair.hi), lo: constant(pair.lo))
    }

    /// An exact double as a double-double.
    mutating func doubleDouble(exact v: Int) -> DoubleDouble { DoubleDouble(hi: v, lo: constant(0)) }

    /// s + e = a + b exactly (Knuth's TwoSum, six operations, any magnitudes).
    mutating func twoSum(_ a: Int, _ b: Int) -> DoubleDouble {
        let s = value(.add(a, b))
        let bb = value(.subtract(s, a))
        let aa = value(.subtract(s, bb))
        let e = value(.add(value(.subtract(a, aa)), value(.subtract(b, bb))))
        return DoubleDouble(hi: s, lo: e)
    }

    /// s + e = a + b exactly when |a| ≥ |b| or a = 0 (Dekker's Fast2Sum).
    mutating func fastTwoSum(_ a: Int, _ b: Int) -> DoubleDouble {
        let s = value(.add(a, b))
        return DoubleDouble(hi: s, lo: value(.subtract(b, value(.subtract(s, a)))))
    }

    /// p + e = a·b exactly (unless the product underflows): p = RN(ab), e = fma(a, b, −p).
    mutating func twoProduct(_ a: Int, _ b: Int) -> DoubleDouble {
        let p = value(.multiply(a, b))
        return DoubleDouble(hi: p, lo: value(.fma(a, b, value(.negate(p)))))
    }

    /// x + y for a double y (DWPlusFP).
    mutating func add(_ x: DoubleDouble, _ y: Int) -> DoubleDouble {
        let s = twoSum(x.hi, y)
        return fastTwoSum(s.hi, value(.add(x.lo, s.lo)))
    }

    /// x + y (AccurateDWPlusDW).
    mutating func add(_ x: DoubleDouble, _ y: DoubleDouble) -> DoubleDouble {
        let s = twoSum(x.hi, y.hi)
        let t = twoSum(x.lo, y.lo)
        let c = fastTwoSum(s.hi, value(.add(s.lo, t.hi)))
        return fastTwoSum(c.hi, value(.add(t.lo, c.lo)))
    }

    /// x·y for a double y (DWTimesFP3).
    mutating func multiply(_ x: DoubleDouble, _ y: Int) -> DoubleDouble {
        let c = twoProduct(x.hi, y)
        return fastTwoSum(c.hi, value(.fma(x.lo, y, c.lo)))
    }

    /// x·y (DWTimesDW3).
    mutating func multiply(_ x: DoubleDouble, _ y: DoubleDouble) -> DoubleDouble {
        let c = twoProduct(x.hi, y.hi)
        let low = value(.fma(x.lo, y.hi, value(.fma(x.hi, y.lo, value(.multiply(x.lo, y.lo))))))
        return fastTwoSum(c.hi, value(.add(c.lo, low)))
    }

    /// x/y: t = RN(x_h/y_h), then x − y·t = (x_h − y_h·t) + (x_l − y_l·t), the first part exact by one fma (the
    /// remainder of a rounded quotient is a double) and the second in one fma, divided by y_h and added by
    /// Fast2Sum. DWDivDW2 forms y·t instead, which overflows when x_h/y_h rounds up near the largest double
    /// (x/3 at x = 2¹⁰²⁴ − 2⁹⁷¹ gave NaN). With |t − x/y| ≤ 3u|x/y|, |y_l| ≤ u|y_h| and |x_l − y_l·t| ≤ 2u|x|,
    /// the relative error is below 11u² + O(u³), within DWDivDW2's 15u² + 56u³.
    mutating func divide(_ x: DoubleDouble, _ y: DoubleDouble) -> DoubleDouble {
        let t = value(.divide(x.hi, y.hi))
        let remainder = value(.fma(value(.negate(y.hi)), t, x.hi))
        let lowPart = value(.fma(value(.negate(y.lo)), t, x.lo))
        let delta = value(.add(remainder, lowPart))
        return fastTwoSum(t, value(.divide(delta, y.hi)))
    }

    /// a < b ? t : f for both words.
    mutating func selectLess(_ a: Int, _ b: Int, _ t: DoubleDouble, _ f: DoubleDouble) -> DoubleDouble {
        t == f ? t : DoubleDouble(hi: value(.selectLess(a, b, t.hi, f.hi)), lo: value(.selectLess(a, b, t.lo, f.lo)))
    }
}

/// e^a for a ≤ 0 in double-double (``DoubleDoubleExpKernel``), a clamped at −1500 (every kernel returns
/// its limit well before): e^a = m·2^k with m ≈ 1 a double-double and k an integer held in a double.
enum DoubleDoubleExp {
    typealias Kernel = DoubleDoubleExpKernel
    static let lowestArgument = -1500.0
    static var degree: Int { Kernel.degree }
    static var squarings: Int { Kernel.squarings }
    static var relativeErrorBound: Double { Kernel.relativeErrorBound }

    /// Appends the evaluation; returns m (normalised) and k.
    static func lower(_ a: Int, into ir: inout KernelIR) -> (mantissa: DoubleDouble, k: Int) {
        let lowest = ir.constant(lowestArgument)
        let b = ir.value(.selectLess(a, lowest, lowest, a))
        let shift = ir.constant(Kernel.roundingShift)
        let k = ir.value(.subtract(ir.value(.fma(b, ir.constant(Kernel.inverseLn2), shift)), shift))
        let minusK = ir.value(.negate(k))
        let first = ir.value(.fma(minusK, ir.constant(Kernel.ln2Parts[0]), b))
        let second = ir.twoSum(first, ir.value(.multiply(minusK, ir.constant(Kernel.ln2Parts[1]))))
        let r = ir.fastTwoSum(second.hi, ir.value(.fma(minusK, ir.constant(Kernel.ln2Parts[2]), second.lo)))
        let scale = ir.constant(Double(sign: .plus, exponent: -squarings, significand: 1))
        let reduced = DoubleDouble(hi: ir.value(.multiply(r.hi, scale)), lo: ir.value(.multiply(r.lo, scale)))
        func coefficient(_ n: Int) -> DoubleDouble { ir.doubleDouble(Kernel.coefficients[n - 1]) }
        let terms = Kernel.doubleWordTerms
        var tail = ir.constant(Kernel.coefficients[degree - 1].hi)
        for n in stride(from: degree - 1, through: terms + 1, by: -1) {
            tail = ir.value(.fma(tail, reduced.hi, ir.constant(Kernel.coefficients[n - 1].hi)))
        }
        var e = ir.add(ir.multiply(reduced, tail), coefficient(terms))
        for n in stride(from: terms - 1, through: 1, by: -1) { e = ir.add(ir.multiply(e, reduced), coefficient(n)) }
        e = ir.multiply(e, reduced)
        let two = ir.constant(2)
        for _ in 0..<squarings { e = ir.multiply(e, ir.add(e, two)) }
        return (ir.fastTwoSum(ir.constant(1), e.hi).adding(e.lo, into: &ir), k)
    }
}

private extension DoubleDouble {
    /// (1 + E.hi) + E.lo renormalised: the last step of m = 1 + E, with |E| < 1/2.
    func adding(_ lo: Int, into ir: inout KernelIR) -> DoubleDouble {
        ir.fastTwoSum(hi, ir.value(.add(self.lo, lo)))
    }
}
