import ArgumentParser
import MishAccuracy
import MishKernels
import MishAnalysis
import MishNumbers
import MishSeries
import MishSymbolic

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The whole analysis of mish in one go (the default command).",
        discussion: """
        Sections: values of mish(x) and of its first derivative (derived symbolically by the \
        engine) at points across the real line, each certified to the requested number of significant \
        digits by interval arithmetic (see `mish-math eval --help`); the Maclaurin series with its radius of \
        convergence and the expansions at +inf and -inf with their regions (see `mish-math series --help`); \
        the certified global minimum, the inflection points and the bounds of the gradient (see `mish-math \
        minimum --help` and `mish-math critical-points --help`); the properties table of mish (see \
        `mish-math properties --help`); the accuracy of the generated correctly-rounded kernels, forward and \
        f' (see `mish-math verify --help`): f16 and bf16 on every input, f32 on 10^6 random bit patterns \
        (--exhaustive-accuracy: all 2^32, about 2 minutes per kernel on 2 cores).
        """
    )

    @Option(help: ArgumentHelp("Significant digits of each value, 1...\(DecimalCertifier.maximumDigits).", valueName: "D"))
    var digits: Int = 40

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(name: .customLong("exhaustive-accuracy"), help: "Check the f32 kernels on all 2^32 inputs (about 2 minutes per kernel) instead of 10^6 samples.")
    var exhaustiveAccuracy = false

    /// The sample points: the tails, the global minimum's neighbourhood (the seed's −1.1924), the origin.
    static let points = ["-20", "-5", "-2", "-1.1924", "-1", "-1/2", "0", "1/2", "1", "2", "5", "20"]

    func validate() throws { try validateDigits(digits) }

    func run() throws {
        let f = Expr.mish
        let df = f.derivative()
        var rows: [ReportRow] = []
        for text in Report.points {
            let point = EvaluationPoint.finite(try ExprParser.parse(text))
            rows.append(ReportRow(x: text,
                                  value: ValueRecord(try certified(f, at: point, digits: digits)),
                                  derivative: ValueRecord(try certified(df, at: point, digits: digits))))
        }
        let normal = ExpRational(f)?.derivative()
        let series = try seriesSection(f)
        let extrema = try extremaSection(f)
        let properties = try ActivationProperties(f).cells.map {
            PropertiesRecord.Cell(name: $0.name, value: $0.cell.value, how: $0.cell.how, certified: $0.cell.certified)
        }
        let accuracy = try accuracySection(f)
        let report = ReportRecord(function: f.description, derivative: df.description,
                                  derivativeNormalForm: normal?.text, digits: digits, values: rows, series: series,
                                  extrema: extrema, properties: properties, accuracy: accuracy)
        switch format {
        case .json: print(try jsonText(report))
        case .text: print(report.text)
        }
    }
}

extension Report {
    /// The generated correctly-rounded kernels (forward, and f′ as the backward kernel with dy = 1) verified:
    /// f16 and bf16 on every input, f32 on 10⁶ random bit patterns or, on request, on all 2³².
    func accuracySection(_ f: Expr) throws -> [AccuracyRow] {
        let reference = CorrectlyRoundedReference(f)
        let sweep = try AccuracySweep(reference: reference)
        var rows: [AccuracyRow] = []
        for type in [FloatFormat.f32, .f16, .bf16] {
            for kind in [KernelLowering.Kind.forward, .backward] {
                let (kernel, _) = try Verify.generatedKernel(f, text: "mish(x)", kernel: kind, type: type, accuracy: .correctlyRounded)
                let inputs: SweepInputs
                if type == .f32 && !exhaustiveAccuracy {
                    inputs = .samples(1_000_000, seed: 2024, type)
                } else {
                    inputs = .all(type)
                }
                let check = AccuracyCheck(function: kind == .forward ? .value : .derivative, dy: kind == .forward ? .none : .one)
                let r = sweep.run(kernel, check: check, inputs: inputs)
                rows.append(AccuracyRow(kernel: kernel.symbol, function: kind == .forward ? "f" : "f' (dy = 1)",
                                        inputs: type == .f32 && !exhaustiveAccuracy ? "10^6 random f32 bit patterns" : "all \(r.planned)",
                                        checked: r.checked, incorrectlyRounded: r.incorrectlyRounded, maxError: r.maxError,
                                        maxErrorAt: r.worst.first?.x))
            }
        }
        return rows
    }

    /// The Maclaurin series with its radius, and the expansions at ±∞ with their regions.
    func seriesSection(_ f: Expr) throws -> SeriesSection? {
        guard let normal = ExpRational(f) else { return nil }
        let terms = 8
        let expansion = try TaylorExpansion.expand(f, order: terms)
        guard case .exact(let cs) = expansion.coefficients, let radius = expansion.radius else { return nil }
        let maclaurin = Expr.sum(cs.enumerated().map { Expr.number($0.element) * Expr.x.pow($0.offset) })
        let radiusValue = try radius.value(digits: digits)
        var atInfinity: [String] = []
        for direction in [AsymptoticExpansion.Direction.plusInfinity, .minusInfinity] {
            let e = try normal.asymptoticExpansion(direction, order: 6)
            let sum = e.expr
            let boundary = try e.radius.value(digits: 20)
            atInfinity.append("at \(direction.rawValue): \(sum) + ...,  converges for \(e.radius.statement) = \(boundary.text)")
        }
        return SeriesSection(maclaurin: "\(maclaurin) + O(x^\(terms))", radiusClosedForm: radius.statement,
                             radius: radiusValue.text, radiusCertified: radiusValue.isCertified, atInfinity: atInfinity)
    }
}

extension Report {
    /// The global minimum, the inflection points (zeros of f″) and the range of f′.
    func extremaSection(_ f: Expr) throws -> ExtremaSection {
        let minimum = try MinimumOutcome(try analyse(f, digits: digits))
        let inflections: [DerivativeZeros]
        let gradient: GlobalRange
        do {
            inflections = [try DerivativeZeros(of: f, order: 2, range: nil, digits: digits)]
            gradient = try GlobalRange(of: derivativeExpr(f, order: 1), digits: digits)
        } catch let e as RootRefinementError {
            throw failure(e.description)
        }
        let points = CriticalPointsRecord(expression: f.description, range: nil, digits: digits, lists: inflections,
                                          gradient: gradient)
        return ExtremaSection(minimum: MinimumRecord(expression: f.description, digits: digits, outcome: minimum),
                              inflectionPoints: points.derivatives[0], gradientBounds: points.gradientBounds!)
    }
}

struct ExtremaSection: Encodable {
    let minimum: MinimumRecord
    let inflectionPoints: CriticalPointsRecord.ListRecord
    let gradientBounds: CriticalPointsRecord.Bounds
}

struct SeriesSection: Encodable {
    let maclaurin: String
    let radiusClosedForm: String
    let radius: String
    let radiusCertified: Bool
    let atInfinity: [String]
}

struct AccuracyRow: Encodable {
    let kernel: String
    let function: String
    let inputs: String
    let checked: UInt64
    let incorrectlyRounded: UInt64
    let maxError: Double
    let maxErrorAt: Double?
}

struct ReportRow: Encodable {
    let x: String
    let value: ValueRecord
    let derivative: ValueRecord
}

/// `report --format json`: {"function", "derivative", "derivative_normal_form", "digits", "values": [{"x", "value": {...},
/// "derivative": {...}}], "series", "extrema": {"minimum", "inflection_points", "gradient_bounds"}, "properties",
/// "accuracy": [{"kernel", "function", "inputs", "checked", "incorrectly_rounded", "max_error", "max_error_at"}]};
/// each value as in `eval --format json`, the minimum as in `minimum --format json`.
struct ReportRecord: Encodable {
    let function: String
    let derivative: String
    let derivativeNormalForm: String?
    let digits: Int
    let values: [ReportRow]
    let series: SeriesSection?
    let extrema: ExtremaSection
    let properties: [PropertiesRecord.Cell]
    let accuracy: [AccuracyRow]

    var text: String {
        var lines = [
            "mish-math report",
            "",
            "f(x)  = \(function)  =  x*tanh(ln(1 + e^x))",
            "f'(x) = \(derivative)",
        ] + (derivativeNormalForm.map { ["      = \($0)   (normal form, u = e^x)"] } ?? []) + [
            "",
            "Values to \(digits) significant digits, each certified by interval arithmetic",
            "(* marks a value whose last digit could not be certified):",
            "",
        ]
        let w = max(values.map { $0.value.value.count }.max() ?? 0, 4)
        let xw = max(values.map(\.x.count).max() ?? 0, 1)
        lines.append("  " + "x".padding(toLength: xw, withPad: " ", startingAt: 0) + "   "
                     + "f(x)".padding(toLength: w + 1, withPad: " ", startingAt: 0) + "   f'(x)")
        for r in values {
            let v = r.value.value + (r.value.certified ? " " : "*")
            let d = r.derivative.value + (r.derivative.certified ? "" : "*")
            lines.append("  " + r.x.padding(toLength: xw, withPad: " ", startingAt: 0) + "   "
                         + v.padding(toLength: w + 1, withPad: " ", startingAt: 0) + "   " + d)
        }
        if let s = series {
            lines += ["", "Series (exact coefficients; see mish-math series):",
                      "  at 0:    \(s.maclaurin)",
                      "           radius of convergence \(s.radiusClosedForm) = \(s.radius)\(s.radiusCertified ? "" : " (not certified)")"]
            lines += s.atInfinity.map { "  " + $0 }
        }
        let m = extrema.minimum
        lines += ["", "Extrema (certified; see mish-math minimum, critical-points):",
                  "  global minimum: x* = \(m.x)",
                  "                  f(x*) = \(m.value)",
                  "                  global: \(m.global ? "certified" : "not certified: " + (m.globalReason ?? ""))"]
        lines += extrema.inflectionPoints.zeros.map {
            "  \($0.kind.hasPrefix("inflection") ? "inflection point" : "f'' = 0"): x = \($0.x)  (\($0.kind))"
        }
        lines.append("  gradient bounds: f' in [\(extrema.gradientBounds.lower), \(extrema.gradientBounds.upper)]")
        lines += ["", "Properties (see mish-math properties):"]
        lines += properties.map { "  \($0.name): \($0.value)" }
        lines += ["", "Accuracy of the generated correctly-rounded kernels (see mish-math verify, docs/accuracy.md):"]
        for a in accuracy {
            lines.append("  \(a.kernel.padding(toLength: 20, withPad: " ", startingAt: 0)) \(a.function.padding(toLength: 12, withPad: " ", startingAt: 0)) "
                         + "\(a.inputs): \(a.incorrectlyRounded) incorrectly rounded, max error \(VerifyRecord.ulps(a.maxError)) ulp")
        }
        return lines.joined(separator: "\n")
    }
}
