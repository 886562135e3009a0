import ArgumentParser
import Foundation
import MishAccuracy
import MishKernels
import MishNumbers
import MishSymbolic

enum CodegenTarget: String, ExpressibleByArgument, CaseIterable { case c, cuda }
enum CodegenDtype: String, ExpressibleByArgument, CaseIterable { case f32, f64, f16, bf16 }
enum CodegenAccuracy: String, ExpressibleByArgument, CaseIterable {
    case correctlyRounded = "correctly-rounded", faithful, fast
}
extension KernelLowering.Kind: ExpressibleByArgument {}

struct Codegen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate C or CUDA kernel source for an expression, its derivative, or both fused.",
        discussion: """
        The kernel body is derived from the expression's exp-rational normal form (see `mish-math derive`): \
        with s = e^(-|x|), f = N(x, s)/D(s), where the coefficients of each power of s are selected by the \
        sign of x without branches, so no power of e^x overflows. The exponential is the toolkit's own \
        (Cody-Waite reduction and a polynomial whose coefficients and error bound are computed in MPFR); \
        every fused operation is an explicit fma(), so the compiler cannot change a rounding. f32 is \
        computed in double and rounded once. Where the form is 0*inf at x = +-inf, a threshold from the \
        range analysis returns the signed zero, with its justification in the header comment.

        Kernels: forward y = f(x); backward dx = dy*f'(x); fused y and f'(x) in one pass. Array entry points \
        are named <name>_<kernel>_<dtype>, e.g. void mish_forward_f32(const float *x, float *y, size_t n).

        CUDA (--target cuda): the same operations as explicit-rounding intrinsics (__fma_rn, __dmul_rn, \
        __ddiv_rn, ...), so the GPU results are bit-identical to the C kernel's; __global__ grid-stride kernels \
        with 128-bit vector loads and a scalar tail, and a host launcher \
        cudaError_t <name>_<kernel>_<dtype>(..., size_t n, cudaStream_t stream).

        Element types: f32, and f16 and bf16 (C: uint16_t bit patterns with exact widening and correctly \
        rounded narrowing; CUDA: __half and __nv_bfloat16), all computed in double and rounded once \
        (--accuracy correctly-rounded or faithful: the same kernel). Where the double lies within 2^10 of its \
        ulps of a rounding boundary of the element type (a midpoint) and comes from the generic form, not from \
        a threshold or series that decides its own boundaries, the kernel evaluates that form again in \
        double-double, rounds it to odd, and then rounds once (Ziv's strategy; a function of its own, \
        <name>_<kernel>_<dtype>_fallback). The C array loop checks a block of 256 elements at a time and \
        computes a flagged block again with the scalar function (about one block in 2^10 for f32). The \
        tolerance is measured (the double form's error stays below 70 ulp on samples), not proven: \
        `mish-math verify` sweeps every input.

        --accuracy fast: the highest throughput. f32, f16 and bf16 are computed in binary32 arithmetic \
        (twice the vector lanes; the toolkit's binary32 exponential), each quotient of the form written as its \
        limit plus a small correction; f64 in double. Its error is measured, not designed: codegen compiles the \
        C kernel of the same operations, measures it against the correctly rounded reference (f16 and bf16: \
        every input; f32: 2^22 random bit patterns; f64: the inputs of `verify --dtype f64 --samples 16384`) and prints the \
        maximum in the header (for f16 and bf16 the bound; for f32 and f64 a sample's maximum, which the full \
        sweep can exceed); `mish-math verify --accuracy fast` sweeps every f32 input.

        Expressions outside the exp-rational class (gelu, softplus, logsigmoid, erf, logarithms, non-integer \
        powers) have the fast tier only: f and the chain-rule derivative are evaluated node by node with the \
        math library's functions (expf, log1pf, erfcf, ...; the double ones for f64), sigmoid, softplus and \
        logsigmoid through e^(-|u|) so that nothing overflows, gelu(u) as u/2*erfc(-u/sqrt(2)), constants in \
        MPFR, and the certified limit at x = +-inf where the form meets inf*0. The error is the library's, \
        measured and printed like any fast kernel's; a GPU's library differs from the CPU's, so the CUDA \
        results of these kernels are not bit-identical to the C ones.

        --dtype f64 --accuracy faithful: evaluated in double-double (an own double-double exponential, \
        relative error below 2^-94; the form's polynomials, quotient and scaling in double-word arithmetic; a \
        double-double Taylor series within 2^-10 of each irrational zero of the function) and rounded once: \
        within 1 ULP everywhere, and correctly rounded except within about 2^-90 of a midpoint. Its header \
        also states the error measured on the sample of `verify --dtype f64 --samples 16384`. f64 is not \
        offered in the correctly-rounded tier.

        Examples:
          mish-math codegen --target c --kernel forward --dtype f32
          mish-math codegen 'swish(x)' --target c --kernel fused --dtype f32 --out kernels/
          mish-math codegen --target cuda --kernel forward --dtype f16 --accuracy fast
          mish-math codegen 'gelu(x)' --target c --kernel backward --dtype f32 --accuracy fast
        """
    )

    @Argument(help: "The expression (default: mish(x)); '-' reads it from standard input.")
    var expression: String = "mish(x)"

    @Option(help: "Target language: c or cuda.")
    var target: CodegenTarget = .c

    @Option(help: "Kernel: forward, backward or fused.")
    var kernel: KernelLowering.Kind = .forward

    @Option(help: "Element type: f32, f64, f16 or bf16.")
    var dtype: CodegenDtype = .f32

    @Option(name: .customLong("accuracy"), help: ArgumentHelp(
        "Accuracy tier: correctly-rounded, faithful or fast. Default: correctly-rounded; faithful for f64.", valueName: "tier"))
    var accuracyOption: CodegenAccuracy?

    /// The tier asked for, or the default of the element type (f64 has no correctly-rounded tier).
    var accuracy: CodegenAccuracy { accuracyOption ?? (dtype == .f64 ? .faithful : .correctlyRounded) }

    @Option(help: ArgumentHelp("Write <name>_<kernel>_<dtype>.h and .c into this directory instead of printing them.", valueName: "DIR"))
    var out: String?

    @Option(help: "The name prefix of the generated functions (default: the function's name, or 'f').")
    var name: String?

    func validate() throws {
        if dtype == .f64 && accuracy == .correctlyRounded {
            throw ValidationError("--dtype f64 is offered in the faithful tier (double-double evaluation, within 1 ULP) and the fast "
                + "tier; the correctly-rounded tier covers f32, f16 and bf16")
        }
        if let name, name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) || name.first!.isNumber {
            throw ValidationError("--name must be a C identifier (letters, digits, '_', not starting with a digit)")
        }
    }

    func run() throws {
        let text = try expressionText(expression)
        let expr = try parseExpression(text, what: "the expression")
        let prefix = name ?? Codegen.defaultName(expr)
        let type = KernelLowering.OutputType(rawValue: dtype.rawValue)!
        let files: [(String, String)]
        do {
            var (ir, description) = try Codegen.lowered(expr, text: text, target: target, kernel: kernel, type: type, accuracy: accuracy, name: name)
            if accuracy == .fast || type == .f64 {
                description.append(try Codegen.measuredBound(expr, ir: ir, kernel: kernel, type: type, accuracy: accuracy))
            }
            switch target {
            case .c:
                let e = CEmitter(name: prefix, kind: kernel, type: type, ir: ir, description: description)
                files = [(e.function + ".h", e.header), (e.function + ".c", e.source)]
            case .cuda:
                let e = CUDAEmitter(name: prefix, kind: kernel, type: type, ir: ir, description: description)
                files = [(e.function + ".cu", e.source)]
            }
        } catch let e as KernelError {
            throw failure(e.description)
        } catch let e as CompileError {
            throw failure("measuring the fast kernel: \(e.description)")
        }
        guard let out else {
            for (file, text) in files {
                print("/* ==== \(file) ==== */")
                print(text, terminator: "")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let dir = URL(fileURLWithPath: out)
            for (file, text) in files {
                try text.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
            }
        } catch {
            throw failure("cannot write into \(out): \(error.localizedDescription)")
        }
        StandardError.write("wrote " + files.map { "\(out)/\($0.0)" }.joined(separator: " and "))
    }

    /// The kernel's IR and the lines of its header comment (with the command that regenerates it).
    static func lowered(_ expr: Expr, text: String, target: CodegenTarget, kernel: KernelLowering.Kind, type: KernelLowering.OutputType,
                        accuracy: CodegenAccuracy, name: String?) throws -> (KernelIR, [String]) {
        let fast = accuracy == .fast
        var command = "mish-math codegen"
        if text != "mish(x)" { command += " '\(text)'" }
        command += " --target \(target.rawValue) --kernel \(kernel.rawValue) --dtype \(type.rawValue) --accuracy \(accuracy.rawValue)"
        if let name { command += " --name \(name)" }
        let lowering: KernelLowering
        do {
            lowering = try KernelLowering(expr)
        } catch KernelError.notExpRational(let e) {
            guard fast else {
                throw KernelError.unsupported(KernelError.notExpRational(e).description
                    + ". The fast tier (--accuracy fast) evaluates it with the math library's functions")
            }
            let libm = LibmLowering(expr)
            let ir = libm.kernel(kernel, type: type)
            let arithmetic = ir.arithmetic == .double ? "double" : "binary32"
            return (ir, [
                "Generated by mish-math; do not edit. Regenerate with: \(command)",
                "f(x) = \(expr)",
                "outside the exp-rational class: evaluated from the expression" + (kernel == .forward ? "" : "; f'(x) = \(libm.derivative)"),
                "accuracy tier: fast (\(type.rawValue) computed in \(arithmetic) arithmetic with the math library's \(arithmetic) functions"
                    + "\(type == .f32 || type == .f64 ? "" : ", rounded once"))",
            ])
        }
        let ir = try lowering.kernel(kernel, type: type, fast: fast)
        let description = [
            "Generated by mish-math; do not edit. Regenerate with: \(command)",
            "f(x) = \(expr)",
            "derived form (u = e^x): f = \(lowering.function.text)" + (kernel == .forward ? "" : "; f'(x) = \(lowering.derivative.text)"),
            fast ? "accuracy tier: fast (\(type.rawValue) computed in \(ir.arithmetic == .double ? "double" : "binary32 arithmetic")"
                + "\(type == .f32 || type == .f64 ? "" : ", rounded once"), each quotient as its limit plus a correction)"
                : type == .f64 ? "accuracy tier: faithful (f64 computed in double-double, rounded once: within 1 ulp)"
                : "accuracy tier: \(accuracy.rawValue) (\(type.rawValue) computed in double, rounded once\(ir.fallback == nil ? "" : "; near a rounding boundary, the form again in double-double"))"
                    + "; the bound is measured by mish-math verify",
        ] + (!fast && type == .f64 ? [] : [
            String(format: "exp: own Cody-Waite + degree-%d polynomial in %@, relative error < %.3g (proven)", ir.arithmetic.exp.degree,
                   ir.arithmetic == .double ? "double" : "binary32", ir.arithmetic.exp.relativeErrorBound),
        ])
        return (ir, description)
    }

    /// The fast tier's header line: the maximum error of the C kernel of `ir` (the CUDA kernel performs the
    /// same operations) against the correctly rounded reference, over every f16/bf16 input, 2²² random f32
    /// bit patterns (2¹⁶ outside the exp-rational class, where MPFR decides each), or the f64 inputs of `verify` with 2¹⁴ random ones (MPFR decides each f64); backward
    /// kernels with dy = 1 and 2¹⁶ random dy (f64: 2¹²). A few seconds.
    static func measuredBound(_ expr: Expr, ir: KernelIR, kernel: KernelLowering.Kind, type: KernelLowering.OutputType,
                              accuracy: CodegenAccuracy = .fast) throws -> String {
        let format = FloatFormat(rawValue: type.rawValue)!
        let k = try Verify.loaded(CEmitter(name: "measured", kind: kernel, type: type, ir: ir, description: []))
        let sweep: AccuracySweep
        // Outside the exp-rational class MPFR alone decides every input, and Gaussian tails (gelu') cancel to ~2^-10^9:
        // 1024 bits keep codegen to seconds, the inputs beyond them are counted, not measured.
        let reference = correctlyRoundedReference(for: expr, precisionLimit: ExpRational(expr) == nil ? 1 << 10 : CorrectlyRoundedReference.maximumPrecision)
        do { sweep = try AccuracySweep(reference: reference) } catch { throw KernelError.unsupported("\(error)") }
        let seed: UInt64 = 2024
        let inputs: SweepInputs
        let what: String
        switch type {
        case .f16, .bf16: (inputs, what) = (.all(format), "all 65,536 inputs")
        case .f32:
            // MPFR alone decides each input outside the exp-rational class (no double enclosure): 2^16 of them.
            let count = reference.hasFastPath ? 22 : 16
            (inputs, what) = (.samples(1 << count, seed: seed, format), "2^\(count) random bit patterns")
        case .f64:
            let list = try Verify.f64Inputs(expr, samples: 1 << 14, seed: seed, range: nil)
            (inputs, what) = (.list(list), "\(list.count) inputs (random, [-120, 40], adversarial)")
        }
        let checks: [(String, AccuracyCheck, SweepInputs)]
        switch kernel {
        case .forward: checks = [("y", AccuracyCheck(function: .value), inputs)]
        case .fused: checks = [("y", AccuracyCheck(function: .value, output: 0), inputs), ("dydx", AccuracyCheck(function: .derivative, output: 1), inputs)]
        case .backward:
            checks = [("dx (dy = 1)", AccuracyCheck(function: .derivative, dy: .one), inputs),
                      ("dx (random dy)", AccuracyCheck(function: .derivative, dy: .random(seed: seed)),
                       .samples(type == .f64 ? 1 << 12 : 1 << 16, seed: seed, format))]
        }
        var unmeasured: UInt64 = 0
        let parts = checks.map { label, check, inputs -> String in
            let r = sweep.run(k, check: check, inputs: inputs, threads: ProcessInfo.processInfo.activeProcessorCount, progress: { _ in }, shouldStop: { false })
            let specials = sweep.specialValues(k, check: check) + sweep.specialDy(k, check: check)
            let failures = Int(r.nanFailures + r.zeroSignFailures) + specials.filter { $0.expected != nil && !$0.isCorrect }.count
            let undecided = specials.filter { $0.expected == nil }.count
            unmeasured += r.unresolvedCount
            let remarks = (failures > 0 ? ["\(failures) special-value failures"] : [])
                + (r.unresolvedCount > 0 ? ["\(r.unresolvedCount) inputs undecided by the reference at \(reference.precisionLimit) bits, not measured"] : [])
                + (undecided > 0 ? ["\(undecided) special values undecided by the reference"] : [])
            return String(format: "%@ max %.3g ulp", label, r.maxFiniteError) + (remarks.isEmpty ? "" : " (" + remarks.joined(separator: "; ") + ")")
        }
        let command = "mish-math verify --kernel \(kernel.rawValue) --dtype \(type.rawValue) --accuracy \(accuracy.rawValue)"
        let every = type == .f16 || type == .bf16
        return "measured max error: \(parts.joined(separator: ", ")) over \(what) and the special values" + (every
            ? (unmeasured == 0 ? " (every input: this is the bound)" : " (the bound over every input the reference decides)")
            : " (a sample: the maximum over all inputs can be higher; `\(command)` " + (type == .f64 ? "samples more)" : "checks every input)"))
    }

    /// The C kernel `codegen --target c` writes (without the fast tier's measured line).
    static func cEmitter(_ expr: Expr, text: String, kernel: KernelLowering.Kind, type: KernelLowering.OutputType,
                         accuracy: CodegenAccuracy, name: String?) throws -> CEmitter {
        let (ir, description) = try lowered(expr, text: text, target: .c, kernel: kernel, type: type, accuracy: accuracy, name: name)
        return CEmitter(name: name ?? defaultName(expr), kind: kernel, type: type, ir: ir, description: description)
    }

    /// The primitive's name for a single named function of x (mish, swish, ...), otherwise "f".
    static func defaultName(_ e: Expr) -> String {
        if case .apply(let f, let arg) = e.kind, arg == Expr.x { return f.name }
        return "f"
    }
}
