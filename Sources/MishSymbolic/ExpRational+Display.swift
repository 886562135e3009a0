import MishNumbers

/// How the normal form is shown: the numerator grouped by powers of u = eˣ (ascending) with the lowest
/// power factored out, each group's polynomial in x in descending powers, and the denominator factored,
/// each factor in descending powers of u. Order 1 of mish reads as the paper's eˣ·ω/δ².
extension ExpRational {
    /// Text in the parser's syntax; parsing it gives the canonical ``expr``.
    public var text: String { render(TextStyle()) }

    /// The same layout in LaTeX.
    public var latex: String { render(LatexStyle()) }

    private func render<S: NormalFormStyle>(_ s: S) -> String {
        if isZero { return "0" }
        let nonEmpty = (numerator.filter { !$0.isZero }.map(\.lowestDegree).min() ?? 0)...(numerator.map(\.degree).max() ?? 0)
        let powers = nonEmpty.filter { j in numerator.contains { !$0[j].isZero } }
        // With several groups the lowest power of u is factored out; a single group keeps it.
        let low = powers.count > 1 ? powers[0] : 0
        var groups: [(negative: Bool, body: String)] = []
        var singleGroupIsSum = false
        for j in powers {
            let coefficients: [(Int, BigInt)] = numerator.enumerated().compactMap { i, p in
                p[j].isZero ? nil : (i, p[j])
            }.reversed()
            let u = s.exp(j - low)
            if coefficients.count == 1 {
                let (i, k) = coefficients[0]
                let monomial = s.term(coefficient: k.magnitude, factors: [s.xPower(i), u].filter { !$0.isEmpty })
                groups.append((k.signum < 0, monomial))
            } else {
                let inner = s.joinSigned(coefficients.map { i, k in
                    (k.signum < 0, s.term(coefficient: k.magnitude, factors: [s.xPower(i)].filter { !$0.isEmpty }))
                })
                singleGroupIsSum = u.isEmpty
                groups.append((false, u.isEmpty ? inner : s.product([u, s.parenthesized(inner)])))
            }
        }
        let sum = s.joinSigned(groups)
        let lead = s.exp(low)
        let top = lead.isEmpty ? sum : s.product([lead, s.parenthesized(sum)])
        let topIsSum = lead.isEmpty && (groups.count > 1 || singleGroupIsSum)
        var bottom: [String] = []
        if denominatorConstant != 1 { bottom.append(denominatorConstant.description) }
        for f in denominatorFactors {
            let terms: [(Bool, String)] = (0...f.polynomial.degree).reversed().compactMap { j in
                let k = f.polynomial[j]
                if k.isZero { return nil }
                let u = s.exp(j)
                return (k.signum < 0, s.term(coefficient: k.magnitude, factors: u.isEmpty ? [] : [u]))
            }
            let poly = s.joinSigned(terms)
            let needsParentheses = terms.count > 1 || f.exponent > 1 || terms[0].0
            bottom.append(s.power(needsParentheses ? s.parenthesized(poly) : poly, f.exponent))
        }
        return s.fraction(top, bottom, topIsSum: topIsSum)
    }
}

protocol NormalFormStyle {
    func exp(_ k: Int) -> String
    func xPower(_ i: Int) -> String
    func product(_ factors: [String]) -> String
    func parenthesized(_ s: String) -> String
    func power(_ base: String, _ n: Int) -> String
    func fraction(_ top: String, _ bottom: [String], topIsSum: Bool) -> String
}

extension NormalFormStyle {
    /// k·f₁·f₂… with k = 1 omitted unless there are no factors.
    func term(coefficient k: BigInt, factors: [String]) -> String {
        if factors.isEmpty { return k.description }
        return product((k == 1 ? [] : [k.description]) + factors)
    }

    func joinSigned(_ parts: [(negative: Bool, body: String)]) -> String {
        var s = ""
        for (n, body) in parts {
            if s.isEmpty { s = (n ? "-" : "") + body } else { s += (n ? " - " : " + ") + body }
        }
        return s
    }
}

struct TextStyle: NormalFormStyle {
    func exp(_ k: Int) -> String { k == 0 ? "" : (k == 1 ? "exp(x)" : "exp(\(k)*x)") }
    func xPower(_ i: Int) -> String { i == 0 ? "" : (i == 1 ? "x" : "x^\(i)") }
    func product(_ factors: [String]) -> String { factors.joined(separator: "*") }
    func parenthesized(_ s: String) -> String { "(" + s + ")" }
    func power(_ base: String, _ n: Int) -> String { n == 1 ? base : base + "^\(n)" }
    func fraction(_ top: String, _ bottom: [String], topIsSum: Bool) -> String {
        if bottom.isEmpty { return top }
        return (topIsSum ? "(" + top + ")" : top) + "/" + bottom.joined(separator: "/")
    }
}

struct LatexStyle: NormalFormStyle {
    func exp(_ k: Int) -> String { k == 0 ? "" : (k == 1 ? "e^{x}" : "e^{\(k) x}") }
    func xPower(_ i: Int) -> String { i == 0 ? "" : (i == 1 ? "x" : "x^{\(i)}") }
    func product(_ factors: [String]) -> String { factors.joined(separator: " ") }
    func parenthesized(_ s: String) -> String { "\\left(" + s + "\\right)" }
    func power(_ base: String, _ n: Int) -> String { n == 1 ? base : base + "^{\(n)}" }
    func fraction(_ top: String, _ bottom: [String], topIsSum: Bool) -> String {
        bottom.isEmpty ? top : "\\frac{" + top + "}{" + bottom.joined(separator: " ") + "}"
    }
}
