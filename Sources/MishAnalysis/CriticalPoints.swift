import MishNumbers
import MishSymbolic

/// f⁽ʲ⁾ as an expression: the Horner normal form when f⁽ʲ⁾ is exp-rational, else as differentiated.
public func derivativeExpr(_ f: Expr, order j: Int) -> Expr {
    if let r = ExpRational(f) { return r.derivative(order: j).hornerExpr }
    let d = f.derivative(order: j)
    return ExpRational(d)?.hornerExpr ?? d
}

/// The certified zeros of f⁽ᵏ⁾ (k = 1, 2, 3) on a range or on the whole real line, each with the values
/// f, f′, …, f⁽ᵏ⁻¹⁾ there and the sign of f⁽ᵏ⁺¹⁾ that classifies it.
public struct DerivativeZeros: Sendable {
    public struct Zero: Sendable {
        public let root: CertifiedRoot
        /// f⁽ʲ⁾(x*) for j = 0 ..< k.
        public var values: [CertifiedDecimal] { root.values }
        /// The sign of f⁽ᵏ⁺¹⁾(x*): > 0 makes x* a minimum of f⁽ᵏ⁻¹⁾.
        public var slope: Int { root.slope }
    }

    public let order: Int
    public let form: SignEquivalentForm
    public let isolation: RootIsolation
    public let zeros: [Zero]
    /// c and F(y) = f(y/c) where f has no exp-rational form in eˣ but F has one in e^y
    /// (``Limit/scaledArgumentForm(_:)``): `form` is F's, in y = c·x; the isolation and the zeros are mapped back
    /// to x = y/c.
    public let scaledArgument: (scale: Rational, function: Expr)?
    /// Whether the list is all the zeros in the range (or on ℝ when no range was given), and if not why.
    public let completeness: String?

    /// `range` nil: the whole real line (the search grows until the tails are proven free of zeros); with a
    /// range, `provingTails` also tries to prove the tails beyond it free of zeros (the list is then still
    /// the range's).
    public init(of f: Expr, order k: Int, range: (lower: BigFloat, upper: BigFloat)?, digits: Int,
                provingTails: Bool = false, progress: ((String) -> Void)? = nil) throws {
        try self.init(of: f, normalForm: ExpRational(f), order: k, range: range, digits: digits, provingTails: provingTails,
                      progress: progress)
    }

    /// The same, given f's exp-rational normal form (nil when f has none).
    init(of f: Expr, normalForm normal: ExpRational?, order k: Int, range: (lower: BigFloat, upper: BigFloat)?, digits: Int,
         provingTails: Bool, progress: ((String) -> Void)?) throws {
        if normal == nil, let (scaled, c) = Limit.scaledArgumentForm(f), let scaledNormal = ExpRational(scaled) {
            let inner = try DerivativeZeros(of: scaled, normalForm: scaledNormal, order: k, range: range.map { r in
                (lower: r.lower.multiplied(by: BigFloat(c, precision: 128), precision: r.lower.precision + 64, rounding: .down).value,
                 upper: r.upper.multiplied(by: BigFloat(c, precision: 128), precision: r.upper.precision + 64, rounding: .up).value)
            }, digits: digits + 4, provingTails: provingTails, progress: progress)
            let scales = (0..<k).map { j in (0..<j).reduce(Rational(1)) { a, _ in a * c } }
            order = k
            scaledArgument = (c, scaled)
            form = inner.form
            isolation = inner.isolation.dividing(by: c)
            zeros = try inner.zeros.map { Zero(root: try $0.root.dividingX(by: c, valueScales: scales, digits: digits)) }
            completeness = DerivativeZeros.completeness(of: isolation, wholeLine: range == nil)
            return
        }
        order = k
        scaledArgument = nil
        progress?("isolating the zeros of " + (k <= 3 ? "f" + String(repeating: "′", count: k) : "f^(\(k))"))
        form = SignEquivalentForm(derivative: k, of: f, normalForm: normal)
        if let range {
            isolation = RootIsolation.search(form, from: range.lower, to: range.upper, tails: provingTails)
        } else {
            isolation = RootIsolation.realLine(form)
        }
        let top = form.targetRational
        let values = (0..<k).map { j in
            normal.map { ValueAtRoot($0.derivative(order: j), derivative: j == k - 1 ? top : nil) }
                ?? ValueAtRoot(derivativeExpr(f, order: j))
        }
        let form = self.form
        zeros = try isolation.zeros.map {
            Zero(root: try RootRefinement.refine(form, in: $0, digits: digits, values: values, progress: progress))
        }
        completeness = DerivativeZeros.completeness(of: isolation, wholeLine: range == nil)
    }

    /// Why the zeros listed are not all of them (the tails count on the whole line only), or nil.
    static func completeness(of isolation: RootIsolation, wholeLine: Bool) -> String? {
        if wholeLine && !isolation.coversRealLine { return GlobalRange.incompleteReason(isolation) }
        if !isolation.isComplete { return GlobalRange.incompleteReason(isolation, includingTails: false) }
        return nil
    }
}
