import MishNumbers
import MishSymbolic

extension TruncatedSeries {
    /// The series of f(self) for each primitive f, from exp, log and erf of series and field operations.
    func applying(_ f: Primitive) throws -> TruncatedSeries {
        let one = zero.make(1)
        let ones = TruncatedSeries.constant(one, order: order)
        func sigmoid(_ s: TruncatedSeries) throws -> TruncatedSeries {
            try ones / (ones + (try (-s).exp()))
        }
        func softplus(_ s: TruncatedSeries) throws -> TruncatedSeries { try (ones + (try s.exp())).log() }
        func tanh(_ s: TruncatedSeries) throws -> TruncatedSeries {
            let w = try (s + s).exp()
            return try (w - ones) / (w + ones)
        }
        func erf(_ s: TruncatedSeries) throws -> TruncatedSeries {
            // erf(s) = erf(s₀) + ∫ 2/√π·e^(−s²)·s′.
            let c = try s[0].erf()
            let scale = try S.divide(one.make(2), try one.sqrtPi())
            let integrand = (try (-(s * s)).exp()).scaled(by: scale) * TruncatedSeries(s.derivative.coefficients)
            return TruncatedSeries(Array(integrand.integral(constant: c).coefficients.prefix(s.order)))
        }
        switch f {
        case .exp: return try exp()
        case .log: return try log()
        case .log1p: return try (ones + self).log()
        case .expm1: return try exp() - ones
        case .sqrt: return try power(Rational(1, 2), root: TruncatedSeries.root)
        case .tanh: return try tanh(self)
        case .sinh:
            let w = try exp()
            return (w - (try w.reciprocal())).scaled(by: one.make(Rational(1, 2)))
        case .cosh:
            let w = try exp()
            return (w + (try w.reciprocal())).scaled(by: one.make(Rational(1, 2)))
        case .sech:
            let w = try exp()
            return try ones.scaled(by: one.make(2)) / (w + (try w.reciprocal()))
        case .erf: return try erf(self)
        case .sigmoid: return try sigmoid(self)
        case .softplus: return try softplus(self)
        case .mish: return self * (try tanh(try softplus(self)))
        case .swish: return self * (try sigmoid(self))
        case .gelu:
            let invSqrt2 = TruncatedSeries.constant(try TruncatedSeries.root(one.make(2), Rational(-1, 2)), order: order)
            return (self * (ones + (try erf(self * invSqrt2)))).scaled(by: one.make(Rational(1, 2)))
        case .logsigmoid: return -(try softplus(-self))
        }
    }

    /// c^q for a constant c: exact rational roots, or interval exp(q·log c) for c > 0.
    static func root(_ c: S, _ q: Rational) throws -> S {
        if let r = c as? Rational {
            if r.isZero { if q.signum > 0 { return r as! S } else { throw SeriesError.pole } }
            guard let d = q.denominator.exactInt, let n = q.numerator.exactInt, let base = r.exactRoot(d) else {
                throw SeriesError.irrational("\(r)^(\(q))")
            }
            return base.power(n) as! S
        }
        if let i = c as? BigInterval {
            if i.lower.signum <= 0 { throw SeriesError.branch("fractional power of a non-positive constant term") }
            return (BigInterval(q, precision: i.precision) * i.log()).exp() as! S
        }
        throw SeriesError.irrational("power")
    }
}

extension Expr {
    /// The Taylor series of the expression in t = x − a to order N, in the scalar type of `point`
    /// (exact with a Rational point, enclosures with an interval point), walking the DAG once.
    public func taylorSeries<S: SeriesScalar>(at point: S, order n: Int) throws -> TruncatedSeries<S> {
        var memo: [ObjectIdentifier: TruncatedSeries<S>] = [:]
        let x = TruncatedSeries.variable(at: point, order: n)
        func series(_ e: Expr) throws -> TruncatedSeries<S> {
            if let s = memo[ObjectIdentifier(e)] { return s }
            let s: TruncatedSeries<S>
            switch e.kind {
            case .number(let q): s = .constant(point.make(q), order: n)
            case .variable: s = x
            case .pi:
                guard let i = point as? BigInterval else { throw SeriesError.irrational("pi") }
                s = .constant(BigInterval.pi(precision: i.precision) as! S, order: n)
            case .sum(let k, let terms):
                var acc = TruncatedSeries.constant(point.make(k), order: n)
                for t in terms { acc = acc + (try series(t.expr)).scaled(by: point.make(t.coefficient)) }
                s = acc
            case .product(let c, let fs):
                var acc = TruncatedSeries.constant(point.make(c), order: n)
                for f in fs { acc = acc * (try series(f)) }
                s = acc
            case .power(let b, let p):
                let base = try series(b)
                if let q = p.rationalValue {
                    if q.isInteger, let k = q.numerator.exactInt { s = try base.power(k) }
                    else { s = try base.power(q, root: TruncatedSeries.root) }
                } else {
                    s = try ((try base.log()) * (try series(p))).exp()
                }
            case .apply(let f, let a):
                s = try series(a).applying(f)
            }
            memo[ObjectIdentifier(e)] = s
            return s
        }
        return try series(self)
    }
}
