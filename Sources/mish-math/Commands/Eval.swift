import ArgumentParser
import MishAnalysis
import MishNumbers
import MishSymbolic

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate an expression to D correct significant digits.",
        discussion: """
        Syntax: numbers (2, 1.1924, 6.02e23, exact as written), x, pi, e, + - * / ^ (right-associative; \
        -x^2 is -(x^2)), parentheses, the functions \
        \(Primitive.allCases.map(\.name).joined(separator: ", ")), and d(EXPR, N) for the N-th derivative \
        (N = 1 when omitted, at most \(ExprParser.maximumDerivativeOrder)). Statements separated by ';' or \
        newlines can define functions and values first: 'g(t) = t*sigmoid(t); d(g(x), 2)'. An expression \
        that starts with '-' follows '--': mish-math eval --at 1 -- '-x^2'.

        How the digits are made correct: the expression is evaluated in interval arithmetic over MPFR, \
        every operation rounded outward, so the exact value is proven to lie in the computed interval. \
        The working precision starts at ceil(D*log2(10)) + 33 bits; when both ends of the interval round to \
        the same D significant digits, those digits are the correctly rounded value. Otherwise the precision \
        is doubled, up to 4 times the start. A value exactly on a rounding boundary (or an exact 0 reached \
        through inexact steps) cannot be decided this way: it is printed from the interval's midpoint, \
        labelled uncertified on stderr, and the exit status is 3.

        At --at inf or -inf the value is the limit of each named function (mish(-inf) = -0, sigmoid(inf) \
        = 1); where that meets an indeterminate form (inf*0, inf-inf), the expression's certified limit: \
        from its exp-rational normal form, in y = c*x where every argument is a multiple of x \
        (x*sigmoid(1.702*x)), term by term, or by the Gaussian rule (gelu'); with none of these it is refused.

        Examples:
          mish-math eval pi --digits 1000
          mish-math eval 'mish(x)' --at -1.1924 --digits 40
          mish-math eval 'x*tanh(log1p(exp(x)))' --at pi/4 --format json
          mish-math eval 'd(mish(x), 2)' --at -1.1924 --digits 50
        """
    )

    @Argument(help: "The expression, e.g. 'mish(x)', 'pi', 'exp(-x^2/2)'; '-' reads it from standard input.")
    var expression: String

    @Option(parsing: .unconditional,
            help: ArgumentHelp("The point x: a number (-1.1924, 3/4, 1e-5), a constant expression (pi/4), inf or -inf.",
                               valueName: "X"))
    var at: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Significant digits to print, 1...\(DecimalCertifier.maximumDigits).", valueName: "D"))
    var digits: Int = 30

    @Option(help: "Output format: text (the value alone) or json (value, certificate, enclosure, precision).")
    var format: OutputFormat = .text

    func validate() throws { try validateDigits(digits) }

    func run() throws {
        let expr = try parseExpression(try expressionText(expression), what: "the expression")
        let point = try at.map(parsePoint)
        let value: CertifiedDecimal
        var method = EvalRecord.intervalMethod
        do {
            value = try expr.certifiedValue(at: point, digits: digits)
        } catch let error as EvaluationError {
            guard case .infinity(let sign)? = point else { throw failure(error.description) }
            guard let limit = Limit.of(expr, direction: sign, digits: digits), limit.value.isCertified else {
                throw failure("the expression has an indeterminate form (such as inf*0 or inf-inf) at x = \(sign < 0 ? "-inf" : "inf"), "
                    + "and no certified limit was found there (from an exp-rational normal form, the scaled argument y = c*x, "
                    + "term by term, or the Gaussian rule)")
            }
            value = limit.value
            method = "the limit at \(sign < 0 ? "-inf" : "inf") (an indeterminate form for the named functions' limits): "
                + "from the exp-rational normal form, the scaled argument y = c*x, term by term or the Gaussian rule"
        }
        switch format {
        case .text:
            print(value.text)
        case .json:
            print(try jsonText(EvalRecord(expression: expr.description, at: at, digits: digits, method: method,
                                          result: ValueRecord(value))))
        }
        if let caveat = value.caveat {
            StandardError.write("mish-math: warning: not certified: \(caveat)")
            throw ExitCode(ExitStatus.uncertified)
        }
    }
}

/// `eval --format json`: {"expression", "at", "digits", "value", "certified", "caveat"?, "enclosure",
/// "working_precision_bits", "method"}.
struct EvalRecord: Encodable {
    let expression: String
    let at: String?
    let digits: Int
    let method: String
    let result: ValueRecord
    static let intervalMethod = "interval arithmetic over MPFR with outward rounding, precision raised until both ends round alike"

    enum CodingKeys: String, CodingKey { case expression, at, digits, method }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(expression, forKey: .expression)
        try c.encode(at, forKey: .at)
        try c.encode(digits, forKey: .digits)
        try c.encode(method, forKey: .method)
        try result.encode(to: encoder)
    }
}
