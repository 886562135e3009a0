import MishNumbers

extension Expr {
    /// d/dx by the sum, product, power and chain rules with the catalogue's derivatives, built through the
    /// smart constructors (so the result is canonical) and memoised on the DAG: a subexpression shared by
    /// several parents is differentiated once.
    public func derivative() -> Expr {
        var memo: [ObjectIdentifier: Expr] = [:]
        return derivative(&memo)
    }

    /// The n-th derivative, n ≥ 0, one memo shared across the orders.
    public func derivative(order n: Int) -> Expr {
        precondition(n >= 0, "derivative order must be non-negative")
        var memo: [ObjectIdentifier: Expr] = [:]
        var e = self
        for _ in 0..<n { e = e.derivative(&memo) }
        return e
    }

    /// The n-th derivative, refusing to grow past `maximumNodes` distinct nodes (checked after each order),
    /// so an absurd request fails promptly instead of exhausting time and memory.
    public func derivative(order n: Int, maximumNodes: Int) throws -> Expr {
        precondition(n >= 0, "derivative order must be non-negative")
        var memo: [ObjectIdentifier: Expr] = [:]
        var e = self
        for k in 0..<n {
            e = e.derivative(&memo)
            let size = e.dagSize
            if size > maximumNodes { throw DerivativeTooLarge(order: k + 1, nodes: size, limit: maximumNodes) }
        }
        return e
    }

    func derivative(_ memo: inout [ObjectIdentifier: Expr]) -> Expr {
        if let d = memo[ObjectIdentifier(self)] { return d }
        let d: Expr
        switch kind {
        case .number, .pi:
            d = .zero
        case .variable:
            d = .one
        case .sum(_, let terms):
            d = .sum(terms.map { .product([.number($0.coefficient), $0.expr.derivative(&memo)]) })
        case .product(let c, let fs):
            var terms: [Expr] = []
            for i in fs.indices {
                let di = fs[i].derivative(&memo)
                if di.isZero { continue }
                var rest = fs
                rest[i] = di
                terms.append(.product([.number(c)] + rest))
            }
            d = .sum(terms)
        case .power(let b, let e):
            let db = b.derivative(&memo)
            if let q = e.rationalValue {
                d = db.isZero ? .zero : .product([.number(q), .power(b, .number(q - Rational(1))), db])
            } else {
                let de = e.derivative(&memo)
                d = .product([self, .sum([.product([de, .apply(.log, b)]), .product([e, db, .power(b, .minusOne)])])])
            }
        case .apply(let f, let a):
            let da = a.derivative(&memo)
            d = da.isZero ? .zero : .product([f.derivative(at: a), da])
        }
        memo[ObjectIdentifier(self)] = d
        return d
    }

    /// The expression with x replaced by `value` everywhere (memoised on the DAG).
    public func substituting(x value: Expr) -> Expr {
        var memo: [ObjectIdentifier: Expr] = [:]
        return substituting(value, &memo)
    }

    private func substituting(_ v: Expr, _ memo: inout [ObjectIdentifier: Expr]) -> Expr {
        if let r = memo[ObjectIdentifier(self)] { return r }
        let r: Expr
        switch kind {
        case .number, .pi: r = self
        case .variable: r = v
        case .sum(let k, let terms):
            r = .sum([.number(k)] + terms.map { .product([.number($0.coefficient), $0.expr.substituting(v, &memo)]) })
        case .product(let c, let fs): r = .product([.number(c)] + fs.map { $0.substituting(v, &memo) })
        case .power(let b, let e): r = .power(b.substituting(v, &memo), e.substituting(v, &memo))
        case .apply(let f, let a): r = .apply(f, a.substituting(v, &memo))
        }
        memo[ObjectIdentifier(self)] = r
        return r
    }
}

/// A derivative that outgrew its node budget.
public struct DerivativeTooLarge: Error, CustomStringConvertible {
    public let order: Int
    public let nodes: Int
    public let limit: Int
    public var description: String {
        "the derivative of order \(order) already has \(nodes) distinct subexpressions (limit \(limit)); "
            + "ask for a lower order, or use an expression in the exp-rational class, whose derivatives are computed in normal form"
    }
}
