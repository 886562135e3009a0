import ArgumentParser
import Foundation
import MishAnalysis
import MishNumbers
import MishSymbolic

struct Minimum: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The global minimum x*, f(x*) to D digits, with a certificate that it is global.",
        discussion: """
        Method: f′ is reduced to the simplest function g with the same zeros and signs (for mish, the \
        numerator of the normal form divided by e^x: u^3 + 4u^2 + 6u + 4 + 4x(u + 1), u = e^x). A \
        branch-and-bound in interval arithmetic isolates every zero of g on [-R, R], and interval \
        evaluation over the unbounded tails proves there is none beyond (R grows 16, 256, 4096 until it \
        does). Each zero is refined by Newton's method with precision doubling (on u = e^x, with x = log u, \
        when g is exp-rational: a logarithm is cheaper than an exponential) and certified by one interval \
        Newton step at the full precision, which proves it unique in an enclosure of width about 10^-D; \
        f(x*) is enclosed from the same evaluation. Since f′ keeps one sign between consecutive \
        zeros, f is monotone there, and the least local minimum is the global one when its value is \
        below every other candidate, including the limits at the ends where f decreases.

        "global: certified" is printed only when all of that was proven and the D digits of x* and f(x*) \
        are decided. Otherwise the lowest local minimum found is printed with the reason, and the exit \
        status is 3 (also when f(x*) may be exactly 0 at an irrational x*, which enclosures cannot prove).

        For D >= 100000 each stage (isolation, Newton, certificate, decimal digits) is reported on stderr \
        with the elapsed time; stdout carries only the result.

        Exit status 4: there is no minimum (f is unbounded below, or its infimum is approached as x -> \
        +-inf and not attained, or f has no critical point).

        JSON: "x", "value", "x_enclosure", "value_enclosure" ([lower, upper], rounded outward to D + 5 \
        digits), "global" (true/false), "global_reason" (null when certified), "digits", "expression", \
        "method", "certificate" (the proof steps). See docs/cli.md.

        Examples:
          mish-math minimum
          mish-math minimum 'x*sigmoid(x)' --digits 60
          mish-math minimum --digits 100000 --format json
        """
    )

    @Argument(help: "The expression (default: mish(x)); '-' reads it from standard input.")
    var expression: String = "mish(x)"

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Significant digits of x* and f(x*), 1...\(DecimalCertifier.maximumDigits).", valueName: "D"))
    var digits: Int = 30

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Time the whole certified computation in-process (repeated; min and median in ms, peak memory) on stderr.")
    var time = false

    func validate() throws { try validateDigits(digits) }

    func run() throws {
        let expr = try parseExpression(try expressionText(expression), what: "the expression")
        if time { reportInProcessTiming("minimum, \(digits) digits") { _ = try? GlobalRange(of: expr, digits: digits) } }
        let progress: ((String) -> Void)? = digits >= 100_000 ? { Progress.stage($0) } : nil
        let range = try analyse(expr, digits: digits, progress: progress)
        let outcome = try MinimumOutcome(range)
        switch format {
        case .text: print(outcome.text(expr))
        case .json: print(try jsonText(MinimumRecord(expression: expr.description, digits: digits, outcome: outcome)))
        }
        if let why = outcome.globalReason {
            StandardError.write("mish-math: warning: the minimum is not certified global: \(why)")
            throw ExitCode(ExitStatus.uncertified)
        }
    }
}

/// The range analysis, with a root-finder failure turned into an error message.
func analyse(_ expr: Expr, digits: Int, progress: ((String) -> Void)? = nil) throws -> GlobalRange {
    do {
        return try GlobalRange(of: expr, digits: digits, progress: progress)
    } catch let e as RootRefinementError {
        throw failure(e.description)
    } catch let e as CertificationError {
        throw failure(e.description)
    }
}

/// What `minimum` reports: the global minimum, or the lowest local minimum and why it is not certified.
struct MinimumOutcome {
    let extremum: LocalExtremum
    let globalReason: String?

    init(_ range: GlobalRange) throws {
        switch range.lower {
        case .attained(let m):
            extremum = m
            globalReason = nil
        case .limit(let l):
            let end = l.direction < 0 ? "-inf" : "+inf"
            if l.isInfinite {
                throw failure("\(range.function) has no minimum: it is unbounded below (f -> -inf as x -> \(end))",
                              status: ExitStatus.noExtremum)
            }
            throw failure("\(range.function) has no minimum: its infimum \(l.value.text) is approached as x -> \(end) "
                + "and not attained", status: ExitStatus.noExtremum)
        case .unknown(let why):
            let minima = range.extrema.filter { $0.kind == .minimum }
            guard let lowest = minima.min(by: { $0.value.enclosure.lower < $1.value.enclosure.lower }) else {
                if range.isolation.coversRealLine {
                    throw failure("\(range.function) has no local minimum: "
                        + (range.extrema.isEmpty ? "f′ has no zero on the real line" : "every critical point is a maximum"),
                        status: ExitStatus.noExtremum)
                }
                throw failure("no minimum found, and the search is not complete: \(why)", status: ExitStatus.uncertified)
            }
            extremum = lowest
            globalReason = why
        }
        self.range = range
    }

    let range: GlobalRange

    func text(_ expr: Expr) -> String {
        let d = extremum.x.significantDigits + 5
        return """
        minimum of \(expr)
        x*    = \(extremum.x.text)
        f(x*) = \(extremum.value.text)
        x*    in \(interval(extremum.x.enclosure, digits: d))
        f(x*) in \(interval(extremum.value.enclosure, digits: d))
        global: \(globalReason.map { "not certified: " + $0 } ?? "certified")
        method: \(MinimumRecord.method)
        certificate:
        \(range.certificate.map { "  - " + $0 }.joined(separator: "\n"))
        """
    }
}

/// Stage lines on stderr with the elapsed time, for long runs (stdout keeps only the result).
enum Progress {
    nonisolated(unsafe) static var start: DispatchTime?
    static func stage(_ text: String) {
        let now = DispatchTime.now()
        let t0 = start ?? now
        start = t0
        StandardError.write(String(format: "mish-math: [%.2f s] %@", Double(now.uptimeNanoseconds - t0.uptimeNanoseconds) / 1e9, text))
    }
}

func interval(_ e: BigInterval, digits: Int) -> String {
    "[" + enclosureStrings(e, digits: digits).joined(separator: ", ") + "]"
}

/// `minimum --format json`.
struct MinimumRecord: Encodable {
    static let method = "zeros of f′ isolated by interval branch-and-bound with tails; Newton with precision doubling; "
        + "one interval Newton step at full precision"
    let expression: String
    let digits: Int
    let x: String
    let value: String
    let xEnclosure: [String]
    let valueEnclosure: [String]
    let global: Bool
    let globalReason: String?
    let method = MinimumRecord.method
    let certificate: [String]

    init(expression: String, digits: Int, outcome: MinimumOutcome) {
        self.expression = expression
        self.digits = digits
        let m = outcome.extremum
        x = m.x.text
        value = m.value.text
        xEnclosure = enclosureStrings(m.x.enclosure, digits: digits + 5)
        valueEnclosure = enclosureStrings(m.value.enclosure, digits: digits + 5)
        global = outcome.globalReason == nil
        globalReason = outcome.globalReason
        certificate = outcome.range.certificate
    }

    enum CodingKeys: String, CodingKey {
        case expression, digits, x, value, xEnclosure, valueEnclosure, global, globalReason, method, certificate
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(expression, forKey: .expression)
        try c.encode(digits, forKey: .digits)
        try c.encode(x, forKey: .x)
        try c.encode(value, forKey: .value)
        try c.encode(xEnclosure, forKey: .xEnclosure)
        try c.encode(valueEnclosure, forKey: .valueEnclosure)
        try c.encode(global, forKey: .global)
        try c.encode(globalReason, forKey: .globalReason)
        try c.encode(method, forKey: .method)
        try c.encode(certificate, forKey: .certificate)
    }
}

func enclosureStrings(_ e: BigInterval, digits: Int) -> [String] {
    [e.lower.decimalString(significantDigits: digits, rounding: .down), e.upper.decimalString(significantDigits: digits, rounding: .up)]
}
