/// Truncated power series over Z/pZ (p from ``TransformPrimes``), multiplied by the number-theoretic
/// transform: a product of two series of n terms costs O(n log n) field operations.
///
/// Coefficients are in the field's Montgomery form. The transform is decimation in frequency forward
/// (natural order in, bit-reversed out) and decimation in time backward, so a pointwise product needs no
/// reordering. Butterflies follow Harvey's lazy reduction: values stay in [0, 2p) (p < 2⁶², so sums below
/// 4p never overflow) and twiddles multiply by Shoup's method with the precomputed ⌊w·2⁶⁴/p⌋.
public struct ModularSeriesArithmetic: Sendable {
    public let field: PrimeField
    /// twiddles[len + j] = ω₂ₗₑₙʲ for j < len (len a power of two below `capacity`), as ordinary
    /// residues; the `…Quotients` hold ⌊w·2⁶⁴/p⌋ for Shoup's product; `inverse…` likewise for ω⁻¹.
    let twiddles: [UInt64]
    let twiddleQuotients: [UInt64]
    let inverseTwiddles: [UInt64]
    let inverseTwiddleQuotients: [UInt64]
    /// The longest transform prepared.
    public let capacity: Int

    /// Prepares transforms of every power-of-two length up to `capacity` (≤ 2²⁰) modulo `prime`.
    public init(prime: UInt64, capacity: Int) {
        let logLength = TransformPrimes.maximumLogLength
        precondition(capacity > 0 && capacity <= 1 << logLength && capacity & (capacity - 1) == 0,
                     "the transform length must be a power of two up to 2^\(logLength)")
        precondition((prime - 1) % (1 << UInt64(logLength)) == 0, "the prime must be 1 modulo 2^\(logLength)")
        let f = PrimeField(prime: prime)
        field = f
        self.capacity = capacity
        // ω of order exactly 2^logLength: g^((p−1)/2^logLength) for a quadratic non-residue g.
        let minusOne = f.subtract(0, f.one)
        var g: UInt64 = 3
        while f.power(f.element(g), (prime - 1) / 2) != minusOne { g += 1 }
        let omega = f.power(f.element(g), (prime - 1) >> UInt64(logLength))
        var forward = Array(repeating: f.one, count: capacity)
        var backward = Array(repeating: f.one, count: capacity)
        var len = 1
        while len < capacity {
            let w = f.power(omega, UInt64((1 << logLength) / (2 * len)))
            let wInverse = f.inverse(w)
            for j in 1..<max(len, 1) {
                forward[len + j] = f.multiply(forward[len + j - 1], w)
                backward[len + j] = f.multiply(backward[len + j - 1], wInverse)
            }
            len *= 2
        }
        func quotient(_ w: UInt64) -> UInt64 { prime.dividingFullWidth((w, 0)).quotient }
        twiddles = forward.map { f.value($0) }
        inverseTwiddles = backward.map { f.value($0) }
        twiddleQuotients = twiddles.map(quotient)
        inverseTwiddleQuotients = inverseTwiddles.map(quotient)
    }

    /// a·w mod p in [0, 2p) for any a < 2⁶⁴, given w' = ⌊w·2⁶⁴/p⌋ (Shoup).
    @inline(__always)
    static func shoupMultiply(_ a: UInt64, _ w: UInt64, _ wQuotient: UInt64, _ p: UInt64) -> UInt64 {
        let q = a.multipliedFullWidth(by: wQuotient).high
        return a &* w &- q &* p
    }

    /// In-place forward transform of a[0..<n] (entries below 2p), n a power of two ≤ capacity; output in
    /// bit-reversed order, entries below 2p.
    public func transform(_ a: UnsafeMutablePointer<UInt64>, count n: Int) {
        let p = field.p, twoP = 2 * field.p
        twiddles.withUnsafeBufferPointer { tw in
            twiddleQuotients.withUnsafeBufferPointer { tq in
                var len = n / 2
                while len >= 1 {
                    var s = 0
                    while s < n {
                        let x = a + s, y = a + s + len
                        for j in 0..<len {
                            let u = x[j], v = y[j]
                            let sum = u &+ v
                            x[j] = sum >= twoP ? sum &- twoP : sum
                            y[j] = ModularSeriesArithmetic.shoupMultiply(u &+ twoP &- v, tw[len + j], tq[len + j], p)
                        }
                        s += 2 * len
                    }
                    len /= 2
                }
            }
        }
    }

    /// In-place inverse of ``transform(_:count:)`` (entries below 2p), including the factor 1/n; output
    /// entries below p.
    public func inverseTransform(_ a: UnsafeMutablePointer<UInt64>, count n: Int) {
        let f = field
        let p = f.p, twoP = 2 * f.p
        inverseTwiddles.withUnsafeBufferPointer { tw in
            inverseTwiddleQuotients.withUnsafeBufferPointer { tq in
                var len = 1
                while len < n {
                    var s = 0
                    while s < n {
                        let x = a + s, y = a + s + len
                        for j in 0..<len {
                            let u = x[j] >= twoP ? x[j] &- twoP : x[j]
                            let v = ModularSeriesArithmetic.shoupMultiply(y[j], tw[len + j], tq[len + j], p)
                            let sum = u &+ v, difference = u &+ twoP &- v
                            x[j] = sum >= twoP ? sum &- twoP : sum
                            y[j] = difference >= twoP ? difference &- twoP : difference
                        }
                        s += 2 * len
                    }
                    len *= 2
                }
            }
        }
        let scale = f.inverse(f.element(UInt64(n)))
        for i in 0..<n { a[i] = f.multiply(a[i], scale) }
    }

    /// The least power of two ≥ n.
    public static func transformLength(_ n: Int) -> Int {
        var len = 1
        while len < n { len *= 2 }
        return len
    }

    /// a·b mod xⁿ.
    public func product(_ a: [UInt64], _ b: [UInt64], count n: Int) -> [UInt64] {
        let na = min(a.count, n), nb = min(b.count, n)
        if na == 0 || nb == 0 { return Array(repeating: 0, count: n) }
        let len = ModularSeriesArithmetic.transformLength(na + nb - 1)
        precondition(len <= capacity, "product longer than the prepared transforms")
        var fa = Array(repeating: UInt64(0), count: len)
        var fb = Array(repeating: UInt64(0), count: len)
        for i in 0..<na { fa[i] = a[i] }
        for i in 0..<nb { fb[i] = b[i] }
        let f = field
        fa.withUnsafeMutableBufferPointer { pa in
            fb.withUnsafeMutableBufferPointer { pb in
                transform(pa.baseAddress!, count: len)
                transform(pb.baseAddress!, count: len)
                for i in 0..<len { pa[i] = f.multiply(pa[i], pb[i]) }
                inverseTransform(pa.baseAddress!, count: len)
            }
        }
        var result = Array(fa.prefix(n))
        if result.count < n { result += Array(repeating: 0, count: n - result.count) }
        return result
    }

    /// 1/b mod xⁿ by Newton's iteration g ← g − g·(b·g − 1), doubling the length each step
    /// (five transforms of length 2k for k → 2k terms). b[0] must be non-zero.
    public func reciprocal(_ b: [UInt64], count n: Int) -> [UInt64] {
        precondition(!b.isEmpty && b[0] != 0, "the constant term must be invertible")
        let f = field
        let full = ModularSeriesArithmetic.transformLength(n)
        precondition(full <= capacity, "reciprocal longer than the prepared transforms")
        var g = Array(repeating: UInt64(0), count: full)
        g[0] = f.inverse(b[0])
        var scratchB = Array(repeating: UInt64(0), count: full)
        var scratchG = Array(repeating: UInt64(0), count: full)
        var k = 1
        while k < n {
            let len = 2 * k
            scratchB.withUnsafeMutableBufferPointer { sb in
                scratchG.withUnsafeMutableBufferPointer { sg in
                    let pb = sb.baseAddress!, pg = sg.baseAddress!
                    for i in 0..<len { pb[i] = i < b.count ? b[i] : 0 }
                    for i in 0..<len { pg[i] = i < k ? g[i] : 0 }
                    transform(pb, count: len)
                    transform(pg, count: len)
                    for i in 0..<len { pb[i] = f.multiply(pb[i], pg[i]) }
                    inverseTransform(pb, count: len)
                    // pb[k..<2k] is the error b·g − 1 above xᵏ (wrapped terms land below k).
                    for i in 0..<k { pb[i] = pb[k + i]; pb[k + i] = 0 }
                    transform(pb, count: len)
                    for i in 0..<len { pb[i] = f.multiply(pb[i], pg[i]) }
                    inverseTransform(pb, count: len)
                    for i in 0..<k { g[k + i] = f.subtract(0, pb[i]) }
                }
            }
            k = len
        }
        return Array(g.prefix(n))
    }
}
