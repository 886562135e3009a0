import MishNumbers

/// Runs a ``KernelIR`` in Swift with the emitted code's IEEE semantics (each operation rounded once to
/// nearest in the IR's arithmetic, fma fused, the same exponential), so the generated C and CUDA can be
/// compared bit for bit. Inputs and outputs are doubles (binary32 values widened exactly).
public enum KernelInterpreter {
    public static func evaluate(_ ir: KernelIR, _ inputs: [Double]) -> [Double] {
        switch ir.arithmetic {
        case .double: return run(ir, inputs, as: Double.self)
        case .single: return run(ir, inputs.map { Double(Float($0)) }, as: Float.self)
        }
    }

    /// The outputs, each that lies near a rounding boundary and comes from the generic form replaced by the
    /// fallback's value (``RoundingFallback``), as the emitted scalar functions do.
    static func run<T: BinaryFloatingPoint>(_ ir: KernelIR, _ inputs: [Double], as: T.Type) -> [Double] {
        var v = [T](repeating: 0, count: ir.operations.count)
        compute(ir, ir.live, inputs, into: &v)
        let outputs = ir.outputs.map { Double(v[$0]) }
        guard let fallback = ir.fallback, outputs.contains(where: fallback.isNearBoundary) else { return outputs }
        compute(ir, ir.fallbackLive, inputs, into: &v)
        return outputs.indices.map { i in
            fallback.isNearBoundary(outputs[i]) && 0 < v[fallback.tags[i]] ? Double(v[fallback.values[i]]) : outputs[i]
        }
    }

    static func compute<T: BinaryFloatingPoint>(_ ir: KernelIR, _ operations: [Int], _ inputs: [Double], into v: inout [T]) {
        let kernel = ir.arithmetic.exp
        for i in operations {
            switch ir.operations[i] {
            case .input(let n): v[i] = T(inputs[n])
            case .constant(let bits): v[i] = T(Double(bitPattern: bits))
            case .add(let a, let b): v[i] = v[a] + v[b]
            case .subtract(let a, let b): v[i] = v[a] - v[b]
            case .multiply(let a, let b): v[i] = v[a] * v[b]
            case .divide(let a, let b): v[i] = v[a] / v[b]
            case .fma(let a, let b, let c): v[i] = v[c].addingProduct(v[a], v[b])
            case .negate(let a): v[i] = -v[a]
            case .absolute(let a): v[i] = Swift.abs(v[a])
            case .expMantissa(let a): v[i] = reduce(v[a], kernel: kernel).q
            case .expMinusOne(let a): v[i] = minusOne(v[a], kernel: kernel)
            case .scaleByClampedExp(let x, let a):
                let k = Swift.max(rawExponent(v[a], kernel: kernel), Int64(kernel.minimumExponent + 1))
                v[i] = addingToExponentField(v[x], k)
            case .raiseToFloor(let a, let floor):
                if ir.arithmetic == .single {
                    v[i] = T(Float(bitPattern: Swift.min(Float(v[a]).bitPattern, Float(v[floor]).bitPattern)))
                } else {
                    v[i] = T(Double(bitPattern: Swift.min(Double(v[a]).bitPattern, Double(v[floor]).bitPattern)))
                }
            case .scaleLargeByExpWhereLess(let x, let a, let c, let b, let offset):
                let scaled = v[c] < v[b]
                let e = scaled ? Int32(truncatingIfNeeded: rawExponent(v[a], kernel: kernel)) &+ Int32(offset) : 0
                v[i] = addingToExponentField(v[x], Int64(e)) * (scaled ? T(Float(sign: .plus, exponent: -offset, significand: 1)) : 1)
            case .selectLess(let a, let b, let t, let f): v[i] = v[a] < v[b] ? v[t] : v[f]
            case .scaleByExp(let x, let a, let m): v[i] = scale(v[x], byPowerOfTwoOf: v[a], times: m, kernel: kernel)
            case .scaleByExpTimes(let x, let t, let a, let m): v[i] = scale(v[x], byPowerOfTwoOf: v[a], times: m, kernel: kernel, multiplier: v[t])
            case .scaleByNormalExp(let x, let a, let m): v[i] = v[x] * powerOfTwo(Int64(m) * reduce(v[a], kernel: kernel).k)
            case .roundToOdd(let hi, let lo): v[i] = T(roundToOdd(Double(v[hi]), Double(v[lo])))
            case .scaleByPowerOfTwo(let x, let k): v[i] = T(scale(Double(v[x]), byPowerOfTwo: Double(v[k])))
            case .libm(let function, let a): v[i] = T.self == Float.self ? T(function(Float(v[a]))) : T(function(Double(v[a])))
            }
        }
    }

    /// ``KernelIR/Operation/roundToOdd(_:_:)`` as emitted: the bit pattern of hi stepped by one toward lo.
    static func roundToOdd(_ hi: Double, _ lo: Double) -> Double {
        let b = hi.bitPattern
        let move = lo != 0 && b & 1 == 0
        let step: UInt64 = (lo > 0) == (hi > 0) ? 1 : UInt64.max
        return Double(bitPattern: move ? b &+ step : b)
    }

    /// The reduction of ``ExpKernel``: e^a = q·2^k with q = p(r), k clamped to [−1500, 0] (the emitted code
    /// reads k from the bits of the shifted sum; any k serves NaN); r is the reduced argument.
    static func reduce<T: BinaryFloatingPoint>(_ a0: T, kernel: ExpKernel) -> (q: T, k: Int64, r: T) {
        let lowest = T(kernel.lowestArgument), shift = T(kernel.roundingShift)
        let a = a0 < lowest ? lowest : a0
        let t = shift.addingProduct(a, T(kernel.inverseLn2))
        let k = t - shift
        var r = a.addingProduct(-k, T(kernel.ln2High))
        r = r.addingProduct(-k, T(kernel.ln2Low))
        var ki = t.isNaN ? 0 : Int64(k)
        ki = ki < -1500 ? -1500 : (ki > 0 ? 0 : ki)
        var p = T(kernel.coefficients[kernel.degree])
        for c in kernel.coefficients.dropLast().reversed() { p = T(c).addingProduct(p, r) }
        return (p, ki, r)
    }

    /// ``KernelIR/Operation/expMinusOne(_:)`` as emitted: r + r²·c(r) in the ``ExpKernel/minusOneForm``, else q − 1.
    static func minusOne<T: BinaryFloatingPoint>(_ a: T, kernel: ExpKernel) -> T {
        let (q, _, r) = reduce(a, kernel: kernel)
        guard kernel.minusOneForm else { return q - 1 }
        var tail = T(kernel.coefficients[kernel.degree])
        for c in kernel.coefficients[2..<kernel.degree].reversed() { tail = T(c).addingProduct(tail, r) }
        return r.addingProduct(tail, r * r)
    }

    /// k from the bits of a·(1/ln 2) + 1.5·2^(p−1) as the helpers read it, unclamped: any value for NaN (binary32:
    /// the 32-bit difference, as in the C).
    static func rawExponent<T: BinaryFloatingPoint>(_ a: T, kernel: ExpKernel) -> Int64 {
        let t = T(kernel.roundingShift).addingProduct(a, T(kernel.inverseLn2))
        if kernel.precision == 24 {
            return Int64(Int32(bitPattern: Float(t).bitPattern &- Float(kernel.roundingShift).bitPattern))
        }
        return Int64(bitPattern: Double(t).bitPattern &- kernel.roundingShift.bitPattern)
    }

    /// v with k added to its exponent field, as the helpers do (wrapping; exact for a normal result).
    static func addingToExponentField<T: BinaryFloatingPoint>(_ v: T, _ k: Int64) -> T {
        if T.self == Float.self {
            return T(Float(bitPattern: Float(v).bitPattern &+ (UInt32(truncatingIfNeeded: k) << 23)))
        }
        return T(Double(bitPattern: Double(v).bitPattern &+ (UInt64(bitPattern: k) << 52)))
    }

    /// ``KernelIR/Operation/scaleByPowerOfTwo(_:_:)`` as emitted.
    static func scale(_ v: Double, byPowerOfTwo k: Double) -> Double {
        let e = Int64(k > -2200 ? (k < 2200 ? k : 2200) : -2200)
        let e1 = Swift.min(Swift.max(e, -960), 960), e2 = Swift.min(Swift.max(e - e1, -1022), 1023)
        return v * powerOfTwo(e1) * powerOfTwo(e2) * powerOfTwo(e - e1 - e2)
    }

    static func powerOfTwo<T: BinaryFloatingPoint>(_ e: Int64) -> T { T(sign: .plus, exponent: T.Exponent(e), significand: 1) }

    /// v·2^(m·k) as emitted: v·2^E1·2^E2 with E = m·k, E1 = E clamped to [L, H], E2 = E − E1 clamped to
    /// [emin, emax], where L = −1000, H = 1000 (double) or L = emin, H = emax (binary32); with a multiplier t
    /// (``KernelIR/Operation/scaleByExpTimes(_:_:_:_:)``): ((v·2^E1)·t)·2^E2·2^E3 with E1 in [L, 0] (a positive
    /// exponent, m < 0 where f grows, is applied after t) and E3 = E − E1 − E2 clamped to [emin, emax].
    public static func scale<T: BinaryFloatingPoint>(_ v: T, byPowerOfTwoOf a: T, times m: Int, kernel: ExpKernel = .standard,
                                                     multiplier: T? = nil) -> T {
        let k = reduce(a, kernel: kernel).k
        let e = Int64(m) * k
        let emin = Int64(kernel.minimumExponent), emax = Int64(kernel.precision == 53 ? 1023 : 127)
        let first = kernel.precision == 53 ? Int64(-1000) : emin, top = kernel.precision == 53 ? Int64(1000) : emax
        func clamped(_ v: Int64, _ low: Int64, _ high: Int64) -> Int64 { Swift.min(Swift.max(v, low), high) }
        guard let t = multiplier else {
            let e1 = clamped(e, first, top)
            return v * powerOfTwo(e1) * powerOfTwo(clamped(e - e1, emin, emax))
        }
        let e1 = clamped(e, first, 0), e2 = clamped(e - e1, emin, emax)
        return v * powerOfTwo(e1) * t * powerOfTwo(e2) * powerOfTwo(clamped(e - e1 - e2, emin, emax))
    }

    /// ``ExpKernel`` step by step, as emitted.
    public static func exp(nonPositive a: Double, kernel: ExpKernel = .standard) -> Double {
        kernel.precision == 53 ? scale(reduce(a, kernel: kernel).q, byPowerOfTwoOf: a, times: 1, kernel: kernel)
            : Double(scale(reduce(Float(a), kernel: kernel).q, byPowerOfTwoOf: Float(a), times: 1, kernel: kernel))
    }
}
