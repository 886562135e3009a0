import Testing
import MishNumbers
import MishTestSupport

@Suite("Modular arithmetic, transforms and the Chinese remainder theorem")
struct ModularArithmeticTests {
    static let prime = TransformPrimes.first(1)[0]

    /// The same products by 128-bit division: Montgomery form must not change any value.
    @Test("field operations agree with 128-bit remainders")
    func fieldAgainstDivision() {
        var g = SeededGenerator.forTest("PrimeField", defaultSeed: 5)
        let p = ModularArithmeticTests.prime
        let f = PrimeField(prime: p)
        for _ in 0..<2000 {
            let a = UInt64.random(in: 0..<p, using: &g), b = UInt64.random(in: 0..<p, using: &g)
            let expected = p.dividingFullWidth(a.multipliedFullWidth(by: b)).remainder
            #expect(f.value(f.multiply(f.element(a), f.element(b))) == expected)
            #expect(f.value(f.add(f.element(a), f.element(b))) == (a + b) % p)
            if a != 0 { #expect(f.value(f.multiply(f.inverse(f.element(a)), f.element(a))) == 1) }
        }
        #expect(f.value(f.element(-1)) == p - 1)
    }

    @Test("the transform primes are primes of the form c·2^20 + 1 below 2^62; composites are rejected")
    func primes() {
        let ps = TransformPrimes.first(20)
        #expect(Set(ps).count == 20)
        for p in ps {
            #expect(p < 1 << 62 && (p - 1) % (1 << 20) == 0)
            // No odd factor up to 2^16, and Fermat's little theorem for bases 2, 3, 5 by 128-bit division.
            #expect(stride(from: 3, to: 1 << 16, by: 2).allSatisfy { p % UInt64($0) != 0 })
            for base: UInt64 in [2, 3, 5] {
                var result: UInt64 = 1, power = base, e = p - 1
                while e > 0 {
                    if e & 1 == 1 { result = p.dividingFullWidth(result.multipliedFullWidth(by: power)).remainder }
                    power = p.dividingFullWidth(power.multipliedFullWidth(by: power)).remainder
                    e >>= 1
                }
                #expect(result == 1)
            }
        }
        #expect(!TransformPrimes.isPrime(3_215_031_751))          // strong pseudoprime to bases 2, 3, 5, 7
        #expect(!TransformPrimes.isPrime(4_611_686_014_132_420_609)) // (2^31 − 1)^2
        #expect(TransformPrimes.isPrime(4_611_686_018_427_387_847))
    }

    /// Products by the transform against the schoolbook product modulo p; the reciprocal times the
    /// series is 1.
    @Test("transform products equal schoolbook products; b · (1/b) = 1")
    func transformProducts() {
        var g = SeededGenerator.forTest("ModularSeries", defaultSeed: 8)
        let arithmetic = ModularSeriesArithmetic(prime: ModularArithmeticTests.prime, capacity: 512)
        let f = arithmetic.field
        for (na, nb, n) in [(1, 1, 1), (3, 5, 7), (100, 37, 120), (200, 200, 256), (250, 256, 200)] {
            let a = (0..<na).map { _ in f.element(UInt64.random(in: 0..<f.p, using: &g)) }
            let b = (0..<nb).map { _ in f.element(UInt64.random(in: 0..<f.p, using: &g)) }
            var expected = Array(repeating: UInt64(0), count: n)
            for i in 0..<na { for j in 0..<nb where i + j < n { expected[i + j] = f.add(expected[i + j], f.multiply(a[i], b[j])) } }
            #expect(arithmetic.product(a, b, count: n) == expected, "\(na)×\(nb) mod x^\(n)")
        }
        for n in [1, 2, 3, 64, 100, 256] {
            var b = (0..<n).map { _ in f.element(UInt64.random(in: 0..<f.p, using: &g)) }
            if b[0] == 0 { b[0] = f.one }
            let product = arithmetic.product(b, arithmetic.reciprocal(b, count: n), count: n)
            #expect(product == [f.one] + Array(repeating: 0, count: n - 1), "n = \(n)")
        }
    }

    @Test("integers come back from their residues, including negative ones and the extremes of the range")
    func chineseRemainder() {
        var g = SeededGenerator.forTest("ChineseRemainder", defaultSeed: 13)
        let primes = TransformPrimes.first(12)
        let basis = ChineseRemainderBasis(primes: primes)
        let modulus = primes.prefix(12).reduce(BigInt(1)) { $0 * BigInt(Int($1)) }
        let half = modulus / BigInt(2)
        var values: [BigInt] = [0, 1, -1, half, -half]
        for _ in 0..<200 {
            let bits = Int.random(in: 1...700, using: &g)
            var v = BigInt(1)
            for _ in 0..<(bits / 60 + 1) { v = v * BigInt(1 << 60) + BigInt(Int.random(in: 0..<(1 << 60), using: &g)) }
            v = v % half
            values.append(Bool.random(using: &g) ? v : -v)
        }
        for v in values {
            let back = basis.reconstruct(count: 12) { j in v.residue(modulo: primes[j]) }
            #expect(back == v)
        }
        // Fewer residues: exact for values below half the product of the primes used.
        let small = BigInt(-123_456_789_012_345)
        #expect(basis.reconstruct(count: 1) { small.residue(modulo: primes[$0]) } == small)
    }

    @Test("fractions over smooth denominators come out in lowest terms, as by a full gcd")
    func smoothFractions() {
        var g = SeededGenerator.forTest("SmoothFraction", defaultSeed: 3)
        let primes = SmoothFractionReducer.primes(upTo: 60)
        #expect(primes == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59])
        let reducer = SmoothFractionReducer(primes: primes)
        for _ in 0..<300 {
            var exponents: [Int: Int] = [:]
            var d = BigInt(1)
            for l in primes where Int.random(in: 0..<3, using: &g) == 0 {
                let e = Int.random(in: 1...9, using: &g)
                exponents[l] = e
                d = d * BigInt(l).power(e)
            }
            var n = BigInt(Int.random(in: -1_000_000...1_000_000, using: &g))
            for l in primes where Int.random(in: 0..<4, using: &g) == 0 { n = n * BigInt(l).power(Int.random(in: 1...12, using: &g)) }
            let reduced = reducer.fraction(n, over: d) { exponents[$0] ?? 0 }
            #expect(reduced == Rational(n, d))
            #expect(BigInt.gcd(reduced.numerator, reduced.denominator) == 1 || reduced.isZero)
        }
        #expect(SmoothFractionReducer.primeFactors(of: BigInt(-360)) == [2, 3, 5])
        #expect(SmoothFractionReducer.primeFactors(of: BigInt(4_611_686_018_427_387_847)) == [4_611_686_018_427_387_847])
    }
}
