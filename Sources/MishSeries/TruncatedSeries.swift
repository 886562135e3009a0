import MishNumbers

/// The coefficients a series can have: exact rationals, or intervals (rigorous enclosures of real
/// coefficients, for expansions whose coefficients are irrational).
public protocol SeriesScalar: Sendable {
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    /// a/b; throws when b is (or may be) zero.
    static func divide(_ a: Self, _ b: Self) throws -> Self
    /// The scalar of value q in the same context (precision) as `self`.
    func make(_ q: Rational) -> Self
    var isZero: Bool { get }
    /// exp, log, erf of a constant term; Rational throws unless the result is rational.
    func exp() throws -> Self
    func log() throws -> Self
    func erf() throws -> Self
    /// √π, needed by erf′ = 2/√π·e^(−u²).
    func sqrtPi() throws -> Self
}

/// Why a series could not be formed.
public enum SeriesError: Error, CustomStringConvertible, Equatable {
    /// A constant term leads to an irrational value (exp(1), log 2, erf(1), √π) in exact arithmetic.
    case irrational(String)
    /// Division by a series whose constant term is zero (a pole at the expansion point).
    case pole
    /// log or a fractional power of a series whose constant term is not positive.
    case branch(String)
    /// The residue method was asked for, but no circle free of poles could be certified for its bound.
    case noCoefficientBound

    public var description: String {
        switch self {
        case .irrational(let what): return "the coefficients are not rational (\(what))"
        case .pole: return "the expression has a pole (a division by zero) at the expansion point"
        case .branch(let what): return "the expression leaves its real domain at the expansion point (\(what))"
        case .noCoefficientBound: return "no certified bound on the coefficients for the residue method (use the recurrence)"
        }
    }
}

extension Rational: SeriesScalar {
    public static func divide(_ a: Rational, _ b: Rational) throws -> Rational {
        if b.isZero { throw SeriesError.pole }
        return a / b
    }
    public func make(_ q: Rational) -> Rational { q }
    public func exp() throws -> Rational {
        if isZero { return 1 }
        throw SeriesError.irrational("exp(\(self))")
    }
    public func log() throws -> Rational {
        if isOne { return 0 }
        throw SeriesError.irrational("log(\(self))")
    }
    public func erf() throws -> Rational {
        if isZero { return 0 }
        throw SeriesError.irrational("erf(\(self))")
    }
    public func sqrtPi() throws -> Rational { throw SeriesError.irrational("sqrt(pi)") }
}

extension BigInterval: SeriesScalar {
    public static func divide(_ a: BigInterval, _ b: BigInterval) throws -> BigInterval {
        if b.containsZero { throw SeriesError.pole }
        return a / b
    }
    public func make(_ q: Rational) -> BigInterval { BigInterval(q, precision: precision) }
    public var isZero: Bool { lower.isZero && upper.isZero }
    public func sqrtPi() throws -> BigInterval { BigInterval.pi(precision: precision).squareRoot() }
}

/// A power series a₀ + a₁t + … + a_(N−1)t^(N−1) + O(t^N), known modulo t^N (N = `order`).
///
/// Arithmetic is the schoolbook kind, O(N²) per product, reciprocal, exp and log (each by its
/// recurrence: for g = exp f, n·gₙ = Σ k·fₖ·g_(n−k)); composition is Horner's rule, O(N³).
public struct TruncatedSeries<S: SeriesScalar>: Sendable {
    public private(set) var coefficients: [S]
    public var order: Int { coefficients.count }

    public init(_ coefficients: [S]) { self.coefficients = coefficients }

    /// The constant c to order N.
    public static func constant(_ c: S, order n: Int) -> TruncatedSeries {
        TruncatedSeries([c] + Array(repeating: c.make(0), count: max(n - 1, 0)))
    }

    /// a + t to order N (the variable shifted to the expansion point a).
    public static func variable(at a: S, order n: Int) -> TruncatedSeries {
        var c = Array(repeating: a.make(0), count: n)
        if n > 0 { c[0] = a }
        if n > 1 { c[1] = a.make(1) }
        return TruncatedSeries(c)
    }

    var zero: S { coefficients[0].make(0) }

    public subscript(k: Int) -> S { k < order ? coefficients[k] : zero }

    public static func + (a: TruncatedSeries, b: TruncatedSeries) -> TruncatedSeries {
        let n = min(a.order, b.order)
        return TruncatedSeries((0..<n).map { a.coefficients[$0] + b.coefficients[$0] })
    }

    public static func - (a: TruncatedSeries, b: TruncatedSeries) -> TruncatedSeries {
        let n = min(a.order, b.order)
        return TruncatedSeries((0..<n).map { a.coefficients[$0] - b.coefficients[$0] })
    }

    public static prefix func - (a: TruncatedSeries) -> TruncatedSeries {
        TruncatedSeries(a.coefficients.map { a.zero - $0 })
    }

    public static func * (a: TruncatedSeries, b: TruncatedSeries) -> TruncatedSeries {
        let n = min(a.order, b.order)
        var c = Array(repeating: a.zero, count: n)
        for i in 0..<n where !a.coefficients[i].isZero {
            for j in 0..<(n - i) where !b.coefficients[j].isZero {
                c[i + j] = c[i + j] + a.coefficients[i] * b.coefficients[j]
            }
        }
        return TruncatedSeries(c)
    }

    public func scaled(by s: S) -> TruncatedSeries { TruncatedSeries(coefficients.map { $0 * s }) }

    /// 1/self; needs a non-zero constant term.
    public func reciprocal() throws -> TruncatedSeries {
        let n = order
        guard n > 0 else { return self }
        let a0 = coefficients[0]
        var g = [try S.divide(a0.make(1), a0)]
        for k in 1..<n {
            var s = zero
            for j in 1...k where !coefficients[j].isZero { s = s + coefficients[j] * g[k - j] }
            g.append(try S.divide(zero - s, a0))
        }
        return TruncatedSeries(g)
    }

    public static func / (a: TruncatedSeries, b: TruncatedSeries) throws -> TruncatedSeries {
        a * (try b.reciprocal())
    }

    /// d/dt, one order shorter.
    public var derivative: TruncatedSeries {
        TruncatedSeries((1..<max(order, 1)).map { coefficients[$0] * zero.make(Rational($0)) })
    }

    /// ∫₀ᵗ, one order longer, with constant term c.
    public func integral(constant c: S) -> TruncatedSeries {
        TruncatedSeries([c] + coefficients.enumerated().map { k, a in a * zero.make(Rational(1, k + 1)) })
    }

    /// exp(self) = exp(a₀)·exp(self − a₀), by n·gₙ = Σₖ k·aₖ·g_(n−k).
    public func exp() throws -> TruncatedSeries {
        let n = order
        var g = [try coefficients[0].exp()]
        for m in 1..<max(n, 1) {
            var s = zero
            for k in 1...m where !coefficients[k].isZero { s = s + coefficients[k] * g[m - k] * zero.make(Rational(k)) }
            g.append(s * zero.make(Rational(1, m)))
        }
        return TruncatedSeries(Array(g.prefix(n)))
    }

    /// log(self) = log(a₀) + ∫ self′/self.
    public func log() throws -> TruncatedSeries {
        let c = try coefficients[0].log()
        let q = try derivative / TruncatedSeries(Array(coefficients.prefix(order - 1)))
        return q.integral(constant: c)
    }

    /// selfⁿ for an integer n (n < 0 through the reciprocal).
    public func power(_ n: Int) throws -> TruncatedSeries {
        if n < 0 { return try reciprocal().power(-n) }
        var result = TruncatedSeries.constant(zero.make(1), order: order), base = self, k = n
        while k > 0 {
            if k & 1 == 1 { result = result * base }
            base = base * base
            k >>= 1
        }
        return result
    }

    /// self^q = a₀^q·(self/a₀)^q for rational q, the binomial series; a₀^q must be exact (Rational) or
    /// a₀ > 0 (intervals).
    public func power(_ q: Rational, root: (S, Rational) throws -> S) throws -> TruncatedSeries {
        let a0 = coefficients[0]
        let lead = try root(a0, q)
        let h = self.scaled(by: try S.divide(a0.make(1), a0)) - .constant(a0.make(1), order: order)
        // (1 + h)^q = Σ C(q, k) h^k, h(0) = 0.
        var result = TruncatedSeries.constant(a0.make(1), order: order)
        var term = TruncatedSeries.constant(a0.make(1), order: order)
        var binomial = Rational(1)
        for k in 1..<max(order, 1) {
            binomial = binomial * (q - Rational(k - 1)) / Rational(k)
            term = term * h
            result = result + term.scaled(by: a0.make(binomial))
        }
        return result.scaled(by: lead)
    }

    /// self(g(t)) for g with zero constant term, by Horner's rule.
    public func composed(with g: TruncatedSeries) throws -> TruncatedSeries {
        guard g.coefficients.first?.isZero ?? true else { throw SeriesError.branch("composition with a series that does not vanish at 0") }
        let n = min(order, g.order)
        var acc = TruncatedSeries.constant(coefficients[n - 1], order: n)
        for k in stride(from: n - 2, through: 0, by: -1) {
            acc = acc * g + .constant(coefficients[k], order: n)
        }
        return acc
    }
}
