import MishNumbers
import MishSymbolic

/// All zeros of g on an interval (and, when asked, proof that there are none beyond it), by
/// branch-and-bound in interval arithmetic.
///
/// A box [a, b] is settled when 0 ∉ g([a, b]) (g has one sign there), or when 0 ∉ g′([a, b]) (g is
/// strictly monotone) and g(a), g(b) have proven signs: equal signs mean no zero, opposite signs exactly
/// one simple zero. Other boxes are split; a box still unsettled at width 2⁻⁶⁰·max(1, |a|), or after
/// `maximumBoxes` boxes, is reported undecided (a multiple zero, or zeros the precision cannot separate).
/// ``search(_:from:to:tails:)`` then looks for a multiple zero at the fraction q = a/b (b ≤ 1000) next to the
/// first undecided box: g⁽ʲ⁾(q) = 0 symbolically for j < m, g⁽ᵐ⁾(q) ≠ 0 (m ≥ 2), and g⁽ᵐ⁾ of one sign on a box
/// B around q; by Taylor's theorem g(x) = g⁽ᵐ⁾(ξ)(x − q)ᵐ/m! then has no other zero in B, the sign of g⁽ᵐ⁾
/// right of q and (−1)ᵐ times it left of q (x³: f′ = 3x² at 0); the search is repeated with B as a known piece,
/// so that no box comes near q again (where g is too flat for interval evaluation). A tail [b, +∞) is settled when
/// 0 ∉ g([b, +∞]), or when g(b) and g′ on the tail have the same proven sign (g moves away from 0);
/// symmetrically for (−∞, a].
public struct RootIsolation: Sendable {
    public enum Kind: Sendable, Equatable {
        /// g has this sign on the whole piece.
        case sign(Int)
        /// Exactly one zero, simple, where g′ has this sign.
        case simpleZero(slope: Int)
        /// Exactly one zero, at the fraction q, of multiplicity m ≥ 2; g has sign `right` on the piece right
        /// of q and (−1)ᵐ·`right` left of it.
        case multipleZero(at: Rational, multiplicity: Int, right: Int)
        case undecided
    }

    public struct Piece: Sendable {
        public let lower: BigFloat
        public let upper: BigFloat
        public let kind: Kind
    }

    /// The searched range, covered left to right by `pieces`.
    public let lower: BigFloat
    public let upper: BigFloat
    public let pieces: [Piece]
    /// The sign of g on (−∞, lower] and [upper, +∞), nil when not proven (or not asked).
    public let leftTailSign: Int?
    public let rightTailSign: Int?
    /// How each tail's sign was proven (for certificates).
    public let leftTailMethod: String?
    public let rightTailMethod: String?
    /// Number of boxes examined.
    public let boxesExamined: Int

    /// The pieces holding one zero each (simple or multiple), left to right.
    public var zeros: [Piece] {
        pieces.filter {
            switch $0.kind {
            case .simpleZero, .multipleZero: return true
            case .sign, .undecided: return false
            }
        }
    }
    public var multipleZeros: [Piece] { pieces.filter { if case .multipleZero = $0.kind { return true } else { return false } } }
    public var undecided: [Piece] { pieces.filter { $0.kind == .undecided } }
    /// True when every zero of g in the range is isolated.
    public var isComplete: Bool { undecided.isEmpty }
    /// True when every real zero of g is isolated.
    public var coversRealLine: Bool { isComplete && leftTailSign != nil && rightTailSign != nil }

    /// The most boxes one search examines; beyond it the remaining boxes are reported undecided.
    public static let maximumBoxes = 4_000

    /// The zeros of h⁽ᵏ⁾ isolated on ℝ with the tails (``realLine(_:)``); where h has no exp-rational form in eˣ but
    /// h(y/c) has one in e^y (``Limit/scaledArgumentForm(_:)``, c > 0), those of its k-th derivative, which has
    /// h⁽ᵏ⁾'s signs, mapped back to x = y/c.
    public static func realLine(derivative k: Int, of h: Expr) -> RootIsolation {
        if ExpRational(h) == nil, let (scaled, c) = Limit.scaledArgumentForm(h), ExpRational(scaled) != nil {
            return realLine(SignEquivalentForm(derivative: k, of: scaled)).dividing(by: c)
        }
        return realLine(SignEquivalentForm(derivative: k, of: h))
    }

    /// The point beyond which g keeps one sign toward ±∞ (the outer end of its last zero's box, or of the searched
    /// range) and that sign, when the tail's sign is proven.
    public func signedTail(direction: Int) -> (boundary: BigFloat, sign: Int)? {
        guard let tail = direction < 0 ? leftTailSign : rightTailSign else { return nil }
        for piece in direction < 0 ? Array(pieces) : pieces.reversed() {
            if case .sign(let s) = piece.kind, s == tail { continue }
            return (direction < 0 ? piece.lower : piece.upper, tail)
        }
        return (direction < 0 ? upper : lower, tail)
    }

    /// The isolation of g(c·x) from that of g (c > 0): every box and multiple zero divided by c, each end rounded
    /// outward; signs, tails and counts unchanged.
    func dividing(by c: Rational) -> RootIsolation {
        precondition(c.signum > 0, "a positive scale")
        let p = precision + 16
        let divisor = BigFloat(c, precision: p + 64)
        func down(_ v: BigFloat) -> BigFloat { v.divided(by: divisor, precision: p, rounding: .down).value }
        func up(_ v: BigFloat) -> BigFloat { v.divided(by: divisor, precision: p, rounding: .up).value }
        let mapped = pieces.map { piece -> Piece in
            var kind = piece.kind
            if case .multipleZero(let q, let m, let right) = kind { kind = .multipleZero(at: q / c, multiplicity: m, right: right) }
            return Piece(lower: down(piece.lower), upper: up(piece.upper), kind: kind)
        }
        return RootIsolation(lower: down(lower), upper: up(upper), pieces: mapped, leftTailSign: leftTailSign,
                             rightTailSign: rightTailSign, leftTailMethod: leftTailMethod, rightTailMethod: rightTailMethod,
                             boxesExamined: boxesExamined, precision: p)
    }

    private init(lower: BigFloat, upper: BigFloat, pieces: [Piece], leftTailSign: Int?, rightTailSign: Int?, leftTailMethod: String?,
                 rightTailMethod: String?, boxesExamined: Int, precision: Int) {
        self.lower = lower
        self.upper = upper
        self.pieces = pieces
        self.leftTailSign = leftTailSign
        self.rightTailSign = rightTailSign
        self.leftTailMethod = leftTailMethod
        self.rightTailMethod = rightTailMethod
        self.boxesExamined = boxesExamined
        self.precision = precision
    }

    /// Working precision of the search (bits).
    public let precision: Int

    /// The search at `precision` bits; ``search(_:from:to:tails:)`` raises the precision when needed.
    /// With `stopAtUndecided`, the search ends at the first undecided box (the rest of the range is then
    /// one undecided piece).
    /// `multipleZeros`: pieces already proven to hold one multiple zero each (``multipleZero(_:near:within:)``),
    /// taken as they are; the boxes between them are searched.
    public init(_ form: SignEquivalentForm, from a: BigFloat, to b: BigFloat, tails: Bool, precision p: Int = 64,
                stopAtUndecided: Bool = false, multipleZeros: [Piece] = []) {
        precision = p
        let a = a.rounded(toPrecision: p, rounding: .down), b = b.rounded(toPrecision: p, rounding: .up)
        lower = a
        upper = b
        func g(_ j: Int, _ lo: BigFloat, _ hi: BigFloat) -> BigInterval {
            form.enclosure(j, over: BigInterval(lower: lo, upper: hi))
        }
        func pointSign(_ x: BigFloat) -> Int? { g(0, x, x).provenSign }
        var result: [Piece] = []
        var examined = 0
        // Each box carries the signs of g at its ends (proven, or nil), so a split point is evaluated once.
        let endSigns = (pointSign(a), pointSign(b))
        // The boxes between the known pieces, pushed right to left so that the leftmost is searched first.
        var boxes: [(BigFloat, BigFloat, Int, Int?, Int?)] = []
        var start = a, startSign = endSigns.0
        for z in multipleZeros.sorted(by: { $0.lower < $1.lower }) where a < z.lower && z.upper < b {
            guard case .multipleZero(_, let m, let right) = z.kind else { continue }
            boxes.append((start, z.lower, 0, startSign, m % 2 == 0 ? right : -right))
            result.append(z)
            (start, startSign) = (z.upper, right)
        }
        boxes.append((start, b, 0, startSign, endSigns.1))
        var stack = Array(boxes.reversed())
        while let (lo, hi, depth, sl, sh) = stack.popLast() {
            examined += 1
            if examined > RootIsolation.maximumBoxes {
                result.append(Piece(lower: lo, upper: hi, kind: .undecided))
                continue
            }
            if let s = g(0, lo, hi).provenSign {
                result.append(Piece(lower: lo, upper: hi, kind: .sign(s)))
                continue
            }
            if let slope = g(1, lo, hi).provenSign, let sl, let sh {
                result.append(Piece(lower: lo, upper: hi, kind: sl == sh ? .sign(sl) : .simpleZero(slope: slope)))
                continue
            }
            let width = hi.subtracting(lo, precision: 64).value
            let scale = BigFloat.max(BigFloat.max(lo.magnitude, hi.magnitude), BigFloat(1, precision: 64))
            if depth > 400 || width <= scale.scaled(byPowerOfTwo: -60) {
                result.append(Piece(lower: lo, upper: hi, kind: .undecided))
                if stopAtUndecided, let rest = stack.first {
                    result.append(Piece(lower: hi, upper: rest.1, kind: .undecided))
                    stack.removeAll()
                }
                continue
            }
            let split = RootIsolation.splitPoint(lo, hi, precision: p, sign: pointSign)
            stack.append((split.point, hi, depth + 1, split.sign, sh))
            stack.append((lo, split.point, depth + 1, sl, split.sign))
        }
        pieces = RootIsolation.merged(result.sorted { $0.lower < $1.lower })
        boxesExamined = examined
        guard tails else {
            leftTailSign = nil
            rightTailSign = nil
            leftTailMethod = nil
            rightTailMethod = nil
            return
        }
        let inf = BigFloat.infinity(precision: p), minusInf = BigFloat.infinity(sign: -1, precision: p)
        let (ga, gb) = endSigns
        let gaussianText = "Gaussian-tail enclosure: g = A + B·e^(q) with erf(v) = ±(1 − erfcx(|v|)e^(-v²)), "
            + "0 < erfcx(t) ≤ 2/(√π(t + √(t² + 4/π)))"
        /// The sign of g on [lo, hi] (a tail) and how it was proven: g enclosed directly; or g has sign s at
        /// the finite end and g′ has sign `outward`·s (g moves away from 0 toward the infinite end); each by
        /// interval evaluation, then by the Gaussian-tail enclosure for forms outside the exp-rational class.
        func tail(_ lo: BigFloat, _ hi: BigFloat, endSign: Int?, outward: Int) -> (Int?, String?) {
            let box = BigInterval(lower: lo, upper: hi)
            func gaussian(_ e: Expr) -> Int? {
                form.isExpRational ? nil : GaussianTail(e, over: box, precision: p)?.sign(of: e)
            }
            let moving = RootIsolation.movingAway
            if let s = g(0, lo, hi).provenSign { return (s, "interval evaluation over the unbounded tail") }
            if let s = endSign, g(1, lo, hi).provenSign == outward * s { return (s, moving + " (interval evaluation of g′)") }
            if let s = gaussian(form.g) { return (s, gaussianText) }
            if let s = endSign, gaussian(form.gPrime) == outward * s { return (s, moving + " (" + gaussianText + ", for g′)") }
            if let s = endSign, let how = RootIsolation.monotoneToLimit(form, end: outward < 0 ? hi : lo, direction: outward, endSign: s) {
                return (s, how)
            }
            return (nil, nil)
        }
        (rightTailSign, rightTailMethod) = tail(b, inf, endSign: gb, outward: 1)
        (leftTailSign, leftTailMethod) = tail(minusInf, a, endSign: ga, outward: -1)
    }

    private init(lower: BigFloat, upper: BigFloat, pieces: [Piece], tails: (Int?, String?, Int?, String?), boxes: Int, precision: Int) {
        self.lower = lower
        self.upper = upper
        self.pieces = pieces
        (leftTailSign, leftTailMethod, rightTailSign, rightTailMethod) = tails
        boxesExamined = boxes
        self.precision = precision
    }

    /// The same search for an exp-rational g with double endpoints and double interval enclosures only (no MPFR
    /// number is made); nil as soon as it needs more than they give (a box narrower than 2⁻⁴⁰·max(1, |x|) still
    /// unsettled, an undefined enclosure, more than ``maximumBoxes`` boxes), and the search at 64 bits then
    /// decides. A point's sign that double intervals do not prove is left unknown, as the search at 64 bits may.
    init?(doubleIntervals form: SignEquivalentForm, from a: Double, to b: Double, tails: Bool) {
        guard let r = form.rational, a.isFinite, b.isFinite, a < b else { return nil }
        let forms = [r.g, r.gPrime]
        func enclosure(_ j: Int, _ lo: Double, _ hi: Double) -> DoubleInterval? {
            let e = forms[j].enclosure(at: DoubleInterval(lower: lo, upper: hi))
            return e.isUndefined ? nil : e
        }
        func pointSign(_ x: Double) -> Int?? { enclosure(0, x, x).map(\.provenSign) }
        guard let signA = pointSign(a), let signB = pointSign(b) else { return nil }
        var result: [Piece] = []
        var examined = 0
        var stack: [(Double, Double, Int?, Int?)] = [(a, b, signA, signB)]
        func piece(_ lo: Double, _ hi: Double, _ kind: Kind) -> Piece {
            Piece(lower: BigFloat(lo, precision: 64), upper: BigFloat(hi, precision: 64), kind: kind)
        }
        while let (lo, hi, sl, sh) = stack.popLast() {
            examined += 1
            guard examined <= RootIsolation.maximumBoxes, let value = enclosure(0, lo, hi) else { return nil }
            if let s = value.provenSign {
                result.append(piece(lo, hi, .sign(s)))
                continue
            }
            guard let slope = enclosure(1, lo, hi) else { return nil }
            if let direction = slope.provenSign, let sl, let sh {
                result.append(piece(lo, hi, sl == sh ? .sign(sl) : .simpleZero(slope: direction)))
                continue
            }
            guard !(hi - lo <= 0x1p-40 * Swift.max(1, Swift.max(abs(lo), abs(hi)))) else { return nil }
            var split: (Double, Int?)?
            for fraction in RootIsolation.splitFractions {
                let m = lo + (hi - lo) * fraction
                guard lo < m && m < hi, let s = pointSign(m) else { continue }
                if s != nil || split == nil { split = (m, s) }
                if s != nil { break }
            }
            guard let (m, sm) = split else { return nil }
            stack.append((m, hi, sm, sh))
            stack.append((lo, m, sl, sm))
        }
        var tailResult: (Int?, String?, Int?, String?) = (nil, nil, nil, nil)
        if tails {
            let moving = RootIsolation.movingAway + " (interval evaluation of g′)"
            /// As the search at 64 bits proves a tail (without the Gaussian-tail enclosure, which an exp-rational g
            /// does not use); nil when an enclosure is undefined.
            func tail(_ lo: Double, _ hi: Double, endSign: Int?, outward: Int) -> (Int?, String?)? {
                guard let value = enclosure(0, lo, hi) else { return nil }
                if let s = value.provenSign { return (s, "interval evaluation over the unbounded tail") }
                guard let s = endSign else { return (nil, nil) }
                guard let slope = enclosure(1, lo, hi) else { return nil }
                return slope.provenSign == outward * s ? (s, moving) : (nil, nil)
            }
            guard let right = tail(b, .infinity, endSign: signB, outward: 1),
                  let left = tail(-.infinity, a, endSign: signA, outward: -1) else { return nil }
            tailResult = (left.0, left.1, right.0, right.1)
        }
        self.init(lower: BigFloat(a, precision: 64), upper: BigFloat(b, precision: 64),
                  pieces: RootIsolation.merged(result.sorted { $0.lower < $1.lower }), tails: tailResult, boxes: examined, precision: 64)
    }

    /// A piece [l, u] ⊂ (a, b) holding exactly one zero of g, at a fraction q = a/b (b ≤ 1000) within
    /// 2⁻¹⁰·max(1, |x|) of `near` (the undecided box can lie that far from q when the search ran out of boxes
    /// where g is flat; the 16 simplest such fractions are tried, g(q) = 0 checked symbolically), of multiplicity m ≥ 2:
    /// g⁽ʲ⁾(q) = 0 symbolically for j < m, g⁽ᵐ⁾(q) ≠ 0, and g⁽ᵐ⁾ of one proven sign on [l, u] (the widest of
    /// q ± 2⁻⁶·max(1, |q|)·4⁻ⁱ for which interval evaluation shows it).
    public static func multipleZero(_ form: SignEquivalentForm, near piece: Piece, within a: BigFloat, _ b: BigFloat,
                                    precision p: Int = 64) -> Piece? {
        let scale = Swift.max(1, Swift.max(abs(piece.lower.toDouble()), abs(piece.upper.toDouble())))
        let lo = piece.lower.toDouble(rounding: .down) - 0x1p-10 * scale, hi = piece.upper.toDouble(rounding: .up) + 0x1p-10 * scale
        guard lo.isFinite, hi.isFinite, abs(lo) < 1e9, abs(hi) < 1e9 else { return nil }
        var candidates: [Rational] = []
        for d in 1...1000 where candidates.count < 16 {
            var n = (lo * Double(d)).rounded(.up)
            while n / Double(d) <= hi && candidates.count < 16 {
                let q = Rational(Int(n), d)
                if q.denominator == BigInt(d) { candidates.append(q) }
                n += 1
            }
        }
        guard let q = candidates.first(where: { form.g.substituting(x: .number($0)).isZero }) else { return nil }
        let point = Expr.number(q)
        var derivative = form.g
        for m in 1...8 {
            derivative = derivative.derivative()
            let value = derivative.substituting(x: point)
            if value.isZero { continue }
            guard m >= 2, let right = value.rationalValue?.signum ?? (try? value.certifiedValue(at: nil, digits: 20))?.enclosure.provenSign
            else { return nil }
            let qLow = BigFloat(q, precision: p, rounding: .down), qHigh = BigFloat(q, precision: p, rounding: .up)
            var radius = BigFloat(Swift.max(1, abs(q.doubleValue)), precision: 64).scaled(byPowerOfTwo: -6)
            for _ in 0..<30 {
                let l = qLow.subtracting(radius, precision: p, rounding: .down).value
                let u = qHigh.adding(radius, precision: p, rounding: .up).value
                if a < l && u < b, derivative.enclosure(at: BigInterval(lower: l, upper: u), precision: p).provenSign == right {
                    return Piece(lower: l, upper: u, kind: .multipleZero(at: q, multiplicity: m, right: right))
                }
                radius = radius.scaled(byPowerOfTwo: -2)
            }
            return nil
        }
        return nil
    }

    /// Where a box is split, tried in order until g's sign there is proven: a little left of the middle first.
    static let splitFractions = [0.4921875, 0.5390625, 0.4609375]

    /// How a tail's sign is proven when g is not enclosed away from 0 over it (the search at 64 bits and in doubles).
    static let movingAway = "g there has that sign at the end and g′ moves it away from 0"

    /// For g outside the exp-rational class whose g′ is exp-rational (softplus + x·σ, where interval evaluation
    /// meets −∞·0 on the tail): g′ keeps one sign beyond its last zero (the isolation of g′ with its tails), so
    /// beyond `end`, when that lies past it, g is monotone and stays strictly between g(end), of sign `endSign`,
    /// and its certified limit L toward `direction`, when L has that sign or is 0. The method's text, or nil.
    static func monotoneToLimit(_ form: SignEquivalentForm, end: BigFloat, direction: Int, endSign: Int) -> String? {
        guard !form.isExpRational, ExpRational(form.gPrime) != nil,
              let (boundary, _) = realLine(derivative: 0, of: form.gPrime).signedTail(direction: direction),
              direction < 0 ? end <= boundary : end >= boundary,
              let limit = Limit.of(form.g, direction: direction, digits: 20), limit.value.isCertified else { return nil }
        let e = limit.value.enclosure
        let sameSign = limit.isInfinite ? e.lower.signum == endSign
            : (e.isPoint && e.lower.isZero) || (endSign > 0 ? e.lower.signum > 0 : e.upper.signum < 0)
        guard sameSign else { return nil }
        return "g′ keeps one sign beyond x = \(boundary.decimalString(significantDigits: 6)) (isolation of its exp-rational form), "
            + "so g stays between its value at the end and its limit \(limit.value.text) there"
    }

    /// A point a little left of the middle where g has a proven sign, so that a zero at a simple number
    /// (0, 1/2) is never a box endpoint.
    static func splitPoint(_ lo: BigFloat, _ hi: BigFloat, precision p: Int,
                           sign: (BigFloat) -> Int?) -> (point: BigFloat, sign: Int?) {
        let width = hi.subtracting(lo, precision: p + 8).value
        var first: (point: BigFloat, sign: Int?)?
        for fraction in splitFractions {
            let m = lo.adding(width.multiplied(by: BigFloat(fraction), precision: p + 8).value, precision: p).value
            guard lo < m && m < hi else { continue }
            let s = sign(m)
            if s != nil { return (m, s) }
            if first == nil { first = (m, s) }
        }
        if let first { return first }
        let m = lo.adding(hi, precision: p + 1).value.scaled(byPowerOfTwo: -1)
        return (m, sign(m))
    }

    /// Adjacent pieces of the same sign joined.
    static func merged(_ pieces: [Piece]) -> [Piece] {
        var out: [Piece] = []
        for piece in pieces {
            if let last = out.last, case .sign(let s) = last.kind, piece.kind == .sign(s) {
                out[out.count - 1] = Piece(lower: last.lower, upper: piece.upper, kind: last.kind)
            } else {
                out.append(piece)
            }
        }
        return out
    }
}

extension RootIsolation {
    /// The search at 64 bits, repeated at 512 when some box stays undecided (cancellation, as in
    /// 1/2 + erf(x/√2)/2 for x ≪ 0, can hide the sign at 64 bits).
    /// An undecided box next to a multiple zero at a small fraction (``multipleZero(_:near:within:_:precision:)``)
    /// makes that zero a known piece and the search start again, up to 8 times.
    public static func search(_ form: SignEquivalentForm, from a: BigFloat, to b: BigFloat, tails: Bool) -> RootIsolation {
        if let fast = RootIsolation(doubleIntervals: form, from: a.toDouble(rounding: .down), to: b.toDouble(rounding: .up), tails: tails),
           fast.isComplete {
            return fast
        }
        var known: [Piece] = []
        var attempt = RootIsolation(form, from: a, to: b, tails: tails, stopAtUndecided: true)
        while !attempt.isComplete, known.count < 8, let u = attempt.undecided.first,
              let z = multipleZero(form, near: u, within: attempt.lower, attempt.upper),
              !known.contains(where: { $0.lower == z.lower }) {
            known.append(z)
            attempt = RootIsolation(form, from: a, to: b, tails: tails, stopAtUndecided: true, multipleZeros: known)
        }
        if attempt.isComplete { return attempt }
        return RootIsolation(form, from: a, to: b, tails: tails, precision: 512, multipleZeros: known)
    }

    /// The zeros on the whole real line: the search range grows (±16, ±256, ±4096) while the search is
    /// complete and a tail is not yet proven free of zeros.
    public static func realLine(_ form: SignEquivalentForm) -> RootIsolation {
        var best: RootIsolation?
        for r in [16, 256, 4096] {
            let iso = search(form, from: BigFloat(-r, precision: 64), to: BigFloat(r, precision: 64), tails: true)
            if best == nil || iso.isComplete { best = iso }
            if !iso.isComplete || iso.coversRealLine { break }
        }
        return best!
    }
}
