import Foundation
import MishNumbers

/// CUDA source for a kernel, from the same ``KernelIR`` as ``CEmitter``: `__device__ __forceinline__`
/// scalar functions whose every operation is an explicit-rounding intrinsic (__dadd_rn, __dmul_rn,
/// __ddiv_rn, __fma_rn, ...), so nvcc cannot contract or reassociate and the results are bit-identical to
/// the C kernel's; `__global__` grid-stride kernels with 128-bit vector loads (uint4 viewed as 4 floats,
/// 2 doubles or 8 halves) and a scalar tail, and host launchers taking a cudaStream_t.
public struct CUDAEmitter: KernelSource {
    public let name: String
    public let kind: KernelLowering.Kind
    public let type: KernelLowering.OutputType
    public let ir: KernelIR
    public let description: [String]

    public init(name: String, kind: KernelLowering.Kind, type: KernelLowering.OutputType, ir: KernelIR, description: [String]) {
        self.name = name
        self.kind = kind
        self.type = type
        self.ir = ir
        self.description = description
    }

    var element: String { [.f32: "float", .f64: "double", .f16: "__half", .bf16: "__nv_bfloat16"][type]! }
    /// Elements per 128-bit load.
    var lanes: Int { [.f32: 4, .f64: 2, .f16: 8, .bf16: 8][type]! }

    public static func arithmetic(_ operation: KernelIR.Operation, _ a: String, _ b: String, _ c: String,
                                  in format: KernelIR.Arithmetic) -> String {
        let t = format == .double ? "d" : "f"
        switch operation {
        case .add: return "__\(t)add_rn(\(a), \(b))"
        case .subtract: return "__\(t)sub_rn(\(a), \(b))"
        case .multiply: return "__\(t)mul_rn(\(a), \(b))"
        case .divide: return "__\(t)div_rn(\(a), \(b))"
        default: return format == .double ? "__fma_rn(\(a), \(b), \(c))" : "__fmaf_rn(\(a), \(b), \(c))"
        }
    }

    public static func infinity(in format: KernelIR.Arithmetic) -> String {
        format == .double ? "__longlong_as_double(0x7ff0000000000000LL)" : "__int_as_float(0x7f800000)"
    }

    /// The binary32 helpers (the fast tier), operation for operation those of ``CEmitter``.
    static func singleExpFunctions(_ prefix: String, _ k: ExpKernel) -> String {
        func lit(_ c: Double) -> String { CEmitter.literal(c) + "f" }
        var lines = [
            "/* e^a = q*2^k for a <= 0 (and 0 < a <= ln2/2, k = 0) in binary32 (the C kernel's reduction, operation for",
            " * operation). e^r - 1 = r + r^2*c(r); q = p(r) by Horner: */",
            "__device__ __forceinline__ float \(prefix)_expf_minus_one(float a) {",
            "    const float kd = __fsub_rn(__fmaf_rn(a, \(lit(k.inverseLn2)), \(lit(k.roundingShift))), \(lit(k.roundingShift)));",
            "    float r = __fmaf_rn(-kd, \(lit(k.ln2High)), a);",
            "    r = __fmaf_rn(-kd, \(lit(k.ln2Low)), r);",
            "    float p = \(lit(k.coefficients[k.degree]));",
        ]
        for c in k.coefficients[2..<k.degree].reversed() { lines.append("    p = __fmaf_rn(p, r, \(lit(c)));") }
        lines += [
            "    return __fmaf_rn(p, __fmul_rn(r, r), r);",
            "}",
            "",
            "__device__ __forceinline__ float \(prefix)_expf_mantissa(float a) {",
            "    const float kd = __fsub_rn(__fmaf_rn(a, \(lit(k.inverseLn2)), \(lit(k.roundingShift))), \(lit(k.roundingShift)));",
            "    float r = __fmaf_rn(-kd, \(lit(k.ln2High)), a);",
            "    r = __fmaf_rn(-kd, \(lit(k.ln2Low)), r);",
            "    float p = \(lit(k.coefficients[k.degree]));",
        ]
        for c in k.coefficients.dropLast().reversed() { lines.append("    p = __fmaf_rn(p, r, \(lit(c)));") }
        lines += [
            "    return p;",
            "}",
            "",
            "__device__ __forceinline__ float \(prefix)_pow2f(int e) {",
            "    return __int_as_float((int)((unsigned)(e + 127) << 23));",
            "}",
            "",
            "/* k from the reduction of a, unclamped. */",
            "__device__ __forceinline__ int \(prefix)_expf_reduction_exponent(float a) {",
            "    const float t = __fmaf_rn(a, \(lit(k.inverseLn2)), \(lit(k.roundingShift)));",
            String(format: "    return (int)((unsigned)__float_as_int(t) - 0x%08xu);", Float(k.roundingShift).bitPattern),
            "}",
            "",
            "/* m*k, k from the reduction of a (the C kernel's clamp). */",
            "__device__ __forceinline__ int \(prefix)_expf_exponent(float a, int m) {",
            "    const int ki = \(prefix)_expf_reduction_exponent(a);",
            "    return m * ((ki < -1500) ? -1500 : ((ki > 0) ? 0 : ki));",
            "}",
            "",
            "/* v*2^(m*k), only the last multiplication rounding. */",
            "__device__ __forceinline__ float \(prefix)_expf_scale(float v, float a, int m) {",
            "    const int e = \(prefix)_expf_exponent(a, m);",
            "    const int e1 = (e < \(k.minimumExponent)) ? \(k.minimumExponent) : ((e > 127) ? 127 : e);",
            "    const int e2 = (e - e1 < \(k.minimumExponent)) ? \(k.minimumExponent) : ((e - e1 > 127) ? 127 : e - e1);",
            "    return __fmul_rn(__fmul_rn(v, \(prefix)_pow2f(e1)), \(prefix)_pow2f(e2));",
            "}",
            "",
            "/* v*2^max(k, \(k.minimumExponent + 1)) by the exponent field (the C kernel's). */",
            "__device__ __forceinline__ float \(prefix)_expf_scale_clamped(float v, float a) {",
            "    const int e = \(prefix)_expf_reduction_exponent(a);",
            "    return __int_as_float((int)((unsigned)__float_as_int(v) + ((unsigned)((e < \(k.minimumExponent + 1)) ? \(k.minimumExponent + 1) : e) << 23)));",
            "}",
            "",
            "/* max(a, A) for A < 0 by the unsigned order of the bits (the C kernel's). */",
            "__device__ __forceinline__ float \(prefix)_expf_floor(float a, float A) {",
            "    const unsigned b = (unsigned)__float_as_int(a), f = (unsigned)__float_as_int(A);",
            "    return __int_as_float((int)((b < f) ? b : f));",
            "}",
            "",
            "/* scaled ? v*2^k : v as (v*2^(k+c))*2^-c by the exponent field (the C kernel's). */",
            "__device__ __forceinline__ float \(prefix)_expf_scale_large(float v, float a, int scaled, int c) {",
            "    const int e = scaled ? \(prefix)_expf_reduction_exponent(a) + c : 0;",
            "    return __fmul_rn(__int_as_float((int)((unsigned)__float_as_int(v) + ((unsigned)e << 23))), scaled ? \(prefix)_pow2f(-c) : 1.0f);",
            "}",
            "",
            "/* v*t*2^(m*k) as ((v*2^e1)*t)*2^e2*2^e3 (the C kernel's order). */",
            "__device__ __forceinline__ float \(prefix)_expf_scale_times(float v, float t, float a, int m) {",
            "    const int e = \(prefix)_expf_exponent(a, m);",
            "    const int e1 = (e < \(k.minimumExponent)) ? \(k.minimumExponent) : ((e > 0) ? 0 : e);",
            "    const int e2 = (e - e1 < \(k.minimumExponent)) ? \(k.minimumExponent) : ((e - e1 > 127) ? 127 : e - e1);",
            "    const int e3 = (e - e1 - e2 < \(k.minimumExponent)) ? \(k.minimumExponent) : ((e - e1 - e2 > 127) ? 127 : e - e1 - e2);",
            "    return __fmul_rn(__fmul_rn(__fmul_rn(__fmul_rn(v, \(prefix)_pow2f(e1)), t), \(prefix)_pow2f(e2)), \(prefix)_pow2f(e3));",
            "}",
        ]
        return lines.joined(separator: "\n")
    }

    static func expFunctions(_ prefix: String, _ k: ExpKernel) -> String {
        let lit = CEmitter.literal
        var lines = [
            "/* e^a = q*2^k for a <= 0 (the C kernel's reduction, operation for operation). q: */",
            "__device__ __forceinline__ double \(prefix)_exp_mantissa(double a) {",
            "    const double kd = __dsub_rn(__fma_rn(a, \(lit(k.inverseLn2)), \(lit(k.roundingShift))), \(lit(k.roundingShift)));",
            "    double r = __fma_rn(-kd, \(lit(k.ln2High)), a);",
            "    r = __fma_rn(-kd, \(lit(k.ln2Low)), r);",
            "    double p = \(lit(k.coefficients[k.degree]));",
        ]
        for c in k.coefficients.dropLast().reversed() { lines.append("    p = __fma_rn(p, r, \(lit(c)));") }
        lines += [
            "    return p;",
            "}",
            "",
            "__device__ __forceinline__ double \(prefix)_pow2(long long e) {",
            "    return __longlong_as_double((long long)((unsigned long long)(e + 1023) << 52));",
            "}",
            "",
            "/* v*2^(m*k), k from the reduction of a, only the last multiplication rounding. */",
            "__device__ __forceinline__ double \(prefix)_exp_scale(double v, double a, int m) {",
            "    const double t = __fma_rn(a, \(lit(k.inverseLn2)), \(lit(k.roundingShift)));",
            "    long long ki = (long long)((unsigned long long)__double_as_longlong(t) - 0x4338000000000000ULL);",
            "    ki = (ki < -1500) ? -1500 : ((ki > 0) ? 0 : ki);",
            "    const long long e = (long long)m * ki;",
            "    const long long e1 = (e < -1000) ? -1000 : ((e > 1000) ? 1000 : e);",
            "    const long long e2 = (e - e1 < -1022) ? -1022 : ((e - e1 > 1023) ? 1023 : e - e1);",
            "    return __dmul_rn(__dmul_rn(v, \(prefix)_pow2(e1)), \(prefix)_pow2(e2));",
            "}",
            "",
            "/* max(a, A) for A < 0 by the unsigned order of the bits (the C kernel's). */",
            "__device__ __forceinline__ double \(prefix)_exp_floor(double a, double A) {",
            "    const unsigned long long b = (unsigned long long)__double_as_longlong(a), f = (unsigned long long)__double_as_longlong(A);",
            "    return __longlong_as_double((long long)((b < f) ? b : f));",
            "}",
            "",
            "/* max(-|x|, A) for binary32 x by the unsigned order of the bits (the C kernel's). */",
            "__device__ __forceinline__ float \(prefix)_exp_argument_f32(float x, float A) {",
            "    const unsigned int b = __float_as_uint(x) | 0x80000000u, f = __float_as_uint(A);",
            "    return __uint_as_float((b < f) ? b : f);",
            "}",
            "",
            "/* v*2^k by the exponent field, k >= -1021 (the C kernel's: k from t's bits shifted by 52). */",
            "__device__ __forceinline__ double \(prefix)_exp_scale_clamped(double v, double a) {",
            "    const double t = __fma_rn(a, \(lit(k.inverseLn2)), \(lit(k.roundingShift)));",
            "    return __longlong_as_double((long long)((unsigned long long)__double_as_longlong(v) + ((unsigned long long)__double_as_longlong(t) << 52)));",
            "}",
            "",
            "/* v*2^(m*k) by one multiplication, for kernels that keep m*k >= -1022 (their argument floored). */",
            "__device__ __forceinline__ double \(prefix)_exp_scale_normal(double v, double a, int m) {",
            "    const double t = __fma_rn(a, \(lit(k.inverseLn2)), \(lit(k.roundingShift)));",
            "    return __dmul_rn(v, \(prefix)_pow2((long long)m * (long long)((unsigned long long)__double_as_longlong(t) - 0x4338000000000000ULL)));",
            "}",
            "",
            "/* hi + lo rounded to odd (the C kernel's bit step). */",
            "__device__ __forceinline__ double \(prefix)_round_to_odd(double hi, double lo) {",
            "    unsigned long long b = (unsigned long long)__double_as_longlong(hi);",
            "    const unsigned long long step = ((lo > 0) == (hi > 0)) ? 1ULL : ~0ULL;",
            "    b += (lo != 0 && (b & 1ULL) == 0) ? step : 0ULL;",
            "    return __longlong_as_double((long long)b);",
            "}",
        ]
        return lines.joined(separator: "\n")
    }

    /// The rounding of the computed value to the element type.
    var round: String {
        ir.arithmetic == .double ? [.f32: "__double2float_rn", .f64: "", .f16: "__double2half", .bf16: "__double2bfloat16"][type]!
            : [.f32: "", .f64: "", .f16: "__float2half_rn", .bf16: "__float2bfloat16_rn"][type]!
    }

    func widened(_ v: String) -> String {
        switch type {
        case .f32, .f64: return "(\(computeType))\(v)"
        case .f16: return "(\(computeType))__half2float(\(v))"
        case .bf16: return "(\(computeType))__bfloat162float(\(v))"
        }
    }

    /// ``RoundingFallback/boundaryKey(_:)`` on the device (the C helper's operations) and the kernel's fallback.
    var fallbackHelpers: String {
        guard let fallback = ir.fallback else { return "" }
        let guardName = name.uppercased() + "_CUDA_BOUNDARY_KEY_HELPER"
        return """
        #ifndef \(guardName)
        #define \(guardName)
        /* The C kernel's key: v lies within k units in its last place of a rounding boundary when it is at most 2k. */
        __device__ __forceinline__ long long \(name)_boundary_key(double v, int d, double smallest, long long k) {
            const double a = fabs(v);
            const double w = (a < smallest) ? __dadd_rn(a, smallest) : a;
            return (__double_as_longlong(w) - (1LL << (d - 1)) + k) & ((1LL << d) - 1);
        }
        #endif

        /* The C kernel's fallbacks: the generic form in double-double, rounded to odd. */
        \(ir.outputs.indices.map { fallbackDefinition($0, fallback, qualifiers: "__device__ __noinline__", element: element, inputs: [widened("x"), widened("dy")], elements: ["x", "dy"]) }.joined(separator: "\n\n"))


        """
    }

    var scalar: String {
        var body = statements(inputs: [widened("x"), widened("dy")], elements: ["x", "dy"])
        let (lines, results) = resultStatements()
        body += lines
        let signature: String
        switch kind {
        case .forward:
            signature = "__device__ __forceinline__ \(element) \(scalarFunction)(\(element) x)"
            body.append("    return \(round)(\(results[0]));")
        case .backward:
            signature = "__device__ __forceinline__ \(element) \(scalarFunction)(\(element) x, \(element) dy)"
            body.append("    return \(round)(\(results[0]));")
        case .fused:
            signature = "__device__ __forceinline__ void \(scalarFunction)(\(element) x, \(element) *y, \(element) *dydx)"
            body += ["    *y = \(round)(\(results[0]));", "    *dydx = \(round)(\(results[1]));"]
        }
        return signature + " {\n" + body.joined(separator: "\n") + "\n}"
    }

    /// Pointer parameters of the kernels: (name, is input).
    var arrays: [(String, Bool)] {
        switch kind {
        case .forward: return [("x", true), ("y", false)]
        case .backward: return [("x", true), ("dy", true), ("dx", false)]
        case .fused: return [("x", true), ("y", false), ("dydx", false)]
        }
    }

    func call(_ index: (String) -> String) -> String {
        switch kind {
        case .forward: return "\(index("y")) = \(scalarFunction)(\(index("x")));"
        case .backward: return "\(index("dx")) = \(scalarFunction)(\(index("x")), \(index("dy")));"
        case .fused: return "\(scalarFunction)(\(index("x")), &\(index("y")), &\(index("dydx")));"
        }
    }

    var parameters: String {
        arrays.map { "\($0.1 ? "const " : "")\(element) *__restrict__ \($0.0)" }.joined(separator: ", ") + ", size_t n"
    }

    /// The kernel with 128-bit loads and stores (uint4 viewed as `lanes` elements), then the tail.
    var vectorKernel: String {
        let loads = arrays.filter(\.1).map { a in
            "        const uint4 \(a.0)v = reinterpret_cast<const uint4 *>(\(a.0))[i];\n"
                + "        const \(element) *\(a.0)l = reinterpret_cast<const \(element) *>(&\(a.0)v);"
        }
        let stores = arrays.filter { !$0.1 }.map { a in
            "        uint4 \(a.0)v;\n        \(element) *\(a.0)l = reinterpret_cast<\(element) *>(&\(a.0)v);"
        }
        let writes = arrays.filter { !$0.1 }.map { "        reinterpret_cast<uint4 *>(\($0.0))[i] = \($0.0)v;" }
        return """
        /* Grid-stride over groups of \(lanes) with 128-bit loads and stores (all pointers 16-byte aligned), then
           the remaining n % \(lanes) elements one by one. */
        __global__ void \(function)_vector(\(parameters)) {
            const size_t groups = n / \(lanes);
            const size_t stride = (size_t)gridDim.x * blockDim.x;
            for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < groups; i += stride) {
        \(loads.joined(separator: "\n"))
        \(stores.joined(separator: "\n"))
                #pragma unroll
                for (int k = 0; k < \(lanes); k++) {
                    \(call { "\($0)l[k]" })
                }
        \(writes.joined(separator: "\n"))
            }
            const size_t tail = groups * \(lanes) + (size_t)blockIdx.x * blockDim.x + threadIdx.x;
            if (tail < n) {
                const size_t i = tail;
                \(call { "\($0)[i]" })
            }
        }
        """
    }

    var launch: String {
        let arguments = arrays.map(\.0).joined(separator: ", ")
        let elementwise = """
                const unsigned blocks = (unsigned)((n + threads - 1) / threads < 65535 ? (n + threads - 1) / threads : 65535);
                \(function)_elementwise<<<blocks, threads, 0, stream>>>(\(arguments), n);
        """
        let pointers = arrays.map { "(uintptr_t)\($0.0)" }.joined(separator: " | ")
        return """
            if (((\(pointers)) % 16) == 0) {
                const size_t work = n / \(lanes) + 1;
                const unsigned blocks = (unsigned)((work + threads - 1) / threads < 65535 ? (work + threads - 1) / threads : 65535);
                \(function)_vector<<<blocks, threads, 0, stream>>>(\(arguments), n);
            } else {
        \(elementwise)
            }
        """
    }

    var expHelpers: String {
        guard callsHelpers else { return "" }
        let guardName = name.uppercased() + (ir.arithmetic == .double ? "_CUDA_EXP_HELPERS" : "_CUDA_EXPF_HELPERS")
        let helpers = ir.arithmetic == .double ? CUDAEmitter.expFunctions(name, .standard)
                                               : CUDAEmitter.singleExpFunctions(name, .single)
        var block = "#ifndef \(guardName)\n#define \(guardName)\n\(helpers)\n#endif"
        if scalesTimesInDouble {
            let timesGuard = name.uppercased() + "_CUDA_EXP_SCALE_TIMES_HELPER"
            block += "\n#ifndef \(timesGuard)\n#define \(timesGuard)\n\(CUDAEmitter.doubleScaleTimes(name, .standard))\n#endif"
        }
        guard scalesByPowerOfTwo else { return block }
        let scaleGuard = name.uppercased() + "_CUDA_SCALE_POW2_HELPER"
        return block + "\n#ifndef \(scaleGuard)\n#define \(scaleGuard)\n\(CUDAEmitter.scaleByPowerOfTwo(name))\n#endif"
    }

    /// ``CEmitter/doubleScaleTimes(_:_:)`` with explicit-rounding intrinsics.
    static func doubleScaleTimes(_ prefix: String, _ k: ExpKernel) -> String {
        func lit(_ c: Double) -> String { CEmitter.literal(c) }
        return """
        /* v*t*2^(m*k) as ((v*2^e1)*t)*2^e2*2^e3 (the C kernel's factors). */
        __device__ __forceinline__ double \(prefix)_exp_scale_times(double v, double t, double a, int m) {
            const double s = __fma_rn(a, \(lit(k.inverseLn2)), \(lit(k.roundingShift)));
            long long ki = (long long)((unsigned long long)__double_as_longlong(s) - 0x4338000000000000ULL);
            ki = (ki < -1500) ? -1500 : ((ki > 0) ? 0 : ki);
            const long long e = (long long)m * ki;
            const long long e1 = (e < -1000) ? -1000 : ((e > 0) ? 0 : e);
            const long long e2 = (e - e1 < -1022) ? -1022 : ((e - e1 > 1023) ? 1023 : e - e1);
            const long long e3 = (e - e1 - e2 < -1022) ? -1022 : ((e - e1 - e2 > 1023) ? 1023 : e - e1 - e2);
            return __dmul_rn(__dmul_rn(__dmul_rn(__dmul_rn(v, \(prefix)_pow2(e1)), t), \(prefix)_pow2(e2)), \(prefix)_pow2(e3));
        }
        """
    }

    /// ``CEmitter/scaleByPowerOfTwo(_:)`` with explicit-rounding intrinsics.
    static func scaleByPowerOfTwo(_ prefix: String) -> String {
        """
        /* v*2^k, k an integer in a double (the C kernel's clamp and factors). */
        __device__ __forceinline__ double \(prefix)_scale_pow2(double v, double k) {
            const double kc = (k > -2200.0) ? ((k < 2200.0) ? k : 2200.0) : -2200.0;
            const long long e = (long long)((unsigned long long)__double_as_longlong(__dadd_rn(kc, 0x1.8p52)) - 0x4338000000000000ULL);
            const long long e1 = (e < -960) ? -960 : ((e > 960) ? 960 : e);
            const long long e2 = (e - e1 < -1022) ? -1022 : ((e - e1 > 1023) ? 1023 : e - e1);
            return __dmul_rn(__dmul_rn(__dmul_rn(v, \(prefix)_pow2(e1)), \(prefix)_pow2(e2)), \(prefix)_pow2(e - e1 - e2));
        }
        """
    }

    public var source: String {
        """
        \(comment)
        #include <cuda_runtime.h>
        #include <cuda_fp16.h>
        #include <cuda_bf16.h>
        #include <stddef.h>
        #include <stdint.h>

        \(expHelpers)

        \(fallbackHelpers)\(scalar)

        \(vectorKernel)
        /* Grid-stride one element at a time (for pointers that are not 16-byte aligned). */
        __global__ void \(function)_elementwise(\(parameters)) {
            const size_t stride = (size_t)gridDim.x * blockDim.x;
            for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
                \(call { "\($0)[i]" })
            }
        }

        /* Launches on `stream`; returns the launch error, if any. */
        extern "C" cudaError_t \(function)(\(parameters.replacingOccurrences(of: "__restrict__ ", with: "")), cudaStream_t stream) {
            if (n == 0) return cudaSuccess;
            const int threads = 256;
        \(launch)
            return cudaGetLastError();
        }

        """
    }
}
