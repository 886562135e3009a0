import ArgumentParser
import Foundation
import MishAccuracy
import MishAnalysis
import MishNumbers
import MishSymbolic

/// Exit statuses of the command line (documented in `mish-math --help`).
enum ExitStatus {
    static let failure: Int32 = 1
    static let uncertified: Int32 = 3
    static let noExtremum: Int32 = 4
    static let usage: Int32 = 64
    static let malformedExpression: Int32 = 65
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Prints `message` to stderr as an error and returns the exit code to throw.
func failure(_ message: String, status: Int32 = ExitStatus.failure) -> ExitCode {
    StandardError.write("mish-math: error: " + message)
    return ExitCode(status)
}

/// Parses an expression given on the command line; a parse error is shown with a caret under its column.
func parseExpression(_ text: String, what: String) throws -> Expr {
    do {
        return try ExprParser.parse(text)
    } catch let e as ParseError {
        throw failure("cannot parse \(what) at column \(e.column): \(e.message)\n\(e.excerpt)",
                      status: ExitStatus.malformedExpression)
    }
}

/// The expression argument itself, or standard input when it is "-" (for expressions longer than the
/// operating system allows in an argument).
func expressionText(_ argument: String) throws -> String {
    guard argument == "-" else { return argument }
    let data = FileHandle.standardInput.readDataToEndOfFile()
    guard let text = String(data: data, encoding: .utf8) else {
        throw failure("standard input is not UTF-8 text", status: ExitStatus.malformedExpression)
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Reads the value of --at: a constant expression, inf, -inf; nan is refused.
func parsePoint(_ text: String) throws -> EvaluationPoint {
    switch text.trimmingCharacters(in: .whitespaces).lowercased() {
    case "inf", "+inf", "infinity", "+infinity": return .infinity(sign: 1)
    case "-inf", "-infinity": return .infinity(sign: -1)
    case "nan", "+nan", "-nan": throw failure(EvaluationError.notANumberPoint.description, status: ExitStatus.usage)
    default:
        let e = try parseExpression(text, what: "--at")
        if e.dependsOnX { throw failure(EvaluationError.pointDependsOnX.description, status: ExitStatus.usage) }
        return .finite(e)
    }
}

func validateDigits(_ digits: Int) throws {
    guard (1...DecimalCertifier.maximumDigits).contains(digits) else {
        throw ValidationError("--digits must be between 1 and \(DecimalCertifier.maximumDigits) "
            + "(got \(digits)); the maximum keeps working values near 0.4 MB each")
    }
}

func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Standard output through a 1 MB buffer, for output built piece by piece (a series to order 5000 prints
/// 170 MB). Anything `print` has buffered is flushed first, so the order of lines is kept.
final class BufferedOutput {
    private var buffer: [UInt8] = []
    private static let capacity = 1 << 20

    init() {
        fflush(nil)
        buffer.reserveCapacity(BufferedOutput.capacity)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= BufferedOutput.capacity { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The text as the body of a JSON string: quotes, backslashes and control characters escaped.
func jsonEscaped(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        case "\r": result += "\\r"
        default:
            if scalar.value < 0x20 { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
        }
    }
    return result
}

/// The JSON form of a certified decimal.
struct ValueRecord: Encodable {
    let value: String
    let certified: Bool
    let caveat: String?
    /// [lower, upper] of the deciding enclosure, each rounded outward to digits + 5 significant digits.
    let enclosure: [String]
    let workingPrecisionBits: Int

    init(_ c: CertifiedDecimal) {
        value = c.text
        certified = c.isCertified
        caveat = c.caveat
        enclosure = enclosureStrings(c.enclosure, digits: c.significantDigits + 5)
        workingPrecisionBits = c.workingPrecision
    }
}

func certified(_ expr: Expr, at point: EvaluationPoint?, digits: Int) throws -> CertifiedDecimal {
    do {
        return try expr.certifiedValue(at: point, digits: digits)
    } catch let e as EvaluationError {
        throw failure(e.description)
    }
}

/// `--time`: repeats `body` for at least 0.3 s (and at least 3 times), then writes to stderr
/// "time: <label>: min … ms, median … ms over N runs; peak memory … MB".
func reportInProcessTiming(_ label: String, _ body: () -> Void) {
    var samples: [Double] = []
    let budget = DispatchTime.now().uptimeNanoseconds + 300_000_000
    while samples.count < 3 || (DispatchTime.now().uptimeNanoseconds < budget && samples.count < 1000) {
        let start = DispatchTime.now()
        body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
    }
    samples.sort()
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    StandardError.write(String(format: "time: %@: min %.4f ms, median %.4f ms over %d runs; peak memory %.1f MB",
                               label, samples[0], samples[samples.count / 2], samples.count, Double(usage.ru_maxrss) / 1024))
}

/// The reference for f, with f's and f′'s certified values at ±∞ and far tails where f has no exp-rational normal
/// form (whose own limits and tails the reference uses): MPFR cannot evaluate at ±∞, nor below its exponent range
/// (``TailFacts``).
func correctlyRoundedReference(for f: Expr, precisionLimit: Int = CorrectlyRoundedReference.maximumPrecision) -> CorrectlyRoundedReference {
    guard ExpRational(f) == nil else { return CorrectlyRoundedReference(f, precisionLimit: precisionLimit) }
    var limits: [CorrectlyRoundedReference.Function: [Int: BigFloat]] = [:]
    var tails: [CorrectlyRoundedReference.Function: [Int: (threshold: Double, zero: BigFloat)]] = [:]
    for (function, h) in [(CorrectlyRoundedReference.Function.value, f), (.derivative, f.derivative())] {
        let facts = TailFacts(h, withSlopes: true)
        for end in [facts.minus, facts.plus] {
            if let v = end.signedValue { limits[function, default: [:]][end.direction] = v }
            if let t = end.farTail(of: h) { tails[function, default: [:]][end.direction] = t }
        }
    }
    return CorrectlyRoundedReference(f, precisionLimit: precisionLimit, limits: limits, farTails: tails)
}
