import MishNumbers

/// The smart constructors: the only way nodes are built, each returning the canonical form stated on
/// ``Expr``.
extension Expr {
    /// Largest number of bits a folded number may have (a larger power stays symbolic).
    static let maximumFoldedBits = 1 << 20

    /// The canonical sum of `terms`.
    public static func sum(_ terms: [Expr]) -> Expr {
        if terms.count == 1, !terms[0].isSumNeedingFlattening { return terms[0] }
        var constant = Rational.zero
        var index: [Expr: Int] = [:]
        var collected: [Term] = []
        func add(_ c: Rational, _ e: Expr) {
            switch e.kind {
            case .number(let q):
                if c.isOne { constant += q } else { constant += c * q }
            case .sum(let k, let ts):
                constant += c.isOne ? k : c * k
                for t in ts { add(c.isOne ? t.coefficient : c * t.coefficient, t.expr) }
            default:
                let (k, rest) = e.splitCoefficient
                if case .sum = rest.kind { add(c * k, rest); return }
                let coefficient = c.isOne ? k : c * k
                if let i = index[rest] {
                    collected[i] = Term(coefficient: collected[i].coefficient + coefficient, expr: rest)
                } else {
                    index[rest] = collected.count
                    collected.append(Term(coefficient: coefficient, expr: rest))
                }
            }
        }
        for t in terms { add(.one, t) }
        collected = collected.filter { !$0.coefficient.isZero }.sorted { compare($0.expr, $1.expr) < 0 }
        if collected.isEmpty { return number(constant) }
        if collected.count == 1 && constant.isZero {
            return scaled(collected[0].expr, by: collected[0].coefficient)
        }
        return intern(.sum(constant: constant, terms: collected))
    }

    /// c·e for an e without numeric coefficient (no distribution needed: e is not a sum here).
    static func scaled(_ e: Expr, by c: Rational) -> Expr {
        if c.isZero { return .zero }
        if c.isOne { return e }
        if case .product(_, let fs) = e.kind { return intern(.product(coefficient: c, factors: fs)) }
        return intern(.product(coefficient: c, factors: [e]))
    }

    /// The canonical product of `factors`.
    public static func product(_ factors: [Expr]) -> Expr {
        var coefficient = Rational.one
        var bases: [Expr] = []
        var exponents: [[Expr]] = []
        var index: [Expr: Int] = [:]
        var expArguments: [Expr] = []
        func multiply(_ f: Expr) {
            switch f.kind {
            case .number(let q):
                coefficient *= q
            case .product(let c, let fs):
                coefficient *= c
                fs.forEach(multiply)
            case .apply(.exp, let a):
                expArguments.append(a)
            default:
                let (b, e) = f.asPower
                let found: Int?
                if bases.count < 8 {
                    found = bases.firstIndex { $0 === b }
                } else {
                    if index.isEmpty { for (i, x) in bases.enumerated() { index[x] = i } }
                    found = index[b]
                }
                if let i = found {
                    exponents[i].append(e)
                } else {
                    if !index.isEmpty || bases.count >= 8 { index[b] = bases.count }
                    bases.append(b)
                    exponents.append([e])
                }
            }
        }
        factors.forEach(multiply)
        if coefficient.isZero { return .zero }

        var result: [Expr] = []
        var needsAnotherPass = false
        for (b, es) in zip(bases, exponents) {
            let exponent: Expr
            if es.count == 1 {
                exponent = es[0]
            } else if es.allSatisfy({ $0.rationalValue != nil }) {
                var total = Rational.zero
                for e in es { total += e.rationalValue! }
                exponent = number(total)
            } else {
                exponent = sum(es)
            }
            let p = power(b, exponent)
            switch p.kind {
            case .number(let q): coefficient *= q
            case .product, .apply(.exp, _): needsAnotherPass = true; result.append(p)
            default: result.append(p)
            }
        }
        if !expArguments.isEmpty {
            let e = apply(.exp, expArguments.count == 1 ? expArguments[0] : sum(expArguments))
            if let q = e.rationalValue { coefficient *= q } else { result.append(e) }
        }
        if needsAnotherPass { return product(result + [number(coefficient)]) }
        if coefficient.isZero { return .zero }
        if result.count > 1 { result.sort { compare($0, $1) < 0 } }
        if result.isEmpty { return number(coefficient) }
        if result.count == 1 && coefficient.isOne { return result[0] }
        return intern(.product(coefficient: coefficient, factors: result))
    }

    /// The canonical power base^exponent.
    public static func power(_ base: Expr, _ exponent: Expr) -> Expr {
        if exponent === Expr.zero { return .one }
        if exponent === Expr.one { return base }
        if base === Expr.one { return .one }
        if let q = base.rationalValue, let e = exponent.rationalValue {
            if let folded = foldedPower(q, e) { return number(folded) }
            if q.isZero && e.signum < 0 { return intern(.power(base: .zero, exponent: .minusOne)) }
            return intern(.power(base: base, exponent: exponent))
        }
        if exponent.integerValue != nil {
            switch base.kind {
            case .power(let b, let f):
                return power(b, product([f, exponent]))
            case .product(let c, let fs):
                return product([power(number(c), exponent)] + fs.map { power($0, exponent) })
            default:
                break
            }
        }
        if case .apply(.exp, let a) = base.kind { return apply(.exp, product([a, exponent])) }
        return intern(.power(base: base, exponent: exponent))
    }

    /// q^e as a rational when it is one and is not too large.
    static func foldedPower(_ q: Rational, _ e: Rational) -> Rational? {
        let n = e.numerator, d = e.denominator
        guard let ni = n.exactInt, let di = d.exactInt, di <= 64 else { return nil }
        if q.isZero { return ni > 0 ? Rational(0) : nil }
        guard abs(ni) * max(q.bitSize, 1) / di <= maximumFoldedBits else { return nil }
        guard let root = q.exactRoot(di) else { return nil }
        return root.power(ni)
    }

    /// The canonical application f(a).
    public static func apply(_ f: Primitive, _ a: Expr) -> Expr {
        if f == .sqrt { return power(a, .half) }
        if a === Expr.zero, let v = f.valueAtZero { return v }
        switch (f, a.kind) {
        case (.log, .apply(.exp, let inner)): return inner
        case (.log, .number(let q)) where q.isOne: return .zero
        default: return intern(.apply(f, a))
        }
    }
}

// MARK: - Operators

extension Expr {
    public static func + (a: Expr, b: Expr) -> Expr { sum([a, b]) }
    public static func - (a: Expr, b: Expr) -> Expr { sum([a, product([.minusOne, b])]) }
    public static func * (a: Expr, b: Expr) -> Expr { product([a, b]) }
    public static func / (a: Expr, b: Expr) -> Expr { product([a, power(b, .minusOne)]) }
    public static prefix func - (a: Expr) -> Expr { product([.minusOne, a]) }
    public static func + (a: Expr, b: Int) -> Expr { sum([a, number(b)]) }
    public static func * (a: Int, b: Expr) -> Expr { product([number(a), b]) }
    public func pow(_ n: Int) -> Expr { Expr.power(self, .number(n)) }
    public func pow(_ e: Expr) -> Expr { Expr.power(self, e) }
}

/// The rules the smart constructors apply, as named data: each is an identity of real analysis
/// (wherever both sides are defined), and the soundness tests evaluate both sides at random points.
public enum CanonicalRule: String, CaseIterable, Sendable {
    case flattenSum = "(a + b) + c = a + b + c"
    case collectTerms = "p*t + q*t = (p + q)*t"
    case foldNumbers = "numbers fold: 2 + 3 = 5, 2*3 = 6, 8^(1/3) = 2"
    case distributeInSum = "a + c*(b + d) = a + c*b + c*d"
    case flattenProduct = "(a*b)*c = a*b*c"
    case collectPowers = "t^p * t^q = t^(p + q)"
    case mergeExp = "exp(a)*exp(b) = exp(a + b)"
    case zeroFactor = "0*a = 0"
    case powerOfPower = "(a^p)^n = a^(p*n) for integer n"
    case powerOfProduct = "(c*a*b)^n = c^n*a^n*b^n for integer n"
    case powerOfExp = "exp(a)^b = exp(a*b)"
    case trivialPowers = "a^0 = 1, a^1 = a, 1^a = 1"
    case sqrtAsPower = "sqrt(a) = a^(1/2)"
    case logOfExp = "log(exp(a)) = a"
    case valuesAtZero = "exact values at 0: exp(0) = 1, tanh(0) = 0, sigmoid(0) = 1/2, softplus(0) = log(2), ..."
}
