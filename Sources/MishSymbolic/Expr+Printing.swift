import MishNumbers

/// Precedence levels of the text syntax, loosest first.
public enum Precedence: Int, Comparable, Sendable {
    case sum = 1, product, unary, power, atom
    public static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

extension Expr {
    /// A product's parts: numeric coefficient, factors with positive exponents, and the bases of the
    /// factors with negative numeric exponents (raised to the opposite exponent).
    var fraction: (coefficient: Rational, numerator: [Expr], denominator: [(base: Expr, exponent: Rational)]) {
        let (c, rest): (Rational, [Expr])
        switch kind {
        case .product(let k, let fs): (c, rest) = (k, fs)
        case .power: (c, rest) = (1, [self])
        default: (c, rest) = (1, [self])
        }
        var num: [Expr] = [], den: [(Expr, Rational)] = []
        for f in rest {
            if case .power(let b, let e) = f.kind, let q = e.rationalValue, q.signum < 0 {
                den.append((b, -q))
            } else {
                num.append(f)
            }
        }
        return (c, num, den)
    }
}

extension Expr: CustomStringConvertible {
    /// Text in the syntax of ``ExprParser``; parsing it gives back this same node.
    public var description: String { text(context: .sum) }

    /// The text, parenthesised when its precedence is below `context`.
    public func text(context: Precedence) -> String {
        let (body, level) = textAndPrecedence
        return level < context ? "(" + body + ")" : body
    }

    private var textAndPrecedence: (String, Precedence) {
        switch kind {
        case .number(let q):
            if q.isInteger { return (q.description, q.signum < 0 ? .unary : .atom) }
            return (q.description, .product)
        case .variable: return ("x", .atom)
        case .pi: return ("pi", .atom)
        case .sum(let k, let terms):
            var s = ""
            for t in terms {
                let magnitude = Expr.product([.number(t.coefficient.magnitude), t.expr])
                let body = magnitude.text(context: .product)
                if s.isEmpty {
                    s = t.coefficient.signum < 0 ? "-" + body : body
                } else {
                    s += (t.coefficient.signum < 0 ? " - " : " + ") + body
                }
            }
            if !k.isZero { s += (k.signum < 0 ? " - " : " + ") + k.magnitude.description }
            return (s, .sum)
        case .product, .power:
            if case .power(let b, let e) = kind, e.rationalValue.map({ $0.signum > 0 }) ?? true {
                if e.rationalValue == Rational(1, 2) { return ("sqrt(" + b.text(context: .sum) + ")", .atom) }
                return (b.text(context: .atom) + "^" + e.text(context: .power), .power)
            }
            let (c, num, den) = fraction
            var parts: [String] = []
            let numerator = c.numerator.magnitude, denominator = c.denominator
            if numerator != 1 || num.isEmpty { parts.append(numerator.description) }
            parts += num.map { $0.text(context: .power) }
            var s = parts.joined(separator: "*")
            if denominator != 1 { s += "/" + denominator.description }
            for (b, q) in den {
                if q.isOne { s += "/" + b.text(context: .power) }
                else if q == Rational(1, 2) { s += "/sqrt(" + b.text(context: .sum) + ")" }
                else { s += "/" + b.text(context: .atom) + "^" + Expr.number(q).text(context: .power) }
            }
            if c.signum < 0 { return ("-" + s, .unary) }
            return (s, .product)
        case .apply(let f, let a):
            if f == .exp && a === Expr.one { return ("e", .atom) }
            return (f.name + "(" + a.text(context: .sum) + ")", .atom)
        }
    }
}

// MARK: - LaTeX

extension Expr {
    /// LaTeX for display: fractions as \frac, exp as e^{…}, functions by their catalogue names.
    public var latex: String { latex(context: .sum) }

    func latex(context: Precedence) -> String {
        let (body, level) = latexAndPrecedence
        return level < context ? "\\left(" + body + "\\right)" : body
    }

    private var latexAndPrecedence: (String, Precedence) {
        switch kind {
        case .number(let q):
            if q.isInteger { return (q.description, q.signum < 0 ? .unary : .atom) }
            let f = "\\frac{\(q.numerator.magnitude)}{\(q.denominator)}"
            return (q.signum < 0 ? "-" + f : f, q.signum < 0 ? .unary : .atom)
        case .variable: return ("x", .atom)
        case .pi: return ("\\pi", .atom)
        case .sum(let k, let terms):
            var s = ""
            for t in terms {
                let magnitude = Expr.product([.number(t.coefficient.magnitude), t.expr])
                let body = magnitude.latex(context: .product)
                if s.isEmpty {
                    s = t.coefficient.signum < 0 ? "-" + body : body
                } else {
                    s += (t.coefficient.signum < 0 ? " - " : " + ") + body
                }
            }
            if !k.isZero { s += (k.signum < 0 ? " - " : " + ") + Expr.number(k.magnitude).latex(context: .product) }
            return (s, .sum)
        case .product, .power:
            if case .power(let b, let e) = kind, e.rationalValue.map({ $0.signum > 0 }) ?? true {
                if e.rationalValue == Rational(1, 2) { return ("\\sqrt{" + b.latex(context: .sum) + "}", .atom) }
                return ("{" + b.latex(context: .atom) + "}^{" + e.latex(context: .sum) + "}", .power)
            }
            let (c, num, den) = fraction
            var top = num.map { $0.latex(context: .power) }
            if c.numerator.magnitude != 1 || top.isEmpty { top.insert(c.numerator.magnitude.description, at: 0) }
            var bottom = den.map { b, q in
                q.isOne ? b.latex(context: .power)
                    : (q == Rational(1, 2) ? "\\sqrt{" + b.latex(context: .sum) + "}"
                       : "{" + b.latex(context: .atom) + "}^{" + Expr.number(q).latex(context: .sum) + "}")
            }
            if c.denominator != 1 { bottom.insert(c.denominator.description, at: 0) }
            let numerator = top.joined(separator: " \\cdot ")
            let s = bottom.isEmpty ? numerator : "\\frac{\(numerator)}{\(bottom.joined(separator: " \\cdot "))}"
            return (c.signum < 0 ? "-" + s : s, c.signum < 0 ? .unary : (bottom.isEmpty && top.count > 1 ? .product : .atom))
        case .apply(let f, let a):
            if f == .exp { return (a === Expr.one ? "e" : "e^{" + a.latex(context: .sum) + "}", .power) }
            return (f.latex + "\\left(" + a.latex(context: .sum) + "\\right)", .atom)
        }
    }
}
