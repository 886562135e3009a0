import Foundation
import MishNumbers
import MishSymbolic

/// Upper bounds on the Maclaurin coefficients of P(eˣ)/Q(eˣ) by Cauchy's estimate
/// |[xᵐ] P(eˣ)/Q(eˣ)| ≤ max|P(eˣ)| / min|Q(eˣ)| · r⁻ᵐ over a circle |x| = r inside which Q(eˣ) has no zero.
///
/// Each circle is certified in double arithmetic with explicit margins: Q(eˣ) is sampled at S points
/// θₖ = 2πk/S; on the arc to the next sample it moves by at most Lₖ·2π/S, Lₖ = r·Σ j|qⱼ|e^(j·ρₖ) with
/// ρₖ = r·min(1, cos θₖ + 2π/S) bounding Re x there (its θ-derivative bound), and each computed value is
/// within Eₖ = 10⁻¹⁰·Σ|qⱼ|e^(j·ρₖ) of the true one (and Eₖ ≤ 10⁻⁶ of the value, so that the summed angle
/// errors stay far below π). When every sample exceeds its Lₖ·2π/S + Eₖ, the minimum of |Q(eˣ)| on the
/// circle is at least the smallest difference, each arc's image lies in a disc that excludes 0, and the
/// winding number (the sum of the principal arguments of successive ratios) counts the zeros inside; zero
/// zeros certifies the circle.
struct CauchyCoefficientBound {
    /// (log₂ C, log₂ r) for each certified circle: |[xᵐ]| ≤ C·r⁻ᵐ.
    let circles: [(logC: Double, logR: Double)]

    init?(numerator p: IntegerPolynomial, denominator q: IntegerPolynomial) {
        let pc = p.coefficients.map { abs($0.doubleValue) }
        let qc = q.coefficients.map { $0.doubleValue }
        guard (pc + qc).allSatisfy({ $0.isFinite }) else { return nil }
        let degree = max(p.degree, q.degree, 1)
        var circles: [(Double, Double)] = []
        func attempt(_ r: Double) -> Bool {
            guard let minimum = CauchyCoefficientBound.certifiedMinimum(q: qc, radius: r) else { return false }
            var top = 0.0
            for (j, c) in pc.enumerated() { top += c * exp(Double(j) * r) }
            top *= 1 + 1e-9
            if top > 0 { circles.append((log2(top) - log2(minimum), log2(r))) }
            return true
        }
        // Radii 2ᵏ from 1 upward while circles certify (else downward by 4ᵏ until one does); a failure means
        // a zero of Q(eˣ) on or near the circle, which larger circles enclose, so the last gap is then
        // halved three times in log r.
        var lastGood: Double? = nil, firstBad: Double? = nil
        var r = 1.0
        if attempt(r) {
            lastGood = r
            r *= 2
            while Double(degree) * r <= 600 {
                if !attempt(r) { firstBad = r; break }
                lastGood = r
                r *= 2
            }
        } else {
            firstBad = r
            r /= 4
            while r > 0x1p-40 {
                if attempt(r) { lastGood = r; break }
                firstBad = r
                r /= 4
            }
        }
        if var low = lastGood, var high = firstBad {
            for _ in 0..<3 {
                let middle = (low * high).squareRoot()
                if attempt(middle) { low = middle } else { high = middle }
            }
        }
        guard !circles.isEmpty else { return nil }
        self.circles = circles
    }

    /// Circles that need more samples (a zero very near) are left out; the 2⁻³ steps in log r cost at most
    /// m/8 bits of bound for the m-th coefficient.
    static let maximumSamples = 4096

    /// A bound on log₂ |[xᵐ] P(eˣ)/Q(eˣ)|.
    func log2Bound(_ m: Int) -> Double {
        circles.map { $0.logC - Double(m) * $0.logR }.min()!
    }

    /// A certified lower bound on |Q(eˣ)| for |x| = r when Q(eˣ) has no zero in |x| < r; nil otherwise
    /// (nil is always safe: the circle is simply not used).
    static func certifiedMinimum(q: [Double], radius r: Double) -> Double? {
        if q.count <= 1 { return q.first.map(abs).flatMap { $0 > 0 ? $0 * (1 - 1e-12) : nil } }
        var samples = 16 * q.count
        while samples <= CauchyCoefficientBound.maximumSamples {
            let step = 2 * Double.pi / Double(samples)
            var smallest = Double.infinity, smallestMargin = Double.infinity
            var worstRatio = 0.0
            var winding = 0.0
            var first = (0.0, 0.0), previous = (0.0, 0.0)
            for s in 0...samples {
                let value: (Double, Double)
                if s == samples { value = first } else {
                    let theta = Double(s) * step
                    let cosine = cos(theta)
                    let modulus = exp(r * cosine), angle = r * sin(theta)
                    let u = (modulus * cos(angle), modulus * sin(angle))
                    var acc = (q[q.count - 1], 0.0)
                    for j in stride(from: q.count - 2, through: 0, by: -1) {
                        acc = (acc.0 * u.0 - acc.1 * u.1 + q[j], acc.0 * u.1 + acc.1 * u.0)
                    }
                    value = acc
                    // On the arc [θ, θ + step]: Re x ≤ r·min(1, cos θ + step), so |eˣ|ʲ ≤ e^(j·r·that).
                    let reach = r * min(1, cosine + step)
                    var scale = 0.0, slope = 0.0
                    for (j, c) in q.enumerated() where c != 0 {
                        let term = abs(c) * exp(Double(j) * reach)
                        scale += term
                        slope += Double(j) * term
                    }
                    let error = 1e-10 * scale
                    let allowance = r * slope * step + error
                    let size = (value.0 * value.0 + value.1 * value.1).squareRoot()
                    smallest = min(smallest, size)
                    smallestMargin = min(smallestMargin, size - allowance)
                    worstRatio = max(worstRatio, allowance / size)
                    if size < 1e6 * error { return nil }
                }
                if s == 0 { first = value } else {
                    winding += atan2(value.1 * previous.0 - value.0 * previous.1, value.0 * previous.0 + value.1 * previous.1)
                }
                previous = value
            }
            // Even uncertified, a non-zero winding number means a zero inside: the circle is no use.
            if (winding / (2 * Double.pi)).rounded() != 0 { return nil }
            if smallestMargin > 0 { return smallestMargin * (1 - 1e-12) }
            // Enough samples for every margin to be half its value, if that is possible.
            let wanted = Double(samples) * 2 * worstRatio
            guard wanted <= Double(CauchyCoefficientBound.maximumSamples) else { return nil }
            samples = max(2 * samples, Int(wanted.rounded(.up)))
        }
        return nil
    }
}

/// A buffer written by several workers at disjoint indices.
private struct DisjointWrites<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}

extension ExpRational {
    /// The Maclaurin coefficients c₀ … c_(N−1) by the same quantities as ``maclaurinCoefficients(order:)``,
    /// computed modulo word-size primes and put together by the Chinese remainder theorem.
    ///
    /// The integers Ρᵢ,ₘ = δ₀^(m+1)·m!·[xᵐ] Pᵢ(eˣ)/Q(eˣ) (δ₀ = Q(1)) are found modulo each prime p by one
    /// series reciprocal of Q(eˣ) = Σ δₘxᵐ/m! (Newton with the number-theoretic transform, O(N log N)) and
    /// one product per Pᵢ; Ρᵢ,ₘ needs as many primes as its Cauchy bound has bits, about m·log₂ m / 61.
    /// Nil when no circle can be certified for the bound (then the integer recurrence is used).
    func maclaurinCoefficientsByResidues(order n: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> [Rational]? {
        let q = denominatorPolynomial
        let d0 = q.coefficients.reduce(BigInt(0), +)
        guard !d0.isZero else { throw SeriesError.pole }
        let parts = numerator.enumerated().filter { !$0.element.isZero && $0.offset < n }
        var result = Array(repeating: Rational(0), count: n)
        if parts.isEmpty { return result }
        guard 2 * n <= 1 << TransformPrimes.maximumLogLength else { return nil }

        // Primes needed by each coefficient, from log₂|Ρᵢ,ₘ| ≤ (m+1)·log₂|δ₀| + log₂ m! + log₂ bound.
        let logD0 = log2(abs(d0.doubleValue))
        guard logD0.isFinite else { return nil }
        let counts = parts.map { n - $0.offset }
        var needed: [[Int]] = []
        for ((_, p), count) in zip(parts, counts) {
            guard let bound = CauchyCoefficientBound(numerator: p, denominator: q) else { return nil }
            var logFactorial = 0.0
            needed.append((0..<count).map { m in
                if m > 1 { logFactorial += log2(Double(m)) }
                let bits = Double(m + 1) * logD0 + logFactorial + bound.log2Bound(m)
                return max(1, Int(((bits + 1) * (1 + 1e-9) + 16) / 61) + 1)
            })
        }
        let primeCount = needed.map { $0.max() ?? 1 }.max()!
        var candidates = TransformPrimes.first(primeCount + 4)
        candidates.removeAll { d0.residue(modulo: $0) == 0 }
        var extra = primeCount + 4
        while candidates.count < primeCount {
            extra *= 2
            candidates = TransformPrimes.first(extra).filter { d0.residue(modulo: $0) != 0 }
        }
        let primes = Array(candidates.prefix(primeCount))
        let basis = ChineseRemainderBasis(primes: primes)

        // residues[part][prime·count + m] = Ρ mod prime.
        let residues = counts.map { DisjointWrites(UnsafeMutableBufferPointer<UInt64>.allocate(capacity: $0 * primeCount)) }
        defer { residues.forEach { $0.buffer.deallocate() } }
        let qCoefficients = q.coefficients
        let pCoefficients = parts.map { $0.element.coefficients }
        let workers = max(1, min(threads, primeCount))
        let capacity = 2 * ModularSeriesArithmetic.transformLength(n)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for j in stride(from: worker, to: primeCount, by: workers) {
                let arithmetic = ModularSeriesArithmetic(prime: primes[j], capacity: capacity)
                let f = arithmetic.field
                let p = primes[j]
                // m!⁻¹ and the exponential moments Σ cⱼ·jᵐ, in Montgomery form.
                var inverseFactorials = Array(repeating: f.one, count: n)
                var factorials = Array(repeating: f.one, count: n)
                for m in 1..<max(n, 1) { factorials[m] = f.multiply(factorials[m - 1], f.element(UInt64(m))) }
                inverseFactorials[n - 1] = f.inverse(factorials[n - 1])
                for m in stride(from: n - 1, to: 0, by: -1) {
                    inverseFactorials[m - 1] = f.multiply(inverseFactorials[m], f.element(UInt64(m)))
                }
                func exponentialSeries(_ c: [BigInt], count: Int) -> [UInt64] {
                    var s = Array(repeating: UInt64(0), count: count)
                    for (j, cj) in c.enumerated() {
                        let value = f.element(cj.residue(modulo: p))
                        if value == 0 { continue }
                        let base = f.element(UInt64(j))
                        var power = value
                        for m in 0..<count {
                            s[m] = f.add(s[m], f.multiply(power, inverseFactorials[m]))
                            power = f.multiply(power, base)
                        }
                    }
                    return s
                }
                let reciprocal = arithmetic.reciprocal(exponentialSeries(qCoefficients, count: n), count: n)
                let delta = f.element(d0.residue(modulo: p))
                for (index, count) in counts.enumerated() {
                    let series = arithmetic.product(exponentialSeries(pCoefficients[index], count: count), reciprocal, count: count)
                    let row = residues[index].buffer.baseAddress! + j * count
                    var scale = delta
                    for m in 0..<count {
                        row[m] = f.value(f.multiply(f.multiply(series[m], factorials[m]), scale))
                        scale = f.multiply(scale, delta)
                    }
                }
            }
        }

        // Reconstruction, then cₘ₊ᵢ += Ρᵢ,ₘ / (δ₀^(m+1)·m!), reduced over the primes of δ₀ and those ≤ m.
        let d0Primes = SmoothFractionReducer.primeFactors(of: d0)
        let reducer = d0Primes.map { SmoothFractionReducer(primes: Array(Set($0 + SmoothFractionReducer.primes(upTo: n))).sorted()) }
        let d0Magnitude = d0.magnitude
        let d0Negative = d0.signum < 0
        for (index, count) in counts.enumerated() {
            let offset = parts[index].offset
            let rows = residues[index]
            let values = DisjointWrites(UnsafeMutableBufferPointer<Rational>.allocate(capacity: count))
            values.buffer.initialize(repeating: Rational(0))
            defer { values.buffer.deinitialize(); values.buffer.deallocate() }
            var d = d0Magnitude
            let denominators = (0..<count).map { m -> BigInt in
                if m > 0 { d *= d0Magnitude * BigInt(m) }
                return d
            }
            let neededHere = needed[index]
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for m in stride(from: worker, to: count, by: workers) {
                    var integer = basis.reconstruct(count: neededHere[m]) { rows.buffer[$0 * count + m] }
                    if d0Negative && m % 2 == 0 { integer = -integer }
                    guard let reducer else { values.buffer[m] = Rational(integer, denominators[m]); continue }
                    values.buffer[m] = reducer.fraction(integer, over: denominators[m]) { l in
                        var e = 0, power = l
                        while power <= m { e += m / power; if power > m / l { break }; power *= l }
                        var inD0 = 0, rest = d0Magnitude
                        while rest.residue(modulo: UInt64(l)) == 0 { inD0 += 1; rest = rest / BigInt(l) }
                        return e + (m + 1) * inD0
                    }
                }
            }
            for m in 0..<count { result[m + offset] = result[m + offset].isZero ? values.buffer[m] : result[m + offset] + values.buffer[m] }
        }
        return result
    }
}
