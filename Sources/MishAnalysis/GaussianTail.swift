import MishNumbers
import MishSymbolic

/// The sign of an expression on an unbounded tail x ≤ a < 0 or x ≥ b > 0 where Gaussian factors make plain
/// interval evaluation indeterminate: over [−∞, −16], x·e^(−x²/2) encloses to [−∞, 0] and
/// 1/2 + erf(x/√2)/2 to [0, 10⁻⁵⁷], so gelu′ has no proven sign there.
///
/// Each subexpression v is enclosed as v(x) ∈ A + B·G(x) for every x on the tail, with G = e^(q(x)) > 0 for a
/// quadratic q = −αx² + βx + γ (the exponent, or −v², of the exp or erf node with the slowest decay α > 0,
/// with rational coefficients) and A, B intervals:
/// - exp(u) with u″ a negative number: G·e^(u − q), the exponent enclosed after the engine simplifies it;
/// - erf(v) with v of one sign σ on the tail and v² + q bounded below: σ − σ·erfcx(|v|)·e^(−(v² + q))·G, where
///   erfcx(t) = e^(t²)·erfc(t) ∈ (0, 2/(√π(t₀ + √(t₀² + 4/π)))] for t ≥ t₀ ≥ 0 (Abramowitz–Stegun 7.1.13, the
///   bound decreasing in t₀); gelu(v) = v·(1 + erf(v/√2))/2;
/// - products use G² ≤ G·Gₘₐₓ, Gₘₐₓ = e^(sup q) over the tail (q enclosed by Horner's rule); other
///   functions need B = 0.
/// The sign is proven when A = 0 exactly and B excludes 0 (G > 0), or when A + B·[0, G(t₀)] excludes 0;
/// failing that, from e·e^(−q) when the engine reduces it to an exp-rational form (``signByScaling(_:)``).
struct GaussianTail {
    struct Enclosure {
        var a: BigInterval
        var b: BigInterval
    }

    let tail: BigInterval
    let precision: Int
    /// q, the exponent of G.
    let exponent: Expr
    /// [0, Gₘₐₓ] ∋ G(x) for every x on the tail.
    let gaussianRange: BigInterval

    /// The tail [lower, upper] (one end infinite); nil when `e` has no Gaussian factor.
    init?(_ e: Expr, over tail: BigInterval, precision p: Int) {
        guard let q = GaussianTail.slowestGaussian(in: e) else { return nil }
        self.tail = tail
        precision = p
        exponent = q
        let top = GaussianTail.enclosure(q, over: tail, precision: p)
        guard top.upper.isFinite else { return nil }
        gaussianRange = BigInterval(lower: BigFloat(0, precision: p), upper: BigInterval(top.upper).exp().upper)
    }

    /// An enclosure of e over the tail: by Horner's rule in x when e is exp-rational (so −x² + 6x keeps a
    /// finite upper bound), else term by term.
    static func enclosure(_ e: Expr, over tail: BigInterval, precision p: Int) -> BigInterval {
        if let r = ExpRational(e) { return r.enclosure(at: tail) }
        return e.enclosure(at: tail, precision: p)
    }

    /// The proven sign of e on the tail, or nil: from the enclosure A + B·G, else from h = e·e^(αx²) when h
    /// is exp-rational.
    func sign(of e: Expr) -> Int? {
        var memo: [ObjectIdentifier: Enclosure?] = [:]
        if let v = enclose(e, &memo) {
            if let s = ((v.a.isPoint && v.a.lower.isZero) ? v.b : v.a + times(v.b, gaussianRange)).provenSign { return s }
        }
        return signByScaling(e)
    }

    /// The sign of h = e·e^(αx²), distributed over sums so that the engine merges the exponentials
    /// (e^(−x²/2)·(x³ − 3x) becomes x³ − 3x), when h is exp-rational: its enclosure runs Horner's rule in x,
    /// which keeps the sign that term-by-term interval evaluation loses ([48, ∞] − [4096, ∞]).
    func signByScaling(_ e: Expr) -> Int? {
        guard let h = ExpRational(GaussianTail.scaled(e, exponent: exponent)) else { return nil }
        // Its sign-equivalent numerator (powers of u = eˣ and the denominator's constant sign divided out),
        // so that (1 − x)·eˣ keeps its sign where eˣ → 0.
        let form = SignEquivalentForm.reducedNumerator(of: h)?.form ?? h
        return form.enclosure(at: tail).provenSign
    }

    /// e·e^(−q), distributed over sums so that the engine merges it with the exponentials of each term.
    static func scaled(_ e: Expr, exponent q: Expr) -> Expr {
        let weight = Expr.apply(.exp, -q)
        func distribute(_ e: Expr) -> Expr {
            if case .sum(let k, let terms) = e.kind {
                return Expr.sum([Expr.number(k) * weight] + terms.map { Expr.number($0.coefficient) * distribute($0.expr) })
            }
            return e * weight
        }
        return distribute(e)
    }

    /// The exponent q with the slowest decay α > 0 (q″ = −2α a number) among exp(u) (q = u) and erf(v)
    /// (q = −v²; gelu(v): −v²/2), q a polynomial with rational coefficients; ties keep the first found.
    static func slowestGaussian(in e: Expr) -> Expr? {
        var seen = Set<ObjectIdentifier>()
        var best: (q: Expr, alpha: Rational)?
        func consider(_ q: Expr) {
            guard let second = q.derivative().derivative().rationalValue, second.signum < 0, ExpRational(q) != nil else { return }
            let alpha = -second / Rational(2)
            if best == nil || alpha < best!.alpha { best = (q, alpha) }
        }
        func visit(_ e: Expr) {
            guard seen.insert(ObjectIdentifier(e)).inserted else { return }
            if case .apply(let f, let u) = e.kind {
                switch f {
                case .exp: consider(u)
                case .erf: consider(-u.pow(2))
                case .gelu: consider(-u.pow(2) * Expr.number(Rational(1, 2)))
                default: break
                }
            }
            e.children.forEach(visit)
        }
        visit(e)
        return best?.q
    }

    private func times(_ x: BigInterval, _ y: BigInterval) -> BigInterval {
        if (x.isPoint && x.lower.isZero) || (y.isPoint && y.lower.isZero) { return BigInterval(0, precision: precision) }
        return x * y
    }

    private var zero: BigInterval { BigInterval(0, precision: precision) }

    private func plain(_ e: Expr) -> BigInterval { e.enclosure(at: tail, precision: precision) }

    private func enclose(_ e: Expr, _ memo: inout [ObjectIdentifier: Enclosure?]) -> Enclosure? {
        if let v = memo[ObjectIdentifier(e)] { return v }
        let v = compute(e, &memo)
        memo[ObjectIdentifier(e)] = v
        return v
    }

    private func compute(_ e: Expr, _ memo: inout [ObjectIdentifier: Enclosure?]) -> Enclosure? {
        let p = precision
        switch e.kind {
        case .number(let q): return Enclosure(a: BigInterval(q, precision: p), b: zero)
        case .variable: return Enclosure(a: tail, b: zero)
        case .pi: return Enclosure(a: .pi(precision: p), b: zero)
        case .sum(let k, let terms):
            var acc = Enclosure(a: BigInterval(k, precision: p), b: zero)
            for t in terms {
                guard let v = enclose(t.expr, &memo) else { return nil }
                let c = BigInterval(t.coefficient, precision: p)
                acc = Enclosure(a: acc.a + times(c, v.a), b: acc.b + times(c, v.b))
            }
            return acc
        case .product(let c, let fs):
            var acc = Enclosure(a: BigInterval(c, precision: p), b: zero)
            for f in fs {
                guard let v = enclose(f, &memo) else { return nil }
                acc = multiply(acc, v)
            }
            return acc
        case .power(let base, let exponent):
            guard let b = enclose(base, &memo) else { return nil }
            if b.b.isPoint && b.b.lower.isZero { return Enclosure(a: plain(e), b: zero) }
            if let n = exponent.rationalValue, n.isInteger, let k = n.numerator.exactInt, k >= 1 {
                var acc = b
                for _ in 1..<k { acc = multiply(acc, b) }
                return acc
            }
            return nil
        case .apply(let f, let u):
            switch f {
            case .exp:
                guard let second = u.derivative().derivative().rationalValue, second.signum < 0 else { break }
                let w = GaussianTail.enclosure(u - exponent, over: tail, precision: p)
                if w.upper.isInfinite && w.upper.signum > 0 { return nil }
                return Enclosure(a: zero, b: w.exp())
            case .erf:
                let v = plain(u)
                guard let sigma = v.provenSign else { return nil }
                let t0 = BigInterval(sigma > 0 ? v.lower : -v.upper)
                let root = (t0 * t0 + BigInterval(4, precision: p) / BigInterval.pi(precision: p)).squareRoot()
                let bound = BigInterval(2, precision: p) / (BigInterval.pi(precision: p).squareRoot() * (t0 + root))
                let scaled = BigInterval(lower: BigFloat(0, precision: p), upper: bound.upper)
                let excess = GaussianTail.enclosure(u.pow(2) + exponent, over: tail, precision: p)
                if excess.lower.isInfinite { return nil }
                let s = BigInterval(sigma, precision: p)
                return Enclosure(a: s, b: -(s * scaled * (-excess).exp()))
            case .gelu:
                let half = Expr.number(Rational(1, 2))
                let inner = u * Expr.power(.number(2), .number(Rational(-1, 2)))
                return enclose(half * u * (Expr.number(1) + Expr.apply(.erf, inner)), &memo)
            default:
                break
            }
            guard let v = enclose(u, &memo), v.b.isPoint && v.b.lower.isZero else { return nil }
            return Enclosure(a: f.evaluate(v.a), b: zero)
        }
    }

    /// (A₁ + B₁G)(A₂ + B₂G) = A₁A₂ + (A₁B₂ + A₂B₁ + B₁B₂·G)·G with G ∈ [0, G(t₀)].
    private func multiply(_ x: Enclosure, _ y: Enclosure) -> Enclosure {
        Enclosure(a: times(x.a, y.a), b: times(x.a, y.b) + times(y.a, x.b) + times(times(x.b, y.b), gaussianRange))
    }
}

extension Expr {
    /// The product without its factors that do not depend on x (itself when it is not a product).
    var droppingConstantFactors: Expr {
        guard case .product(_, let factors) = kind else { return self }
        return Expr.product(factors.filter(\.dependsOnX))
    }
}
