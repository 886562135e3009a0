import Foundation
import MishNumbers
import MishSymbolic

/// How the kernel under test is called (T: float, double, or uint16_t bit patterns for f16/bf16).
public enum KernelSignature: String, Sendable, CaseIterable, Codable {
    /// `T f(T x)`
    case scalar
    /// `void f(const T *x, T *y, size_t n)`
    case array
    /// `T f(T x, T dy)`, returning dx = dy·f′(x)
    case scalarBackward = "scalar-backward"
    /// `void f(const T *x, const T *dy, T *dx, size_t n)`
    case arrayBackward = "array-backward"
    /// `void f(const T *x, T *y, T *dydx, size_t n)`
    case arrayFused = "array-fused"

    var code: Int32 { Int32(KernelSignature.allCases.firstIndex(of: self)!) }
    public var takesDy: Bool { self == .scalarBackward || self == .arrayBackward }

    public func prototype(_ name: String, _ type: String) -> String {
        switch self {
        case .scalar: return "\(type) \(name)(\(type) x)"
        case .array: return "void \(name)(const \(type) *x, \(type) *y, size_t n)"
        case .scalarBackward: return "\(type) \(name)(\(type) x, \(type) dy)"
        case .arrayBackward: return "void \(name)(const \(type) *x, const \(type) *dy, \(type) *dx, size_t n)"
        case .arrayFused: return "void \(name)(const \(type) *x, \(type) *y, \(type) *dydx, size_t n)"
        }
    }
}

/// A function in a compiled library, with the signature and element format it is called with.
public struct KernelUnderTest: @unchecked Sendable {
    public let library: CompiledLibrary
    public let symbol: String
    public let signature: KernelSignature
    public let format: FloatFormat
    let address: UnsafeMutableRawPointer

    public init(library: CompiledLibrary, symbol: String, signature: KernelSignature, format: FloatFormat) throws {
        guard let a = library.address(of: symbol) else {
            throw CompileError(description: "the compiled source defines no external function \(symbol)")
        }
        self.library = library
        self.symbol = symbol
        self.signature = signature
        self.format = format
        address = a
    }
}

/// What one sweep compares: which output of the kernel against which function of x.
public struct AccuracyCheck: Sendable, Codable, Equatable {
    public enum Dy: Sendable, Codable, Equatable {
        /// No dy (forward and fused kernels).
        case none
        /// dy = 1: dx is f′(x).
        case one
        /// dy random per input (sign, significand, binade in [2⁻⁸, 2⁸)), from the seed.
        case random(seed: UInt64)
    }
    public var function: CorrectlyRoundedReference.Function
    /// 0, or 1 for the second output (f′) of a fused kernel.
    public var output: Int
    public var dy: Dy

    public init(function: CorrectlyRoundedReference.Function, output: Int = 0, dy: Dy = .none) {
        self.function = function
        self.output = output
        self.dy = dy
    }

    var dyMode: Int32 {
        switch dy {
        case .none: return 0
        case .one: return 1
        case .random: return 2
        }
    }
    var seed: UInt64 {
        if case .random(let s) = dy { return s }
        return 0
    }
}

/// The inputs of a sweep: ranges of bit patterns (all of them for an exhaustive sweep) or a list.
public enum SweepInputs: Sendable {
    case patterns([Range<UInt64>])
    case list([UInt64])
    /// `count` inputs, the i-th from `element(i)`, generated chunk by chunk (10⁹ f64 samples need no 8 GB list).
    case generated(count: UInt64, element: @Sendable (UInt64) -> UInt64)

    public var count: UInt64 {
        switch self {
        case .patterns(let rs): return rs.reduce(0) { $0 + UInt64($1.count) }
        case .list(let l): return UInt64(l.count)
        case .generated(let n, _): return n
        }
    }

    /// `n` inputs as a list: a list's first n, or n generated ones spread evenly over all (so that a sample of
    /// the f64 inputs has their mix of adversarial and random ones).
    public func sample(_ n: Int) -> [UInt64] {
        switch self {
        case .list(let l): return Array(l.prefix(n))
        case .generated(let count, let element):
            let m = Swift.min(UInt64(n), count)
            return (0..<m).map { element($0 * count / Swift.max(m, 1)) }
        case .patterns(let ranges): return Array(ranges.lazy.flatMap { $0 }.prefix(n))
        }
    }

    /// n bit patterns drawn uniformly (NaNs included) by ``SplitMix``; for f64 over all 2⁶⁴ patterns.
    public static func samples(_ n: Int, seed: UInt64, _ format: FloatFormat) -> SweepInputs {
        var g = SplitMix(seed: seed)
        let mask = format == .f64 ? UInt64.max : format.patternCount - 1
        return .list((0..<n).map { _ in g.next() & mask })
    }

    /// Every bit pattern of the format (NaNs included).
    public static func all(_ format: FloatFormat) -> SweepInputs { .patterns([0..<format.patternCount]) }

    /// The bit patterns whose values lie in [a, b] (no NaNs): non-negative values increase with their
    /// patterns, negative ones decrease.
    public static func range(_ a: Double, _ b: Double, _ format: FloatFormat) -> SweepInputs {
        var ranges: [Range<UInt64>] = []
        let sign = format.signMask, inf = format.infinityBits
        // The first pattern p in [lo, hi) with value(p) ≥ t (values increasing in p).
        func firstAtLeast(_ t: Double, _ lo: UInt64, _ hi: UInt64, increasing: Bool) -> UInt64 {
            var l = lo, h = hi
            while l < h {
                let m = l + (h - l) / 2
                let v = format.value(ofBits: m)
                if increasing ? v >= t : v <= t { h = m } else { l = m + 1 }
            }
            return l
        }
        if b >= 0 {
            let lo = firstAtLeast(Swift.max(a, 0), 0, inf + 1, increasing: true)
            let hi = firstAtLeast(b.nextUp, 0, inf + 1, increasing: true)
            if lo < hi { ranges.append(lo..<hi) }
        }
        if a < 0 || (a == 0 && a.sign == .minus) {
            let lo = firstAtLeast(Swift.min(b, -0.0), sign, sign | inf + 1, increasing: false)
            let hi = firstAtLeast(a.nextDown, sign, sign | inf + 1, increasing: false)
            if lo < hi { ranges.append(lo..<hi) }
        }
        return .patterns(ranges)
    }
}

/// A small deterministic generator for sampled inputs (SplitMix64).
public struct SplitMix: Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Where a sweep stands, for a progress display.
public struct SweepProgress: Sendable {
    public let checked: UInt64
    public let total: UInt64
    public let seconds: Double
}

/// Runs the kernel under test on every input of a sweep and compares each result with the correctly
/// rounded reference, on `threads` threads; the C harness (``SweepHarness``) does the per-input work.
public final class AccuracySweep: @unchecked Sendable {
    public let reference: CorrectlyRoundedReference
    let library: CompiledLibrary
    typealias SweepFunction = @convention(c) (Int32, Int32, Int32, Int32, UInt64, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?,
                                              UnsafePointer<UInt64>?, UInt64, UInt64, UnsafeMutableRawPointer?,
                                              UnsafeMutablePointer<UInt64>?, Int, UnsafeMutablePointer<UInt64>?) -> Int
    typealias CallPairsFunction = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?, UnsafePointer<UInt64>?, UnsafePointer<UInt64>?,
                                                  UnsafeMutablePointer<UInt64>?, Int) -> Void
    typealias RecordFunction = @convention(c) (UnsafeMutableRawPointer?, Int32, UInt64, UInt64, UInt64, UInt64, Double) -> Void
    typealias StatsFunction = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias MergeFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void
    typealias ExportFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt64>?, UnsafeMutablePointer<UInt64>?,
                                               UnsafeMutablePointer<UInt64>?, UnsafeMutablePointer<UInt64>?, UnsafeMutablePointer<Double>?,
                                               UnsafeMutablePointer<UInt64>?, UnsafeMutablePointer<Double>?) -> Void
    let sweep: SweepFunction
    let callPairs: CallPairsFunction
    let record: RecordFunction
    let initialise: StatsFunction
    let merge: MergeFunction
    let export: ExportFunction
    let statsSize: Int

    /// Compiles the harness with the reference's fast path for f (cached: see ``CompiledLibrary``).
    public init(reference: CorrectlyRoundedReference) throws {
        self.reference = reference
        library = try CompiledLibrary(files: [("reference.c", SweepHarness.source + reference.cSource)],
                                      extraFlags: CompiledLibrary.hostFlags + ["-O3", "-fno-trapping-math"], cached: true)
        sweep = try library.function("mm_sweep", as: SweepFunction.self)
        callPairs = try library.function("mm_call_pairs", as: CallPairsFunction.self)
        record = try library.function("mm_record", as: RecordFunction.self)
        initialise = try library.function("mm_stats_init", as: StatsFunction.self)
        merge = try library.function("mm_stats_merge", as: MergeFunction.self)
        export = try library.function("mm_stats_export", as: ExportFunction.self)
        statsSize = try library.function("mm_stats_size", as: (@convention(c) () -> Int).self)()
    }

    /// Compares the kernel with the reference on `inputs`; stops early (reporting what was checked) when
    /// `shouldStop` returns true. `progress` is called after each chunk, from any thread.
    public func run(_ kernel: KernelUnderTest, check: AccuracyCheck, inputs: SweepInputs, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                    progress: @escaping @Sendable (SweepProgress) -> Void = { _ in }, shouldStop: @escaping @Sendable () -> Bool = { false }) -> AccuracyResult {
        let format = kernel.format
        let fast = reference.hasFastPath
        let referenceAddress = referenceAddress(check.function, format: format)
        // Chunks of milliseconds to tens of milliseconds per thread, so that progress and Ctrl-C are prompt.
        let chunk: UInt64 = !fast ? (format == .f32 ? 1 << 14 : 1 << 10)
            : (format.bitWidth == 16 ? 1 << 12 : (format == .f64 ? 1 << 16 : 1 << 18))
        var chunks: [(list: Bool, begin: UInt64, end: UInt64)] = []
        var generator: (@Sendable (UInt64) -> UInt64)?
        switch inputs {
        case .patterns(let ranges):
            for r in ranges {
                var b = r.lowerBound
                while b < r.upperBound { chunks.append((false, b, Swift.min(b + chunk, r.upperBound))); b = Swift.min(b + chunk, r.upperBound) }
            }
        case .list(let l):
            var b: UInt64 = 0
            while b < UInt64(l.count) { chunks.append((true, b, Swift.min(b + chunk, UInt64(l.count)))); b += chunk }
        case .generated(let n, let element):
            generator = element
            var b: UInt64 = 0
            while b < n { chunks.append((true, b, Swift.min(b + chunk, n))); b += chunk }
        }
        let element = generator
        let list: [UInt64] = { if case .list(let l) = inputs { return l }; return [] }()
        let total = inputs.count
        let state = SharedState()
        let start = Date()
        let workers = Swift.max(1, Swift.min(threads, chunks.count))
        let stats = (0..<workers).map { _ in UnsafeMutableRawPointer.allocate(byteCount: statsSize, alignment: 16) }
        defer { stats.forEach { $0.deallocate() } }
        for s in stats { initialise(s) }
        let capacity = Int(chunk)
        let work = chunks
        let shared = Pointers(reference: referenceAddress, stats: stats)
        list.withUnsafeBufferPointer { listBuffer in
            let listBase = Pointers.List(base: listBuffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let pending = UnsafeMutablePointer<UInt64>.allocate(capacity: 3 * capacity)
                let block = UnsafeMutablePointer<UInt64>.allocate(capacity: element == nil ? 0 : capacity)
                defer { pending.deallocate(); block.deallocate() }
                var unresolved: [UInt64] = []
                var resolved = 0
                while !shouldStop(), let c = state.next(work.count) {
                    let (isList, b, e) = work[c]
                    let n: Int
                    if let element {
                        for i in b..<e { block[Int(i - b)] = element(i) }
                        n = sweep(format.code, kernel.signature.code, Int32(check.output), check.dyMode, check.seed, kernel.address,
                                  shared.reference, UnsafePointer(block), 0, e - b, shared.stats[w], pending, capacity, nil)
                    } else {
                        n = sweep(format.code, kernel.signature.code, Int32(check.output), check.dyMode, check.seed, kernel.address,
                                  shared.reference, isList ? listBase.base : nil, b, e, shared.stats[w], pending, capacity, nil)
                    }
                    precondition(n >= 0, "pending buffer overflow")
                    for i in 0..<n {
                        let (x, dy, out) = (pending[3 * i], pending[3 * i + 1], pending[3 * i + 2])
                        guard let exact = reference.mpfr(check.function, x: format.value(ofBits: x), dy: check.dyMode == 2 ? format.value(ofBits: dy) : 1,
                                                         format: format) else {
                            unresolved.append(x)
                            continue
                        }
                        record(shared.stats[w], format.code, x, dy, out, exact.bits,
                               CorrectlyRoundedReference.ulpError(output: format.value(ofBits: out), exact: exact.exact, format: format))
                        resolved += 1
                    }
                    let done = state.finished(e - b)
                    progress(SweepProgress(checked: done, total: total, seconds: Date().timeIntervalSince(start)))
                }
                state.add(unresolved: unresolved, resolved: resolved)
            }
        }
        for s in stats.dropFirst() { merge(stats[0], s) }
        return result(stats[0], kernel: kernel, check: check, state: state, total: total, seconds: Date().timeIntervalSince(start))
    }

    func result(_ s: UnsafeMutableRawPointer, kernel: KernelUnderTest, check: AccuracyCheck, state: SharedState, total: UInt64, seconds: Double) -> AccuracyResult {
        var counters = [UInt64](repeating: 0, count: SweepHarness.Counter.allCases.count + 4)
        var histogram = [UInt64](repeating: 0, count: SweepHarness.histogramBuckets)
        var binadeCount = [UInt64](repeating: 0, count: SweepHarness.binades)
        var binadeIncorrect = [UInt64](repeating: 0, count: SweepHarness.binades)
        var binadeMax = [Double](repeating: 0, count: SweepHarness.binades)
        var worst = [UInt64](repeating: 0, count: 4 * SweepHarness.worstCount)
        var worstError = [Double](repeating: 0, count: SweepHarness.worstCount)
        export(s, &counters, &histogram, &binadeCount, &binadeIncorrect, &binadeMax, &worst, &worstError)
        func counter(_ c: SweepHarness.Counter) -> UInt64 { counters[c.rawValue] }
        let format = kernel.format
        let n = SweepHarness.Counter.allCases.count
        let worstInputs = (0..<Int(counters[n])).map { i -> AccuracyResult.Case in
            let (x, dy, out, expected) = (worst[4 * i], worst[4 * i + 1], worst[4 * i + 2], worst[4 * i + 3])
            return caseFor(x: x, dy: dy, output: out, expected: expected, check: check, format: format)
        }
        var binades: [AccuracyResult.Binade] = []
        for i in 0..<SweepHarness.binades where binadeCount[i] > 0 {
            binades.append(AccuracyResult.Binade(negative: i >= 2048, biasedExponent: i % 2048, format: format, count: binadeCount[i],
                                                 incorrect: binadeIncorrect[i], maxError: binadeMax[i]))
        }
        var buckets: [AccuracyResult.Bucket] = []
        for (i, n) in histogram.enumerated() {
            let label: String
            switch i {
            case 0: label = "0"
            case 1: label = "<= 0.5"
            case SweepHarness.histogramBuckets - 1: label = "> \(Int(pow(2.0, Double(i - 3))))"
            default: label = "<= \(Int(pow(2.0, Double(i - 2))))"
            }
            buckets.append(AccuracyResult.Bucket(label: label, count: n))
        }
        while let last = buckets.last, last.count == 0, buckets.count > 3 { buckets.removeLast() }
        let unresolved = state.unresolved.sorted()
        let maxFinite = Double(bitPattern: counters[n + 3])
        let finiteAt = maxFinite > 0 ? format.value(ofBits: counters[n + 1]) : nil
        let finiteDy = maxFinite > 0 && check.dyMode == 2 ? format.value(ofBits: counters[n + 2]) : nil
        return AccuracyResult(
            format: format, kernel: kernel.symbol, signature: kernel.signature, check: check,
            expression: reference.expression.description, planned: total, checked: counter(.checked),
            interrupted: counter(.checked) + UInt64(unresolved.count) < total,
            incorrectlyRounded: counter(.incorrect), nanFailures: counter(.nanFailures), zeroSignFailures: counter(.zeroSignFailures),
            overOneUlp: counter(.overOneUlp), exact: counter(.exact), decidedByMPFR: UInt64(state.resolved),
            unresolved: unresolved.prefix(20).map { format.value(ofBits: $0) }, unresolvedCount: UInt64(unresolved.count),
            maxError: worstInputs.first?.error ?? 0, maxFiniteError: maxFinite, maxFiniteErrorAt: finiteAt,
            maxFiniteErrorDy: finiteDy, worst: worstInputs, histogram: buckets, binades: binades, seconds: seconds)
    }

    /// One input with its exact value (30 significant digits): recomputed by MPFR, or for NaN, ±∞ and ±0
    /// the reference's exact answer `expected`.
    func caseFor(x: UInt64, dy: UInt64, output: UInt64, expected: UInt64?, check: AccuracyCheck, format: FloatFormat) -> AccuracyResult.Case {
        let xv = format.value(ofBits: x), dv = format.value(ofBits: dy), ov = format.value(ofBits: output)
        let special = !xv.isFinite || xv == 0
        let exact: (bits: UInt64, exact: BigFloat)?
        if special, let e = expected {
            exact = (e, BigFloat(format.value(ofBits: e), precision: 53))
        } else {
            exact = reference.mpfr(check.function, x: xv, dy: check.dyMode == 2 ? dv : 1, format: format)
        }
        if exact == nil, let e = expected {
            // MPFR's exponent range ends near 2^(-2^30): f(x) beyond it is one the double enclosure decided.
            let v = format.value(ofBits: e)
            return AccuracyResult.Case(x: xv, xBits: x, dy: check.dyMode == 2 ? dv : nil, output: ov, outputBits: output, expected: v,
                                       expectedBits: e, exact: "beyond MPFR's exponent range; rounds to \(v)",
                                       error: CorrectlyRoundedReference.ulpError(output: ov, exact: BigFloat(v, precision: 53), format: format))
        }
        let error = exact.map { CorrectlyRoundedReference.ulpError(output: ov, exact: $0.exact, format: format) } ?? .nan
        var text = "undecided"
        if let e = exact?.exact {
            if e.isNaN { text = "nan" }
            else if e.isInfinite { text = e.hasSignBit ? "-inf" : "inf" }
            else if e.isZero { text = e.hasSignBit ? "-0" : "0" }
            else { text = e.decimalString(significantDigits: 30) }
        }
        let expectedBits = exact?.bits ?? expected
        return AccuracyResult.Case(x: xv, xBits: x, dy: check.dyMode == 2 ? dv : nil, output: ov, outputBits: output,
                                   expected: expectedBits.map { format.value(ofBits: $0) }, expectedBits: expectedBits,
                                   exact: text, error: error)
    }

    /// The compiled reference for `function` in `format`: the double enclosure where it can decide, else
    /// none (every input goes to MPFR).
    func referenceAddress(_ function: CorrectlyRoundedReference.Function, format: FloatFormat) -> UnsafeMutableRawPointer? {
        let fast = reference.hasFastPath
        if format == .f64 {
            return library.address(of: fast ? (function == .value ? "mm_ref64_value" : "mm_ref64_derivative") : "mm_reference64_none")
        }
        return library.address(of: fast ? (function == .value ? "mm_ref_value" : "mm_ref_derivative") : "mm_reference_none")
    }

    /// Runs the harness on `inputs` one by one in trace mode: for each, the expected bits (nil when left to
    /// MPFR) and the kernel's output. Nothing is recorded.
    func traced(_ format: FloatFormat, signature: KernelSignature, output: Int, dyMode: Int32, kernel: UnsafeMutableRawPointer,
                reference: UnsafeMutableRawPointer?, inputs: [UInt64]) -> [(expected: UInt64?, output: UInt64)] {
        guard !inputs.isEmpty else { return [] }
        let s = UnsafeMutableRawPointer.allocate(byteCount: statsSize, alignment: 16)
        defer { s.deallocate() }
        initialise(s)
        let pending = UnsafeMutablePointer<UInt64>.allocate(capacity: 3 * inputs.count)
        defer { pending.deallocate() }
        var trace = [UInt64](repeating: 0, count: 2 * inputs.count)
        _ = inputs.withUnsafeBufferPointer { list in
            sweep(format.code, signature.code, Int32(output), dyMode, 0, kernel, reference, list.baseAddress, 0, UInt64(inputs.count),
                  s, pending, inputs.count, &trace)
        }
        return inputs.indices.map { (trace[2 * $0] == UInt64.max ? nil : trace[2 * $0], trace[2 * $0 + 1]) }
    }

    /// The fast reference's answers for `inputs` (bit patterns): the correctly rounded bits where the double
    /// enclosure decides, nil where it leaves the input to MPFR (always nil for f64 or without a fast path).
    public func fastReferenceDecisions(_ function: CorrectlyRoundedReference.Function, format: FloatFormat, inputs: [UInt64]) -> [UInt64?] {
        let zero = library.address(of: format == .f32 ? "mm_zero_f32" : (format == .f64 ? "mm_zero_f64" : "mm_zero_half"))!
        return traced(format, signature: .array, output: 0, dyMode: 0, kernel: zero,
                      reference: referenceAddress(function, format: format), inputs: inputs).map(\.expected)
    }

    /// The special inputs of a format (NaN, ±∞, ±0, the extreme subnormals and normals) with the kernel's
    /// result and the correctly rounded one (dy = 1 for a backward kernel).
    public func specialValues(_ kernel: KernelUnderTest, check: AccuracyCheck) -> [AccuracyResult.Case] {
        let f = kernel.format
        var bits = [Double.nan, .infinity, -.infinity, 0, -0.0].map { f.bits(ofExact: $0)! }
        let smallestSubnormal: UInt64 = 1, largestSubnormal = (UInt64(1) << UInt64(f.precision - 1)) - 1
        let smallestNormal = UInt64(1) << UInt64(f.precision - 1), largest = f.infinityBits - 1
        for b in [smallestSubnormal, largestSubnormal, smallestNormal, largest] { bits += [b, b | f.signMask] }
        let unitDy = AccuracyCheck(function: check.function, output: check.output, dy: check.dyMode == 2 ? .one : check.dy)
        let results = traced(f, signature: kernel.signature, output: check.output, dyMode: unitDy.dyMode, kernel: kernel.address,
                             reference: referenceAddress(check.function, format: f), inputs: bits)
        let one = f.bits(ofExact: 1)!
        return zip(bits, results).map { x, r in caseFor(x: x, dy: one, output: r.output, expected: r.expected, check: unitDy, format: f) }
    }

    /// A backward kernel at special dy (±0, ±∞, NaN) for a few ordinary x (±1, ±2⁻¹⁰, ±20) and ±0, against IEEE's
    /// product of dy with the exact f′(x) (a zero with the sign of the product, ∞·0 = NaN, NaN for NaN): the random dy
    /// of the sweeps lie in [2⁻⁸, 2⁸). Empty for other checks, and where f′(x) is not decided.
    public func specialDy(_ kernel: KernelUnderTest, check: AccuracyCheck) -> [AccuracyResult.Case] {
        guard check.function == .derivative, check.dyMode == 2 else { return [] }
        let f = kernel.format
        let xs = [1.0, -1.0, 0x1p-10, -0x1p-10, 20, -20, 0, -0.0]
        let dys = [0.0, -0.0, .infinity, -.infinity, .nan]
        var pairs: [(x: Double, dy: Double, expected: Double, exact: String)] = []
        for x in xs {
            guard let slope = reference.mpfr(.derivative, x: x, format: f)?.exact, !slope.isNaN else { continue }
            let negative = slope.hasSignBit
            for dy in dys {
                let expected: Double
                if dy.isNaN || (dy.isInfinite && slope.isZero) || (dy == 0 && slope.isInfinite) {
                    expected = .nan
                } else {
                    let magnitude: Double = dy.isInfinite || slope.isInfinite ? .infinity : 0
                    expected = (dy.sign == .minus) != negative ? -magnitude : magnitude
                }
                let text = expected.isNaN ? "nan" : (expected.isInfinite ? "inf" : "0")
                pairs.append((x, dy, expected, expected.sign == .minus && !expected.isNaN ? "-" + text : text))
            }
        }
        let xBits = pairs.map { f.bits(ofExact: $0.x)! }, dyBits = pairs.map { f.bits(ofExact: $0.dy)! }
        var out = [UInt64](repeating: 0, count: pairs.count)
        callPairs(f.code, kernel.signature.code, Int32(check.output), kernel.address, xBits, dyBits, &out, pairs.count)
        return pairs.indices.map { i in
            let output = f.value(ofBits: out[i]), expectedBits = f.bits(ofExact: pairs[i].expected)!
            let correct = pairs[i].expected.isNaN ? output.isNaN : out[i] == expectedBits
            return AccuracyResult.Case(x: pairs[i].x, xBits: xBits[i], dy: pairs[i].dy, output: output, outputBits: out[i],
                                       expected: pairs[i].expected, expectedBits: expectedBits, exact: pairs[i].exact,
                                       error: correct ? 0 : .infinity)
        }
    }

    /// The C-side memory the workers share: each writes only its own stats block.
    struct Pointers: @unchecked Sendable {
        let reference: UnsafeMutableRawPointer?
        let stats: [UnsafeMutableRawPointer]
        struct List: @unchecked Sendable { let base: UnsafePointer<UInt64>? }
    }

    final class SharedState: @unchecked Sendable {
        private let lock = NSLock()
        private var nextChunk = 0
        private var done: UInt64 = 0
        private(set) var unresolved: [UInt64] = []
        private(set) var resolved = 0

        func next(_ count: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard nextChunk < count else { return nil }
            nextChunk += 1
            return nextChunk - 1
        }
        func finished(_ n: UInt64) -> UInt64 {
            lock.lock(); defer { lock.unlock() }
            done += n
            return done
        }
        func add(unresolved u: [UInt64], resolved r: Int) {
            lock.lock(); defer { lock.unlock() }
            unresolved += u
            resolved += r
        }
    }
}
