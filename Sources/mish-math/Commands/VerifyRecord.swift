import Foundation
import MishAccuracy

/// The output of `verify`: the kernel and one result per sweep (JSON: the fields of AccuracyResult).
struct VerifyRecord: Encodable {
    let kernel: String
    let results: [AccuracyResult]

    var text: String {
        (["kernel: \(kernel)"] + results.map(VerifyRecord.text)).joined(separator: "\n\n")
    }

    /// A section of docs/accuracy.md: one row per sweep.
    var markdown: String {
        var lines = ["### \(kernel)", "",
                     "| check | inputs | incorrectly rounded | NaN / sign-of-zero failures | above 1 ulp | max error (ulp) | at x | max finite error (ulp) | at x | by MPFR | seconds |",
                     "|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in results {
            let check: String
            switch (r.check.function, r.check.dy) {
            case (.value, _): check = r.check.output == 1 ? "f (output 2)" : "f"
            case (.derivative, .random): check = "dy*f', random dy"
            case (.derivative, _): check = r.check.output == 1 ? "f' (output dydx)" : "f' (dy = 1)"
            }
            let inputs = r.checked == r.planned ? VerifyRecord.number(r.checked) : "\(VerifyRecord.number(r.checked)) of \(VerifyRecord.number(r.planned))"
            let at = r.worst.first.map { VerifyRecord.value($0.x, r.format) } ?? "-"
            lines.append("| \(check) | \(inputs) | \(VerifyRecord.number(r.incorrectlyRounded)) | \(r.nanFailures) / \(r.zeroSignFailures) | "
                         + "\(VerifyRecord.number(r.overOneUlp)) | \(VerifyRecord.ulps(r.maxError)) | \(at) | \(VerifyRecord.ulps(r.maxFiniteError)) | "
                         + "\(r.maxFiniteErrorAt.map { VerifyRecord.value($0, r.format) } ?? "-") | \(r.decidedByMPFR) | \(String(format: "%.1f", r.seconds)) |")
        }
        for r in results where !r.specialValues.allSatisfy(\.isCorrect) {
            lines.append("")
            lines.append("Special values failing: " + r.specialValues.filter { !$0.isCorrect }.map { c in
                "x = \(VerifyRecord.value(c.x, r.format))" + (c.dy.map { ", dy = \(VerifyRecord.value($0, r.format))" } ?? "") }.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }

    static func number(_ n: UInt64) -> String {
        var s = String(n)
        var i = s.count - 3
        while i > 0 { s.insert(",", at: s.index(s.startIndex, offsetBy: i)); i -= 3 }
        return s
    }

    static func ulps(_ e: Double) -> String {
        if e.isNaN { return "undecided" }
        if e.isInfinite { return "inf" }
        if e == 0 { return "0" }
        return e >= 1000 ? String(format: "%.4g", e) : String(format: "%.4f", e)
    }

    static func value(_ v: Double?, _ format: FloatFormat) -> String {
        guard let v else { return "undecided" }
        if v.isNaN { return "nan" }
        if v == 0 { return v.sign == .minus ? "-0" : "0" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        return String(format: format == .f64 ? "%.17g" : "%.9g", v)
    }

    static func text(_ r: AccuracyResult) -> String {
        let what: String
        switch (r.check.function, r.check.dy) {
        case (.value, _): what = "f(x) = \(r.expression)" + (r.check.output == 1 ? " (second output)" : "")
        case (.derivative, .random): what = "dy*f'(x), random dy, f(x) = \(r.expression)"
        case (.derivative, _): what = "f'(x), f(x) = \(r.expression)" + (r.check.output == 1 ? " (output dydx)" : "")
        }
        var lines = ["== \(r.kernel) (\(r.format.rawValue)) against the correctly rounded \(what)"]
        let share = r.planned == 0 ? 100 : 100 * Double(r.checked) / Double(r.planned)
        lines.append("inputs checked: \(number(r.checked)) of \(number(r.planned))" + (r.interrupted ? String(format: " (%.1f%%; interrupted)", share) : "")
                     + String(format: " in %.1f s", r.seconds))
        let incorrectShare = r.checked == 0 ? 0 : 100 * Double(r.incorrectlyRounded) / Double(r.checked)
        lines.append("incorrectly rounded: \(number(r.incorrectlyRounded))" + String(format: " (%.4g%%)", incorrectShare)
                     + "; NaN failures: \(number(r.nanFailures)); sign-of-zero failures: \(number(r.zeroSignFailures)); above 1 ulp: \(number(r.overOneUlp))")
        if let w = r.worst.first {
            lines.append("max error: \(ulps(w.error)) ulp at x = \(value(w.x, r.format))" + (w.dy.map { ", dy = \(value($0, r.format))" } ?? ""))
            if !w.error.isFinite, let at = r.maxFiniteErrorAt {
                lines.append("largest finite error: \(ulps(r.maxFiniteError)) ulp at x = \(value(at, r.format))"
                             + (r.maxFiniteErrorDy.map { ", dy = \(value($0, r.format))" } ?? ""))
            }
        } else {
            lines.append("max error: 0 ulp (every result equals the reference value, to the resolution of its enclosure's midpoint)")
        }
        lines.append("reference: \(number(r.decidedByMPFR)) inputs decided by MPFR or an exact rule (far tails; a leading term on a rounding boundary, by the next term's sign), the rest by the \(r.format == .f64 ? "double-double" : "double") enclosure"
                     + (r.unresolvedCount > 0 ? "; \(number(r.unresolvedCount)) undecided at \(CorrectlyRoundedReference.maximumPrecision) bits, not checked: "
                        + r.unresolved.map { value($0, r.format) }.joined(separator: ", ") : ""))
        lines.append("")
        lines.append("histogram of errors (ulp):")
        for b in r.histogram { lines.append("  " + b.label.padding(toLength: 10, withPad: " ", startingAt: 0) + number(b.count)) }
        let flagged = r.binades.filter { $0.maxError > 0.5 || $0.incorrect > 0 }
        lines.append("")
        if flagged.isEmpty {
            lines.append("errors by binade of x: every binade within 1/2 ulp")
        } else {
            lines.append("errors by binade of x (binades with an error above 1/2 ulp; all in JSON):")
            lines.append("  binade                          inputs       incorrect    max ulp")
            for b in flagged.prefix(60) {
                lines.append("  " + b.label.padding(toLength: 30, withPad: " ", startingAt: 0) + "  "
                             + number(b.count).padding(toLength: 12, withPad: " ", startingAt: 0) + " "
                             + number(b.incorrect).padding(toLength: 12, withPad: " ", startingAt: 0) + " " + ulps(b.maxError))
            }
            if flagged.count > 60 { lines.append("  ... \(flagged.count - 60) more") }
        }
        if !r.worst.isEmpty {
            lines.append("")
            lines.append("worst inputs:")
            lines.append(contentsOf: r.worst.map(caseLine(r.format)))
        }
        if !r.specialValues.isEmpty {
            lines.append("")
            lines.append("special values:")
            lines.append(contentsOf: r.specialValues.map(caseLine(r.format)))
        }
        return lines.joined(separator: "\n")
    }

    static func caseLine(_ format: FloatFormat) -> (AccuracyResult.Case) -> String {
        { c in
            let mark = c.isCorrect ? "ok  " : "FAIL"
            return "  \(mark) x = \(value(c.x, format))" + (c.dy.map { ", dy = \(value($0, format))" } ?? "")
                + ": got \(value(c.output, format)), correctly rounded \(value(c.expected, format)), exact \(c.exact), error \(ulps(c.error)) ulp"
        }
    }
}
