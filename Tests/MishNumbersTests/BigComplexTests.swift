import Testing
import MishNumbers
import MishTestSupport

@Suite("BigComplex")
struct BigComplexTests {
    let p = 200

    func close(_ a: BigComplex, _ b: BigComplex, digits: Double) -> Bool {
        let scale = BigFloat.max(b.magnitude, BigFloat(1, precision: p))
        let d = (a - b).magnitude / scale
        return d.isZero || -d.log().toDouble() / 2.302585092994046 >= digits
    }

    @Test("Euler: e^(iπ) = −1 and log(−1) = iπ")
    func euler() {
        let ipi = BigComplex(BigFloat(precision: p), .pi(precision: p))
        #expect(close(ipi.exp(), BigComplex(BigFloat(-1, precision: p)), digits: 55))
        #expect(close(BigComplex(BigFloat(-1, precision: p)).log(), ipi, digits: 55))
    }

    @Test("exp(log z) = z, |z|·e^(i·arg z) = z, and (z·w)/w = z on random points")
    func identities() {
        var g = SeededGenerator.forTest("BigComplex.identities", defaultSeed: 8)
        for _ in 0..<300 {
            let z = BigComplex(randomBigFloat(&g, precision: p, exponentRange: -6...6),
                               randomBigFloat(&g, precision: p, exponentRange: -6...6))
            let w = BigComplex(randomBigFloat(&g, precision: p, exponentRange: -6...6),
                               randomBigFloat(&g, precision: p, exponentRange: -6...6))
            #expect(close(z.log().exp(), z, digits: 55))
            let polar = BigComplex(z.magnitude.log(), z.argument).exp()
            #expect(close(polar, z, digits: 55))
            #expect(close((z * w) / w, z, digits: 55))
            #expect(close(z * z.conjugate, BigComplex(z.magnitude * z.magnitude), digits: 55))
        }
    }

    @Test("the product is each part of the exact product, correctly rounded")
    func productIsCorrectlyRounded() {
        var g = SeededGenerator.forTest("BigComplex.product", defaultSeed: 9)
        for _ in 0..<300 {
            let a = randomBigFloat(&g, precision: 53, exponentRange: -4...4)
            let b = randomBigFloat(&g, precision: 53, exponentRange: -4...4)
            let c = randomBigFloat(&g, precision: 53, exponentRange: -4...4)
            let d = randomBigFloat(&g, precision: 53, exponentRange: -4...4)
            let prod = BigComplex(a, b) * BigComplex(c, d)
            let re = (a.exactRational! * c.exactRational!) - (b.exactRational! * d.exactRational!)
            let im = (a.exactRational! * d.exactRational!) + (b.exactRational! * c.exactRational!)
            #expect(prod.re.isIdentical(to: BigFloat(re, precision: 53)) || (re.isZero && prod.re.isZero))
            #expect(prod.im.isIdentical(to: BigFloat(im, precision: 53)) || (im.isZero && prod.im.isZero))
        }
    }
}
