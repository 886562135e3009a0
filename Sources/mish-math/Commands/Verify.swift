import ArgumentParser
import Foundation
import MishAccuracy
import MishAnalysis
import MishKernels
import MishNumbers
import MishSymbolic
import Synchronization

/// Set by SIGINT during a sweep: the sweep stops after its current chunks and reports what it checked.
let interruptRequested = Atomic<Bool>(false)

extension KernelSignature: ExpressibleByArgument {}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a kernel's accuracy in ULPs against the correctly rounded result, on every input.",
        discussion: """
        Two kinds of kernel: the one `mish-math codegen` generates for EXPR with the same --kernel, --dtype and \
        --accuracy (generated, compiled with the system C compiler at -O2 -ffp-contract=off plus --cflags, loaded, swept), \
        or your own C implementation: --c-source FILE --symbol NAME, compiled the same way. Accepted signatures \
        (--signature; T is float for f32, double for f64, uint16_t bit patterns for f16 and bf16):
          scalar (default for forward): T NAME(T x)
          array: void NAME(const T *x, T *y, size_t n)
          scalar-backward (default for backward): T NAME(T x, T dy), returning dy*f'(x)
          array-backward: void NAME(const T *x, const T *dy, T *dx, size_t n)
          array-fused (default for fused): void NAME(const T *x, T *y, T *dydx, size_t n)

        The reference is correctly rounded: for exp-rational EXPR, a double enclosure with a rigorous error \
        bound decides the rounding to f32, f16 and bf16 for all but a few hundred inputs and MPFR (precision \
        doubled until decided) the rest; for f64 a double-double enclosure (its own exponential, within \
        2^-90) decides all but the inputs near a midpoint or a cancellation; other expressions go to MPFR for \
        every input. The compiled \
        reference is cached in $MISH_CACHE_DIR (default ~/.cache/mish-math), keyed by its source, the compiler \
        and the flags: the first run of an expression compiles it (seconds). Special values \
        are part of the contract: NaN -> NaN, +-inf -> the limits, +-0 -> f(0) or the signed zero f tends to.

        Inputs: f32, f16 and bf16 exhaustively by default (all 2^32 or 65536 bit patterns, NaNs included, on \
        --threads threads); --range A,B restricts to the values in [A, B]; --samples N checks N random bit \
        patterns instead. f64: --samples N (default 100000) inputs, half uniform over bit patterns and half \
        uniform over [-120, 40], plus adversarial inputs (every integer in [-800, 800] and its neighbours, \
        where thresholds lie; tiny, subnormal and huge values; the zeros of f' and f'' and their neighbours). \
        Backward kernels: dx = dy*f'(x) over all x with dy = 1, then --random-dy N inputs with random dy, \
        and dy = +-0, +-inf and NaN at x = +-1, +-2^-10, +-20 and +-0 against IEEE's product with the exact \
        f'(x) (a zero with the product's sign; inf*0 = NaN), in the special-value table. \
        Fused kernels: y against f and dydx against f'.

        The report: inputs checked, incorrectly rounded results, NaN and sign-of-zero failures, the maximum \
        error in ULPs (|result - exact| in units of the exact value's binade, fractional) and where, a \
        histogram, errors by binade of the input (binades with an error above 1/2 ULP in text; all in JSON), \
        the 10 worst inputs with exact values, and the special-value table. Progress goes to stderr (a bar on a \
        terminal, otherwise a line after 2 s and then every 10 s); Ctrl-C stops the sweep and reports what was checked.

        Exit status: 0; 3 when a generated kernel breaks its tier's promise (correctly-rounded: every result \
        correctly rounded; faithful: within 1 ULP; both: every special value right; fast promises nothing: the \
        report is its bound); 130 when \
        interrupted.

        Examples:
          mish-math verify --dtype bf16
          mish-math verify --kernel backward --dtype f32 --range -20,20
          mish-math verify --dtype f64 --accuracy fast --samples 1000000
          mish-math verify --dtype f64 --accuracy faithful --samples 1000000000
          mish-math verify --c-source mine.c --symbol my_mish --dtype f32 --format json
        """
    )

    @Argument(help: "The expression; '-' reads it from standard input.")
    var expression: String = "mish(x)"

    @Option(help: "Kernel: forward (f), backward (dy*f') or fused (f and f').")
    var kernel: KernelLowering.Kind = .forward

    @Option(help: "Element type: f32, f16, bf16 or f64.")
    var dtype: CodegenDtype = .f32

    @Option(name: .customLong("accuracy"), help: ArgumentHelp(
        "Tier of the generated kernel: correctly-rounded, faithful or fast (no promise: its error is reported). Default: correctly-rounded; faithful for f64.",
        valueName: "tier"))
    var accuracyOption: CodegenAccuracy?

    /// The tier asked for, or the default of the element type (f64 has no correctly-rounded tier).
    var accuracy: CodegenAccuracy { accuracyOption ?? (dtype == .f64 ? .faithful : .correctlyRounded) }

    @Option(name: .customLong("c-source"), help: ArgumentHelp("Verify your own C implementation in FILE instead of the generated kernel.", valueName: "FILE"))
    var cSource: String?

    @Option(help: ArgumentHelp("The function in --c-source to verify.", valueName: "NAME"))
    var symbol: String?

    @Option(help: "How --symbol is called: scalar, array, scalar-backward, array-backward or array-fused.")
    var signature: KernelSignature?

    @Flag(help: "Check every input (the default for f32, f16 and bf16).")
    var exhaustive = false

    @Option(help: ArgumentHelp("Check N sampled inputs (f64: default 100000).", valueName: "N"))
    var samples: Int?

    @Option(help: "Seed of the sampled inputs and of the random dy.")
    var seed: UInt64 = 2024

    @Option(parsing: .unconditional, help: ArgumentHelp("Only inputs in [A, B] (A may be negative: --range -20,20).", valueName: "A,B"))
    var range: String?

    @Option(name: .customLong("random-dy"), help: ArgumentHelp("Backward kernels: inputs checked with random dy (default 2^20).", valueName: "N"))
    var randomDy: Int = 1 << 20

    @Option(parsing: .unconditional, help: ArgumentHelp("Flags added to cc -std=gnu11 -O2 -ffp-contract=off -fPIC -shared for the kernel under test (default: -march=native -fvect-cost-model=dynamic).", valueName: "FLAGS"))
    var cflags: String = CompiledLibrary.hostFlags.joined(separator: " ")

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Option(help: "Output format: text, json, or markdown (the summary table of docs/accuracy.md).")
    var format: Format = .text

    func validate() throws {
        if cSource != nil && symbol == nil { throw ValidationError("--c-source needs --symbol NAME, the function to verify") }
        if symbol != nil && cSource == nil { throw ValidationError("--symbol names a function in --c-source FILE; give the file") }
        if cSource == nil {
            if dtype == .f64 && accuracy == .correctlyRounded {
                throw ValidationError("codegen offers f64 kernels in the faithful and fast tiers (--accuracy faithful or fast); verify your own with --c-source FILE --symbol NAME --dtype f64")
            }
            if signature != nil { throw ValidationError("--signature applies to --c-source; the generated kernels use their array entry points") }
        }
        if exhaustive && (samples != nil || dtype == .f64) { throw ValidationError("--exhaustive checks every input: drop --samples (f64 is sampled only)") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1") }
        if threads < 1 || threads > 1024 { throw ValidationError("--threads must be between 1 and 1024") }
        if randomDy < 0 { throw ValidationError("--random-dy must not be negative") }
        if let range { _ = try Verify.parseRange(range) }
        if let signature, kernel != .fused && signature == .arrayFused {
            throw ValidationError("--signature array-fused needs --kernel fused")
        }
        if let signature, (kernel == .backward) != signature.takesDy || (kernel == .fused && signature != .arrayFused) {
            throw ValidationError("--signature \(signature.rawValue) does not fit --kernel \(kernel.rawValue)")
        }
    }

    static func parseRange(_ text: String) throws -> (Double, Double) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), !a.isNaN, !b.isNaN, a <= b else {
            throw ValidationError("--range must be A,B with numbers A <= B (e.g. -20,20), not '\(text)'")
        }
        return (a, b)
    }

    func run() throws {
        let text = try expressionText(expression)
        let expr = try parseExpression(text, what: "the expression")
        let type = FloatFormat(rawValue: dtype.rawValue)!
        let (kernelUnderTest, description) = try compileKernel(expr, text: text, type: type)
        let reference = correctlyRoundedReference(for: expr)
        let sweep: AccuracySweep
        do { sweep = try AccuracySweep(reference: reference) } catch { throw failure("\(error)") }
        signal(SIGINT) { _ in interruptRequested.store(true, ordering: .relaxed) }
        // A parent may have blocked SIGINT (the mask is inherited); the sweep's threads inherit ours.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        var results: [AccuracyResult] = []
        for (label, check, inputs) in try plan(expr, type: type) {
            if interruptRequested.load(ordering: .relaxed) { break }
            let display = ProgressDisplay(label: label)
            var result = sweep.run(kernelUnderTest, check: check, inputs: inputs, threads: threads, progress: { display.update($0) },
                                   shouldStop: { interruptRequested.load(ordering: .relaxed) })
            display.finish()
            result.specialValues = sweep.specialValues(kernelUnderTest, check: check) + sweep.specialDy(kernelUnderTest, check: check)
            results.append(result)
        }
        signal(SIGINT, SIG_DFL)
        let record = VerifyRecord(kernel: description, results: results)
        switch format {
        case .json: print(try jsonText(record))
        case .text: print(record.text)
        case .markdown: print(record.markdown)
        }
        if interruptRequested.load(ordering: .relaxed) { throw ExitCode(130) }
        if cSource == nil {
            let broken = accuracy != .fast && results.contains {
                (accuracy == .correctlyRounded ? $0.incorrectlyRounded > 0 || $0.unresolvedCount > 0 : $0.maxError > 1)
                    || !$0.specialValues.allSatisfy(\.isCorrect) }
            if broken { throw ExitCode(ExitStatus.uncertified) }
        }
    }

    /// The generated kernel (its array entry point) or the user's function, compiled and loaded.
    func compileKernel(_ expr: Expr, text: String, type: FloatFormat) throws -> (KernelUnderTest, String) {
        let flags = cflags.split(separator: " ").map(String.init)
        do {
            if let cSource, let symbol {
                guard let source = FileManager.default.contents(atPath: cSource) else { throw failure("cannot read \(cSource)") }
                let signature = signature ?? [.forward: .scalar, .backward: .scalarBackward, .fused: .arrayFused][kernel]!
                let file = URL(fileURLWithPath: cSource)
                let name = file.pathExtension == "c" ? file.lastPathComponent : "source.c"
                let library = try CompiledLibrary(files: [(name, String(decoding: source, as: UTF8.self))], extraFlags: flags,
                                                  includeDirectories: [file.deletingLastPathComponent().path])
                let k = try KernelUnderTest(library: library, symbol: symbol, signature: signature, format: type)
                return (k, "\(symbol) from \(cSource), called as \(signature.prototype(symbol, type.cType))")
            }
            return try Verify.generatedKernel(expr, text: text, kernel: kernel, type: type, accuracy: accuracy, flags: flags)
        } catch let e as KernelError {
            throw failure(e.description)
        } catch let e as CompileError {
            throw failure(e.description)
        }
    }

    /// The kernel `codegen` generates, compiled and loaded (its array entry point), and its description.
    static func generatedKernel(_ expr: Expr, text: String, kernel: KernelLowering.Kind, type: FloatFormat, accuracy: CodegenAccuracy,
                                flags: [String] = CompiledLibrary.hostFlags) throws -> (KernelUnderTest, String) {
        let emitter = try Codegen.cEmitter(expr, text: text, kernel: kernel, type: KernelLowering.OutputType(rawValue: type.rawValue)!,
                                           accuracy: accuracy, name: nil)
        return (try loaded(emitter, flags: flags), "\(emitter.function) generated by mish-math codegen (\(accuracy.rawValue) tier)")
    }

    /// A generated C kernel compiled and loaded, its array entry point under test.
    static func loaded(_ emitter: CEmitter, flags: [String] = CompiledLibrary.hostFlags) throws -> KernelUnderTest {
        let library = try CompiledLibrary(files: [(emitter.function + ".h", emitter.header), (emitter.function + ".c", emitter.source)],
                                          extraFlags: flags)
        let signature: KernelSignature = [.forward: .array, .backward: .arrayBackward, .fused: .arrayFused][emitter.kind]!
        return try KernelUnderTest(library: library, symbol: emitter.function, signature: signature,
                                   format: FloatFormat(rawValue: emitter.type.rawValue)!)
    }

    /// The sweeps to run: (label, what to compare, inputs).
    func plan(_ expr: Expr, type: FloatFormat) throws -> [(String, AccuracyCheck, SweepInputs)] {
        let primary: SweepInputs
        if type == .f64 {
            primary = try Verify.f64Sample(expr, samples: samples ?? 100_000, seed: seed, range: range)
        } else if let samples {
            primary = .samples(samples, seed: seed, type)
        } else if let range {
            let (a, b) = try Verify.parseRange(range)
            primary = .range(a, b, type)
        } else {
            primary = .all(type)
        }
        switch kernel {
        case .forward: return [("f", AccuracyCheck(function: .value), primary)]
        case .fused:
            return [("y = f", AccuracyCheck(function: .value, output: 0), primary),
                    ("dydx = f'", AccuracyCheck(function: .derivative, output: 1), primary)]
        case .backward:
            var checks = [("dx = f' (dy = 1)", AccuracyCheck(function: .derivative, dy: .one), primary)]
            if randomDy > 0 {
                var g = SplitMix(seed: seed ^ 0x5eed)
                let pool: [UInt64]
                switch primary {
                case .list, .generated: pool = primary.sample(randomDy)
                case .patterns(let ranges):
                    let total = ranges.reduce(0) { $0 + UInt64($1.count) }
                    pool = total == 0 ? [] : (0..<Swift.min(randomDy, Int(total))).map { _ in
                        var k = g.next() % total
                        for r in ranges { if k < UInt64(r.count) { return r.lowerBound + k }; k -= UInt64(r.count) }
                        return 0
                    }
                }
                checks.append(("dx = dy*f' (random dy)", AccuracyCheck(function: .derivative, dy: .random(seed: seed)),
                               .list(Array(pool.prefix(randomDy)))))
            }
            return checks
        }
    }

    /// The f64 sweep's inputs: with --range, ``f64Inputs(_:samples:seed:range:)`` filtered to it; otherwise
    /// the adversarial sets followed by `samples` random inputs generated from their index (even: a random bit
    /// pattern, odd: uniform over [−120, 40]), so that 10⁹ samples need no list in memory.
    static func f64Sample(_ expr: Expr, samples n: Int, seed: UInt64, range: String?) throws -> SweepInputs {
        if range != nil { return .list(try f64Inputs(expr, samples: n, seed: seed, range: range)) }
        let adversarial = try f64Inputs(expr, samples: 0, seed: seed, range: nil)
        return .generated(count: UInt64(adversarial.count + n)) { i in
            if i < UInt64(adversarial.count) { return adversarial[Int(i)] }
            var g = SplitMix(seed: seed ^ (i &* 0x9e37_79b9_7f4a_7c15))
            let z = g.next()
            return i % 2 == 0 ? z : (-120 + 160 * Double(z >> 11) * 0x1p-53).bitPattern
        }
    }

    /// f64 inputs: random bit patterns, uniform over [−120, 40], and the adversarial sets.
    static func f64Inputs(_ expr: Expr, samples n: Int, seed: UInt64, range: String?) throws -> [UInt64] {
        var g = SplitMix(seed: seed)
        var xs: [Double] = []
        for i in 0..<n {
            if i % 2 == 0 { xs.append(Double(bitPattern: g.next())) }
            else { xs.append(-120 + 160 * Double(g.next() >> 11) * 0x1p-53) }
        }
        func around(_ x: Double, _ k: Int) {
            var up = x, down = x
            xs.append(x)
            for _ in 0..<k { up = up.nextUp; down = down.nextDown; xs += [up, down] }
        }
        for i in -800...800 { around(Double(i), 2) }
        for v in [Double.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, 0x1p-60, 0x1p-30, 1e300, 709.78, 745.13] {
            around(v, 4)
            around(-v, 4)
        }
        for _ in 0..<1000 {
            let sub = Double(bitPattern: g.next() & 0x000f_ffff_ffff_ffff)
            xs += [sub, -sub]
        }
        if ExpRational(expr) != nil {
            for order in 1...2 {
                if let zeros = try? DerivativeZeros(of: expr, order: order, range: nil, digits: 20) {
                    for z in zeros.zeros { around(z.root.x.enclosure.midpoint.toDouble(), 64) }
                }
            }
        }
        let range = try range.map(Verify.parseRange)
        return xs.filter { x in range.map { x >= $0.0 && x <= $0.1 } ?? true }.map(\.bitPattern)
    }
}

/// Progress on stderr: a bar with rate and time left on a terminal, a plain line after 2 s and then every
/// 10 s otherwise; nothing for sweeps that end within 2 s.
final class ProgressDisplay: @unchecked Sendable {
    let label: String
    let terminal = isatty(2) != 0
    private let lock = NSLock()
    private var lastShown = 0.0
    private var shown = false

    init(label: String) { self.label = label }

    func update(_ p: SweepProgress) {
        lock.lock(); defer { lock.unlock() }
        guard p.seconds > 2, !shown || p.seconds - lastShown >= (terminal ? 0.25 : 10) else { return }
        lastShown = p.seconds
        shown = true
        let fraction = p.total == 0 ? 1 : Double(p.checked) / Double(p.total)
        let rate = Double(p.checked) / p.seconds
        let left = rate > 0 ? Double(p.total - p.checked) / rate : 0
        let numbers = String(format: "%.1f%%  %@/%@  %.1f M/s  %.0f s left", 100 * fraction, "\(p.checked)", "\(p.total)", rate / 1e6, left)
        if terminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label): [\(bar)] \(numbers)   ".utf8))
        } else {
            StandardError.write("verify \(label): \(numbers)")
        }
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if terminal && shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
