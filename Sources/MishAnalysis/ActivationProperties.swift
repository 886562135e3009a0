import MishNumbers
import MishSymbolic

/// One cell of the properties table: the finding and how it was established.
public struct PropertyCell: Sendable {
    public let value: String
    public let how: String
    /// False when the finding is not proven (the value then says so).
    public let certified: Bool
}

/// The properties table of an activation function, computed: range, order of continuity, monotonicity of
/// f and f′, behaviour at the origin, dead neurons and saturation.
public struct ActivationProperties: Sendable {
    public let expression: Expr
    public let range: PropertyCell
    public let continuity: PropertyCell
    public let monotonic: PropertyCell
    public let monotonicDerivative: PropertyCell
    public let identityNearOrigin: PropertyCell
    public let deadNeurons: PropertyCell
    public let saturation: PropertyCell

    public static let standardFunctions = ["mish(x)", "swish(x)", "gelu(x)", "softplus(x)", "tanh(x)", "sigmoid(x)", "logsigmoid(x)"]

    public init(_ f: Expr, digits: Int = 6) throws {
        expression = f
        let values = try GlobalRange(of: f, digits: digits)
        let fPrime = derivativeExpr(f, order: 1)
        let slopes = try GlobalRange(of: fPrime, digits: digits)
        range = ActivationProperties.rangeCell(values)
        continuity = ActivationProperties.continuityCell(f)
        monotonic = ActivationProperties.monotonicCell(values, of: "f")
        monotonicDerivative = ActivationProperties.monotonicCell(slopes, of: "f'")
        identityNearOrigin = ActivationProperties.originCell(f, fPrime, digits: digits)
        deadNeurons = ActivationProperties.deadNeuronCell(values, slopes)
        saturation = ActivationProperties.saturationCell(values)
    }

    public var cells: [(name: String, cell: PropertyCell)] {
        [("range", range), ("order of continuity", continuity), ("monotonic", monotonic),
         ("monotonic derivative", monotonicDerivative), ("approximates identity near origin", identityNearOrigin),
         ("dead neurons", deadNeurons), ("saturation", saturation)]
    }

    static func rangeCell(_ r: GlobalRange) -> PropertyCell {
        func end(_ b: RangeBound, least: Bool) -> (text: String, how: String, ok: Bool) {
            switch b {
            case .attained(let e):
                return (least ? "[\(e.value.text)" : "\(e.value.text)]",
                        "\(least ? "min" : "max") at x = \(e.x.text)", true)
            case .limit(let l):
                let side = l.direction < 0 ? "-inf" : "+inf"
                let value = l.isInfinite ? (l.value.text.hasPrefix("-") ? "-inf" : "+inf") : l.value.text
                return (least ? "(\(value)" : "\(value))", "limit at \(side), not attained", true)
            case .unknown(let why):
                return (least ? "[?" : "?]", "not certified: \(why)", false)
            }
        }
        let lo = end(r.lower, least: true), hi = end(r.upper, least: false)
        return PropertyCell(value: "\(lo.text), \(hi.text)",
                            how: "lower: \(lo.how); upper: \(hi.how); all zeros of f' isolated on the real line, f monotone between them",
                            certified: lo.ok && hi.ok)
    }

    static func monotonicCell(_ r: GlobalRange, of name: String) -> PropertyCell {
        guard r.isolation.coversRealLine else {
            return PropertyCell(value: "not established", how: GlobalRange.incompleteReason(r.isolation), certified: false)
        }
        let d = name + "'"
        if r.extrema.isEmpty, let s = r.leftSlope {
            let stationary = r.isolation.multipleZeros.compactMap { piece -> String? in
                if case .multipleZero(let q, let m, _) = piece.kind { return "x = \(q) (multiplicity \(m))" }
                return nil
            }
            let zeros = stationary.isEmpty ? "\(d) has no zero on the real line and \(d) \(s > 0 ? ">" : "<") 0"
                : "\(d) \(s > 0 ? ">" : "<") 0 except at its zeros of even multiplicity \(stationary.joined(separator: ", ")), where it keeps its sign"
            return PropertyCell(value: s > 0 ? "yes (increasing)" : "yes (decreasing)",
                                how: zeros + " (interval branch-and-bound with tails)", certified: true)
        }
        let xs = r.extrema.map { "x = \($0.x.text) (\($0.kind.rawValue))" }.joined(separator: ", ")
        return PropertyCell(value: "no", how: "\(d) changes sign at \(xs), certified zeros of \(d)", certified: true)
    }

    static func continuityCell(_ f: Expr) -> PropertyCell {
        if let problem = DomainCheck.firstSingularity(of: f) {
            return PropertyCell(value: "not established", how: "a possible singularity on \(problem)", certified: false)
        }
        return PropertyCell(value: "C^inf (analytic)",
                            how: "built from functions analytic on their domains; interval evaluation over a cover of the real "
                                + "line proves every divisor nonzero and every log/sqrt/fractional-power argument positive",
                            certified: true)
    }

    static func exactValue(_ e: Expr, digits: Int) -> (text: String, rational: Rational?, enclosure: BigInterval?) {
        let at0 = e.substituting(x: .zero)
        if let q = at0.rationalValue { return (q.description, q, nil) }
        let value = try? at0.certifiedValue(at: nil, digits: digits)
        return ("\(at0) = \(value?.text ?? "?")", nil, value?.enclosure)
    }

    static func originCell(_ f: Expr, _ fPrime: Expr, digits: Int) -> PropertyCell {
        let v = exactValue(f, digits: digits), s = exactValue(fPrime, digits: digits)
        let facts = "f(0) = \(v.text), f'(0) = \(s.text)"
        let how = "exact values at 0 by substitution; identity near 0 means f(0) = 0 and f'(0) = 1"
        if let a = v.rational, let b = s.rational {
            return PropertyCell(value: (a.isZero && b.isOne ? "yes: " : "no: ") + facts, how: how, certified: true)
        }
        let zeroExcluded = v.enclosure.map { !$0.containsZero } ?? false
        let oneExcluded = s.enclosure.map { !$0.contains(BigFloat(1)) } ?? false
        if zeroExcluded || oneExcluded {
            return PropertyCell(value: "no: " + facts, how: how + " (an enclosure excludes the identity's value)", certified: true)
        }
        return PropertyCell(value: "not established: " + facts, how: how, certified: false)
    }

    static func deadNeuronCell(_ values: GlobalRange, _ slopes: GlobalRange) -> PropertyCell {
        let limits = gradientLimits(slopes)
        guard values.isolation.coversRealLine else {
            return PropertyCell(value: "not established", how: GlobalRange.incompleteReason(values.isolation), certified: false)
        }
        let count = values.isolation.zeros.count
        return PropertyCell(value: "no" + (limits.isEmpty ? "" : "; " + limits),
                            how: "f' vanishes only at \(count) isolated point\(count == 1 ? "" : "s") (all zeros of f' isolated on the "
                                + "real line), so it is not 0 on any half-line",
                            certified: true)
    }

    static func gradientLimits(_ slopes: GlobalRange) -> String {
        let parts = [(slopes.limitMinus, "-inf"), (slopes.limitPlus, "+inf")].compactMap { l, side in
            l.map { "f' -> \($0.isInfinite ? ($0.value.text.hasPrefix("-") ? "-inf" : "+inf") : $0.value.text) as x -> \(side)" }
        }
        return parts.joined(separator: ", ")
    }

    static func saturationCell(_ r: GlobalRange) -> PropertyCell {
        func side(_ l: Limit?, _ name: String) -> (String, Bool) {
            guard let l else { return ("x -> \(name): limit not established", false) }
            if l.isInfinite { return ("x -> \(name): unbounded", true) }
            return ("x -> \(name): saturates to \(l.value.text)", true)
        }
        let a = side(r.limitMinus, "-inf"), b = side(r.limitPlus, "+inf")
        return PropertyCell(value: "\(a.0); \(b.0)",
                            how: "limits of f: from the exp-rational normal form (e^(-|x|) -> 0 outweighs every power of x)"
                                + (r.scaledArgument.map { " of f(y/\($0.scale)) in y = \($0.scale)*x" } ?? "")
                                + " or the named functions' limits",
                            certified: a.1 && b.1)
    }
}

/// Interval evaluation that flags where an expression could leave the set on which its functions are
/// analytic: a divisor containing 0, a log/sqrt/fractional-power argument not proven positive.
struct DomainCheck: ExprAlgebra {
    let inner: IntervalAlgebra
    typealias Value = (interval: BigInterval, safe: Bool)

    func number(_ q: Rational) -> Value { (inner.number(q), true) }
    func variable() -> Value { (inner.variable(), true) }
    func pi() -> Value { (inner.pi(), true) }
    func add(_ a: Value, _ b: Value) -> Value { (inner.add(a.interval, b.interval), a.safe && b.safe) }
    func multiply(_ a: Value, _ b: Value) -> Value { (inner.multiply(a.interval, b.interval), a.safe && b.safe) }
    func power(_ b: Value, _ e: Value, rational: Rational?) -> Value {
        let v = inner.power(b.interval, e.interval, rational: rational)
        let safe: Bool
        if let q = rational, q.isInteger {
            safe = q.numerator.signum >= 0 || (!b.interval.isUndefined && !b.interval.containsZero)
        } else {
            safe = !b.interval.isUndefined && b.interval.lower.signum > 0
        }
        return (v, safe && b.safe && e.safe)
    }
    func apply(_ f: Primitive, _ a: Value) -> Value {
        let v = inner.apply(f, a.interval)
        var safe = a.safe && !a.interval.isUndefined
        switch f {
        case .log, .sqrt: safe = safe && a.interval.lower.signum > 0
        case .log1p: safe = safe && a.interval.lower > BigFloat(-1)
        default: break
        }
        return (v, safe)
    }

    /// The first piece of a cover of ℝ ((−∞, −16], 128 boxes of [−16, 16], [16, +∞)) on which `f` is not
    /// proven analytic, or nil.
    static func firstSingularity(of f: Expr) -> String? {
        let p = 128
        var pieces: [BigInterval] = [BigInterval(lower: .infinity(sign: -1, precision: p), upper: BigFloat(-16, precision: p))]
        for i in 0..<128 {
            pieces.append(BigInterval(lower: BigFloat(Double(i) / 4 - 16, precision: p), upper: BigFloat(Double(i + 1) / 4 - 16, precision: p)))
        }
        pieces.append(BigInterval(lower: BigFloat(16, precision: p), upper: .infinity(precision: p)))
        for x in pieces where !f.evaluate(in: DomainCheck(inner: IntervalAlgebra(x: x, precision: p))).safe {
            return "[\(x.lower), \(x.upper)]"
        }
        return nil
    }
}
