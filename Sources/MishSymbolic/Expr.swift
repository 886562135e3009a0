import MishNumbers

/// An expression in one real variable x.
///
/// The tree keeps what was written, with sums and products n-ary (a − b is a sum with a negated term,
/// a/b a product with a reciprocal factor), so a long chain a + b + c + … is one flat node, not a deep tree.
/// The smart constructors ``add(_:)`` and ``multiply(_:)`` flatten nested sums and products, fold
/// rational constants and drop neutral elements; the bare cases build exactly what they are given.
public indirect enum Expr: Hashable, Sendable {
    /// An exact rational constant.
    case number(Rational)
    /// The variable x.
    case variable
    /// π or e.
    case constant(MathConstant)
    /// t₁ + t₂ + … (at least two terms when built by ``add(_:)``).
    case sum([Expr])
    /// f₁ · f₂ · … (at least two factors when built by ``multiply(_:)``).
    case product([Expr])
    /// −a.
    case negate(Expr)
    /// 1/a.
    case reciprocal(Expr)
    /// a^b.
    case power(Expr, Expr)
    /// f(a) for a primitive f of the catalogue.
    case apply(Primitive, Expr)

    public static let x = Expr.variable
    public static let zero = Expr.number(0)
    public static let one = Expr.number(1)

    /// mish(x), the default expression of the command line.
    public static let mish = Expr.apply(.mish, .variable)

    /// The rational value, when this is a number.
    public var rationalValue: Rational? {
        switch self {
        case .number(let q): return q
        case .negate(let a): return a.rationalValue.map { -$0 }
        default: return nil
        }
    }

    /// True when x occurs in the expression.
    public var dependsOnX: Bool {
        switch self {
        case .number, .constant: return false
        case .variable: return true
        case .sum(let ts), .product(let ts): return ts.contains { $0.dependsOnX }
        case .negate(let a), .reciprocal(let a), .apply(_, let a): return a.dependsOnX
        case .power(let a, let b): return a.dependsOnX || b.dependsOnX
        }
    }

    /// The sum of `terms`, flattened, with rational terms folded into one and zero dropped.
    public static func add(_ terms: [Expr]) -> Expr {
        var flat: [Expr] = []
        var constant = Rational(0)
        func collect(_ t: Expr) {
            if case .sum(let inner) = t { inner.forEach(collect); return }
            if let q = t.rationalValue { constant += q; return }
            flat.append(t)
        }
        terms.forEach(collect)
        if !constant.isZero { flat.append(.number(constant)) }
        switch flat.count {
        case 0: return .zero
        case 1: return flat[0]
        default: return .sum(flat)
        }
    }

    /// The product of `factors`, flattened, with rational factors folded into one (first), one dropped,
    /// and 0 if any factor is the number 0.
    public static func multiply(_ factors: [Expr]) -> Expr {
        var flat: [Expr] = []
        var constant = Rational(1)
        func collect(_ f: Expr) {
            if case .product(let inner) = f { inner.forEach(collect); return }
            if let q = f.rationalValue { constant *= q; return }
            if case .reciprocal(let a) = f, let q = a.rationalValue, !q.isZero { constant /= q; return }
            flat.append(f)
        }
        factors.forEach(collect)
        if constant.isZero { return .zero }
        if constant != Rational(1) { flat.insert(.number(constant), at: 0) }
        switch flat.count {
        case 0: return .one
        case 1: return flat[0]
        default: return .product(flat)
        }
    }

    /// −a, folding numbers and double negation.
    public static func negated(_ a: Expr) -> Expr {
        if let q = a.rationalValue { return .number(-q) }
        if case .negate(let inner) = a { return inner }
        return .negate(a)
    }
}

extension Expr: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .number(Rational(value)) }
}
