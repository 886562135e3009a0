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
            case .expNonPositive(let a): v[i] = exp(nonPositive: v[a])
            case .selectLess(let a, let b, let t, let f): v[i] = v[a] < v[b] ? v[t] : v[f]
            }
        }
        return ir.outputs.map { v[$0] }
    }

    /// ``ExpKernel`` step by step, as emitted.
    public static func exp(nonPositive a0: Double, kernel: ExpKernel = .standard) -> Double {
        let a = a0 < ExpKernel.lowestArgument ? ExpKernel.lowestArgument : a0
        let t = ExpKernel.roundingShift.addingProduct(a, kernel.inverseLn2)
        let k = t - ExpKernel.roundingShift
        var r = a.addingProduct(-k, kernel.ln2High)
        r = r.addingProduct(-k, kernel.ln2Low)
        var p = kernel.coefficients[ExpKernel.degree]
        for c in kernel.coefficients.dropLast().reversed() { p = c.addingProduct(p, r) }
        let ki = Int64(bitPattern: t.bitPattern &- ExpKernel.roundingShift.bitPattern)
        let k1 = ki / 2
        let s1 = Double(bitPattern: UInt64(bitPattern: k1 &+ 1023) << 52)
        let s2 = Double(bitPattern: UInt64(bitPattern: ki &- k1 &+ 1023) << 52)
        return p * s1 * s2
    }
}
