import Foundation
import MishNumbers

/// An element of the exp-rational class, with u = eˣ:
///
///     f(x) = Σᵢ xⁱ·Pᵢ(u) / (c · Πⱼ fⱼ(u)^eⱼ)
///
/// with integer polynomials Pᵢ, an integer c > 0, and denominator factors fⱼ that are primitive, have a
/// positive leading coefficient, degree ≥ 1, and are pairwise coprime (a coprime basis, refined by gcds as
/// factors arrive), each squarefree. Reduced: gcd(fⱼ, P₀, P₁, …) = 1 for every j (no factor of the denominator
/// divides the whole numerator, so (eˣ − 1)/(e²ˣ − 1) is 1/(eˣ + 1)), and the gcd of c and all coefficients of the Pᵢ is 1.
/// So mish⁽ⁿ⁾ = (x·Aₙ(u) + Bₙ(u)) / (u² + 2u + 2)ⁿ⁺¹.
///
/// Derivatives act directly on this form: d/dx = ∂ₓ + u∂ᵤ, so
/// D(N/Q) = (D N · F − N · Σⱼ eⱼ·u fⱼ′·F/fⱼ) / (Q·F) with F = Πⱼ fⱼ.
public struct ExpRational: Sendable, Equatable {
    /// A factor f(u)^e of the denominator.
    public struct Factor: Sendable, Equatable {
        public let polynomial: IntegerPolynomial
        public let exponent: Int
    }

    /// Pᵢ(u), the coefficient of xⁱ; no trailing zero polynomials; empty for 0.
    public private(set) var numerator: [IntegerPolynomial]
    /// c > 0.
    public private(set) var denominatorConstant: BigInt
    /// The fⱼ^eⱼ, in a deterministic order (degree, then coefficients).
    public private(set) var denominatorFactors: [Factor]

    init(numerator: [IntegerPolynomial], constant: BigInt = 1, factors: [Factor] = []) {
        self.numerator = numerator
        self.denominatorConstant = constant
        self.denominatorFactors = factors
        trim()
    }

    public static let zero = ExpRational(numerator: [])
    public static let one = ExpRational(numerator: [.one])
    /// x.
    public static let x = ExpRational(numerator: [.zero, .one])

    /// The rational constant q.
    public init(_ q: Rational) {
        self.init(numerator: [.constant(q.numerator)], constant: q.denominator)
    }

    /// Σᵢ xⁱ·Pᵢ(u) with denominator 1 (`polynomials[i]` = Pᵢ).
    public init(polynomialsInU polynomials: [IntegerPolynomial]) {
        self.init(numerator: polynomials)
    }

    /// uⁿ = e^(n·x) for any integer n.
    public static func uPower(_ n: Int) -> ExpRational {
        if n >= 0 { return ExpRational(numerator: [.monomial(1, degree: n)]) }
        return ExpRational(numerator: [.one], factors: [Factor(polynomial: .u, exponent: -n)])
    }

    public var isZero: Bool { numerator.isEmpty }

    /// True when x does not occur (the value is a rational function of u alone).
    public var isFreeOfX: Bool { numerator.count <= 1 }

    /// The highest power of x (−1 for zero).
    public var degreeInX: Int { numerator.count - 1 }

    /// The denominator expanded: c·Π fⱼ^eⱼ.
    public var denominatorPolynomial: IntegerPolynomial {
        var q = IntegerPolynomial.constant(denominatorConstant)
        for f in denominatorFactors { for _ in 0..<f.exponent { q = q * f.polynomial } }
        return q
    }

    private mutating func trim() {
        while let last = numerator.last, last.isZero { numerator.removeLast() }
        if numerator.isEmpty {
            denominatorConstant = 1
            denominatorFactors = []
        }
    }

    /// Cancels every common factor of the denominator and the numerator (gcd(fⱼ, P₀, P₁, …) = 1 afterwards,
    /// splitting fⱼ where only a part of it divides every Pᵢ), then the common integer content.
    /// `skipping` names factors known to share nothing with the numerator.
    mutating func reduce(skipping: (IntegerPolynomial) -> Bool = { _ in false }) {
        trim()
        if isZero { return }
        var factors: [Factor] = []
        for f in denominatorFactors {
            if skipping(f.polynomial) { factors.append(f); continue }
            factors += cancelCommonFactors(f.polynomial, exponent: f.exponent)
        }
        denominatorFactors = factors.sorted { ExpRational.precedes($0.polynomial, $1.polynomial) }
        var g = denominatorConstant
        for p in numerator where g != 1 { g = BigInt.gcd(g, p.content) }
        if g != 1 {
            numerator = numerator.map { $0.dividedExactly(by: g) }
            denominatorConstant = denominatorConstant / g
        }
    }

    /// Divides the numerator by the common factors of f^e and every Pᵢ; the parts of f^e left, as factors. For
    /// a squarefree f that may factor (degree ≥ 3, or 2 with a real root: mish's u² + 2u + 2 and tanh's u² + 1
    /// cannot, and are only tried whole), h = gcd(f, P₀, P₁, …) is the part to cancel, and f/h (coprime to h) stays.
    private mutating func cancelCommonFactors(_ f: IntegerPolynomial, exponent: Int) -> [Factor] {
        var e = exponent
        while e > 0 {
            var h = f
            if f.degree >= 3 || (f.degree == 2 && ExpRational.discriminant(f) >= BigInt(0)) {
                for p in numerator where h.degree >= 1 { h = IntegerPolynomial.gcd(h, p) }
                if h.degree < 1 { break }
            }
            if h != f {
                let rest = f.exactQuotient(dividingBy: h)!.primitivePart
                return cancelCommonFactors(h, exponent: e) + [Factor(polynomial: rest, exponent: e)]
            }
            var quotients: [IntegerPolynomial] = []
            for p in numerator {
                guard let q = p.exactQuotient(dividingBy: f) else { break }
                quotients.append(q)
            }
            guard quotients.count == numerator.count else { break }
            numerator = quotients
            e -= 1
        }
        return e > 0 ? [Factor(polynomial: f, exponent: e)] : []
    }

    /// b² − 4ac of a quadratic c·u² + b·u + a: negative, it has no real root (irreducible over Q); zero, a double root.
    static func discriminant(_ q: IntegerPolynomial) -> BigInt { q[1] * q[1] - BigInt(4) * q[0] * q[2] }

    /// p = Π sₖᵏ with the sₖ squarefree and pairwise coprime (primitive, positive leading coefficient; p
    /// primitive): gcd(p, p′) = Π sₖᵏ⁻¹ peels one power off each factor.
    static func squarefreeDecomposition(_ p: IntegerPolynomial) -> [(polynomial: IntegerPolynomial, multiplicity: Int)] {
        guard p.degree >= 1 else { return [] }
        if p.degree == 1 || (p.degree == 2 && !ExpRational.discriminant(p).isZero) { return [(p, 1)] }
        let g = IntegerPolynomial.gcd(p, p.derivative)
        if g.degree < 1 { return [(p, 1)] }
        let radical = p.exactQuotient(dividingBy: g)!.primitivePart
        let once = radical.exactQuotient(dividingBy: IntegerPolynomial.gcd(radical, g))!.primitivePart
        return (once.degree >= 1 ? [(once, 1)] : []) + squarefreeDecomposition(g).map { ($0.polynomial, $0.multiplicity + 1) }
    }

    /// Adds f^e to a coprime basis, splitting by gcds so that the basis stays pairwise coprime.
    static func insert(_ g: IntegerPolynomial, exponent e: Int, into basis: inout [Factor]) {
        if g.degree < 1 || e == 0 { return }
        for (k, f) in basis.enumerated() {
            let h = IntegerPolynomial.gcd(f.polynomial, g)
            if h.degree < 1 { continue }
            basis.remove(at: k)
            let fq = f.polynomial.exactQuotient(dividingBy: h)!.primitivePart
            let gq = g.exactQuotient(dividingBy: h)!.primitivePart
            insert(h, exponent: f.exponent + e, into: &basis)
            insert(fq, exponent: f.exponent, into: &basis)
            insert(gq, exponent: e, into: &basis)
            return
        }
        basis.append(Factor(polynomial: g, exponent: e))
        basis.sort { ExpRational.precedes($0.polynomial, $1.polynomial) }
    }

    static func precedes(_ a: IntegerPolynomial, _ b: IntegerPolynomial) -> Bool {
        if a.degree != b.degree { return a.degree < b.degree }
        for i in stride(from: a.degree, through: 0, by: -1) where a[i] != b[i] { return a[i] < b[i] }
        return false
    }

    /// The exponent of `f` in a basis (0 if absent).
    static func exponent(of f: IntegerPolynomial, in basis: [Factor]) -> Int {
        basis.first { $0.polynomial == f }?.exponent ?? 0
    }

    /// Π over the basis of fⱼ^(eⱼ − exponent in `part`), times u-free polynomials: the cofactor that brings
    /// a denominator whose factors are among `basis` up to the whole basis.
    static func cofactor(of part: [Factor], in basis: [Factor]) -> IntegerPolynomial {
        var m = IntegerPolynomial.one
        for f in basis {
            let k = f.exponent - exponent(of: f.polynomial, in: part)
            for _ in 0..<k { m = m * f.polynomial }
        }
        return m
    }

    /// Rewrites a and b over one coprime basis (the same polynomials in both; possibly exponent 0).
    static func commonBasis(_ a: ExpRational, _ b: ExpRational) -> (ExpRational, ExpRational) {
        var basis: [Factor] = []
        for f in a.denominatorFactors + b.denominatorFactors {
            insert(f.polynomial, exponent: 1, into: &basis)
        }
        return (a.rewritten(over: basis), b.rewritten(over: basis))
    }

    /// The same value with its denominator expressed over `basis`, which refines this denominator's basis.
    func rewritten(over basis: [Factor]) -> ExpRational {
        var factors: [Factor] = []
        for g in basis {
            var e = 0
            for f in denominatorFactors {
                var p = f.polynomial
                var k = 0
                while let q = p.exactQuotient(dividingBy: g.polynomial) { p = q; k += 1 }
                e += k * f.exponent
            }
            factors.append(Factor(polynomial: g.polynomial, exponent: e))
        }
        // Every polynomial here is primitive with a positive leading coefficient, so the refined product is
        // the old one exactly (no unit left over); checked in debug builds only.
        assert(factors.reduce(IntegerPolynomial.one) { acc, f in (0..<f.exponent).reduce(acc) { a, _ in a * f.polynomial } }
                   == denominatorFactors.reduce(IntegerPolynomial.one) { acc, f in (0..<f.exponent).reduce(acc) { a, _ in a * f.polynomial } },
               "coprime basis does not cover the denominator")
        var r = ExpRational(numerator: numerator, constant: denominatorConstant, factors: [])
        r.denominatorFactors = factors
        return r
    }
}

// MARK: - Arithmetic

extension ExpRational {
    public static func + (a: ExpRational, b: ExpRational) -> ExpRational {
        if a.isZero { return b }
        if b.isZero { return a }
        let (a, b) = commonBasis(a, b)
        var factors: [Factor] = []
        for (fa, fb) in zip(a.denominatorFactors, b.denominatorFactors) {
            let e = Swift.max(fa.exponent, fb.exponent)
            if e > 0 { factors.append(Factor(polynomial: fa.polynomial, exponent: e)) }
        }
        let c = BigInt.lcm(a.denominatorConstant, b.denominatorConstant)
        let ma = cofactor(of: a.denominatorFactors, in: factors).scaled(by: c / a.denominatorConstant)
        let mb = cofactor(of: b.denominatorFactors, in: factors).scaled(by: c / b.denominatorConstant)
        var numerator: [IntegerPolynomial] = []
        for i in 0..<Swift.max(a.numerator.count, b.numerator.count) {
            let pa = i < a.numerator.count ? a.numerator[i] * ma : .zero
            let pb = i < b.numerator.count ? b.numerator[i] * mb : .zero
            numerator.append(pa + pb)
        }
        var r = ExpRational(numerator: numerator, constant: c, factors: factors)
        r.reduce()
        return r
    }

    public static prefix func - (a: ExpRational) -> ExpRational {
        ExpRational(numerator: a.numerator.map { -$0 }, constant: a.denominatorConstant, factors: a.denominatorFactors)
    }

    public static func - (a: ExpRational, b: ExpRational) -> ExpRational { a + (-b) }

    public static func * (a: ExpRational, b: ExpRational) -> ExpRational {
        if a.isZero || b.isZero { return .zero }
        let (a, b) = commonBasis(a, b)
        var numerator = Array(repeating: IntegerPolynomial.zero, count: a.numerator.count + b.numerator.count - 1)
        for (i, p) in a.numerator.enumerated() where !p.isZero {
            for (j, q) in b.numerator.enumerated() where !q.isZero {
                numerator[i + j] = numerator[i + j] + p * q
            }
        }
        let factors = zip(a.denominatorFactors, b.denominatorFactors)
            .map { Factor(polynomial: $0.polynomial, exponent: $0.exponent + $1.exponent) }
            .filter { $0.exponent > 0 }
        var r = ExpRational(numerator: numerator, constant: a.denominatorConstant * b.denominatorConstant, factors: factors)
        r.reduce()
        return r
    }

    /// 1/self, when self is free of x and non-zero (otherwise the result is outside the class: nil).
    public var reciprocal: ExpRational? {
        guard !isZero, isFreeOfX else { return nil }
        let p = numerator[0]
        let unit = p.leadingSign < 0 ? p.content * BigInt(-1) : p.content
        var basis: [Factor] = []
        for (s, k) in ExpRational.squarefreeDecomposition(p.dividedExactly(by: unit)) {
            ExpRational.insert(s, exponent: k, into: &basis)
        }
        let top = denominatorPolynomial
        var r = ExpRational(numerator: [unit.signum < 0 ? -top : top], constant: unit.magnitude, factors: [])
        r.denominatorFactors = basis
        r = r.rewritten(over: basis)
        r.reduce()
        return r
    }

    /// selfⁿ for any integer n (n < 0 needs self free of x and non-zero; otherwise nil).
    public func power(_ n: Int) -> ExpRational? {
        if n < 0 { return reciprocal?.power(-n) }
        var result = ExpRational.one, base = self, k = n
        while k > 0 {
            if k & 1 == 1 { result = result * base }
            base = base * base
            k >>= 1
        }
        return result
    }

    /// d/dx = ∂ₓ + u∂ᵤ, applied to the form directly; the denominator exponents rise by one.
    public func derivative() -> ExpRational { derivative(neverCancelling: ExpRational.neverCancelling(denominatorFactors)) }

    /// The factors f ≠ u that are squarefree: a squarefree factor f ≠ u of a reduced form never divides the
    /// numerator of its derivative (modulo f that numerator is −N·e·u·f′·F/f, and f shares no factor with
    /// N, u, f′ or F/f), so the reduction after a derivative need not try them.
    static func neverCancelling(_ factors: [Factor]) -> Set<IntegerPolynomial> {
        Set(factors.map(\.polynomial).filter { $0 != .u && SquarefreeCache.shared.isSquarefree($0) })
    }

    func derivative(neverCancelling skip: Set<IntegerPolynomial>) -> ExpRational {
        if isZero { return .zero }
        let radical: IntegerPolynomial
        var g = IntegerPolynomial.zero
        if denominatorFactors.count == 1 {
            radical = denominatorFactors[0].polynomial
            g = radical.eulerDerivative.scaled(by: denominatorFactors[0].exponent)
        } else {
            var r = IntegerPolynomial.one
            for f in denominatorFactors { r = r * f.polynomial }
            radical = r
            for f in denominatorFactors {
                let rest = radical.exactQuotient(dividingBy: f.polynomial)!
                g = g + (f.polynomial.eulerDerivative * rest).scaled(by: f.exponent)
            }
        }
        let numerator = self.numerator.indices.map { i in
            IntegerPolynomial.derivativeUpdate(self.numerator[i],
                                               next: i + 1 < self.numerator.count ? self.numerator[i + 1] : .zero,
                                               k: i + 1, radical: radical, logarithmic: g)
        }
        var r = ExpRational(numerator: numerator, constant: denominatorConstant,
                            factors: denominatorFactors.map { Factor(polynomial: $0.polynomial, exponent: $0.exponent + 1) })
        r.reduce(skipping: { skip.contains($0) })
        return r
    }

    /// The n-th derivative.
    /// lim f(x) as x → ±∞ (`direction` ±1), exactly: f ~ c(x)·u^(m−n)/q with m, n the extreme powers of u
    /// of the numerator and of the denominator toward that end (highest at +∞, lowest at −∞, u = eˣ),
    /// c(x) = Σᵢ xⁱ·Pᵢ[m] and q the denominator's coefficient of uⁿ; eˣ outweighs every power of x.
    public enum Limit: Sendable, Equatable {
        case finite(Rational)
        /// ±∞ with this sign.
        case infinite(sign: Int)
    }

    public func limit(direction: Int) -> Limit {
        if isZero { return .finite(Rational(0)) }
        let q = denominatorPolynomial
        let nonzero = numerator.filter { !$0.isZero }
        let m = direction > 0 ? nonzero.map(\.degree).max()! : nonzero.map(\.lowestDegree).min()!
        let n = direction > 0 ? q.degree : q.lowestDegree
        let growth = (m - n) * direction
        if growth < 0 { return .finite(Rational(0)) }
        let c = numerator.map { $0[m] }
        let top = c.lastIndex { !$0.isZero }!
        let sign = c[top].signum * q[n].signum * (direction < 0 && top % 2 == 1 ? -1 : 1)
        if growth > 0 || top > 0 { return .infinite(sign: sign) }
        return .finite(Rational(c[0], q[n]))
    }

    public func derivative(order n: Int) -> ExpRational {
        let skip = ExpRational.neverCancelling(denominatorFactors)
        var r = self
        for _ in 0..<n { r = r.derivative(neverCancelling: skip) }
        return r
    }

    /// True when self and other are the same function (their difference reduces to 0).
    public func hasSameValue(as other: ExpRational) -> Bool { (self - other).isZero }
}

/// Whether a denominator factor is squarefree (gcd(f, f′) constant), remembered across derivatives.
final class SquarefreeCache: @unchecked Sendable {
    static let shared = SquarefreeCache()
    private let lock = NSLock()
    private var known: [IntegerPolynomial: Bool] = [:]

    func isSquarefree(_ f: IntegerPolynomial) -> Bool {
        lock.lock()
        if let v = known[f] { lock.unlock(); return v }
        lock.unlock()
        let v = IntegerPolynomial.gcd(f, f.derivative).isConstant
        lock.lock()
        if known.count < 4096 { known[f] = v }
        lock.unlock()
        return v
    }
}
