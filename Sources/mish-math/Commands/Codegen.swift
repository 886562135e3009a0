import ArgumentParser
import Foundation
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
        abstract: "Generate kernel source for an exp-rational expression, its derivative, or both fused.",
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
        (--accuracy correctly-rounded or faithful: the same kernel). f64 and the fast tier are refused with a \
        message until they land.

        Examples:
          mish-math codegen --target c --kernel forward --dtype f32
          mish-math codegen 'swish(x)' --target c --kernel fused --dtype f32 --out kernels/
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

    @Option(help: "Accuracy tier: correctly-rounded, faithful or fast.")
    var accuracy: CodegenAccuracy = .correctlyRounded

    @Option(help: ArgumentHelp("Write <name>_<kernel>_<dtype>.h and .c into this directory instead of printing them.", valueName: "DIR"))
    var out: String?

    @Option(help: "The name prefix of the generated functions (default: the function's name, or 'f').")
    var name: String?

    func validate() throws {
        if accuracy == .fast { throw ValidationError("--accuracy fast is not implemented yet; use correctly-rounded or faithful") }
        if dtype == .f64 {
            throw ValidationError("--dtype f64 is not offered yet: evaluated in double the kernels are within 4 ulps, and the "
                + "faithful tier (1 ulp) needs double-double evaluation, which is not implemented yet; use f32")
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
            switch target {
            case .c:
                let e = try Codegen.cEmitter(expr, text: text, kernel: kernel, type: type, accuracy: accuracy, name: name)
                files = [(e.function + ".h", e.header), (e.function + ".c", e.source)]
            case .cuda:
                let (ir, description) = try Codegen.lowered(expr, text: text, target: target, kernel: kernel, type: type, accuracy: accuracy, name: name)
                let e = CUDAEmitter(name: prefix, kind: kernel, type: type, ir: ir, description: description)
                files = [(e.function + ".cu", e.source)]
            }
        } catch let e as KernelError {
            throw failure(e.description)
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
        let lowering = try KernelLowering(expr)
        let ir = try lowering.kernel(kernel, type: type)
        var command = "mish-math codegen"
        if text != "mish(x)" { command += " '\(text)'" }
        command += " --target \(target.rawValue) --kernel \(kernel.rawValue) --dtype \(type.rawValue) --accuracy \(accuracy.rawValue)"
        if let name { command += " --name \(name)" }
        let description = [
            "Generated by mish-math; do not edit. Regenerate with: \(command)",
            "f(x) = \(expr)",
            "derived form (u = e^x): f = \(lowering.function.text)" + (kernel == .forward ? "" : "; f'(x) = \(lowering.derivative.text)"),
            "accuracy tier: \(accuracy.rawValue) (\(type.rawValue) computed in double, rounded once); the bound is measured by mish-math verify",
            String(format: "exp: own Cody-Waite + degree-%d polynomial, relative error < %.3g (proven)", ExpKernel.degree,
                   ExpKernel.standard.relativeErrorBound),
        ]
        return (ir, description)
    }

    /// The C kernel `codegen --target c` writes.
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
