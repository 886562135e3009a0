import Foundation

/// C11 source for a kernel: a header with the scalar `static inline` function and the array prototypes,
/// and a source file with the array entry points. Arithmetic is in double with every fused operation an
/// explicit fma() and no product feeding an addition otherwise, so contraction cannot change a result and
/// the values are those of ``KernelInterpreter``; f32 inputs are widened exactly and the result rounded once.
public struct CEmitter {
    public let name: String
    public let kind: KernelLowering.Kind
    public let type: KernelLowering.OutputType
    public let ir: KernelIR
    /// Lines for the header comment (expression, derived form, tier, bound, the command that regenerates it).
    public let description: [String]

    public init(name: String, kind: KernelLowering.Kind, type: KernelLowering.OutputType, ir: KernelIR, description: [String]) {
        self.name = name
        self.kind = kind
        self.type = type
        self.ir = ir
        self.description = description
    }

    var element: String { type == .f32 ? "float" : "double" }
    public var function: String { "\(name)_\(kind.rawValue)_\(type.rawValue)" }
    public var scalarFunction: String { function + "_scalar" }
    var guardName: String { function.uppercased() + "_H" }

    static func literal(_ c: Double) -> String {
        if c == 0 { return c.sign == .minus ? "-0.0" : "0.0" }
        if c == c.rounded() && abs(c) < 1e15 { return String(format: "%.1f", c) }
        return String(format: "%a", c)
    }

    /// The statements of the body, one per live operation, in IR order.
    static func statements(_ ir: KernelIR, inputs: [String], exp: String) -> [String] {
        ir.live.map { i in
            let e: String
            switch ir.operations[i] {
            case .input(let n): e = inputs[n]
            case .constant(let bits): e = literal(Double(bitPattern: bits))
            case .add(let a, let b): e = "v\(a) + v\(b)"
            case .subtract(let a, let b): e = "v\(a) - v\(b)"
            case .multiply(let a, let b): e = "v\(a) * v\(b)"
            case .divide(let a, let b): e = "v\(a) / v\(b)"
            case .fma(let a, let b, let c): e = "fma(v\(a), v\(b), v\(c))"
            case .negate(let a): e = "-v\(a)"
            case .absolute(let a): e = "fabs(v\(a))"
            case .expNonPositive(let a): e = "\(exp)(v\(a))"
            case .selectLess(let a, let b, let t, let f): e = "(v\(a) < v\(b)) ? v\(t) : v\(f)"
            }
            return "    const double v\(i) = \(e);"
        }
    }

    static func expFunction(_ name: String, _ k: ExpKernel) -> String {
        var lines = [
            "/* e^a for a <= 0 (NaN stays NaN): Cody-Waite reduction by ln 2 and a degree-\(ExpKernel.degree) polynomial,",
            String(format: " * relative error below %.3g (proven by mish-math). */", k.relativeErrorBound),
            "static inline double \(name)(double a) {",
            "    const double b = (a < \(literal(ExpKernel.lowestArgument))) ? \(literal(ExpKernel.lowestArgument)) : a;",
            "    const double t = fma(b, \(literal(k.inverseLn2)), \(literal(ExpKernel.roundingShift)));",
            "    const double k = t - \(literal(ExpKernel.roundingShift));",
            "    double r = fma(-k, \(literal(k.ln2High)), b);",
            "    r = fma(-k, \(literal(k.ln2Low)), r);",
            "    double p = \(literal(k.coefficients[ExpKernel.degree]));",
        ]
        for c in k.coefficients.dropLast().reversed() { lines.append("    p = fma(p, r, \(literal(c)));") }
        lines += [
            "    uint64_t tb;",
            "    memcpy(&tb, &t, sizeof tb);",
            "    const int64_t ki = (int64_t)(tb - UINT64_C(0x4338000000000000));",
            "    const int64_t k1 = ki / 2;",
            "    const uint64_t b1 = (uint64_t)(k1 + 1023) << 52, b2 = (uint64_t)(ki - k1 + 1023) << 52;",
            "    double s1, s2;",
            "    memcpy(&s1, &b1, sizeof s1);",
            "    memcpy(&s2, &b2, sizeof s2);",
            "    return p * s1 * s2;",
            "}",
        ]
        return lines.joined(separator: "\n")
    }

    var comment: String {
        (["/*"] + description.map { " * " + $0 } + ir.notes.map { " * threshold: " + $0 } + [" */"]).joined(separator: "\n")
    }

    var scalarSignature: String {
        switch kind {
        case .forward: return "static inline \(element) \(scalarFunction)(\(element) x)"
        case .backward: return "static inline \(element) \(scalarFunction)(\(element) x, \(element) dy)"
        case .fused: return "static inline void \(scalarFunction)(\(element) x, \(element) *y, \(element) *dydx)"
        }
    }

    var arraySignature: String {
        switch kind {
        case .forward: return "void \(function)(const \(element) *restrict x, \(element) *restrict y, size_t n)"
        case .backward:
            return "void \(function)(const \(element) *restrict x, const \(element) *restrict dy, \(element) *restrict dx, size_t n)"
        case .fused:
            return "void \(function)(const \(element) *restrict x, \(element) *restrict y, \(element) *restrict dydx, size_t n)"
        }
    }

    public var header: String {
        let exp = "\(name)_exp_nonpositive"
        var body = CEmitter.statements(ir, inputs: ["(double)x", "(double)dy"], exp: exp)
        let cast = type == .f32 ? "(float)" : ""
        switch kind {
        case .forward, .backward: body.append("    return \(cast)v\(ir.outputs[0]);")
        case .fused: body += ["    *y = \(cast)v\(ir.outputs[0]);", "    *dydx = \(cast)v\(ir.outputs[1]);"]
        }
        return """
        \(comment)
        #ifndef \(guardName)
        #define \(guardName)
        #if defined(__FAST_MATH__)
        #error "generated by mish-math: -ffast-math changes the rounding these kernels are proven for"
        #endif
        #include <math.h>
        #include <stddef.h>
        #include <stdint.h>
        #include <string.h>

        #ifndef \(name.uppercased())_EXP_NONPOSITIVE
        #define \(name.uppercased())_EXP_NONPOSITIVE
        \(CEmitter.expFunction(exp, .standard))
        #endif

        \(scalarSignature) {
        \(body.joined(separator: "\n"))
        }

        \(arraySignature);

        #endif

        """
    }

    public var source: String {
        let call: String
        switch kind {
        case .forward: call = "y[i] = \(scalarFunction)(x[i]);"
        case .backward: call = "dx[i] = \(scalarFunction)(x[i], dy[i]);"
        case .fused: call = "\(scalarFunction)(x[i], &y[i], &dydx[i]);"
        }
        return """
        \(comment)
        #include "\(function).h"

        \(arraySignature) {
            for (size_t i = 0; i < n; i++) {
                \(call)
            }
        }

        """
    }
}
