import MishNumbers

/// A double-double hi + lo in a ``KernelIR`` (two value indices), normalised after every operation:
/// hi = RN(hi + lo), so |lo| ≤ ulp(hi)/2.
///
/// The operations are the error-free transformations (TwoSum, Fast2Sum, 2Prod by fma) and the double-word
/// algorithms of Joldes, Muller and Popescu, "Tight and rigorous error bounds for basic building blocks of
/// double-word arithmetic" (ACM TOMS 44, 2017), with their relative error bounds for u = 2⁻⁵³:
/// DWPlusFP 2u², AccurateDWPlusDW 3u² + 13u³, DWTimesFP3 2u², DWTimesDW3 4u², DWDivDW2 15u² + 56u³
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

    /// x/y (DWDivDW2).
    mutating func divide(_ x: DoubleDouble, _ y: DoubleDouble) -> DoubleDouble {
        let t = value(.divide(x.hi, y.hi))
        let r = multiply(y, t)
        let delta = value(.add(value(.subtract(x.hi, r.hi)), value(.subtract(x.lo, r.lo))))
        return fastTwoSum(t, value(.divide(delta, y.hi)))
    }

    /// a < b ? t : f for both words.
    mutating func selectLess(_ a: Int, _ b: Int, _ t: DoubleDouble, _ f: DoubleDouble) -> DoubleDouble {
        t == f ? t : DoubleDouble(hi: value(.selectLess(a, b, t.hi, f.hi)), lo: value(.selectLess(a, b, t.lo, f.lo)))
    }
}

/// e^a for a ≤ 0 in double-double: e^a = m·2^k with m = e^r ≈ 1 a double-double and k an integer (a double):
///
///     b = max(a, −1500)                 every kernel returns its limit well before (thresholds)
///     k = rint(b/ln 2)                   fma(b, 1/ln 2, 1.5·2⁵²) − 1.5·2⁵², exact, |k| ≤ 2165
///     r = b − k·L₁ − k·L₂ − k·L₃         L₁, L₂ of 40 bits (k·Lᵢ exact; b − k·L₁ exact by Sterbenz), the second
///                                        subtraction by TwoSum, L₃ by one fma: r to 2⁻¹²¹ absolute
///     e^(r/2⁸) − 1 = E                   Horner of degree ``degree`` in double-double, coefficients 1/n!
///     E ← E·(E + 2), 8 times             (1 + E)² − 1, so that E keeps its relative accuracy
///     m = 1 + E
///
/// With |r/2⁸| ≤ 2⁻⁹·⁵ the truncation is below 2⁻¹¹⁰ relative; the ~70 double-word operations (each below
/// 2⁻¹⁰² relative, errors of E carried through the squarings with factor ≤ 1) keep |m·2^k/e^a − 1| below
/// 2⁻⁹⁴ (``relativeErrorBound``; a test measures it against MPFR).
struct DoubleDoubleExp {
    static let lowestArgument = -1500.0
    static let squarings = 8
    static let inverseLn2: Double = (BigFloat(1, precision: 256) / BigFloat.ln2(precision: 256)).toDouble()
    static let ln2Parts: [Double] = {
        let ln2 = BigFloat.ln2(precision: 256)
        let first = ln2.rounded(toPrecision: 40)
        let rest = ln2.subtracting(first, precision: 256).value
        let second = rest.rounded(toPrecision: 40)
        return [first.toDouble(), second.toDouble(), rest.subtracting(second, precision: 256).value.toDouble()]
    }()
    /// The smallest n with (ln2/2⁹)ⁿ/(n+1)! < 2⁻¹¹⁰ (the first omitted term relative to r/2⁸).
    static let degree: Int = {
        let r = 0.6931471805599453 / Double(1 << (squarings + 1))
        var n = 1, term = r / 2
        while term >= 0x1p-110 { n += 1; term *= r / Double(n + 1) }
        return n
    }()
    static let relativeErrorBound = 0x1p-94
    static let roundingShift = 0x1.8p52

    /// Appends the evaluation; returns m (normalised) and k.
    static func lower(_ a: Int, into ir: inout KernelIR) -> (mantissa: DoubleDouble, k: Int) {
        let lowest = ir.constant(lowestArgument)
        let b = ir.value(.selectLess(a, lowest, lowest, a))
        let shift = ir.constant(roundingShift)
        let k = ir.value(.subtract(ir.value(.fma(b, ir.constant(inverseLn2), shift)), shift))
        let minusK = ir.value(.negate(k))
        let first = ir.value(.fma(minusK, ir.constant(ln2Parts[0]), b))
        let second = ir.twoSum(first, ir.value(.multiply(minusK, ir.constant(ln2Parts[1]))))
        let r = ir.fastTwoSum(second.hi, ir.value(.fma(minusK, ir.constant(ln2Parts[2]), second.lo)))
        let scale = ir.constant(Double(sign: .plus, exponent: -squarings, significand: 1))
        let reduced = DoubleDouble(hi: ir.value(.multiply(r.hi, scale)), lo: ir.value(.multiply(r.lo, scale)))
        var factorial = BigFloat(1, precision: 256)
        var coefficients: [BigFloat] = []
        for n in 1...degree {
            factorial = factorial.multiplied(by: BigFloat(n, precision: 64), precision: 256).value
            coefficients.append(BigFloat(1, precision: 256).divided(by: factorial, precision: 256).value)
        }
        var e = ir.doubleDouble(coefficients[degree - 1])
        for c in coefficients.dropLast().reversed() { e = ir.add(ir.multiply(e, reduced), ir.doubleDouble(c)) }
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
