import MishNumbers

/// Runs a ``KernelIR`` in Swift with the emitted code's IEEE semantics (each operation rounded once to
/// nearest, fma fused, the same exponential), so the generated C and CUDA can be compared bit for bit.
public enum KernelInterpreter {
    public static func evaluate(_ ir: KernelIR, _ inputs: [Double]) -> [Double] {
        var v = [Double](repeating: 0, count: ir.operations.count)
        for i in ir.live {
            switch ir.operations[i] {
            case .input(let n): v[i] = inputs[n]
            case .constant(let bits): v[i] = Double(bitPattern: bits)
            case .add(let a, let b): v[i] = v[a] + v[b]
            case .subtract(let a, let b): v[i] = v[a] - v[b]
            case .multiply(let a, let b): v[i] = v[a] * v[b]
            case .divide(let a, let b): v[i] = v[a] / v[b]
            case .fma(let a, let b, let c): v[i] = v[c].addingProduct(v[a], v[b])
            case .negate(let a): v[i] = -v[a]
            case .absolute(let a): v[i] = Swift.abs(v[a])
            case .expMantissa(let a): v[i] = reduce(v[a], kernel: .standard).q
            case .selectLess(let a, let b, let t, let f): v[i] = v[a] < v[b] ? v[t] : v[f]
            case .scaleByExp(let x, let a, let m): v[i] = scale(v[x], byPowerOfTwoOf: v[a], times: m)
            case .roundToOdd(let hi, let lo): v[i] = roundToOdd(v[hi], v[lo])
            }
        }
        return ir.outputs.map { v[$0] }
    }

    /// ``KernelIR/Operation/roundToOdd(_:_:)`` as emitted: the bit pattern of hi stepped by one toward lo.
    static func roundToOdd(_ hi: Double, _ lo: Double) -> Double {
        let b = hi.bitPattern
        let move = lo != 0 && b & 1 == 0
        let step: UInt64 = (lo > 0) == (hi > 0) ? 1 : UInt64.max
        return Double(bitPattern: move ? b &+ step : b)
    }

    /// The reduction of ``ExpKernel``: e^a = q·2^k with q = p(r), k clamped to [−1500, 0].
    static func reduce(_ a0: Double, kernel: ExpKernel) -> (q: Double, k: Int64, t: Double) {
        let a = a0 < ExpKernel.lowestArgument ? ExpKernel.lowestArgument : a0
        let t = ExpKernel.roundingShift.addingProduct(a, kernel.inverseLn2)
        let k = t - ExpKernel.roundingShift
        var r = a.addingProduct(-k, kernel.ln2High)
        r = r.addingProduct(-k, kernel.ln2Low)
        var p = kernel.coefficients[ExpKernel.degree]
        for c in kernel.coefficients.dropLast().reversed() { p = c.addingProduct(p, r) }
        var ki = Int64(bitPattern: t.bitPattern &- ExpKernel.roundingShift.bitPattern)
        ki = ki < -1500 ? -1500 : (ki > 0 ? 0 : ki)
        return (p, ki, t)
    }

    static func powerOfTwo(_ e: Int64) -> Double { Double(bitPattern: UInt64(bitPattern: e &+ 1023) << 52) }

    /// v·2^(m·k) as emitted: v·2^E1·2^E2 with E = m·k, E1 = max(E, −1000), E2 = max(E − E1, −1022).
    public static func scale(_ v: Double, byPowerOfTwoOf a: Double, times m: Int, kernel: ExpKernel = .standard) -> Double {
        let k = reduce(a, kernel: kernel).k
        let e = Int64(m) * k
        let e1 = e < -1000 ? -1000 : e
        let e2 = e - e1 < -1022 ? -1022 : e - e1
        return v * powerOfTwo(e1) * powerOfTwo(e2)
    }

    /// ``ExpKernel`` step by step, as emitted.
    public static func exp(nonPositive a: Double, kernel: ExpKernel = .standard) -> Double {
        scale(reduce(a, kernel: kernel).q, byPowerOfTwoOf: a, times: 1, kernel: kernel)
    }
}
