import MishNumbers

extension Expr {
    /// A C function `double name(double x)` computing the expression with <math.h>. Every subexpression
    /// that the DAG shares is computed once into a `const double` temporary, so the source stays as small
    /// as the DAG (a high-order derivative does not explode into a tree).
    public func cFunction(name: String) -> String {
        var uses: [ObjectIdentifier: Int] = [:]
        var order: [Expr] = []
        func visit(_ e: Expr) {
            let id = ObjectIdentifier(e)
            uses[id, default: 0] += 1
            if uses[id]! > 1 { return }
            e.children.forEach(visit)
            if case .power(let b, let n) = e.kind, let k = n.integerValue, (2...4).contains(abs(k)) {
                uses[ObjectIdentifier(b), default: 0] += 1
            }
            order.append(e)
        }
        visit(self)
        var names: [ObjectIdentifier: String] = [:]
        var lines: [String] = []
        for e in order where uses[ObjectIdentifier(e)]! > 1 && !e.isLeaf && e !== self {
            let n = "t\(names.count)"
            lines.append("    const double \(n) = \(e.cExpression(names));")
            names[ObjectIdentifier(e)] = n
        }
        return """
        #include <math.h>

        double \(name)(double x) {
        \(lines.map { $0 + "\n" }.joined())    return \(cExpression(names));
        }
        """
    }

    /// The expression as one C expression, using `names` for shared subexpressions.
    public func cExpression(_ names: [ObjectIdentifier: String] = [:]) -> String {
        if let n = names[ObjectIdentifier(self)] { return n }
        switch kind {
        case .number(let q): return Expr.cNumber(q)
        case .variable: return "x"
        case .pi: return "3.14159265358979323846264338327950288"
        case .sum(let k, let terms):
            var s = ""
            for t in terms {
                let body = t.coefficient.magnitude.isOne
                    ? t.expr.cExpression(names) : Expr.cNumber(t.coefficient.magnitude) + " * " + t.expr.cExpression(names)
                if s.isEmpty { s = t.coefficient.signum < 0 ? "-" + body : body }
                else { s += (t.coefficient.signum < 0 ? " - " : " + ") + body }
            }
            if !k.isZero { s += (k.signum < 0 ? " - " : " + ") + Expr.cNumber(k.magnitude) }
            return "(" + s + ")"
        case .product(let c, let fs):
            var s = c.isOne ? "" : (c == Rational(-1) ? "-" : Expr.cNumber(c) + " * ")
            s += fs.map { $0.cExpression(names) }.joined(separator: " * ")
            return "(" + s + ")"
        case .power(let b, let e):
            let base = b.cExpression(names)
            if let q = e.rationalValue {
                if q == Rational(1, 2) { return "sqrt(\(base))" }
                if q == Rational(-1, 2) { return "(1.0 / sqrt(\(base)))" }
                if let n = e.integerValue {
                    if (2...4).contains(n) { return "(" + Array(repeating: base, count: n).joined(separator: " * ") + ")" }
                    if (-4 ... -1).contains(n) { return "(1.0 / (" + Array(repeating: base, count: -n).joined(separator: " * ") + "))" }
                }
            }
            return "pow(\(base), \(e.cExpression(names)))"
        case .apply(let f, let a):
            return f.c(a.cExpression(names))
        }
    }

    var isLeaf: Bool {
        switch kind {
        case .number, .variable, .pi: return true
        default: return false
        }
    }

    static func cNumber(_ q: Rational) -> String {
        if q.isInteger { return q.description + ".0" }
        return "(\(q.numerator).0 / \(q.denominator).0)"
    }
}
