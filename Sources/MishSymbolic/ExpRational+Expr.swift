import MishNumbers

/// The rewrite rules that bring an expression into the exp-rational class, as named data. Each is an
/// identity of real analysis for u = eˣ and w = e^a (w > 0); the soundness tests evaluate both sides.
public enum ExpRationalRule: String, CaseIterable, Sendable {
    case expOfLog = "exp(log w) = w"
    case expOfMultipleOfX = "exp(n*x) = u^n"
    case powerOfExp = "exp(a)^q = exp(q*a) (q rational, also sqrt(exp(a)) = exp(a/2))"
    case expOfSum = "exp(a + b) = exp(a)*exp(b)"
    case tanhAsExp = "tanh(a) = (W - 1)/(W + 1), W = exp(2a) (so tanh(x/2) = (u - 1)/(u + 1))"
    case sinhAsExp = "sinh(a) = (w - 1/w)/2"
    case coshAsExp = "cosh(a) = (w + 1/w)/2"
    case evenPowerAsExp = "sech(a)^2 = 4W/(W + 1)^2, cosh(a)^2 = (W + 2 + 1/W)/4, sinh(a)^2 = (W - 2 + 1/W)/4, W = exp(2a)"
    case sechAsExp = "sech(a) = 2*w/(w^2 + 1)"
    case expm1AsExp = "expm1(a) = w - 1"
    case sigmoidAsExp = "sigmoid(a) = w/(1 + w)"
    case softplusAsLog = "softplus(a) = log(1 + w)"
    case log1pAsLog = "log1p(b) = log(1 + b)"
    case logsigmoidAsLog = "logsigmoid(a) = log(w/(1 + w))"
    case mishAsExp = "mish(a) = a*((1 + w)^2 - 1)/((1 + w)^2 + 1)"
    case swishAsExp = "swish(a) = a*w/(1 + w)"
}

extension ExpRational {
    /// The normal form of `e`, or nil when `e` is outside the class (π, erf, gelu, a log that does not
    /// cancel, a non-integer power, division by a function of x, ...).
    public init?(_ e: Expr) {
        var converter = Converter()
        guard let r = converter.field(e) else { return nil }
        self = r
    }

    /// Converts with memo tables over the DAG.
    struct Converter {
        var fieldMemo: [ObjectIdentifier: ExpRational?] = [:]
        var exponentialMemo: [ExponentialKey: ExpRational?] = [:]

        struct ExponentialKey: Hashable {
            let expression: ObjectIdentifier
            let multiple: Rational
        }

        /// e as an element of the class.
        mutating func field(_ e: Expr) -> ExpRational? {
            if let m = fieldMemo[ObjectIdentifier(e)] { return m }
            let r = computeField(e)
            fieldMemo[ObjectIdentifier(e)] = r
            return r
        }

        /// W in the class with W = exp(m·e), or nil. The multiple lets exp(m·e) be in the class when exp(e)
        /// is not: tanh(x/2) = (eˣ − 1)/(eˣ + 1) needs exp(2·(x/2)) only.
        mutating func exponential(_ e: Expr, times m: Rational = Rational(1)) -> ExpRational? {
            let key = ExponentialKey(expression: ObjectIdentifier(e), multiple: m)
            if let r = exponentialMemo[key] { return r }
            let r = m.isZero ? ExpRational.one : computeExponential(e, times: m)
            exponentialMemo[key] = r
            return r
        }

        private mutating func computeField(_ e: Expr) -> ExpRational? {
            switch e.kind {
            case .number(let q): return ExpRational(q)
            case .variable: return .x
            case .pi: return nil
            case .sum(let k, let terms):
                var acc = ExpRational(k)
                for t in terms {
                    guard let v = field(t.expr) else { return nil }
                    acc = acc + ExpRational(t.coefficient) * v
                }
                return acc
            case .product(let c, let fs):
                var acc = ExpRational(c)
                for f in fs {
                    guard let v = field(f) else { return nil }
                    acc = acc * v
                }
                return acc
            case .power(let b, let n):
                if case .apply(.exp, let a) = b.kind, let q = n.rationalValue { return exponential(a, times: q) }
                guard let k = n.integerValue else { return nil }
                if let v = field(b) { return v.power(k) }
                return evenPower(b, k)
            case .apply(.sqrt, let b):
                guard case .apply(.exp, let a) = b.kind else { return nil }
                return exponential(a, times: Rational(1, 2))
            case .apply(let f, let a):
                return applied(f, a)
            }
        }

        private mutating func applied(_ f: Primitive, _ a: Expr) -> ExpRational? {
            let one = ExpRational.one
            switch f {
            case .exp:
                return exponential(a)
            case .expm1:
                return exponential(a).map { $0 - one }
            case .tanh:
                guard let w2 = exponential(a, times: Rational(2)) else { return nil }
                return (w2 - one) * (w2 + one).reciprocal
            case .sinh:
                guard let w = exponential(a), let inv = w.reciprocal else { return nil }
                return (w - inv) * ExpRational(Rational(1, 2))
            case .cosh:
                guard let w = exponential(a), let inv = w.reciprocal else { return nil }
                return (w + inv) * ExpRational(Rational(1, 2))
            case .sech:
                guard let w = exponential(a), let w2 = w.power(2) else { return nil }
                return ExpRational(2) * w * (w2 + one).reciprocal
            case .sigmoid:
                guard let w = exponential(a) else { return nil }
                return w * (one + w).reciprocal
            case .mish:
                guard let v = field(a), let w = exponential(a), let s = (one + w).power(2) else { return nil }
                return v * (s - one) * (s + one).reciprocal
            case .swish:
                guard let v = field(a), let w = exponential(a) else { return nil }
                return v * w * (one + w).reciprocal
            case .log, .log1p, .softplus, .logsigmoid, .sqrt, .erf, .gelu:
                return nil
            }
        }

        /// sech(a)ᵏ, cosh(a)ᵏ and sinh(a)ᵏ for even k through W = exp(2a): sech² = 4W/(W + 1)²,
        /// cosh² = (W + 2 + 1/W)/4, sinh² = (W − 2 + 1/W)/4, so sech(x/2)² is in the class though sech(x/2) is not.
        private mutating func evenPower(_ b: Expr, _ k: Int) -> ExpRational? {
            guard k % 2 == 0, case .apply(let f, let a) = b.kind, let w = exponential(a, times: Rational(2)),
                  let inverse = w.reciprocal else { return nil }
            let one = ExpRational.one, quarter = ExpRational(Rational(1, 4))
            let square: ExpRational?
            switch f {
            case .sech: square = (w + one).power(2).flatMap { ExpRational(4) * w * $0.reciprocal }
            case .cosh: square = quarter * (w + ExpRational(2) + inverse)
            case .sinh: square = quarter * (w - ExpRational(2) + inverse)
            default: square = nil
            }
            return square.flatMap { $0.power(k / 2) }
        }

        /// exp(m·e): m·(coefficient of x) must be an integer, and a logarithm's argument is raised to the
        /// integer m.
        private mutating func computeExponential(_ e: Expr, times m: Rational) -> ExpRational? {
            switch e.kind {
            case .variable:
                guard let n = m.exactInt else { return nil }
                return .uPower(n)
            case .number(let q):
                return q.isZero ? .one : nil
            case .sum(let k, let terms):
                guard k.isZero else { return nil }
                var acc = ExpRational.one
                for t in terms {
                    guard let w = exponential(t.expr, times: m * t.coefficient) else { return nil }
                    acc = acc * w
                }
                return acc
            case .product(let c, let fs):
                guard !c.isOne else { return nil }
                return exponential(Expr.product(fs), times: m * c)
            case .apply(.log, let a):
                guard let n = m.exactInt else { return nil }
                return field(a).flatMap { $0.power(n) }
            case .apply(.log1p, let a):
                guard let n = m.exactInt else { return nil }
                return field(a).flatMap { (ExpRational.one + $0).power(n) }
            case .apply(.softplus, let a):
                guard let n = m.exactInt else { return nil }
                return exponential(a).flatMap { (ExpRational.one + $0).power(n) }
            case .apply(.logsigmoid, let a):
                guard let n = m.exactInt, let w = exponential(a) else { return nil }
                return (w * (ExpRational.one + w).reciprocal).flatMap { $0.power(n) }
            default:
                return nil
            }
        }
    }
}

private extension Rational {
    var exactInt: Int? { isInteger ? numerator.exactInt : nil }
}

private func * (a: ExpRational, b: ExpRational?) -> ExpRational? { b.map { a * $0 } }

// MARK: - Back to expressions

extension ExpRational {
    /// The normal form as an expression: u^k·(Σⱼ u^j·Cⱼ(x)) / (c·Π fⱼ(u)^eⱼ), the numerator grouped by
    /// powers of u = eˣ with its lowest power k factored out (mish′ prints as eˣ·ω/δ² with the paper's ω
    /// and δ), the denominator kept factored.
    public var expr: Expr {
        if isZero { return .zero }
        let low = numerator.filter { !$0.isZero }.map(\.lowestDegree).min() ?? 0
        let high = numerator.map(\.degree).max() ?? 0
        var groups: [Expr] = []
        for j in low...high {
            var coefficientsInX: [Expr] = []
            for (i, p) in numerator.enumerated() where !p[j].isZero {
                coefficientsInX.append(Expr.product([.number(Rational(p[j])), Expr.x.pow(i)]))
            }
            if coefficientsInX.isEmpty { continue }
            groups.append(Expr.product([ExpRational.uExpr(j - low), Expr.sum(coefficientsInX)]))
        }
        var factors = [ExpRational.uExpr(low), Expr.sum(groups), Expr.number(Rational(BigInt(1), denominatorConstant))]
        for f in denominatorFactors {
            factors.append(Expr.power(ExpRational.polynomialExpr(f.polynomial), .number(-f.exponent)))
        }
        return Expr.product(factors)
    }

    /// The normal form nested by Horner's rule in u (fewest operations: for code generation).
    public var hornerExpr: Expr {
        if isZero { return .zero }
        var terms: [Expr] = []
        for (i, p) in numerator.enumerated() where !p.isZero {
            terms.append(Expr.product([Expr.x.pow(i), ExpRational.hornerExpr(p)]))
        }
        var factors = [Expr.sum(terms), Expr.number(Rational(BigInt(1), denominatorConstant))]
        for f in denominatorFactors {
            factors.append(Expr.power(ExpRational.hornerExpr(f.polynomial), .number(-f.exponent)))
        }
        return Expr.product(factors)
    }

    /// e^(k·x) as an expression.
    static func uExpr(_ k: Int) -> Expr { Expr.apply(.exp, Expr.product([.number(k), .x])) }

    /// p(eˣ) with one term per power.
    static func polynomialExpr(_ p: IntegerPolynomial) -> Expr {
        Expr.sum((0...Swift.max(p.degree, 0)).map { Expr.product([.number(Rational(p[$0])), uExpr($0)]) })
    }

    /// p(eˣ) as c₀ + u·(c₁ + u·(c₂ + …)), with the lowest power of u factored out.
    static func hornerExpr(_ p: IntegerPolynomial) -> Expr {
        if p.isZero { return .zero }
        let low = p.lowestDegree
        var acc = Expr.number(Rational(p[p.degree]))
        if p.degree > low {
            for j in stride(from: p.degree - 1, through: low, by: -1) {
                acc = Expr.sum([.number(Rational(p[j])), Expr.product([uExpr(1), acc])])
            }
        }
        return Expr.product([uExpr(low), acc])
    }
}

// MARK: - Evaluation

extension ExpRational {
    /// An enclosure of f(X), by Horner's rule in x. For X ≥ 0 the form is evaluated in t = e^(−x): with
    /// M the largest degree in u of the numerator and D the denominator's,
    /// f = [Σᵢ xⁱ·Pᵢ(u)/u^max(M,D)]·e^(max(0, M−D)·x) / [c·Πⱼ (fⱼ(u)/u^deg fⱼ)^eⱼ], every bracket a polynomial
    /// in t ∈ (0, 1]; for X < 0 it is evaluated in u = eˣ ∈ (0, 1]. So large |x| costs no cancellation of
    /// huge powers, and over an unbounded X the dominant power of u is factored out.
    public func enclosure(at x: BigInterval) -> BigInterval { enclosure(generic: x) }

    /// The same enclosure in double interval arithmetic (``DoubleInterval``): fast, 53 bits, undefined where
    /// it overflows into ∞ − ∞ or a denominator it cannot bound away from 0.
    public func enclosure(at x: DoubleInterval) -> DoubleInterval { enclosure(generic: x) }

    func enclosure<I: EnclosureArithmetic>(generic x: I) -> I {
        if isZero { return x.integer(BigInt(0)) }
        let useT = x.midpointIsNonnegative
        let denominatorDegree = denominatorFactors.reduce(0) { $0 + $1.exponent * $1.polynomial.degree }
        let numeratorDegree = numerator.map(\.degree).max() ?? 0
        let d = Swift.max(denominatorDegree, numeratorDegree)
        let variable = (useT ? -x : x).exp()
        func inForm(_ q: IntegerPolynomial, degree: Int) -> I {
            guard useT else { return variable.polynomial(q) }
            // q(u)/u^degree = t^(degree − deg q) · rev(q)(t).
            let shift = degree - q.degree
            let value = variable.reversedPolynomial(q)
            return shift == 0 ? value : value * variable.pow(shift)
        }
        // Horner from the leading Pᵢ (never 0), with no first 0·X.
        var num = inForm(numerator[numerator.count - 1], degree: d)
        for q in numerator.dropLast().reversed() {
            num = q.isZero ? num * x : num * x + inForm(q, degree: d)
        }
        if useT && d > denominatorDegree { num = num * (x.integer(BigInt(d - denominatorDegree)) * x).exp() }
        var den = x.integer(denominatorConstant)
        for f in denominatorFactors { den = den * inForm(f.polynomial, degree: f.polynomial.degree).pow(f.exponent) }
        return num / den
    }

    /// An enclosure of f(X) given an enclosure U of e^X (one exponential shared by several forms at
    /// the same point), by Horner's rule in u and in x at U's precision.
    public func enclosure(x: BigInterval, u: BigInterval) -> BigInterval { enclosure(generic: x, u: u) }

    /// The same in ball arithmetic (``BigBall``): one rounding per operation at full precision.
    public func enclosure(x: BigBall, u: BigBall) -> BigBall { enclosure(generic: x, u: u) }

    func enclosure<I: EnclosureArithmetic>(generic x: I, u: I) -> I {
        if isZero { return u.integer(BigInt(0)) }
        var num: I?
        for q in numerator.reversed() {
            let term = q.isZero ? nil : u.polynomial(q)
            if let n = num { num = term.map { n * x + $0 } ?? n * x } else { num = term }
        }
        var den: I?
        for f in denominatorFactors {
            let factor = u.polynomial(f.polynomial).pow(f.exponent)
            den = den.map { $0 * factor } ?? factor
        }
        guard let num else { return u.integer(BigInt(0)) }
        guard let den else { return denominatorConstant == BigInt(1) ? num : num / u.integer(denominatorConstant) }
        return num / (denominatorConstant == BigInt(1) ? den : den.times(denominatorConstant))
    }

    /// f(x) given u ≈ eˣ (one exponential shared by several forms at the same point), by Horner's rule in u
    /// and in x, each step rounded to nearest at `precision` bits: an approximation for Newton's method, not
    /// an enclosure.
    public func evaluate(x: BigFloat, u: BigFloat, precision p: Int) -> BigFloat {
        if isZero { return BigFloat(precision: p) }
        var num = BigFloat(precision: p)
        for q in numerator.reversed() {
            num = num.multiplied(by: x, precision: p).value
            if !q.isZero { num = num.adding(q.evaluate(at: u, precision: p), precision: p).value }
        }
        if denominatorFactors.isEmpty && denominatorConstant == BigInt(1) { return num }
        var den = BigFloat(Rational(denominatorConstant), precision: p)
        for f in denominatorFactors {
            let v = f.polynomial.evaluate(at: u, precision: p)
            for _ in 0..<f.exponent { den = den.multiplied(by: v, precision: p).value }
        }
        return num.divided(by: den, precision: p).value
    }

    /// f(x) given u = eˣ in double arithmetic (coefficients rounded to double), for a first approximation.
    public func evaluate(x: Double, u: Double) -> Double {
        if isZero { return 0 }
        var num = 0.0
        for q in numerator.reversed() { num = num * x + (q.isZero ? 0 : q.evaluate(at: u)) }
        var den = denominatorConstant.doubleValue
        if denominatorFactors.isEmpty && den == 1 { return num }
        for f in denominatorFactors {
            let v = f.polynomial.evaluate(at: u)
            for _ in 0..<f.exponent { den *= v }
        }
        return num / den
    }

    /// f(x) to about `precision` bits: the midpoint of the enclosure at a point (use the enclosure or
    /// ``Expr/certifiedValue(at:digits:)`` for a guarantee).
    public func evaluate(at x: BigFloat, precision: Int) -> BigFloat {
        enclosure(at: BigInterval(x.rounded(toPrecision: precision))).midpoint
    }
}
