import Testing
import MishNumbers
import MishTestSupport

@Suite("BigInt")
struct BigIntTests {
    @Test("agrees with Int arithmetic where Int does not overflow")
    func matchesInt() {
        var g = SeededGenerator.forTest("BigInt.matchesInt", defaultSeed: 20261129)
        for _ in 0..<2000 {
            let a = Int.random(in: -1_000_000_000...1_000_000_000, using: &g)
            let b = Int.random(in: -1_000_000_000...1_000_000_000, using: &g)
            let A = BigInt(a), B = BigInt(b)
            #expect(A + B == BigInt(a + b))
            #expect(A - B == BigInt(a - b))
            #expect(A * B == BigInt(a * b))
            #expect((A < B) == (a < b))
            if b != 0 {
                #expect(A / B == BigInt(a / b))
                #expect(A % B == BigInt(a % b))
            }
        }
    }

    @Test("division identities hold for numbers far beyond 64 bits")
    func bigDivision() {
        var g = SeededGenerator.forTest("BigInt.bigDivision", defaultSeed: 7)
        for _ in 0..<300 {
            let a = randomBig(&g, digits: Int.random(in: 1...120, using: &g))
            var d = randomBig(&g, digits: Int.random(in: 1...60, using: &g))
            if d.isZero { d = 1 }
            let (q, r) = a.quotientAndRemainder(dividingBy: d)
            #expect(q * d + r == a)
            #expect(r.magnitude < d.magnitude)
            #expect(r.isZero || r.signum == a.signum)
            let (fq, fr) = a.flooredQuotientAndRemainder(dividingBy: d)
            #expect(fq * d + fr == a)
            #expect(fr.isZero || fr.signum == d.signum)
            let sum = a + d
            #expect(sum * sum == a * a + BigInt(2) * a * d + d * d)
        }
    }

    @Test("gcd divides both and leaves coprime cofactors; lcm·gcd = |a·b|")
    func gcdAndLcm() {
        var g = SeededGenerator.forTest("BigInt.gcd", defaultSeed: 11)
        for _ in 0..<300 {
            let c = randomBig(&g, digits: 15)
            let a = randomBig(&g, digits: 30) * c, b = randomBig(&g, digits: 25) * c
            let d = BigInt.gcd(a, b)
            if d.isZero { continue }
            #expect((a % d).isZero && (b % d).isZero)
            #expect(BigInt.gcd(a / d, b / d) == 1)
            #expect(BigInt.lcm(a, b) * d == (a * b).magnitude)
        }
        #expect(BigInt.gcd(0, 0) == 0)
    }

    @Test("powers agree with repeated multiplication; shifts with powers of two")
    func powers() {
        let three = BigInt(3)
        var acc = BigInt(1)
        for e in 0..<200 {
            #expect(three.power(e) == acc)
            acc *= three
        }
        #expect(BigInt(1).shiftedLeft(300) == BigInt(2).power(300))
    }

    @Test("text round trips in bases 2, 10, 16 and 36")
    func textRoundTrip() throws {
        var g = SeededGenerator.forTest("BigInt.text", defaultSeed: 3)
        for _ in 0..<200 {
            let a = randomBig(&g, digits: Int.random(in: 1...80, using: &g))
            for radix in [2, 10, 16, 36] {
                #expect(try BigInt(parsing: a.toString(radix: radix), radix: radix) == a)
            }
            #expect(BigInt(a.description) == a)
        }
        #expect(try BigInt(parsing: "+42") == 42)
    }

    @Test("malformed integers are refused", arguments: ["", "-", "+", "12a", " 1", "1 ", "1_000", "0x10", "٣"])
    func malformed(_ text: String) {
        #expect(throws: NumberParseError.self) { try BigInt(parsing: text) }
    }

    @Test("copies are independent (copy on write)")
    func copyOnWrite() {
        let a = BigInt("123456789012345678901234567890")
        var b = a!
        b += 1
        #expect(a! == BigInt("123456789012345678901234567890")!)
        #expect(b == a! + 1)
        #expect(Set([a!, b, a! + 1]).count == 2)
    }
}

func randomBig(_ g: inout SeededGenerator, digits: Int) -> BigInt {
    var s = Bool.random(using: &g) ? "-" : ""
    for _ in 0..<digits { s.append(Character(String(Int.random(in: 0...9, using: &g)))) }
    return BigInt(s)!
}
