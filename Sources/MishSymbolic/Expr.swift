import Foundation
import MishNumbers

/// An expression in one real variable x: an immutable, hash-consed node.
///
/// Building an expression returns the canonical, interned node, so equal expressions are the same object:
/// equality and hashing are O(1) (object identity), and a derivative of high order is a DAG whose shared
/// subexpressions exist once.
///
/// Canonical form, enforced by the smart constructors (``sum(_:)``, ``product(_:)``, ``power(_:_:)``,
/// ``apply(_:_:)`` and the operators); nothing else builds nodes:
/// - **Numbers** are exact rationals, folded wherever all operands are numbers (q^n for integer n; q^(a/b)
///   when q is an exact b-th power).
/// - **Sum** = constant + Σ cᵢ·tᵢ: flattened (no sum among the tᵢ), like terms collected (cᵢ the sum of
///   the rational coefficients of tᵢ, zero terms dropped), each tᵢ free of a numeric coefficient, the tᵢ in
///   the total order ``compare(_:_:)``. A sum of one term with coefficient 1 and no constant is that term.
/// - **Product** = c · Π fᵢ: flattened, numbers folded into c, like bases collected by adding exponents
///   (x·x^(−1) = 1), all exp factors merged into one (exp(a)·exp(b) = exp(a + b)), factors in the total
///   order; c·(a + b) with a single sum factor distributes (2·(x + 1) = 2x + 2); c = 0 gives 0.
/// - **Power** b^e: b^0 = 1, b^1 = b, 1^e = 1; (b^f)^n = b^(f·n) and (c·Π fᵢ)^n = cⁿ·Π fᵢⁿ for integer n;
///   exp(a)^e = exp(a·e); sqrt(a) is a^(1/2); e is exp(1).
/// - **Functions**: log(exp(a)) = a (a real); exact values at 0 (exp(0) = 1, tanh(0) = 0, σ(0) = 1/2,
///   softplus(0) = log 2, ...); nothing else is rewritten here (expansion, the exp-rational form and
///   factoring are explicit passes).
/// The total order never uses `hashValue` (which Swift seeds per process), so output is the same every run.
public final class Expr: @unchecked Sendable {
    /// A term c·t of a sum.
    public struct Term: Hashable, Sendable {
        public let coefficient: Rational
        public let expr: Expr
    }

    public enum Kind: Hashable, Sendable {
        case number(Rational)
        case variable
        case pi
        case sum(constant: Rational, terms: [Term])
        case product(coefficient: Rational, factors: [Expr])
        case power(base: Expr, exponent: Expr)
        case apply(Primitive, Expr)
    }

    public let kind: Kind

    private init(kind: Kind) { self.kind = kind }

    private final class InternTable: @unchecked Sendable {
        let lock = NSLock()
        var nodes: [Kind: Expr] = [:]
    }
    private static let table = InternTable()

    /// The unique node of this kind.
    static func intern(_ kind: Kind) -> Expr {
        table.lock.lock()
        defer { table.lock.unlock() }
        if let e = table.nodes[kind] { return e }
        let e = Expr(kind: kind)
        table.nodes[kind] = e
        return e
    }

    /// Number of distinct nodes interned so far in this process.
    public static var internedCount: Int {
        table.lock.lock()
        defer { table.lock.unlock() }
        return table.nodes.count
    }
}

extension Expr: Hashable {
    public static func == (a: Expr, b: Expr) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

// MARK: - Leaves and queries

extension Expr {
    public static func number(_ q: Rational) -> Expr { intern(.number(q)) }
    public static func number(_ n: Int) -> Expr { number(Rational(n)) }
    public static let x = intern(.variable)
    public static let pi = intern(.pi)
    public static let zero = number(0)
    public static let one = number(1)
    public static let minusOne = number(-1)
    public static let half = number(Rational(1, 2))
    /// e = exp(1).
    public static let e = apply(.exp, one)
    /// mish(x), the default expression of the command line.
    public static let mish = apply(.mish, x)

    /// The value when this is a number.
    public var rationalValue: Rational? {
        if case .number(let q) = kind { return q }
        return nil
    }

    /// The value when this is an integer that fits in an Int.
    public var integerValue: Int? {
        guard let q = rationalValue, q.isInteger else { return nil }
        return q.numerator.exactInt
    }

    public var isZero: Bool { self === Expr.zero }

    /// True when x occurs in the expression (memoised over the DAG).
    public var dependsOnX: Bool {
        var memo: [ObjectIdentifier: Bool] = [:]
        return dependsOnX(&memo)
    }

    private func dependsOnX(_ memo: inout [ObjectIdentifier: Bool]) -> Bool {
        if let v = memo[ObjectIdentifier(self)] { return v }
        let v: Bool
        switch kind {
        case .number, .pi: v = false
        case .variable: v = true
        case .sum(_, let terms): v = terms.contains { $0.expr.dependsOnX(&memo) }
        case .product(_, let fs): v = fs.contains { $0.dependsOnX(&memo) }
        case .power(let b, let e): v = b.dependsOnX(&memo) || e.dependsOnX(&memo)
        case .apply(_, let a): v = a.dependsOnX(&memo)
        }
        memo[ObjectIdentifier(self)] = v
        return v
    }

    /// The direct subexpressions.
    public var children: [Expr] {
        switch kind {
        case .number, .variable, .pi: return []
        case .sum(_, let terms): return terms.map(\.expr)
        case .product(_, let fs): return fs
        case .power(let b, let e): return [b, e]
        case .apply(_, let a): return [a]
        }
    }

    /// Number of distinct nodes in the DAG rooted here.
    public var dagSize: Int {
        var seen = Set<ObjectIdentifier>()
        var stack = [self]
        while let e = stack.popLast() {
            if seen.insert(ObjectIdentifier(e)).inserted { stack.append(contentsOf: e.children) }
        }
        return seen.count
    }

    /// (coefficient, rest) with self = coefficient·rest and rest free of a numeric coefficient.
    var splitCoefficient: (Rational, Expr) {
        switch kind {
        case .number(let q): return (q, .one)
        case .product(let c, let fs) where !c.isOne:
            return (c, fs.count == 1 ? fs[0] : Expr.intern(.product(coefficient: 1, factors: fs)))
        default: return (1, self)
        }
    }

    /// True for a number or sum, which `Expr.sum` of one term must still normalise (a product with a
    /// numeric coefficient and a sum factor is flattened inside sums).
    var isSumNeedingFlattening: Bool {
        switch kind {
        case .product(let c, let fs): return !c.isOne && fs.count == 1 && { if case .sum = fs[0].kind { return true }; return false }()
        default: return false
        }
    }

    /// (base, exponent) with self = base^exponent.
    var asPower: (Expr, Expr) {
        if case .power(let b, let e) = kind { return (b, e) }
        return (self, .one)
    }
}

// MARK: - The total order

extension Expr {
    private var rank: Int {
        switch kind {
        case .number: return 0
        case .pi: return 1
        case .variable: return 2
        case .power: return 3
        case .product: return 4
        case .sum: return 5
        case .apply: return 6
        }
    }

    /// A deterministic total order on expressions: by kind (numbers, π, x, powers, products, sums,
    /// functions), then structurally. Sorting terms and factors by it makes the canonical form unique.
    public static func compare(_ a: Expr, _ b: Expr) -> Int {
        if a === b { return 0 }
        if a.rank != b.rank { return a.rank < b.rank ? -1 : 1 }
        switch (a.kind, b.kind) {
        case (.number(let p), .number(let q)):
            return p < q ? -1 : (p == q ? 0 : 1)
        case (.power(let b1, let e1), .power(let b2, let e2)):
            let c = compare(b1, b2)
            return c != 0 ? c : compare(e1, e2)
        case (.product(let c1, let f1), .product(let c2, let f2)):
            let c = compareLists(f1, f2)
            if c != 0 { return c }
            return c1 < c2 ? -1 : (c1 == c2 ? 0 : 1)
        case (.sum(let k1, let t1), .sum(let k2, let t2)):
            for (x, y) in zip(t1, t2) {
                let c = compare(x.expr, y.expr)
                if c != 0 { return c }
                if x.coefficient != y.coefficient { return x.coefficient < y.coefficient ? -1 : 1 }
            }
            if t1.count != t2.count { return t1.count < t2.count ? -1 : 1 }
            return k1 < k2 ? -1 : (k1 == k2 ? 0 : 1)
        case (.apply(let f, let x), .apply(let g, let y)):
            if f != g { return f < g ? -1 : 1 }
            return compare(x, y)
        default:
            return 0
        }
    }

    private static func compareLists(_ a: [Expr], _ b: [Expr]) -> Int {
        for (x, y) in zip(a, b) {
            let c = compare(x, y)
            if c != 0 { return c }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
