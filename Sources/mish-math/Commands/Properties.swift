import ArgumentParser
import Foundation
import MishAnalysis
import MishNumbers
import MishSymbolic

struct Properties: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The properties table of activation functions, computed and certified.",
        discussion: """
        With no expression: \(ActivationProperties.standardFunctions.joined(separator: ", ")). Each cell is \
        computed, and says how: the range from the certified extrema and limits (see `mish-math minimum \
        --help`); the order of continuity from an interval check that no divisor vanishes and no \
        log/sqrt/fractional-power argument leaves the positive axis; monotonicity of f and f′ from all \
        zeros of f′ and f″ on the real line; identity near the origin from the exact f(0) and f′(0) \
        (f(0) = 0 and f′(0) = 1); dead neurons (f′ = 0 on a half-line) excluded when f′ has only isolated \
        zeros; saturation from the limits at -inf and +inf.

        A cell that could not be established says so; then the exit status is 3.

        JSON: an array of {"expression", "properties": [{"name", "value", "how", "certified"}]}; see docs/cli.md.

        Examples:
          mish-math properties
          mish-math properties 'x*tanh(softplus(x))' 'x*sigmoid(1.702*x)' --format markdown
        """
    )

    @Argument(help: "Expressions (default: the standard activation functions).")
    var expressions: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Significant digits of the numbers in the table, 1...30.", valueName: "D"))
    var digits: Int = 6

    @Option(help: "Output format: text, markdown or json.")
    var format: PropertiesFormat = .text

    func validate() throws {
        guard (1...30).contains(digits) else { throw ValidationError("--digits must be between 1 and 30 (got \(digits))") }
    }

    func run() throws {
        let texts = expressions.isEmpty ? ActivationProperties.standardFunctions : expressions
        let exprs = try texts.map { try parseExpression(try expressionText($0), what: "the expression '\($0)'") }
        let rows: [ActivationProperties]
        do {
            rows = try exprs.map { try ActivationProperties($0, digits: digits) }
        } catch let e as RootRefinementError {
            throw failure(e.description)
        }
        switch format {
        case .text: print(Properties.text(rows))
        case .markdown: print(Properties.markdown(rows))
        case .json: print(try jsonText(rows.map(PropertiesRecord.init)))
        }
        let open = rows.flatMap { $0.cells.filter { !$0.cell.certified } }
        if !open.isEmpty {
            StandardError.write("mish-math: warning: \(open.count) cell(s) not established")
            throw ExitCode(ExitStatus.uncertified)
        }
    }

    static func text(_ rows: [ActivationProperties]) -> String {
        rows.map { row in
            ([row.expression.description] + row.cells.map { "  \($0.name): \($0.cell.value)\n      how: \($0.cell.how)" })
                .joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    static func markdown(_ rows: [ActivationProperties]) -> String {
        guard let first = rows.first else { return "" }
        let names = first.cells.map(\.name)
        var lines = ["| function | " + names.joined(separator: " | ") + " |",
                     "|---" + String(repeating: "|---", count: names.count) + "|"]
        for row in rows {
            lines.append("| `\(row.expression)` | " + row.cells.map { escape($0.cell.value) }.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("How each cell was established:")
        lines.append("")
        for row in rows {
            lines.append("- `\(row.expression)`")
            for (name, cell) in row.cells { lines.append("  - \(name): \(escape(cell.how))") }
        }
        return lines.joined(separator: "\n")
    }

    static func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}

enum PropertiesFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

/// `properties --format json`: one object per expression.
struct PropertiesRecord: Encodable {
    struct Cell: Encodable {
        let name: String
        let value: String
        let how: String
        let certified: Bool
    }
    let expression: String
    let properties: [Cell]

    init(_ row: ActivationProperties) {
        expression = row.expression.description
        properties = row.cells.map { Cell(name: $0.name, value: $0.cell.value, how: $0.cell.how, certified: $0.cell.certified) }
    }
}
