import ArgumentParser
import Foundation
import MishAnalysis
import MishNumbers
import MishSymbolic

struct CriticalPoints: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "critical-points",
        abstract: "All certified zeros of f′, f″ and f‴: extrema, inflection points, and the bounds of the gradient.",
        discussion: """
        For k = 1, 2, 3 every zero of the k-th derivative is isolated by interval branch-and-bound (on \
        --range, or on the whole real line with the tails proven free of zeros), refined by Newton's method \
        with precision doubling and certified by an interval Newton step (see `mish-math minimum --help`). \
        Each zero is classified by the sign of the next derivative: f′ = 0 gives the local minima and \
        maxima of f; f″ = 0 the inflection points of f, which are the extrema of f′; f‴ = 0 the extrema \
        of f″. The gradient bounds are the certified range of f′ over the real line (for mish, \
        f′ ∈ [-0.1125..., 1.0885...]).

        A list is marked complete only when every zero in the range was isolated; otherwise the reason is \
        printed and the exit status is 3.

        JSON: {"expression", "range" ([A, B] or null for the real line), "digits", "derivatives": [{"order", \
        "complete", "reason", "zeros": [{"x", "x_enclosure", "kind", "values": {"f": ..., "f'": ...}, \
        "certified"}]}], "gradient_bounds": {"lower", "upper"} (null with --range)}; see docs/cli.md.

        Examples:
          mish-math critical-points
          mish-math critical-points 'gelu(x)' --range -5,5 --digits 20
        """
    )

    @Argument(help: "The expression (default: mish(x)); '-' reads it from standard input.")
    var expression: String = "mish(x)"

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Search only A <= x <= B (numbers), e.g. --range -5,5; default: the whole real line.",
                               valueName: "A,B"))
    var range: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Significant digits, 1...\(CriticalPoints.maximumDigits).", valueName: "D"))
    var digits: Int = 20

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    /// Many roots at once; the certified minimum alone goes to 10⁶ digits.
    static let maximumDigits = 10_000

    func validate() throws {
        guard (1...CriticalPoints.maximumDigits).contains(digits) else {
            throw ValidationError("--digits must be between 1 and \(CriticalPoints.maximumDigits) (got \(digits)); "
                + "for more digits of the minimum use `mish-math minimum --digits D` (up to \(DecimalCertifier.maximumDigits))")
        }
        if let range { _ = try CriticalPoints.parseRange(range) }
    }

    static func parseRange(_ text: String) throws -> (lower: BigFloat, upper: BigFloat) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), a.isFinite, b.isFinite else {
            throw ValidationError("--range must be two finite numbers A,B (got '\(text)'), e.g. --range -5,5")
        }
        guard a < b else { throw ValidationError("--range A,B needs A < B (got \(text))") }
        return (BigFloat(a), BigFloat(b))
    }

    func run() throws {
        let expr = try parseExpression(try expressionText(expression), what: "the expression")
        let bounds = try range.map(CriticalPoints.parseRange)
        let lists: [DerivativeZeros]
        let gradient: GlobalRange?
        do {
            lists = try (1...3).map { try DerivativeZeros(of: expr, order: $0, range: bounds, digits: digits) }
            gradient = bounds == nil ? try GlobalRange(of: derivativeExpr(expr, order: 1), digits: digits) : nil
        } catch let e as RootRefinementError {
            throw failure(e.description)
        }
        let record = CriticalPointsRecord(expression: expr.description, range: range, digits: digits, lists: lists, gradient: gradient)
        switch format {
        case .text: print(record.text)
        case .json: print(try jsonText(record))
        }
        let incomplete = record.derivatives.filter { !$0.complete }
        let uncertified = record.derivatives.flatMap(\.zeros).filter { !$0.certified }
        if !incomplete.isEmpty || !uncertified.isEmpty {
            StandardError.write("mish-math: warning: \(incomplete.count) list(s) not proven complete, "
                + "\(uncertified.count) value(s) not certified")
            throw ExitCode(ExitStatus.uncertified)
        }
    }
}

/// The JSON (and text) form of `critical-points`.
struct CriticalPointsRecord: Encodable {
    struct ZeroRecord: Encodable {
        let x: String
        let xEnclosure: [String]
        let kind: String
        let values: [String: String]
        let certified: Bool
    }
    struct ListRecord: Encodable {
        let order: Int
        let complete: Bool
        let reason: String?
        let zeros: [ZeroRecord]
    }
    struct Bounds: Encodable {
        let lower: String
        let upper: String
        let lowerHow: String
        let upperHow: String
    }

    let expression: String
    let range: [String]?
    let digits: Int
    let derivatives: [ListRecord]
    let gradientBounds: Bounds?

    static let names = ["f", "f'", "f''", "f'''"]

    init(expression: String, range: String?, digits: Int, lists: [DerivativeZeros], gradient: GlobalRange?) {
        self.expression = expression
        self.range = range.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        self.digits = digits
        derivatives = lists.map { list in
            ListRecord(order: list.order, complete: list.completeness == nil, reason: list.completeness,
                       zeros: list.zeros.map { z in
                           var values: [String: String] = [:]
                           for (j, v) in z.values.enumerated() { values[CriticalPointsRecord.names[j]] = v.text }
                           return ZeroRecord(x: z.root.x.text, xEnclosure: enclosureStrings(z.root.x.enclosure, digits: digits + 5),
                                             kind: CriticalPointsRecord.kind(order: list.order, slope: z.slope),
                                             values: values,
                                             certified: z.root.x.isCertified && z.values.allSatisfy(\.isCertified))
                       })
        }
        gradientBounds = gradient.map { g in
            let lo = describe(g.lower, least: true), hi = describe(g.upper, least: false)
            return Bounds(lower: lo.value, upper: hi.value, lowerHow: lo.how, upperHow: hi.how)
        }
    }

    static func kind(order: Int, slope: Int) -> String {
        if slope == 0 {
            let f = ["f", "f'", "f''"][min(order, 3) - 1]
            return "stationary point of \(f), not an extremum (a zero of even multiplicity)"
        }
        let extremum = slope > 0 ? "minimum" : "maximum"
        switch order {
        case 1: return "local \(extremum) of f"
        case 2: return "inflection point of f; local \(extremum) of f'"
        default: return "local \(extremum) of f''"
        }
    }

    var text: String {
        let headings = ["f' = 0 (extrema of f)", "f'' = 0 (inflection points of f, extrema of f')", "f''' = 0 (extrema of f'')"]
        var lines = ["critical points of \(expression) on " + (range.map { "[\($0[0]), \($0[1])]" } ?? "the real line")
            + ", \(digits) digits"]
        for list in derivatives {
            lines.append("")
            lines.append(headings[list.order - 1] + (list.complete ? ": complete" : ": NOT proven complete: \(list.reason ?? "")"))
            if list.zeros.isEmpty { lines.append("  (none)") }
            for z in list.zeros {
                lines.append("  x = \(z.x)   \(z.kind)" + (z.certified ? "" : "   [not certified]"))
                for name in CriticalPointsRecord.names where z.values[name] != nil {
                    lines.append("      \(name)(x) = \(z.values[name]!)")
                }
            }
        }
        if let g = gradientBounds {
            lines.append("")
            lines.append("gradient bounds: f' in [\(g.lower), \(g.upper)]")
            lines.append("  lower: \(g.lowerHow)")
            lines.append("  upper: \(g.upperHow)")
        }
        return lines.joined(separator: "\n")
    }
}

/// A range bound as a number and how it was established.
func describe(_ bound: RangeBound, least: Bool) -> (value: String, how: String) {
    switch bound {
    case .attained(let e):
        return (e.value.text, "\(least ? "least" : "greatest") value, attained at x = \(e.x.text) (certified global)")
    case .limit(let l):
        let end = l.direction < 0 ? "-inf" : "+inf"
        if l.isInfinite { return (l.value.text, "unbounded: the limit as x -> \(end)") }
        return (l.value.text, "the limit as x -> \(end), not attained (f is monotone toward that end)")
    case .unknown(let why):
        return ("?", "not certified: \(why)")
    }
}
