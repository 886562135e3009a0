/// What both emitters share: the kernel's identity and its body as one statement per live IR operation.
public protocol KernelSource {
    var name: String { get }
    var kind: KernelLowering.Kind { get }
    var type: KernelLowering.OutputType { get }
    var ir: KernelIR { get }
    /// Lines for the header comment (expression, derived form, tier, bound, the command that regenerates it).
    var description: [String] { get }
    /// How the target spells the arithmetic operations (+ − × ÷ fma) on the values `a`, `b`, `c` in `format`.
    static func arithmetic(_ operation: KernelIR.Operation, _ a: String, _ b: String, _ c: String, in format: KernelIR.Arithmetic) -> String
    /// How the target spells +∞ in `format`.
    static func infinity(in format: KernelIR.Arithmetic) -> String
}

extension KernelSource {
    /// `<name>_<kernel>_<dtype>`, the array entry point.
    public var function: String { "\(name)_\(kind.rawValue)_\(type.rawValue)" }
    public var scalarFunction: String { function + "_scalar" }

    /// The C type of the arithmetic: double or float.
    var computeType: String { ir.arithmetic == .double ? "double" : "float" }
    /// The helpers' infix: `exp` for double, `expf` for binary32.
    var expName: String { ir.arithmetic == .double ? "exp" : "expf" }

    /// A constant of the arithmetic as a C literal (binary32 with the f suffix).
    func literal(_ c: Double) -> String {
        if c.isInfinite { return (c < 0 ? "-" : "") + Self.infinity(in: ir.arithmetic) }
        return CEmitter.literal(c) + (ir.arithmetic == .single ? "f" : "")
    }

    /// `const double vN = …;` (float in binary32 arithmetic) for each live operation, in IR order: the targets
    /// differ only in how they spell arithmetic, so they perform the same operations in the same order.
    /// `operations`: a subset of the live operations (IR order) instead of all; `loaded`: values read from
    /// where an earlier pass stored them instead of computed.
    /// `elements` (f32 kernels): the inputs as the element type. A comparison of an input with a constant
    /// that binary32 holds exactly is spelled on the element (the widening is exact, so the outcome is the
    /// same): its mask then has the element's lanes, which is what a select after the narrowing needs.
    /// `roots`: the values the caller uses (the outputs unless given); operations that no root needs once
    /// the element spellings are in place are left out.
    func statements(inputs: [String], elements: [String] = [], operations: [Int]? = nil,
                    loaded: [Int: String] = [:], roots: [Int]? = nil) -> [String] {
        let f = ir.arithmetic
        func comparand(_ v: Int, against other: Int) -> String? {
            guard type == .f32, case .input(let n) = ir.operations[v], n < elements.count,
                  case .constant(let bits) = ir.operations[other] else { return nil }
            let c = Double(bitPattern: bits)
            return Double(Float(c)) == c ? elements[n] : nil
        }
        func asElement(_ v: Int) -> String { f == .double ? "(float)v\(v)" : "v\(v)" }
        /// The exponential's argument max(−|x|, A) of an f32 kernel in double, spelled on the element in binary32
        /// where binary32 holds A: −|x| is exact in both formats and widening keeps the order (of the values, and
        /// of the bit patterns for the integer minimum), so the value is the same, from half as many vector lanes.
        func elementArgument(_ i: Int) -> String? {
            guard type == .f32, f == .double, let x = elements.first else { return nil }
            let magnitude: Int, floor: Int, integerMinimum: Bool
            switch ir.operations[i] {
            case .raiseToFloor(let a, let b): (magnitude, floor, integerMinimum) = (a, b, true)
            case .selectLess(let a, let b, let t, let e) where t == b && e == a: (magnitude, floor, integerMinimum) = (a, b, false)
            default: return nil
            }
            guard case .negate(let m) = ir.operations[magnitude], case .absolute(let v) = ir.operations[m],
                  case .input(0) = ir.operations[v], case .constant(let bits) = ir.operations[floor],
                  case let lowest = Double(bitPattern: bits), lowest < 0, Double(Float(lowest)) == lowest else { return nil }
            let bound = CEmitter.literal(lowest) + "f"
            return integerMinimum ? "(double)\(name)_exp_argument_f32(\(x), \(bound))"
                                  : "(double)((-fabsf(\(x)) < \(bound)) ? \(bound) : -fabsf(\(x)))"
        }
        let listed = operations ?? ir.live
        let spelled = Dictionary(uniqueKeysWithValues: listed.compactMap { i in elementArgument(i).map { (i, $0) } })
        var needed = Set(roots ?? ir.outputs)
        for i in listed.reversed() where needed.contains(i) && loaded[i] == nil && spelled[i] == nil {
            needed.formUnion(ir.operations[i].operands)
        }
        return listed.filter(needed.contains).map { i in
            let e: String
            let op = ir.operations[i]
            if let value = loaded[i] ?? spelled[i] { return "    const \(computeType) v\(i) = \(value);" }
            switch op {
            case .input(let n): e = inputs[n]
            case .constant(let bits): e = literal(Double(bitPattern: bits))
            case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b):
                e = Self.arithmetic(op, "v\(a)", "v\(b)", "", in: f)
            case .fma(let a, let b, let c): e = Self.arithmetic(op, "v\(a)", "v\(b)", "v\(c)", in: f)
            case .negate(let a): e = "-v\(a)"
            case .absolute(let a): e = f == .double ? "fabs(v\(a))" : "fabsf(v\(a))"
            case .expMantissa(let a): e = "\(name)_\(expName)_mantissa(v\(a))"
            case .expMinusOne(let a): e = "\(name)_\(expName)_minus_one(v\(a))"
            case .scaleByClampedExp(let v, let a): e = "\(name)_\(expName)_scale_clamped(v\(v), v\(a))"
            case .raiseToFloor(let a, let floor): e = "\(name)_\(expName)_floor(v\(a), v\(floor))"
            case .scaleLargeByExpWhereLess(let v, let a, let c, let b, let offset):
                e = "\(name)_\(expName)_scale_large(v\(v), v\(a), \(comparand(c, against: b) ?? "v\(c)") < \(asElement(b)), \(offset))"
            case .selectLess(let a, let b, let t, let f):
                if let x = comparand(a, against: b) {
                    e = "(\(x) < \(asElement(b))) ? v\(t) : v\(f)"
                } else if let x = comparand(b, against: a) {
                    e = "(\(asElement(a)) < \(x)) ? v\(t) : v\(f)"
                } else {
                    e = "(v\(a) < v\(b)) ? v\(t) : v\(f)"
                }
            case .scaleByExp(let v, let a, let m): e = "\(name)_\(expName)_scale(v\(v), v\(a), \(m))"
            case .scaleByExpTimes(let v, let t, let a, let m): e = "\(name)_\(expName)_scale_times(v\(v), v\(t), v\(a), \(m))"
            case .scaleByNormalExp(let v, let a, let m): e = "\(name)_\(expName)_scale_normal(v\(v), v\(a), \(m))"
            case .roundToOdd(let hi, let lo): e = "\(name)_round_to_odd(v\(hi), v\(lo))"
            case .scaleByPowerOfTwo(let v, let k): e = "\(name)_scale_pow2(v\(v), v\(k))"
            case .libm(let function, let a): e = "\(function.name(in: f))(v\(a))"
            }
            return "    const \(computeType) v\(i) = \(e);"
        }
    }

    /// Whether the body scales by a computed power of two (the double-double kernels), which needs the
    /// `_scale_pow2` helper.
    /// Whether a double-arithmetic body folds dy into the final scaling (the fast f64 backward kernels), which
    /// needs the double `scale_times` helper, emitted under its own guard.
    var scalesTimesInDouble: Bool {
        ir.arithmetic == .double && ir.live.contains { if case .scaleByExpTimes = ir.operations[$0] { return true } else { return false } }
    }

    /// Whether the body calls the exponential's helpers (and round-to-odd, which they hold): every kernel but
    /// those of ``LibmLowering``, which call the math library.
    var callsHelpers: Bool {
        !(ir.live + ir.fallbackLive).allSatisfy {
            switch ir.operations[$0] {
            case .input, .constant, .add, .subtract, .multiply, .divide, .fma, .negate, .absolute, .selectLess, .libm: return true
            default: return false
            }
        }
    }

    var scalesByPowerOfTwo: Bool {
        (ir.live + ir.fallbackLive).contains { if case .scaleByPowerOfTwo = ir.operations[$0] { return true } else { return false } }
    }

    /// The call of ``RoundingFallback/boundaryKey(_:)`` on `v`.
    func boundaryKey(_ v: String, _ fallback: RoundingFallback) -> String {
        "\(name)_boundary_key(\(v), \(fallback.discardedBits), \(CEmitter.literal(fallback.smallestNormal)), \(fallback.tolerance))"
    }

    /// `<function>_fallback` (fused: `_fallback_y`, `_fallback_dydx`): output i again where it comes from the
    /// generic form, in double-double.
    func fallbackFunction(_ i: Int) -> String {
        function + "_fallback" + (kind == .fused ? (i == 0 ? "_y" : "_dydx") : "")
    }

    /// The fallback of output i: its parameters (after the qualifiers) are the scalar function's inputs and the
    /// output's double r; it returns r, or the double-double value rounded to odd where r is the generic form's.
    func fallbackDefinition(_ i: Int, _ fallback: RoundingFallback, qualifiers: String, element: String,
                            inputs: [String], elements: [String]) -> String {
        let roots = [fallback.values[i], fallback.tags[i]]
        let parameters = (kind == .backward ? "\(element) x, \(element) dy" : "\(element) x") + ", double r"
        let body = statements(inputs: inputs, elements: elements, operations: ir.dependencies(of: roots), roots: roots)
        return (["\(qualifiers) double \(fallbackFunction(i))(\(parameters)) {"] + body
                + ["    return (0.0 < v\(roots[1])) ? v\(roots[0]) : r;", "}"]).joined(separator: "\n")
    }

    /// The scalar function's results: without a fallback, the outputs; with one, `rN`, each replaced by its
    /// fallback where it lies near a rounding boundary.
    func resultStatements() -> (lines: [String], results: [String]) {
        guard let fallback = ir.fallback else { return ([], ir.outputs.map { "v\($0)" }) }
        let arguments = kind == .backward ? "x, dy" : "x"
        let lines = ir.outputs.enumerated().flatMap { i, v in
            ["    double r\(i) = v\(v);",
             "    if (\(boundaryKey("r\(i)", fallback)) <= \(2 * fallback.tolerance)) r\(i) = \(fallbackFunction(i))(\(arguments), r\(i));"]
        }
        return (lines, ir.outputs.indices.map { "r\($0)" })
    }

    var comment: String {
        (["/*"] + description.map { " * " + $0 } + ir.notes.map { " * " + $0 } + [" */"]).joined(separator: "\n")
    }
}
