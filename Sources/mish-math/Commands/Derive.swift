import ArgumentParser
import Foundation
import MishNumbers
import MishSymbolic

struct Derive: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Closed-form derivatives of any order.",
        discussion: """
        --form normal (the default when the expression lies in the exp-rational class Q(x, e^x), as mish, \
        swish, sigmoid, tanh(softplus) do): the derivative as sum_i x^i P_i(u) / (c * prod_j f_j(u)^e_j) with \
        u = e^x, integer polynomials, reduced; computed by d/dx = d/dx|_u + u d/du on the polynomials, so \
        order 1000 is cheap. Printed with the numerator grouped by powers of e^x and the denominator \
        factored (order 1 of mish is the paper's e^x*omega/delta^2).

        --form raw: the derivative by the chain rule on the expression DAG, simplified only by the \
        canonical constructors (any expression, including gelu and erf; sizes grow with the order).

        Formats: text (parses back), latex, c (a C function with shared subexpressions as temporaries; \
        the normal form is emitted in Horner form), json (all three notations, plus the polynomial \
        coefficients of the normal form as integer strings; see docs/cli.md).
        """
    )

    @Argument(help: "The expression (default: mish(x)); '-' reads it from standard input.")
    var expression: String = "mish(x)"

    @Option(parsing: .unconditional, help: ArgumentHelp("Order of the derivative, 0...\(Derive.maximumNormalOrder) in the normal form, 0...\(Derive.maximumRawOrder) raw.", valueName: "N"))
    var order: Int = 1

    @Option(help: "Output format: text, latex, c or json.")
    var format: DeriveFormat = .text

    @Option(help: "normal (exp-rational normal form; the default when the expression allows it) or raw.")
    var form: DeriveForm?

    @Flag(help: "Time the derivation in-process (repeated; minimum and median in milliseconds, peak memory) on stderr.")
    var time = false

    static let maximumNormalOrder = 2000
    static let maximumRawOrder = 40

    func validate() throws {
        guard order >= 0 else { throw ValidationError("--order must be a non-negative integer (got \(order))") }
        let limit = form == .raw ? Derive.maximumRawOrder : Derive.maximumNormalOrder
        guard order <= limit else {
            throw ValidationError(form == .raw
                ? "--order \(order) is beyond \(Derive.maximumRawOrder) for --form raw: the chain rule's output grows "
                    + "exponentially with the order; use --form normal for exp-rational expressions"
                : "--order \(order) is beyond \(Derive.maximumNormalOrder): the normal form's coefficients reach "
                    + "about n*log10(n) digits and its degree 2n, so memory and time grow like n^3")
        }
    }

    func run() throws {
        let expr = try parseExpression(try expressionText(expression), what: "the expression")
        let normal = form == .raw ? nil : ExpRational(expr)
        if form == .normal && normal == nil {
            throw failure("the expression is outside the exp-rational class Q(x, e^x) (it involves pi, erf, gelu, "
                + "a logarithm that does not cancel, a non-integer power, e^(c*x) with c not an integer (tanh(c*x) needs only 2c integer), or division by a function of x); use --form raw")
        }
        if time {
            reportInProcessTiming("order \(order), \(normal == nil ? "raw" : "normal") form") {
                if let normal { _ = normal.derivative(order: order) } else { _ = expr.derivative(order: order) }
            }
        }
        let result: DerivedExpression
        if let normal {
            let d = normal.derivative(order: order)
            result = DerivedExpression(normal: d, expression: d.expr)
        } else {
            do {
                result = DerivedExpression(normal: nil, expression: try expr.derivative(order: order,
                                                                                         maximumNodes: ExprParser.maximumDerivativeNodes))
            } catch let e as DerivativeTooLarge {
                throw failure(e.description)
            }
        }
        let name = "d\(order)"
        switch format {
        case .text: print(result.text)
        case .latex: print(result.latex)
        case .c: print(result.cCode(name: name))
        case .json:
            print(try jsonText(DeriveRecord(expression: expr.description, order: order, result: result, name: name)))
        }
    }

}

enum DeriveFormat: String, ExpressibleByArgument, CaseIterable {
    case text, latex, c, json
}

enum DeriveForm: String, ExpressibleByArgument, CaseIterable {
    case normal, raw
}

struct DerivedExpression {
    let normal: ExpRational?
    let expression: Expr

    var text: String { normal?.text ?? expression.description }
    var latex: String { normal?.latex ?? expression.latex }

    func cCode(name: String) -> String {
        (normal?.hornerExpr ?? expression).cFunction(name: name)
    }
}

/// `derive --format json`: {"expression", "order", "form", "text", "latex", "c", "normal_form"?}, where
/// normal_form = {"numerator": [[string]] (index i: coefficients of u^0, u^1, ... of P_i), "denominator_constant":
/// string, "denominator_factors": [{"coefficients": [string], "exponent": int}]}.
struct DeriveRecord: Encodable {
    let expression: String
    let order: Int
    let form: String
    let text: String
    let latex: String
    let c: String
    let normalForm: NormalFormRecord?

    init(expression: String, order: Int, result: DerivedExpression, name: String) {
        self.expression = expression
        self.order = order
        form = result.normal == nil ? "raw" : "normal"
        text = result.text
        latex = result.latex
        c = result.cCode(name: name)
        normalForm = result.normal.map(NormalFormRecord.init)
    }
}

struct NormalFormRecord: Encodable {
    struct Factor: Encodable {
        let coefficients: [String]
        let exponent: Int
    }
    let numerator: [[String]]
    let denominatorConstant: String
    let denominatorFactors: [Factor]

    init(_ n: ExpRational) {
        numerator = n.numerator.map { $0.coefficients.map(\.description) }
        denominatorConstant = n.denominatorConstant.description
        denominatorFactors = n.denominatorFactors.map {
            Factor(coefficients: $0.polynomial.coefficients.map(\.description), exponent: $0.exponent)
        }
    }
}
