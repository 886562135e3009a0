import MishNumbers
import MishSymbolic

/// A local minimum or maximum of h: a simple zero x* of h′, certified, with h(x*).
public struct LocalExtremum: Sendable {
    public enum Kind: String, Sendable { case minimum, maximum }
    public let kind: Kind
    public let root: CertifiedRoot
    public var x: CertifiedDecimal { root.x }
    public var value: CertifiedDecimal { root.values[0] }
}

/// lim h(x) as x → ±∞: exact from the exp-rational normal form (``ExpRational/limit(direction:)``), or from
/// the named functions' limits when no indeterminate form occurs.
public struct Limit: Sendable {
    public let direction: Int
    public let value: CertifiedDecimal
    public var isInfinite: Bool { value.enclosure.isPoint && value.enclosure.lower.isInfinite }

    public static func of(_ h: Expr, direction: Int, digits: Int) -> Limit? {
        of(h, normalForm: ExpRational(h), direction: direction, digits: digits, gaussian: true)
    }

    static func of(_ h: Expr, direction: Int, digits: Int, gaussian: Bool) -> Limit? {
        of(h, normalForm: ExpRational(h), direction: direction, digits: digits, gaussian: gaussian)
    }

    /// The limit given h's exp-rational normal form (nil when h has none).
    static func of(_ h: Expr, normalForm: ExpRational?, direction: Int, digits: Int, gaussian: Bool) -> Limit? {
        if let r = normalForm {
            let exact = r.limit(direction: direction)
            let value = try? DecimalCertifier.certify(significantDigits: digits) { p in
                switch exact {
                case .finite(let q): return BigInterval(q, precision: p)
                case .infinite(let sign): return BigInterval(BigFloat.infinity(sign: sign, precision: p))
                }
            }
            return value.map { Limit(direction: direction, value: $0) }
        }
        guard let value = try? h.certifiedValue(at: .infinity(sign: direction), digits: digits), value.isCertified else {
            if let (scaled, c) = scaledArgumentForm(h) {
                return of(scaled, normalForm: ExpRational(scaled), direction: c.signum * direction, digits: digits, gaussian: false)
                    .map { Limit(direction: direction, value: $0.value) }
            }
            if let l = termwiseLimit(h, direction: direction, digits: digits) { return l }
            return gaussian ? gaussianLimit(h, direction: direction, digits: digits) : nil
        }
        return Limit(direction: direction, value: value)
    }

    /// A point X toward ±∞ beyond which |h| < 2^`exponent`, with h's signed zero there (``TailFacts/End/farTail(of:belowExponent:)``).
    public static func farTail(of h: Expr, direction: Int, belowExponent exponent: Int = -2200) -> (threshold: Double, zero: BigFloat)? {
        TailFacts(h, withSlopes: true).end(direction).farTail(of: h, belowExponent: exponent)
    }

    /// k + Σ cᵢtᵢ term by term, each term's limit by ``of(_:direction:digits:)`` (its normal form where it has one:
    /// x·σ(x) + softplus(x) → 0 + 0 at −∞, where x·σ(x) alone meets −∞·0): the sum of the limits when no two are
    /// infinite of opposite signs. nil otherwise, or when a term's limit is not certified.
    static func termwiseLimit(_ h: Expr, direction: Int, digits: Int) -> Limit? {
        guard case .sum(let k, let terms) = h.kind, terms.count >= 2 else { return nil }
        let p = BigFloat.precision(forDecimalDigits: digits) + 64
        var total = BigInterval(k, precision: p)
        var infinity = 0
        for t in terms {
            guard let l = of(t.expr, normalForm: ExpRational(t.expr), direction: direction, digits: digits + 10, gaussian: false),
                  l.value.isCertified else { return nil }
            if l.isInfinite {
                let sign = l.value.enclosure.lower.signum * t.coefficient.signum
                if infinity != 0 && infinity != sign { return nil }
                infinity = sign
            } else {
                total = total + BigInterval(t.coefficient, precision: p) * l.value.enclosure
            }
        }
        let value: CertifiedDecimal?
        if infinity != 0 {
            value = try? DecimalCertifier.certify(significantDigits: digits) { q in BigInterval(BigFloat.infinity(sign: infinity, precision: q)) }
        } else {
            if total.isUndefined { return nil }
            value = try? DecimalCertifier.certify(significantDigits: digits, evaluate: { _ in total })
        }
        guard let value, value.isCertified else { return nil }
        return Limit(direction: direction, value: value)
    }

    /// lim h as x → ±∞ as one number for a correctly rounded reference (``TailFacts/End/signedValue``).
    public static func signedValue(of h: Expr, direction: Int) -> BigFloat? {
        TailFacts(h).end(direction).signedValue
    }

    /// h(y/c) for the rational c ≠ 1 that makes every argument cᵢ·x of a function of h an integer multiple of y = c·x
    /// (c the gcd of the cᵢ: x·σ(1.702x) = (y/c)·σ(y) with c = 851/500), when that is exp-rational (its exp
    /// multiples at most 64): lim h(x) as x → ±∞ is then that of h(y/c) as y → ±sign(c)·∞, exact. nil when an
    /// argument is not c·x or no such c helps.
    static func scaledArgumentForm(_ h: Expr) -> (form: Expr, scale: Rational)? {
        var scales: [Rational] = []
        var seen: Set<ObjectIdentifier> = []
        func collect(_ e: Expr) -> Bool {
            guard seen.insert(ObjectIdentifier(e)).inserted else { return true }
            switch e.kind {
            case .number, .pi, .variable: return true
            case .sum(_, let terms): return terms.allSatisfy { collect($0.expr) }
            case .product(_, let factors): return factors.allSatisfy(collect)
            case .power(let b, let e): return collect(b) && collect(e)
            case .apply(_, let a):
                switch a.kind {
                case .variable: scales.append(Rational(1)); return true
                case .product(let c, let factors) where factors.count == 1 && factors[0].kind == .variable:
                    scales.append(c)
                    return true
                default: return !a.dependsOnX
                }
            }
        }
        guard collect(h), !scales.isEmpty else { return nil }
        let denominators = scales.reduce(BigInt(1)) { BigInt.lcm($0, $1.denominator) }
        let numerators = scales.reduce(BigInt(0)) { BigInt.gcd($0, $1.numerator) }
        let c = Rational(numerators) / Rational(denominators)
        guard !c.isOne, !c.isZero, scales.allSatisfy({ ($0 / c).magnitude <= Rational(64) }) else { return nil }
        return (h.substituting(x: .product([.number(Rational(1) / c), .x])), c)
    }

    /// Σ cᵢtᵢ + k term by term: a term with tᵢ·e^(−q) exp-rational (up to constant factors such as 1/√(2π)) tends to 0 (e^(−αx²) outweighs every
    /// xᵐ·e^(m|x|), and an exp-rational function grows no faster), the others by their own limits
    /// (x·e^(−x²/2)/√(2π) + erf(x/√2)/2 + 1/2 → 0 + ±1/2 + 1/2). q from ``GaussianTail/slowestGaussian(in:)``.
    static func gaussianLimit(_ h: Expr, direction: Int, digits: Int) -> Limit? {
        guard let q = GaussianTail.slowestGaussian(in: h) else { return nil }
        var constant = Rational(0)
        var parts: [(Rational, Expr)] = [(Rational(1), h)]
        if case .sum(let k, let terms) = h.kind {
            constant = k
            parts = terms.map { ($0.coefficient, $0.expr) }
        }
        let p = BigFloat.precision(forDecimalDigits: digits) + 64
        var total = BigInterval(constant, precision: p)
        for (c, t) in parts {
            if ExpRational(GaussianTail.scaled(t, exponent: q).droppingConstantFactors) != nil { continue }
            guard let l = of(t, direction: direction, digits: digits + 10, gaussian: false) else { return nil }
            total = total + BigInterval(c, precision: p) * l.value.enclosure
        }
        if total.isUndefined { return nil }
        guard let value = try? DecimalCertifier.certify(significantDigits: digits, evaluate: { _ in total }), value.isCertified else { return nil }
        return Limit(direction: direction, value: value)
    }
}

/// What is proven about h toward −∞ and +∞: its certified limit and, beyond a boundary, its sign — from the
/// isolation of h's zeros with the tails, or, where h → 0 at that end and its own tail is not proven (softplus + x·σ
/// at −∞, whose tail interval holds 0), from h′'s: h′ of one sign s′ beyond its last zero gives h the sign s′
/// toward −∞ and −s′ toward +∞. Each isolation is computed once; h′'s only where an end needs it (or `withSlopes`,
/// for far tails).
public struct TailFacts: Sendable {
    public struct End: Sendable {
        public let direction: Int
        public let limit: Limit?
        /// Beyond `boundary` h has no zero and the sign `sign`; `fromDerivative` when h′'s isolation proved it.
        public let sign: (boundary: BigFloat, sign: Int, fromDerivative: Bool)?
        /// Beyond it h′ keeps one sign (when h′'s isolation was computed and proves that tail).
        let slopeBoundary: BigFloat?

        public var limitIsZero: Bool { limit.map { $0.value.enclosure.isPoint && $0.value.enclosure.lower.isZero } ?? false }

        /// The limit as one number for a correctly rounded reference: ±∞, the limit to 40 digits (its enclosure's
        /// midpoint), a zero limit as the zero with h's sign there; nil when the limit, or that sign, is not certified.
        public var signedValue: BigFloat? {
            guard let l = limit else { return nil }
            let e = l.value.enclosure
            if l.isInfinite { return BigFloat.infinity(sign: e.lower.signum) }
            guard limitIsZero else { return e.containsZero ? nil : e.midpoint }
            guard let s = sign?.sign, s != 0 else { return nil }
            return BigFloat.zero(sign: s)
        }

        /// A point X beyond which |h| < 2^`exponent`, for a reference that MPFR's exponent range cannot serve
        /// (gelu′ at −37 000 is about 2^(−9.9·10⁸)): h tends to 0 with a proven sign, and beyond the last zero of h′
        /// |h| decreases toward that end, so |h(x)| ≤ |h(X)| < 2^`exponent` for every x beyond X; X from 2⁴ doubling
        /// up to 2¹⁶, the bound by interval evaluation at X. The result there is that signed zero.
        public func farTail(of h: Expr, belowExponent exponent: Int = -2200) -> (threshold: Double, zero: BigFloat)? {
            guard let zero = signedValue, zero.isZero, let slopes = slopeBoundary else { return nil }
            let bound = BigFloat(1, precision: 64).scaled(byPowerOfTwo: exponent)
            var magnitude = 16.0
            while magnitude <= 65536 {
                let x = BigFloat(magnitude * Double(direction), precision: 64)
                if direction < 0 ? x <= slopes : x >= slopes {
                    let e = h.enclosure(at: BigInterval(x), precision: 256)
                    if !e.isUndefined, e.isBounded, e.lower.magnitude < bound, e.upper.magnitude < bound { return (x.toDouble(), zero) }
                }
                magnitude *= 2
            }
            return nil
        }
    }

    public let minus: End
    public let plus: End

    public func end(_ direction: Int) -> End { direction < 0 ? minus : plus }

    public init(_ h: Expr, digits: Int = 40, withSlopes: Bool = false) {
        let isolation = RootIsolation.realLine(derivative: 0, of: h)
        let limits = [-1, 1].map { d in Limit.of(h, direction: d, digits: digits).flatMap { $0.value.isCertified ? $0 : nil } }
        let zeroLimit = limits.map { l in l.map { $0.value.enclosure.isPoint && $0.value.enclosure.lower.isZero } ?? false }
        let needed = [-1, 1].indices.contains { i in zeroLimit[i] && (withSlopes || isolation.signedTail(direction: 2 * i - 1) == nil) }
        let slopes = needed ? RootIsolation.realLine(derivative: 1, of: h) : nil
        let ends = [-1, 1].enumerated().map { i, d -> End in
            let slope = slopes?.signedTail(direction: d)
            let own = isolation.signedTail(direction: d).map { (boundary: $0.boundary, sign: $0.sign, fromDerivative: false) }
            let derived = zeroLimit[i] ? slope.map { (boundary: $0.boundary, sign: d < 0 ? $0.sign : -$0.sign, fromDerivative: true) } : nil
            return End(direction: d, limit: limits[i], sign: own ?? derived, slopeBoundary: slope?.boundary)
        }
        minus = ends[0]
        plus = ends[1]
    }
}

/// One end of the range of h over the real line.
public enum RangeBound: Sendable {
    /// The least (or greatest) value, attained at an extremum.
    case attained(LocalExtremum)
    /// Approached as x → ±∞ and not attained (possibly ±∞).
    case limit(Limit)
    /// Not certified, with the reason.
    case unknown(String)
}

/// The range of h over ℝ, certified: all zeros of h′ on the real line are isolated (a branch-and-bound
/// over [−R, R] and tails proven free of zeros), h′ has one sign between consecutive zeros, so h is
/// monotone on each piece; inf h and sup h are then the least and greatest of the extremal values and
/// of the limits at the ends where h runs toward them. A bound is reported only when its candidate is
/// separated from every other candidate by the enclosures.
public struct GlobalRange: Sendable {
    public let function: Expr
    public let form: SignEquivalentForm
    public let isolation: RootIsolation
    public let extrema: [LocalExtremum]
    public let limitMinus: Limit?
    public let limitPlus: Limit?
    public let lower: RangeBound
    public let upper: RangeBound
    /// The sign of h′ as x → −∞ and x → +∞ (nil when not proven).
    public let leftSlope: Int?
    public let rightSlope: Int?
    /// c and F(y) = h(y/c) where the zeros of h′ were found through F (``DerivativeZeros/scaledArgument``).
    public let scaledArgument: (scale: Rational, function: Expr)?
    /// The steps of the proof, in order (rendered on demand: the search itself needs none of this text).
    public var certificate: [String] {
        var lines = scaledArgument.map { c, F in
            ["f(x) = F(y) with y = \(c)*x and F(y) = \(F) (x standing for y), exp-rational in e^y: the zeros of F′ are "
                + "isolated and refined in y and mapped back to x = y/(\(c)); c > 0, so f′(x) = c·F′(y) has F′'s signs"]
        } ?? []
        lines += [form.derivation, GlobalRange.describe(isolation, doubleIntervals: form.isExpRational)]
        for e in extrema {
            lines.append("local \(e.kind.rawValue) at x = \(e.x.text): the unique zero of g in its box, "
                + (e.root.isExact ? "exact (g vanishes there symbolically)" : "by an interval Newton step at \(e.root.precision) bits"))
        }
        for piece in isolation.multipleZeros {
            if case .multipleZero(let q, let m, _) = piece.kind, m % 2 == 0 {
                lines.append("stationary point at x = \(q), not an extremum: a zero of g of even multiplicity \(m) (exact), so g keeps its sign across it")
            }
        }
        if isolation.coversRealLine, let leftSlope, let rightSlope {
            lines.append("f′ \(leftSlope > 0 ? ">" : "<") 0 as x → -inf and \(rightSlope > 0 ? ">" : "<") 0 as x → +inf, "
                + "so f is monotone between consecutive extrema and toward each end")
        }
        return lines
    }

    /// The range of h to `digits` digits. The zeros of h′ are searched on `searchRange` (by default a range
    /// that grows until the tails are proven free of zeros); nothing is certified about values beyond it
    /// unless the tails are.
    public init(of h: Expr, digits: Int, searchRange: (lower: BigFloat, upper: BigFloat)? = nil,
                progress: ((String) -> Void)? = nil) throws {
        let normal = ExpRational(h)
        function = h
        let critical = try DerivativeZeros(of: h, normalForm: normal, order: 1, range: searchRange, digits: digits,
                                           provingTails: true, progress: progress)
        form = critical.form
        isolation = critical.isolation
        scaledArgument = critical.scaledArgument
        // A zero of g of even multiplicity is no extremum: g keeps its sign across it (x³ at 0).
        let found = critical.zeros.filter { $0.slope != 0 }.map { LocalExtremum(kind: $0.slope > 0 ? .minimum : .maximum, root: $0.root) }
        extrema = found
        let minusLimit = Limit.of(h, normalForm: normal, direction: -1, digits: digits, gaussian: true)
        let plusLimit = Limit.of(h, normalForm: normal, direction: 1, digits: digits, gaussian: true)
        limitMinus = minusLimit
        limitPlus = plusLimit
        if let first = found.first, let last = found.last {
            leftSlope = -first.root.slope
            rightSlope = last.root.slope
        } else if isolation.coversRealLine, case .sign(let s) = isolation.pieces.first?.kind {
            leftSlope = s
            rightSlope = s
        } else {
            leftSlope = nil
            rightSlope = nil
        }
        guard isolation.coversRealLine, let leftSlope, let rightSlope else {
            let why = GlobalRange.incompleteReason(isolation)
            lower = .unknown(why)
            upper = .unknown(why)
            return
        }
        var lowCandidates: [(RangeBound, BigInterval)] = found.filter { $0.kind == .minimum }.map { (.attained($0), $0.value.enclosure) }
        var highCandidates: [(RangeBound, BigInterval)] = found.filter { $0.kind == .maximum }.map { (.attained($0), $0.value.enclosure) }
        // A limit bounds only the side f runs toward at that end: without it, that side stays open.
        var missingLow: [String] = [], missingHigh: [String] = []
        func end(_ limit: Limit?, _ name: String, towardLow: Bool) {
            guard let limit else {
                let why = "the limit of f as x → \(name) is not established"
                if towardLow { missingLow.append(why) } else { missingHigh.append(why) }
                return
            }
            if towardLow { lowCandidates.append((.limit(limit), limit.value.enclosure)) }
            else { highCandidates.append((.limit(limit), limit.value.enclosure)) }
        }
        end(minusLimit, "-inf", towardLow: leftSlope > 0)
        end(plusLimit, "+inf", towardLow: rightSlope < 0)
        lower = GlobalRange.choose(lowCandidates, least: true, missing: missingLow)
        upper = GlobalRange.choose(highCandidates, least: false, missing: missingHigh)
    }

    static func choose(_ candidates: [(RangeBound, BigInterval)], least: Bool, missing: [String]) -> RangeBound {
        if !missing.isEmpty && candidates.isEmpty { return .unknown(missing.joined(separator: "; ")) }
        guard !candidates.isEmpty else { return .unknown("no candidate") }
        func attained(_ i: Int) -> Bool { if case .attained = candidates[i].0 { return true } else { return false } }
        var best = 0
        for i in candidates.indices.dropFirst() {
            let a = candidates[i].1, b = candidates[best].1
            let tie = least ? a.lower == b.lower : a.upper == b.upper
            if least ? a.lower < b.lower : a.upper > b.upper { best = i } else if tie && attained(i) && !attained(best) { best = i }
        }
        let bestBox = candidates[best].1
        // A candidate no greater than every other is the minimum even when one equals it (x²·e^(−x²):
        // f(0) = 0 = the limits at ±∞; e^(x − x²/2): both limits 0), except that a limit must be strictly
        // below an attained value (which would make the infimum attained).
        for (i, c) in candidates.enumerated() where i != best {
            let strict = !attained(best) && attained(i)
            let separated = least ? (strict ? bestBox.upper < c.1.lower : bestBox.upper <= c.1.lower)
                : (strict ? bestBox.lower > c.1.upper : bestBox.lower >= c.1.upper)
            if !separated {
                return .unknown("two candidates for the \(least ? "least" : "greatest") value are not separated by their enclosures")
            }
        }
        // An unknown limit cannot beat a candidate that is itself −∞ (for the least value) or +∞ (the greatest).
        let unbeatable: Bool = {
            guard case .limit(let l) = candidates[best].0, l.isInfinite else { return false }
            return (bestBox.lower.signum < 0) == least
        }()
        if !missing.isEmpty && !unbeatable {
            return .unknown(missing.joined(separator: "; "))
        }
        if case .attained(let e) = candidates[best].0, let caveat = e.x.caveat ?? e.value.caveat {
            return .unknown("the digits of \(e.x.caveat != nil ? "x*" : "f(x*)") are not certified: \(caveat)")
        }
        return candidates[best].0
    }

    static func describe(_ iso: RootIsolation, doubleIntervals: Bool = false) -> String {
        let multiple = iso.multipleZeros, zeros = iso.zeros.count - multiple.count, undecided = iso.undecided.count
        var text = "branch-and-bound on [\(iso.lower.decimalString(significantDigits: 6)), \(iso.upper.decimalString(significantDigits: 6))] "
            + "in \(iso.precision)-bit interval arithmetic\(doubleIntervals && iso.precision <= 64 ? " (53-bit double intervals where they decide)" : "") (\(iso.boxesExamined) box\(iso.boxesExamined == 1 ? "" : "es")): \(zeros) simple zero\(zeros == 1 ? "" : "s") of g"
        for piece in multiple {
            if case .multipleZero(let q, let m, _) = piece.kind {
                text += ", a zero of multiplicity \(m) at x = \(q) (g, …, g^(\(m - 1)) vanish there symbolically, g^(\(m)) keeps one sign on a box around it)"
            }
        }
        if undecided > 0 { text += ", \(undecided) undecided box\(undecided == 1 ? "" : "es")" }
        func tail(_ s: Int?, _ method: String?, _ side: String) -> String {
            guard let s else { return "; \(side): not proven free of zeros" }
            return "; \(side): g \(s > 0 ? ">" : "<") 0 (\(method ?? "interval evaluation over the unbounded tail"))"
        }
        text += tail(iso.leftTailSign, iso.leftTailMethod, "x <= \(iso.lower.decimalString(significantDigits: 6))")
        text += tail(iso.rightTailSign, iso.rightTailMethod, "x >= \(iso.upper.decimalString(significantDigits: 6))")
        return text
    }

    static func incompleteReason(_ iso: RootIsolation, includingTails: Bool = true) -> String {
        var parts: [String] = []
        if let u = iso.undecided.first {
            parts.append("g could not be decided on [\(u.lower.decimalString(significantDigits: 12)), "
                + "\(u.upper.decimalString(significantDigits: 12))] (a multiple zero, a pole, or zeros closer than the search resolves)")
        }
        if includingTails && iso.leftTailSign == nil {
            parts.append("the tail x <= \(iso.lower.decimalString(significantDigits: 6)) could not be proven free of zeros of g")
        }
        if includingTails && iso.rightTailSign == nil {
            parts.append("the tail x >= \(iso.upper.decimalString(significantDigits: 6)) could not be proven free of zeros of g")
        }
        return parts.joined(separator: "; ")
    }
}
