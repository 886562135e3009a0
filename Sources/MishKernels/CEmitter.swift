import Foundation
import MishNumbers

/// C11 source for a kernel: a header with the scalar `static inline` function and the array prototypes,
/// and a source file with the array entry points. Arithmetic is in double with every fused operation an
/// explicit fma() and no product feeding an addition otherwise, so contraction cannot change a result and
/// the values are those of ``KernelInterpreter``; f32 inputs are widened exactly and the result rounded once.
public struct CEmitter: KernelSource {
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

    var element: String { [.f32: "float", .f64: "double", .f16: "uint16_t", .bf16: "uint16_t"][type]! }

    /// The exact widening of an element to the arithmetic's type.
    func widened(_ v: String) -> String {
        switch type {
        case .f32, .f64: return "(\(computeType))\(v)"
        case .f16, .bf16: return (ir.arithmetic == .single ? "" : "(double)") + "\(name)_\(type.rawValue)_to_float(\(v))"
        }
    }

    /// The computed value rounded once to the element type (round to nearest even).
    func narrowed(_ v: String) -> String {
        switch type {
        case .f32: return "(float)\(v)"
        case .f64: return v
        case .f16, .bf16: return "\(name)_\(ir.arithmetic == .single ? "float" : "double")_to_\(type.rawValue)(\(v))"
        }
    }

    /// Conversions of binary16 / bfloat16 bit patterns: widened exactly to binary32 (and from there to double for
    /// the exact tiers), narrowed from double or from binary32 (the fast tier, whose vector lanes then stay 32
    /// bits wide) correctly rounded (nearest even, subnormals, overflow to infinity, NaN kept), from integer and
    /// floating-point operations.
    static func halfConversions(_ prefix: String) -> String {
        """
        /* v rounded to nearest even to p significant bits with minimum normal exponent emin: adding and
           subtracting 1.5*2^(e - p + 53) rounds at the quantum 2^(e - p + 1), e = max(exponent of v, emin),
           at most 127 (beyond, v is above every half and bfloat16 value and stays above 2^128). */
        static inline double \(prefix)_round_to(double v, int p, int emin) {
            uint64_t b;
            memcpy(&b, &v, sizeof b);
            int e = (int)((b >> 52) & 0x7ff) - 1023;
            if (e < emin) e = emin;
            if (e > 127) e = 127;
            const uint64_t cb = (uint64_t)(e - p + 53 + 1023) << 52 | UINT64_C(0x0008000000000000);
            double c;
            memcpy(&c, &cb, sizeof c);
            return (v + c) - c;
        }

        static inline uint16_t \(prefix)_double_to_f16(double v) {
            uint64_t b;
            memcpy(&b, &v, sizeof b);
            const uint16_t sign = (uint16_t)((b >> 48) & 0x8000);
            const double r = \(prefix)_round_to(fabs(v), 11, -14);
            /* r has at most 11 significant bits and is a multiple of 2^-24, so r*2^-1008 is exact (subnormal
               below 2^-1022) and its bits from 42 on are the binary16 exponent and significand fields. */
            const double t = r * 0x1p-1008;
            uint64_t tb;
            memcpy(&tb, &t, sizeof tb);
            uint16_t out = (uint16_t)(tb >> 42);
            out = (r >= 65536.0) ? (uint16_t)0x7c00 : out;
            out = (v != v) ? (uint16_t)0x7e00 : out;
            return (uint16_t)(sign | out);
        }

        static inline uint16_t \(prefix)_double_to_bf16(double v) {
            uint64_t b;
            memcpy(&b, &v, sizeof b);
            const uint16_t sign = (uint16_t)((b >> 48) & 0x8000);
            if (v != v) return (uint16_t)(sign | 0x7fc0);
            const double r = \(prefix)_round_to(fabs(v), 8, -126);
            if (r >= 0x1p128) return (uint16_t)(sign | 0x7f80);
            const float f = (float)r;
            uint32_t fb;
            memcpy(&fb, &f, sizeof fb);
            return (uint16_t)(sign | (uint16_t)(fb >> 16));
        }

        /* |h| with its exponent and significand fields in the float's (a float 2^-112 times the binary16 value,
           subnormal when the field is 0), times 2^112 (exact); the sign bit copied; inf and NaN selected.
           Back: rounding by adding and subtracting 1.5*2^(e - 11 + 24), e = the exponent of v within [-14, 16],
           and the fields read from r*2^-112 (exact). */
        static inline float \(prefix)_f16_to_float(uint16_t h) {
            const uint32_t m = (uint32_t)(h & 0x7fff) << 13;
            float v;
            memcpy(&v, &m, sizeof v);
            v *= 0x1p112f;
            uint32_t b;
            memcpy(&b, &v, sizeof b);
            b |= (uint32_t)(h & 0x8000) << 16;
            memcpy(&v, &b, sizeof v);
            const float special = (h & 0x3ff) ? NAN : ((h & 0x8000) ? -INFINITY : INFINITY);
            return ((h & 0x7c00) == 0x7c00) ? special : v;
        }

        static inline uint16_t \(prefix)_float_to_f16(float v) {
            uint32_t b;
            memcpy(&b, &v, sizeof b);
            const uint16_t sign = (uint16_t)((b >> 16) & 0x8000);
            int e = (int)((b >> 23) & 0xff) - 127;
            e = (e < -14) ? -14 : ((e > 16) ? 16 : e);
            const uint32_t cb = (uint32_t)(e - 11 + 24 + 127) << 23 | UINT32_C(0x00400000);
            float c;
            memcpy(&c, &cb, sizeof c);
            const float r = (fabsf(v) + c) - c;
            const float t = r * 0x1p-112f;
            uint32_t tb;
            memcpy(&tb, &t, sizeof tb);
            uint16_t out = (uint16_t)(tb >> 13);
            out = (r >= 65536.0f) ? (uint16_t)0x7c00 : out;
            out = (v != v) ? (uint16_t)0x7e00 : out;
            return (uint16_t)(sign | out);
        }

        static inline float \(prefix)_bf16_to_float(uint16_t h) {
            const uint32_t b = (uint32_t)h << 16;
            float f;
            memcpy(&f, &b, sizeof f);
            return f;
        }

        /* Nearest even at the upper 16 bits of v; a carry moves into the exponent, up to infinity. */
        static inline uint16_t \(prefix)_float_to_bf16(float v) {
            uint32_t b;
            memcpy(&b, &v, sizeof b);
            const uint16_t r = (uint16_t)((b + UINT32_C(0x7fff) + ((b >> 16) & 1)) >> 16);
            return (v != v) ? (uint16_t)(((b >> 16) & 0x8000) | 0x7fc0) : r;
        }
        """
    }
    var guardName: String { function.uppercased() + "_H" }

    static func literal(_ c: Double) -> String {
        if c == 0 { return c.sign == .minus ? "-0.0" : "0.0" }
        if c == c.rounded() && abs(c) < 1e15 { return String(format: "%.1f", c) }
        return String(format: "%a", c)
    }

    /// The statements of the body, one per live operation, in IR order.
    public static func arithmetic(_ operation: KernelIR.Operation, _ a: String, _ b: String, _ c: String,
                                  in format: KernelIR.Arithmetic) -> String {
        switch operation {
        case .add: return "\(a) + \(b)"
        case .subtract: return "\(a) - \(b)"
        case .multiply: return "\(a) * \(b)"
        case .divide: return "\(a) / \(b)"
        default: return "\(format == .double ? "fma" : "fmaf")(\(a), \(b), \(c))"
        }
    }

    public static func infinity(in format: KernelIR.Arithmetic) -> String { format == .double ? "(double)INFINITY" : "INFINITY" }

    /// The binary32 exponential helpers (the fast tier): e^a = q·2^k for a ≤ 0 with ``ExpKernel/single``.
    static func singleExpFunctions(_ prefix: String, _ k: ExpKernel) -> String {
        func lit(_ c: Double) -> String { literal(c) + "f" }
        var lines = [
            "/* e^a = q*2^k for \(lit(k.lowestArgument)) <= a <= 0 in binary32 (the kernel raises a to its floor; also for 0 < a <= ln2/2,",
            String(format: " * where k = 0): Cody-Waite reduction by ln 2 and a degree-%d polynomial, relative error below %.3g (proven by",
                   k.degree, k.relativeErrorBound),
            " * mish-math). e^r - 1 = r + r^2*c(r) (NaN for NaN), for forms that add it to a value; q = p(r) by Horner: */",
            "static inline float \(prefix)_expf_minus_one(float a) {",
            "    const float kd = fmaf(a, \(lit(k.inverseLn2)), \(lit(k.roundingShift))) - \(lit(k.roundingShift));",
            "    float r = fmaf(-kd, \(lit(k.ln2High)), a);",
            "    r = fmaf(-kd, \(lit(k.ln2Low)), r);",
            "    float p = \(lit(k.coefficients[k.degree]));",
        ]
        for c in k.coefficients[2..<k.degree].reversed() { lines.append("    p = fmaf(p, r, \(lit(c)));") }
        lines += [
            "    return fmaf(p, r * r, r);",
            "}",
            "",
            "static inline float \(prefix)_expf_mantissa(float a) {",
            "    const float kd = fmaf(a, \(lit(k.inverseLn2)), \(lit(k.roundingShift))) - \(lit(k.roundingShift));",
            "    float r = fmaf(-kd, \(lit(k.ln2High)), a);",
            "    r = fmaf(-kd, \(lit(k.ln2Low)), r);",
            "    float p = \(lit(k.coefficients[k.degree]));",
        ]
        for c in k.coefficients.dropLast().reversed() { lines.append("    p = fmaf(p, r, \(lit(c)));") }
        lines += [
            "    return p;",
            "}",
            "",
            "static inline float \(prefix)_pow2f(int32_t e) {",
            "    const uint32_t b = (uint32_t)(e + 127) << 23;",
            "    float s;",
            "    memcpy(&s, &b, sizeof s);",
            "    return s;",
            "}",
            "",
            "/* k from the reduction of a, unclamped (any value for NaN). */",
            "static inline int32_t \(prefix)_expf_reduction_exponent(float a) {",
            "    const float t = fmaf(a, \(lit(k.inverseLn2)), \(lit(k.roundingShift)));",
            "    uint32_t tb;",
            "    memcpy(&tb, &t, sizeof tb);",
            String(format: "    return (int32_t)(tb - UINT32_C(0x%08x));", Float(k.roundingShift).bitPattern),
            "}",
            "",
            "/* m*k, k from the reduction of a (clamped to [-1500, 0]). */",
            "static inline int32_t \(prefix)_expf_exponent(float a, int m) {",
            "    const int32_t ki = \(prefix)_expf_reduction_exponent(a);",
            "    return m * ((ki < -1500) ? -1500 : ((ki > 0) ? 0 : ki));",
            "}",
            "",
            "/* v*2^(m*k) as two multiplications by powers of two of which only the last can round (into the",
            " * subnormal range; the kernels using it stay above 2^-252). */",
            "static inline float \(prefix)_expf_scale(float v, float a, int m) {",
            "    const int32_t e = \(prefix)_expf_exponent(a, m);",
            "    const int32_t e1 = (e < \(k.minimumExponent)) ? \(k.minimumExponent) : ((e > 127) ? 127 : e);",
            "    const int32_t e2 = (e - e1 < \(k.minimumExponent)) ? \(k.minimumExponent) : ((e - e1 > 127) ? 127 : e - e1);",
            "    return v * \(prefix)_pow2f(e1) * \(prefix)_pow2f(e2);",
            "}",
            "",
            "/* v*2^max(k, \(k.minimumExponent + 1)) by the exponent field: exact for 1/2 <= |v| < 2 (s = e^a where values below",
            " * 2^\(k.minimumExponent + 1) only perturb a correction that vanishes with s; k unclamped: a <= ln2/2 not NaN). */",
            "static inline float \(prefix)_expf_scale_clamped(float v, float a) {",
            "    const int32_t e = \(prefix)_expf_reduction_exponent(a);",
            "    uint32_t b;",
            "    memcpy(&b, &v, sizeof b);",
            "    const int32_t ec = (e < \(k.minimumExponent + 1)) ? \(k.minimumExponent + 1) : e;",
            "    b += (uint32_t)ec << 23;",
            "    memcpy(&v, &b, sizeof v);",
            "    return v;",
            "}",
            "",
            "/* max(a, A) for A < 0 by the unsigned order of the bits (a NaN with the sign bit set becomes A). */",
            "static inline float \(prefix)_expf_floor(float a, float A) {",
            "    uint32_t b, f;",
            "    memcpy(&b, &a, sizeof b);",
            "    memcpy(&f, &A, sizeof f);",
            "    b = (b < f) ? b : f;",
            "    memcpy(&a, &b, sizeof a);",
            "    return a;",
            "}",
            "",
            "/* scaled ? v*2^k : v, as (v*2^(k+c))*2^-c, k + c added to the exponent field: only the product rounds where",
            " * v*2^(k+c) is finite and normal, which the caller's constant c >= 0 ensures (k = 0, c = 0 where not scaled). */",
            "static inline float \(prefix)_expf_scale_large(float v, float a, int scaled, int c) {",
            "    const int32_t e = scaled ? \(prefix)_expf_reduction_exponent(a) + c : 0;",
            "    uint32_t b;",
            "    memcpy(&b, &v, sizeof b);",
            "    b += (uint32_t)e << 23;",
            "    memcpy(&v, &b, sizeof v);",
            "    return v * (scaled ? \(prefix)_pow2f(-c) : 1.0f);",
            "}",
            "",
            "/* v*t*2^(m*k) as ((v*2^e1)*t)*2^e2*2^e3: a backward kernel's dy*f', never a subnormal f' first, and",
            " * no overflow of v*t before the scaling. */",
            "static inline float \(prefix)_expf_scale_times(float v, float t, float a, int m) {",
            "    const int32_t e = \(prefix)_expf_exponent(a, m);",
            "    const int32_t e1 = (e < \(k.minimumExponent)) ? \(k.minimumExponent) : ((e > 0) ? 0 : e);",
            "    const int32_t e2 = (e - e1 < \(k.minimumExponent)) ? \(k.minimumExponent) : ((e - e1 > 127) ? 127 : e - e1);",
            "    const int32_t e3 = (e - e1 - e2 < \(k.minimumExponent)) ? \(k.minimumExponent) : ((e - e1 - e2 > 127) ? 127 : e - e1 - e2);",
            "    return v * \(prefix)_pow2f(e1) * t * \(prefix)_pow2f(e2) * \(prefix)_pow2f(e3);",
            "}",
        ]
        return lines.joined(separator: "\n")
    }

    /// The exponential helpers: e^a = q·2^k for a ≤ 0, the mantissa q and the scaling v·2^(m·k); the
    /// kernel forms e^a·w as scale(w·q, a, 1), sharing q.
    static func expFunctions(_ prefix: String, _ k: ExpKernel) -> String {
        var lines = [
            "/* e^a = q*2^k for \(literal(k.lowestArgument)) <= a <= 0 (the kernel raises a to its floor): Cody-Waite reduction by ln 2",
            String(format: " * and a degree-%d polynomial, relative error below %.3g (proven by mish-math). q (NaN for NaN): */",
                   k.degree, k.relativeErrorBound),
            "static inline double \(prefix)_exp_mantissa(double a) {",
            "    const double kd = fma(a, \(literal(k.inverseLn2)), \(literal(k.roundingShift))) - \(literal(k.roundingShift));",
            "    double r = fma(-kd, \(literal(k.ln2High)), a);",
            "    r = fma(-kd, \(literal(k.ln2Low)), r);",
            "    double p = \(literal(k.coefficients[k.degree]));",
        ]
        for c in k.coefficients.dropLast().reversed() { lines.append("    p = fma(p, r, \(literal(c)));") }
        lines += [
            "    return p;",
            "}",
            "",
            "static inline double \(prefix)_pow2(int64_t e) {",
            "    const uint64_t b = (uint64_t)(e + 1023) << 52;",
            "    double s;",
            "    memcpy(&s, &b, sizeof s);",
            "    return s;",
            "}",
            "",
            "/* v*2^(m*k), k from the reduction of a (clamped to [-1500, 0]), as two multiplications by powers of two",
            " * of which only the last can round (into the subnormal range). */",
            "static inline double \(prefix)_exp_scale(double v, double a, int m) {",
            "    const double t = fma(a, \(literal(k.inverseLn2)), \(literal(k.roundingShift)));",
            "    uint64_t tb;",
            "    memcpy(&tb, &t, sizeof tb);",
            "    int64_t ki = (int64_t)(tb - UINT64_C(0x4338000000000000));",
            "    ki = (ki < -1500) ? -1500 : ((ki > 0) ? 0 : ki);",
            "    const int64_t e = (int64_t)m * ki;",
            "    const int64_t e1 = (e < -1000) ? -1000 : ((e > 1000) ? 1000 : e);",
            "    const int64_t e2 = (e - e1 < -1022) ? -1022 : ((e - e1 > 1023) ? 1023 : e - e1);",
            "    return v * \(prefix)_pow2(e1) * \(prefix)_pow2(e2);",
            "}",
            "",
            "/* max(a, A) for A < 0 by the unsigned order of the bits (a NaN with the sign bit set becomes A). */",
            "static inline double \(prefix)_exp_floor(double a, double A) {",
            "    uint64_t b, f;",
            "    memcpy(&b, &a, sizeof b);",
            "    memcpy(&f, &A, sizeof f);",
            "    b = (b < f) ? b : f;",
            "    memcpy(&a, &b, sizeof a);",
            "    return a;",
            "}",
            "",
            "/* max(-|x|, A) for binary32 x and A < 0 by the unsigned order of the bits (NaN becomes A): the",
            " * floored argument of an f32 kernel, the same value as in double. */",
            "static inline float \(prefix)_exp_argument_f32(float x, float A) {",
            "    uint32_t b, f;",
            "    memcpy(&b, &x, sizeof b);",
            "    memcpy(&f, &A, sizeof f);",
            "    b |= UINT32_C(0x80000000);",
            "    b = (b < f) ? b : f;",
            "    memcpy(&x, &b, sizeof x);",
            "    return x;",
            "}",
            "",
            "/* v*2^k by the exponent field: exact for 1/2 <= |v| < 2 (the mantissa q of e^a). The kernels floor a at",
            " * -708 or above, so k >= -1021: the field stays normal. t = 1.5*2^52 + k, whose bits shifted by 52 are k's. */",
            "static inline double \(prefix)_exp_scale_clamped(double v, double a) {",
            "    const double t = fma(a, \(literal(k.inverseLn2)), \(literal(k.roundingShift)));",
            "    uint64_t tb, b;",
            "    memcpy(&tb, &t, sizeof tb);",
            "    memcpy(&b, &v, sizeof b);",
            "    b += tb << 52;",
            "    memcpy(&v, &b, sizeof v);",
            "    return v;",
            "}",
            "",
            "/* v*2^(m*k) by one multiplication, for kernels that keep m*k >= -1022 (their argument floored). */",
            "static inline double \(prefix)_exp_scale_normal(double v, double a, int m) {",
            "    const double t = fma(a, \(literal(k.inverseLn2)), \(literal(k.roundingShift)));",
            "    uint64_t tb;",
            "    memcpy(&tb, &t, sizeof tb);",
            "    return v * \(prefix)_pow2((int64_t)m * (int64_t)(tb - UINT64_C(0x4338000000000000)));",
            "}",
            "",
            "/* hi + lo rounded to odd (|lo| <= ulp(hi)/2): hi, or its neighbour toward lo when lo != 0 and hi is even;",
            " * rounding that once more to float (or half) rounds hi + lo correctly. */",
            "static inline double \(prefix)_round_to_odd(double hi, double lo) {",
            "    uint64_t b;",
            "    memcpy(&b, &hi, sizeof b);",
            "    const uint64_t step = ((lo > 0) == (hi > 0)) ? UINT64_C(1) : ~UINT64_C(0);",
            "    b += (lo != 0 && (b & 1) == 0) ? step : 0;",
            "    memcpy(&hi, &b, sizeof b);",
            "    return hi;",
            "}",
        ]
        return lines.joined(separator: "\n")
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

    /// The exponential helpers of the arithmetic, guarded so that several kernels share one header set.
    var expHelpers: String {
        guard callsHelpers else { return "" }
        let guardName = name.uppercased() + (ir.arithmetic == .double ? "_EXP_HELPERS" : "_EXPF_HELPERS")
        let helpers = ir.arithmetic == .double ? CEmitter.expFunctions(name, .standard) : CEmitter.singleExpFunctions(name, .single)
        var block = "#ifndef \(guardName)\n#define \(guardName)\n\(helpers)\n#endif"
        if scalesTimesInDouble {
            let timesGuard = name.uppercased() + "_EXP_SCALE_TIMES_HELPER"
            block += "\n#ifndef \(timesGuard)\n#define \(timesGuard)\n\(CEmitter.doubleScaleTimes(name, .standard))\n#endif"
        }
        guard scalesByPowerOfTwo else { return block }
        let scaleGuard = name.uppercased() + "_SCALE_POW2_HELPER"
        return block + "\n#ifndef \(scaleGuard)\n#define \(scaleGuard)\n\(CEmitter.scaleByPowerOfTwo(name))\n#endif"
    }

    /// v·t·2^(m·k) in double as ((v·2^E1)·t)·2^E2·2^E3 (E1 = max(E, −1000), E2 and E3 at least −1022): a fast f64
    /// backward kernel's dy·f′, never a subnormal f′ first (``KernelIR/Operation/scaleByExpTimes(_:_:_:_:)``).
    static func doubleScaleTimes(_ prefix: String, _ k: ExpKernel) -> String {
        """
        /* v*t*2^(m*k) as ((v*2^e1)*t)*2^e2*2^e3: dy*f' with f' never rounded to a subnormal first. */
        static inline double \(prefix)_exp_scale_times(double v, double t, double a, int m) {
            const double s = fma(a, \(literal(k.inverseLn2)), \(literal(k.roundingShift)));
            uint64_t sb;
            memcpy(&sb, &s, sizeof sb);
            int64_t ki = (int64_t)(sb - UINT64_C(0x4338000000000000));
            ki = (ki < -1500) ? -1500 : ((ki > 0) ? 0 : ki);
            const int64_t e = (int64_t)m * ki;
            const int64_t e1 = (e < -1000) ? -1000 : ((e > 0) ? 0 : e);
            const int64_t e2 = (e - e1 < -1022) ? -1022 : ((e - e1 > 1023) ? 1023 : e - e1);
            const int64_t e3 = (e - e1 - e2 < -1022) ? -1022 : ((e - e1 - e2 > 1023) ? 1023 : e - e1 - e2);
            return v * \(prefix)_pow2(e1) * t * \(prefix)_pow2(e2) * \(prefix)_pow2(e3);
        }
        """
    }

    /// v·2^k for an integer k held in a double (``KernelIR/Operation/scaleByPowerOfTwo(_:_:)``); k is read
    /// from the bits of k + 1.5·2⁵² (no float-to-integer conversion, so the loop still vectorises).
    static func scaleByPowerOfTwo(_ prefix: String) -> String {
        """
        /* v*2^k, k an integer in a double, clamped to [-2200, 2200] (NaN: -2200), as v*2^e1*2^e2*2^e3 with
         * e1 = k clamped to [-960, 960], e2 = k - e1 clamped to [-1022, 1023]: for 2^-60 <= |v| <= 2^60 only
         * the last products can round (into the subnormal range, or overflow to infinity). */
        static inline double \(prefix)_scale_pow2(double v, double k) {
            const double kc = (k > -2200.0) ? ((k < 2200.0) ? k : 2200.0) : -2200.0;
            const double t = kc + 0x1.8p52;
            uint64_t tb;
            memcpy(&tb, &t, sizeof tb);
            const int64_t e = (int64_t)(tb - UINT64_C(0x4338000000000000));
            const int64_t e1 = (e < -960) ? -960 : ((e > 960) ? 960 : e);
            const int64_t e2 = (e - e1 < -1022) ? -1022 : ((e - e1 > 1023) ? 1023 : e - e1);
            return v * \(prefix)_pow2(e1) * \(prefix)_pow2(e2) * \(prefix)_pow2(e - e1 - e2);
        }
        """
    }

    /// ``RoundingFallback/boundaryKey(_:)`` in C, guarded so that several kernels share it, and the kernel's
    /// fallback, kept out of line so that the loop that reruns a flagged block calls it only where needed.
    var fallbackHelpers: String {
        guard let fallback = ir.fallback else { return "" }
        let guardName = name.uppercased() + "_BOUNDARY_KEY_HELPER"
        return """
        #ifndef \(guardName)
        #define \(guardName)
        /* The bits of |v| below the last place of the output format (d bits above the double's; below its smallest
           normal 2^emin, those of |v| + 2^emin, whose last place there is the subnormal quantum), offset so that a
           midpoint between two neighbours is k: v lies within k units in its last place of a rounding boundary when
           the key is at most 2k. */
        static inline int64_t \(name)_boundary_key(double v, int d, double smallest, int64_t k) {
            const double a = fabs(v);
            const double w = (a < smallest) ? a + smallest : a;
            int64_t b;
            memcpy(&b, &w, sizeof b);
            return (b - (INT64_C(1) << (d - 1)) + k) & ((INT64_C(1) << d) - 1);
        }
        #endif

        /* Where an output lies near a rounding boundary and comes from the generic form: that form in double-double,
           rounded to odd, so that the one rounding to \(type.rawValue) is correct (out of line: rarely called). */
        \(ir.outputs.indices.map { fallbackDefinition($0, fallback, qualifiers: "#if defined(__GNUC__)\n__attribute__((noinline))\n#endif\nstatic", element: element, inputs: [widened("x"), widened("dy")], elements: ["x", "dy"]) }.joined(separator: "\n\n"))


        """
    }

    public var header: String {
        var body = statements(inputs: [widened("x"), widened("dy")], elements: ["x", "dy"])
        let (lines, results) = resultStatements()
        body += lines
        switch kind {
        case .forward, .backward: body.append("    return \(narrowed(results[0]));")
        case .fused: body += ["    *y = \(narrowed(results[0]));", "    *dydx = \(narrowed(results[1]));"]
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

        \(expHelpers)
        \(type == .f16 || type == .bf16 ? "\n#ifndef \(name.uppercased())_HALF_CONVERSIONS\n#define \(name.uppercased())_HALF_CONVERSIONS\n" + CEmitter.halfConversions(name) + "\n#endif\n" : "")

        \(fallbackHelpers)\(scalarSignature) {
        \(body.joined(separator: "\n"))
        }

        \(arraySignature);

        #endif

        """
    }

    /// The array entry point's two passes over each block: the first computes the exponentials (each
    /// `expMantissa` with the operations it depends on and the scalings of its result) and stores those the
    /// rest uses; the second recomputes the cheap operations it needs and does the rest. nil when the body
    /// has no exponential, and outside the exact tiers' f32 kernels (double arithmetic): for f16 and bf16 the
    /// conversions dominate and the passes measured no gain, for the binary32 fast tier and f64 a loss.
    ///
    /// Each element goes through the same operations in the same order as in the scalar function, so the
    /// results are the same bits; the loops are shorter dependency chains, which the out-of-order core
    /// overlaps better (15–25 % in cache for mish's correctly-rounded f32 forward and fused on Zen 3).
    public struct ExponentialPasses: Sendable {
        /// Live operations of the first pass, in IR order.
        public let first: [Int]
        /// Values the first pass stores and the second loads.
        public let carried: [Int]
        /// Live operations of the second pass (carried values included, as loads), in IR order.
        public let second: [Int]
    }

    public var exponentialPasses: ExponentialPasses? {
        guard type == .f32, ir.arithmetic == .double else { return nil }
        let live = ir.live
        let exponentials = live.filter { if case .expMantissa = ir.operations[$0] { return true } else { return false } }
        guard !exponentials.isEmpty else { return nil }
        /// The values and every operation they depend on.
        func dependencies(_ values: [Int]) -> Set<Int> {
            var found = Set<Int>(), pending = values
            while let i = pending.popLast() {
                if found.insert(i).inserted { pending += ir.operations[i].operands }
            }
            return found
        }
        var first = dependencies(exponentials)
        var expensive = Set(exponentials)
        for i in live where !first.contains(i) {
            let scaled: (value: Int, argument: Int)?
            switch ir.operations[i] {
            case .scaleByExp(let v, let a, _), .scaleByNormalExp(let v, let a, _), .scaleByClampedExp(let v, let a): scaled = (v, a)
            default: scaled = nil
            }
            if let scaled, expensive.contains(scaled.value), first.contains(scaled.argument) {
                first.insert(i)
                expensive.insert(i)
            }
        }
        var second = Set<Int>(), carried = Set<Int>()
        func need(_ i: Int) {
            if expensive.contains(i) { carried.insert(i); second.insert(i); return }
            guard second.insert(i).inserted else { return }
            ir.operations[i].operands.forEach(need)
        }
        (live.filter { !first.contains($0) } + ir.outputs).forEach(need)
        guard !carried.isEmpty else { return nil }
        let firstNeeded = dependencies(Array(carried))
        return ExponentialPasses(first: live.filter(firstNeeded.contains), carried: live.filter(carried.contains),
                                 second: live.filter(second.contains))
    }

    /// Elements per block of the two-pass loop: the stored exponentials stay in L1 (256 doubles = 2 KiB each).
    static let passBlock = 256

    /// The array loop with a rounding fallback: blocks of ``passBlock`` elements, each computed without it
    /// (vectorised, the exponential passes where there are some) while a flag collects whether any output lies
    /// near a rounding boundary; a flagged block (one in about 2¹⁰ for f32, tolerance 2¹⁰ of 2²⁹) is computed
    /// again by the scalar function, which recomputes those outputs.
    func blockLoop(_ passes: ExponentialPasses?, _ fallback: RoundingFallback) -> String {
        let inputs = [widened("x[b + i]"), widened("dy[b + i]")]
        let elements = ["x[b + i]", "dy[b + i]"]
        let targets: [String]
        let rerun: String
        switch kind {
        case .forward: (targets, rerun) = (["y"], "y[b + i] = \(scalarFunction)(x[b + i]);")
        case .backward: (targets, rerun) = (["dx"], "dx[b + i] = \(scalarFunction)(x[b + i], dy[b + i]);")
        case .fused: (targets, rerun) = (["y", "dydx"], "\(scalarFunction)(x[b + i], &y[b + i], &dydx[b + i]);")
        }
        let results = zip(targets, ir.outputs).flatMap { target, v in
            ["\(target)[b + i] = \(narrowed("v\(v)"));", "{ const int64_t key = \(boundaryKey("v\(v)", fallback)); lowest = (key < lowest) ? key : lowest; }"]
        }
        func indented(_ lines: [String]) -> String { lines.map { "        " + $0 }.joined(separator: "\n") }
        var declarations = "", first = "", loaded: [Int: String] = [:], operations: [Int]? = nil
        if let passes {
            declarations = "    \(computeType) \(passes.carried.indices.map { "e\($0)[\(CEmitter.passBlock)]" }.joined(separator: ", "));\n"
            let store = passes.carried.enumerated().map { "            e\($0.offset)[i] = v\($0.element);" }
            first = """
                    for (size_t i = 0; i < m; i++) {
            \(indented(statements(inputs: inputs, elements: elements, operations: passes.first, roots: passes.carried)))
            \(store.joined(separator: "\n"))
                    }

            """
            loaded = Dictionary(uniqueKeysWithValues: passes.carried.enumerated().map { ($0.element, "e\($0.offset)[i]") })
            operations = passes.second
        }
        return """
        \(declarations)    for (size_t b = 0; b < n; b += \(CEmitter.passBlock)) {
                const size_t m = (n - b < \(CEmitter.passBlock)) ? n - b : \(CEmitter.passBlock);
                int64_t lowest = INT64_MAX;
        \(first)        for (size_t i = 0; i < m; i++) {
        \(indented(statements(inputs: inputs, elements: elements, operations: operations, loaded: loaded)))
        \(results.map { "            " + $0 }.joined(separator: "\n"))
                }
                if (lowest <= \(2 * fallback.tolerance)) {
                    for (size_t i = 0; i < m; i++) {
                        \(rerun)
                    }
                }
            }
        """
    }

    public var source: String {
        let loop: String
        if let fallback = ir.fallback {
            loop = blockLoop(exponentialPasses, fallback)
        } else if let passes = exponentialPasses {
            let inputs = [widened("x[b + i]"), widened("dy[b + i]")]
            let elements = ["x[b + i]", "dy[b + i]"]
            let store = passes.carried.enumerated().map { "            e\($0.offset)[i] = v\($0.element);" }
            let loaded = Dictionary(uniqueKeysWithValues: passes.carried.enumerated().map { ($0.element, "e\($0.offset)[i]") })
            let results: [String]
            switch kind {
            case .forward: results = ["y[b + i] = \(narrowed("v\(ir.outputs[0])"));"]
            case .backward: results = ["dx[b + i] = \(narrowed("v\(ir.outputs[0])"));"]
            case .fused: results = ["y[b + i] = \(narrowed("v\(ir.outputs[0])"));", "dydx[b + i] = \(narrowed("v\(ir.outputs[1])"));"]
            }
            func indented(_ lines: [String]) -> String { lines.map { "        " + $0 }.joined(separator: "\n") }
            loop = """
                \(computeType) \(passes.carried.indices.map { "e\($0)[\(CEmitter.passBlock)]" }.joined(separator: ", "));
                for (size_t b = 0; b < n; b += \(CEmitter.passBlock)) {
                    const size_t m = (n - b < \(CEmitter.passBlock)) ? n - b : \(CEmitter.passBlock);
                    for (size_t i = 0; i < m; i++) {
            \(indented(statements(inputs: inputs, elements: elements, operations: passes.first, roots: passes.carried)))
            \(store.joined(separator: "\n"))
                    }
                    for (size_t i = 0; i < m; i++) {
            \(indented(statements(inputs: inputs, elements: elements, operations: passes.second, loaded: loaded)))
            \(results.map { "            " + $0 }.joined(separator: "\n"))
                    }
                }
            """
        } else {
            let call: String
            switch kind {
            case .forward: call = "y[i] = \(scalarFunction)(x[i]);"
            case .backward: call = "dx[i] = \(scalarFunction)(x[i], dy[i]);"
            case .fused: call = "\(scalarFunction)(x[i], &y[i], &dydx[i]);"
            }
            loop = """
                for (size_t i = 0; i < n; i++) {
                    \(call)
                }
            """
        }
        return """
        \(comment)
        /* gcc if-converts the branch-free selects (and so vectorises the loop) only when it may assume that
           floating-point operations do not trap; without jump threading it keeps the selects as selects instead
           of duplicating the form for each sign (two divisions per element). Results and rounding are unchanged. */
        #if defined(__GNUC__) && !defined(__clang__)
        #pragma GCC optimize("no-trapping-math", "no-thread-jumps")
        #endif
        #include "\(function).h"

        \(arraySignature) {
        \(loop)
        }

        """
    }
}
