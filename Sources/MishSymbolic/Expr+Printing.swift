import MishNumbers

extension Expr: CustomStringConvertible {
    /// Text in the syntax of ``ExprParser``; parsing it back gives an expression with the same value
    /// everywhere (parenthesised as precedence requires: sum < product < unary minus < power).
    public var description: String { text(context: 0) }

    private var precedence: Int {
        switch self {
        case .sum: return 1
        case .product, .reciprocal: return 2
        case .negate: return 3
        case .number(let q): return q.isInteger ? (q.signum < 0 ? 3 : 5) : 2
        case .power: return 4
        case .variable, .constant, .apply: return 5
        }
    }

    private func text(context: Int) -> String {
        let body: String
        switch self {
        case .number(let q): body = q.description
        case .variable: body = "x"
        case .constant(let c): body = c.rawValue
        case .sum(let terms):
            var s = terms[0].text(context: 1)
            for t in terms.dropFirst() {
                if case .negate(let a) = t {
                    s += " - " + a.text(context: 2)
                } else if let q = t.rationalValue, q.signum < 0 {
                    s += " - " + Expr.number(-q).text(context: 2)
                } else {
                    s += " + " + t.text(context: 1)
                }
            }
            body = s
        case .product(let factors):
            var s = ""
            for (i, f) in factors.enumerated() {
                if case .reciprocal(let a) = f {
                    s += (i == 0 ? "1" : "") + "/" + a.text(context: 3)
                } else {
                    s += (i == 0 ? "" : "*") + f.text(context: i == 0 ? 2 : 3)
                }
            }
            body = s
        case .negate(let a): body = "-" + a.text(context: 3)
        case .reciprocal(let a): body = "1/" + a.text(context: 3)
        case .power(let a, let b): body = a.text(context: 5) + "^" + b.text(context: 4)
        case .apply(let f, let a): body = f.name + "(" + a.text(context: 0) + ")"
        }
        return precedence < context ? "(" + body + ")" : body
    }
}
