import MishNumbers

/// The IEEE-style binary formats a kernel can return: binary32, binary16, bfloat16, binary64.
public enum FloatFormat: String, Sendable, CaseIterable, Codable {
    case f32, f16, bf16, f64

    /// The format's number in the C harness.
    var code: Int32 { [.f32: 0, .f16: 1, .bf16: 2, .f64: 3][self]! }
    /// Significand bits, including the implicit one.
    public var precision: Int { [.f32: 24, .f16: 11, .bf16: 8, .f64: 53][self]! }
    /// The exponent of the smallest normal number.
    public var minimumExponent: Int { [.f32: -126, .f16: -14, .bf16: -126, .f64: -1022][self]! }
    /// The exponent of the largest finite number.
    public var maximumExponent: Int { [.f32: 127, .f16: 15, .bf16: 127, .f64: 1023][self]! }
    public var bitWidth: Int { [.f32: 32, .f16: 16, .bf16: 16, .f64: 64][self]! }
    /// Bits of the biased exponent field.
    var exponentBits: Int { [.f32: 8, .f16: 5, .bf16: 8, .f64: 11][self]! }
    /// The C type of an element (half types as bit patterns).
    public var cType: String { [.f32: "float", .f16: "uint16_t", .bf16: "uint16_t", .f64: "double"][self]! }
    /// The number of bit patterns (2^bitWidth).
    public var patternCount: UInt64 { bitWidth == 64 ? UInt64.max : UInt64(1) << UInt64(bitWidth) }

    /// The value of a bit pattern (exact in Double).
    public func value(ofBits b: UInt64) -> Double {
        switch self {
        case .f32: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: b)))
        case .bf16: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: b) << 16))
        case .f64: return Double(bitPattern: b)
        case .f16:
            let sign: Double = b & 0x8000 != 0 ? -1 : 1
            let e = Int((b >> 10) & 0x1f), m = Double(b & 0x3ff)
            if e == 0x1f { return m != 0 ? .nan : sign * .infinity }
            if e == 0 { return sign * m * 0x1p-24 }
            return sign * (1 + m * 0x1p-10) * Double(sign: .plus, exponent: e - 15, significand: 1)
        }
    }

    var signMask: UInt64 { UInt64(1) << UInt64(bitWidth - 1) }
    var infinityBits: UInt64 { (UInt64(1) << UInt64(exponentBits) - 1) << UInt64(precision - 1) }
    /// The quiet NaN the harness produces.
    var nanBits: UInt64 { infinityBits | UInt64(1) << UInt64(precision - 2) }

    /// The bit pattern of a value the format holds exactly, nil otherwise (NaN gives the quiet NaN).
    public func bits(ofExact v: Double) -> UInt64? {
        if v.isNaN { return nanBits }
        let sign = v.sign == .minus ? signMask : 0
        if v.isInfinite { return sign | infinityBits }
        if v == 0 { return sign }
        let a = Swift.abs(v)
        let e = Swift.max(Int(a.exponent), minimumExponent)
        guard e <= maximumExponent else { return nil }
        let quantum = Double(sign: .plus, exponent: e - precision + 1, significand: 1)
        let units = a / quantum
        guard units == units.rounded(), units < Double(UInt64(1) << UInt64(precision)) else { return nil }
        let n = UInt64(units)
        if Int(a.exponent) < minimumExponent { return sign | n }
        let fraction = n & (UInt64(1) << UInt64(precision - 1) - 1)
        return sign | UInt64(e - minimumExponent + 1) << UInt64(precision - 1) | fraction
    }

    /// v rounded to nearest-even in the format (subnormals, overflow to ∞, signed zeros, NaN), as bits.
    public func roundedBits(_ v: BigFloat) -> UInt64 {
        if v.isNaN { return nanBits }
        let sign = v.hasSignBit ? signMask : 0
        if v.isInfinite { return sign | infinityBits }
        if v.isZero { return sign }
        // v = m·2^e, ½ ≤ |m| < 1: its binade is 2^(e−1); below the normal range fewer bits remain.
        let e = v.binaryExponent! - 1
        let bitsLeft = precision - Swift.max(0, minimumExponent - e)
        let r: Double
        let quantum = Double(sign: .plus, exponent: minimumExponent - precision + 1, significand: 1)
        if bitsLeft == 1 {
            // |v| in [q, 2q), q the smallest subnormal: q below 1.5q, 2q from 1.5q up (the tie goes to even 2q).
            // (1.5q as a BigFloat: for f64 it is not a double.)
            r = v.magnitude < BigFloat(3, precision: 2).scaled(byPowerOfTwo: minimumExponent - precision) ? quantum : 2 * quantum
        } else if bitsLeft < 1 {
            // Below half the smallest subnormal (or exactly half: ties to the even 0) the result is 0.
            let half = BigFloat(1, precision: 2).scaled(byPowerOfTwo: minimumExponent - precision)
            r = v.magnitude > half ? quantum : 0
        } else {
            r = v.magnitude.rounded(toPrecision: bitsLeft).toDouble()
        }
        if r >= Double(sign: .plus, exponent: maximumExponent + 1, significand: 1) { return sign | infinityBits }
        return sign | bits(ofExact: r)!
    }

    /// The spacing of the format at the exact value's binade (not below the subnormal spacing).
    public func ulpExponent(of v: BigFloat) -> Int {
        let e = v.isZero || !v.isFinite ? minimumExponent : Swift.min(Swift.max(v.binaryExponent! - 1, minimumExponent), maximumExponent)
        return e - precision + 1
    }
}
