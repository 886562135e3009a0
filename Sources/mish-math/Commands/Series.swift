import ArgumentParser
import Foundation
import MishNumbers
import MishSeries
import MishSymbolic

struct Series: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Taylor series at a point, and convergent expansions at +inf and -inf.",
        discussion: """
        --at 0 (default): exact rational Maclaurin coefficients when they are rational (mish, swish, \
        sigmoid, tanh, ...), with the radius of convergence derived from the nearest complex pole (closed \
        form and certified digits) and estimated from the coefficients alone (fitting c(n+1) = p c(n) - q c(n-1), \
        radius q^(-1/2)). Irrational coefficients (gelu, erf) and other points a are enclosed by interval \
        series arithmetic and printed to --digits digits.

        --at +inf / -inf (exp-rational expressions): f(x) = sum_k p_k(x) t^k with t = e^(-x) (at +inf) or \
        t = e^x (at -inf), p_k polynomials in x with exact rational coefficients, and the region where the \
        expansion converges (for mish: x > log(2)/2 and x < log(2)/2).

        JSON: see docs/cli.md.
        """
    )

    @Argument(help: "The expression (default: mish(x)); '-' reads it from standard input.")
    var expression: String = "mish(x)"

    @Option(parsing: .unconditional, help: ArgumentHelp("Expansion point: 0, a rational number, +inf or -inf.", valueName: "A"))
    var at: String = "0"

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of terms N (the result is known modulo x^N), 1...\(Series.maximumOrder).", valueName: "N"))
    var order: Int = 10

    @Option(parsing: .unconditional, help: ArgumentHelp("Digits for numbers that are not exact (radius, irrational coefficients).", valueName: "D"))
    var digits: Int = 30

    @Option(help: "Output format: text, latex or json.")
    var format: SeriesFormat = .text

    @Flag(help: "Time the computation of the coefficients in-process (repeated; min and median in ms, peak memory) on stderr.")
    var time = false

    static let maximumOrder = 5000

    func validate() throws {
        guard (1...Series.maximumOrder).contains(order) else {
            throw ValidationError("--order must be between 1 and \(Series.maximumOrder) (got \(order)); exact coefficients "
                + "of order N have about N*log10(N) digits")
        }
        try validateDigits(digits)
    }

    func run() throws {
        let expr = try parseExpression(try expressionText(expression), what: "the expression")
        switch at.lowercased() {
        case "+inf", "inf", "-inf": try runAsymptotic(expr, minus: at.hasPrefix("-"))
        default:
            guard let a = Rational(at) else {
                throw failure("--at must be 0, a rational number (1/2, -0.25), +inf or -inf (got '\(at)')", status: ExitStatus.usage)
            }
            try runTaylor(expr, at: a)
        }
    }

    func runTaylor(_ expr: Expr, at a: Rational) throws {
        if time { reportInProcessTiming("order \(order)") { _ = try? TaylorExpansion.expand(expr, at: a, order: order) } }
        let expansion: TaylorExpansion
        do {
            expansion = try TaylorExpansion.expand(expr, at: a, order: order,
                                                   precision: BigFloat.precision(forDecimalDigits: digits) + 64 + 4 * order)
        } catch let e as SeriesError {
            throw failure(e.description)
        }
        let variable = a.isZero ? "x" : "(x - \(a))"
        // Coefficient texts and the sum are produced piece by piece while written: at N = 5000 they are
        // 85 MB each, and whole strings (plus the encoder's copies) would triple the peak memory.
        var enclosureTexts: [String] = []
        var uncertified = 0
        if case .enclosures(let cs) = expansion.coefficients {
            for c in cs {
                let text = c.isPoint && c.lower.isZero ? "0" : coefficientText(c)
                if text.hasSuffix("?") { uncertified += 1 }
                enclosureTexts.append(text)
            }
        }
        func forEachCoefficientText(_ body: (String) -> Void) {
            switch expansion.coefficients {
            case .exact(let cs): for c in cs { body(c.description) }
            case .enclosures: enclosureTexts.forEach(body)
            }
        }
        func power(_ k: Int) -> String { k == 0 ? "" : (k == 1 ? variable : "\(variable)^\(k)") }
        /// The sum Σ cₖ·(x − a)ᵏ as text, in pieces.
        func writeSum(_ write: (String) -> Void) {
            var empty = true
            func add(_ magnitude: String, _ negative: Bool, _ k: Int) {
                write(empty ? (negative ? "-" : "") : (negative ? " - " : " + "))
                write(k == 0 ? magnitude : (magnitude == "1" ? power(k) : magnitude + "*" + power(k)))
                empty = false
            }
            switch expansion.coefficients {
            case .exact(let cs):
                for (k, c) in cs.enumerated() where !c.isZero {
                    let m = c.magnitude
                    add(m.isInteger ? m.description : "(\(m))", c.signum < 0, k)
                }
            case .enclosures:
                for (k, text) in enclosureTexts.enumerated() where text != "0" {
                    add(text.hasPrefix("-") ? String(text.dropFirst()) : text, text.hasPrefix("-"), k)
                }
            }
            if empty { write("0") }
        }
        let orderTerm = a.isZero ? "O(x^\(order))" : "O((x - \(a))^\(order))"
        var radiusRecord: RadiusRecord? = nil
        if let r = expansion.radius, case .exact(let cs) = expansion.coefficients {
            let value = try r.value(digits: digits)
            let estimate = ConvergenceRadius.estimate(from: cs, precision: BigFloat.precision(forDecimalDigits: digits) + 64)
            var agreeing: Int? = nil
            if let est = estimate, let exact = BigFloat(value.text, precision: BigFloat.precision(forDecimalDigits: digits) + 64) {
                let diff = (est - exact).magnitude
                agreeing = diff.isZero ? digits : max(0, Int((-(diff / exact).log().toDouble() / 2.302585092994046).rounded(.down)))
            }
            radiusRecord = RadiusRecord(closedForm: r.statement, value: value.text, certified: value.isCertified,
                                        estimate: estimate?.decimalString(significantDigits: digits), agreeingDigits: agreeing)
        }
        let out = BufferedOutput()
        defer { out.flush() }
        switch format {
        case .text:
            out.write("\(expr) = ")
            writeSum(out.write)
            out.write(" + \(orderTerm)\n")
            if case .enclosures = expansion.coefficients {
                out.write("coefficients to \(digits) digits (\(expansion.method))" + (uncertified > 0 ? "; ? marks \(uncertified) not certified" : "") + "\n")
            }
            if let r = radiusRecord {
                out.write("radius of convergence: \(r.closedForm) = \(r.value)\(r.certified ? "" : " (not certified)")\n")
                if let e = r.estimate, let k = r.agreeingDigits {
                    out.write("estimate from the coefficients: \(e) (agrees to \(k) digit\(k == 1 ? "" : "s"))\n")
                }
            }
        case .latex:
            var sumText = ""
            writeSum { sumText += $0 }
            let latex = (try? ExprParser.parse(sumText.replacingOccurrences(of: "?", with: "")))?.latex ?? sumText
            out.write(latex + " + O\\left(" + (a.isZero ? "x" : "x - \(a)") + "^{\(order)}\\right)\n")
        case .json:
            // The record is encoded with two markers, which are then replaced by the streamed texts.
            let coefficientMarker = "@@coefficients@@", textMarker = "@@text@@"
            let skeleton = try jsonText(SeriesRecord(expression: expr.description, at: a.description, order: order,
                                                     exact: { if case .exact = expansion.coefficients { return true }; return false }(),
                                                     coefficients: [coefficientMarker], text: textMarker, method: expansion.method,
                                                     radius: radiusRecord, polynomials: nil, variable: nil, region: nil))
            var rest = Substring(skeleton)
            while let marker = [coefficientMarker, textMarker].compactMap({ m in rest.range(of: "\"" + m + "\"").map { (m, $0) } })
                    .min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
                out.write(String(rest[..<marker.1.lowerBound]))
                if marker.0 == textMarker {
                    out.write("\"")
                    writeSum { out.write(jsonEscaped($0)) }
                    out.write("\"")
                } else {
                    let lineStart = rest[..<marker.1.lowerBound].lastIndex(of: "\n").map { rest.index(after: $0) } ?? rest.startIndex
                    let indent = String(rest[lineStart..<marker.1.lowerBound])
                    var first = true
                    forEachCoefficientText { text in
                        out.write((first ? "" : ",\n" + indent) + "\"" + jsonEscaped(text) + "\"")
                        first = false
                    }
                }
                rest = rest[marker.1.upperBound...]
            }
            out.write(String(rest) + "\n")
        }
    }

    func coefficientText(_ c: BigInterval) -> String {
        guard let lo = c.lower.decimalDigits(digits), let hi = c.upper.decimalDigits(digits) else { return "nan?" }
        return lo.text == hi.text ? lo.text : c.midpoint.decimalString(significantDigits: digits) + "?"
    }

    func runAsymptotic(_ expr: Expr, minus: Bool) throws {
        guard let normal = ExpRational(expr) else {
            throw failure("expansions at +inf and -inf are derived for the exp-rational class Q(x, e^x) only "
                + "(mish, swish, sigmoid, tanh, ...); this expression is outside it")
        }
        let expansion: AsymptoticExpansion
        do {
            expansion = try normal.asymptoticExpansion(minus ? .minusInfinity : .plusInfinity, order: order)
        } catch let e as SeriesError {
            throw failure(e.description)
        }
        let sum = expansion.expr
        let boundary = try expansion.radius.value(digits: digits)
        let variable = minus ? "t = exp(x)" : "t = exp(-x)"
        switch format {
        case .text:
            print("\(expr) = \(sum.description) + O(t^\(order + expansion.shift)),  \(variable)")
            print("converges for \(expansion.radius.statement), i.e. x \(minus ? "<" : ">") \(boundary.text)\(boundary.isCertified ? "" : " (not certified)")")
        case .latex:
            print(sum.latex + " + O\\left(t^{\(order + expansion.shift)}\\right)")
        case .json:
            print(try jsonText(SeriesRecord(
                expression: expr.description, at: minus ? "-inf" : "+inf", order: order, exact: true, coefficients: nil,
                text: sum.description, method: "exp-rational normal form in \(variable)", radius: nil,
                polynomials: expansion.polynomials.map { $0.map(\.description) }, variable: variable,
                region: RegionRecord(statement: expansion.radius.statement, boundary: boundary.text, certified: boundary.isCertified,
                                     firstPower: expansion.shift))))
        }
    }
}

enum SeriesFormat: String, ExpressibleByArgument, CaseIterable {
    case text, latex, json
}

struct RadiusRecord: Encodable {
    let closedForm: String
    let value: String
    let certified: Bool
    let estimate: String?
    let agreeingDigits: Int?
}

struct RegionRecord: Encodable {
    let statement: String
    let boundary: String
    let certified: Bool
    let firstPower: Int
}

/// `series --format json`: {"expression", "at", "order", "exact", "coefficients" (k-th entry: the coefficient of
/// (x − a)^k as "p/q", or decimal digits for enclosures, "?" appended when not certified), "text", "method",
/// "radius": {"closed_form", "value", "certified", "estimate", "agreeing_digits"}} at a point; at ±inf
/// {"polynomials": [[string]] (k-th entry: coefficients of x^0, x^1, ... of the polynomial multiplying
/// t^(k + first_power)), "variable", "region": {"statement", "boundary", "certified", "first_power"}}.
struct SeriesRecord: Encodable {
    let expression: String
    let at: String
    let order: Int
    let exact: Bool
    let coefficients: [String]?
    let text: String
    let method: String
    let radius: RadiusRecord?
    let polynomials: [[String]]?
    let variable: String?
    let region: RegionRecord?
}
