import MishNumbers

extension Expr {
    /// d/dx by the sum, product, quotient, power and chain rules, with the derivatives of the catalogue.
    /// The result is lightly simplified (constants folded, zero terms dropped), not normalised.
    public func derivative() -> Expr {
        switch self {
        case .number, .constant:
            return .zero
        case .variable:
            return .one
        case .sum(let terms):
            return .add(terms.map { $0.derivative() })
        case .product(let factors):
            var terms: [Expr] = []
            for i in factors.indices {
                let d = factors[i].derivative()
                if d == .zero { continue }
                var rest = factors
                rest[i] = d
                terms.append(.multiply(rest))
            }
            return .add(terms)
        case .negate(let a):
            return .negated(a.derivative())
        case .reciprocal(let a):
            let d = a.derivative()
            if d == .zero { return .zero }
            return .negated(.multiply([d, .reciprocal(.power(a, 2))]))
        case .power(let base, let exponent):
            let db = base.derivative()
            if let q = exponent.rationalValue {
                if db == .zero { return .zero }
                return .multiply([.number(q), .power(base, .number(q - Rational(1))), db])
            }
            let de = exponent.derivative()
            return .multiply([self, .add([.multiply([de, .apply(.log, base)]),
                                          .multiply([exponent, db, .reciprocal(base)])])])
        case .apply(let f, let a):
            let da = a.derivative()
            if da == .zero { return .zero }
            return .multiply([f.derivative(at: a), da])
        }
    }

    /// The n-th derivative, n ≥ 0.
    public func derivative(order n: Int) -> Expr {
        precondition(n >= 0, "derivative order must be non-negative")
        var e = self
        for _ in 0..<n { e = e.derivative() }
        return e
    }
}
