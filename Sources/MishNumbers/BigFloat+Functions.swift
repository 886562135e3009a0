internal import CMPFR

/// The elementary functions that MPFR evaluates with correct rounding.
public enum BigFloatFunction: String, CaseIterable, Sendable {
    case sqrt, exp, expm1, log, log1p, tanh, sinh, cosh, erf, erfc, sin, cos, atan

    typealias Kernel = (UnsafeMutablePointer<__mpfr_struct>?, UnsafePointer<__mpfr_struct>?, mpfr_rnd_t) -> Int32

    var kernel: Kernel {
        switch self {
        case .sqrt: return mpfr_sqrt
        case .exp: return mpfr_exp
        case .expm1: return mpfr_expm1
        case .log: return mpfr_log
        case .log1p: return mpfr_log1p
        case .tanh: return mpfr_tanh
        case .sinh: return mpfr_sinh
        case .cosh: return mpfr_cosh
        case .erf: return mpfr_erf
        case .erfc: return mpfr_erfc
        case .sin: return mpfr_sin
        case .cos: return mpfr_cos
        case .atan: return mpfr_atan
        }
    }
}

extension BigFloat {
    /// f(self) correctly rounded to `precision` bits (default: self's), with MPFR's ternary value.
    public func apply(_ f: BigFloatFunction, precision: Int? = nil,
                      rounding: RoundingMode = .nearest) -> RoundedBigFloat {
        let k = f.kernel
        return BigFloat.make(precision: precision ?? self.precision) { k($0, x, rounding.mpfr) }
    }

    public func squareRoot(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        apply(.sqrt, precision: precision, rounding: rounding).value
    }
    public func exp(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        apply(.exp, precision: precision, rounding: rounding).value
    }
    public func expm1(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        apply(.expm1, precision: precision, rounding: rounding).value
    }
    public func log(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        apply(.log, precision: precision, rounding: rounding).value
    }
    public func log1p(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        apply(.log1p, precision: precision, rounding: rounding).value
    }
    public func tanh(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        apply(.tanh, precision: precision, rounding: rounding).value
    }
    public func sinh(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        apply(.sinh, precision: precision, rounding: rounding).value
    }
    public func cosh(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        apply(.cosh, precision: precision, rounding: rounding).value
    }
    public func erf(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        apply(.erf, precision: precision, rounding: rounding).value
    }
    /// erfc x = 1 − erf x, without the cancellation for large x.
    public func erfc(precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        apply(.erfc, precision: precision, rounding: rounding).value
    }

    /// (sin self, cos self), each correctly rounded (mpfr_sin_cos).
    public func sinCos(precision: Int? = nil, rounding: RoundingMode = .nearest) -> (sin: BigFloat, cos: BigFloat) {
        let p = precision ?? self.precision
        let c = Storage(precision: BigFloat.checked(p))
        let s = BigFloat.make(precision: p) { mpfr_sin_cos($0, c.x, x, rounding.mpfr) }.value
        return (s, BigFloat(storage: c))
    }
}

// MARK: - Arithmetic

extension BigFloat {
    typealias BinaryKernel = (UnsafeMutablePointer<__mpfr_struct>?, UnsafePointer<__mpfr_struct>?,
                              UnsafePointer<__mpfr_struct>?, mpfr_rnd_t) -> Int32

    func binary(_ k: BinaryKernel, _ other: BigFloat, precision: Int?, rounding: RoundingMode) -> RoundedBigFloat {
        BigFloat.make(precision: precision ?? Swift.max(self.precision, other.precision)) {
            k($0, x, other.x, rounding.mpfr)
        }
    }

    /// self + other rounded once (mpfr_add); precision defaults to the larger operand precision.
    public func adding(_ other: BigFloat, precision: Int? = nil, rounding: RoundingMode = .nearest) -> RoundedBigFloat {
        binary(mpfr_add, other, precision: precision, rounding: rounding)
    }
    /// self − other rounded once (mpfr_sub).
    public func subtracting(_ other: BigFloat, precision: Int? = nil, rounding: RoundingMode = .nearest) -> RoundedBigFloat {
        binary(mpfr_sub, other, precision: precision, rounding: rounding)
    }
    /// self × other rounded once (mpfr_mul).
    public func multiplied(by other: BigFloat, precision: Int? = nil, rounding: RoundingMode = .nearest) -> RoundedBigFloat {
        binary(mpfr_mul, other, precision: precision, rounding: rounding)
    }
    /// self ÷ other rounded once (mpfr_div); x/±0 gives ±∞ and 0/0 NaN, as in IEEE 754.
    public func divided(by other: BigFloat, precision: Int? = nil, rounding: RoundingMode = .nearest) -> RoundedBigFloat {
        binary(mpfr_div, other, precision: precision, rounding: rounding)
    }
    /// self^y rounded once (mpfr_pow, with the special cases of IEEE 754 pow).
    public func pow(_ y: BigFloat, precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        binary(mpfr_pow, y, precision: precision, rounding: rounding).value
    }
    /// self^n for an integer n, rounded once (mpfr_pow_si).
    public func pow(_ n: Int, precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        BigFloat.make(precision: precision ?? self.precision) { mpfr_pow_si($0, x, n, rounding.mpfr) }.value
    }
    /// √(self² + other²) rounded once (mpfr_hypot).
    public func hypot(_ other: BigFloat, precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        binary(mpfr_hypot, other, precision: precision, rounding: rounding).value
    }
    /// The angle of (x, y) in (−π, π], rounded once (mpfr_atan2 with y = self).
    public func atan2(x: BigFloat, precision: Int? = nil, rounding: RoundingMode = .nearest) -> BigFloat {
        binary(mpfr_atan2, x, precision: precision, rounding: rounding).value
    }

    /// a·b + c with a single rounding (mpfr_fma).
    public static func fma(_ a: BigFloat, _ b: BigFloat, _ c: BigFloat, precision: Int? = nil,
                           rounding: RoundingMode = .nearest) -> RoundedBigFloat {
        make(precision: precision ?? Swift.max(a.precision, b.precision, c.precision)) {
            mpfr_fma($0, a.x, b.x, c.x, rounding.mpfr)
        }
    }

    /// self · 2^k, exact unless it leaves the exponent range (mpfr_mul_2si).
    public func scaled(byPowerOfTwo k: Int) -> BigFloat {
        BigFloat.make(precision: precision) { mpfr_mul_2si($0, x, k, MPFR_RNDN) }.value
    }

    /// −self, exact.
    public static prefix func - (a: BigFloat) -> BigFloat {
        make(precision: a.precision) { mpfr_neg($0, a.x, MPFR_RNDN) }.value
    }
    /// |self|, exact.
    public var magnitude: BigFloat {
        BigFloat.make(precision: precision) { mpfr_abs($0, x, MPFR_RNDN) }.value
    }

    public static func + (a: BigFloat, b: BigFloat) -> BigFloat { a.adding(b).value }
    public static func - (a: BigFloat, b: BigFloat) -> BigFloat { a.subtracting(b).value }
    public static func * (a: BigFloat, b: BigFloat) -> BigFloat { a.multiplied(by: b).value }
    public static func / (a: BigFloat, b: BigFloat) -> BigFloat { a.divided(by: b).value }
    public static func += (a: inout BigFloat, b: BigFloat) { a = a + b }
    public static func -= (a: inout BigFloat, b: BigFloat) { a = a - b }
    public static func *= (a: inout BigFloat, b: BigFloat) { a = a * b }
    public static func /= (a: inout BigFloat, b: BigFloat) { a = a / b }

    public static func min(_ a: BigFloat, _ b: BigFloat) -> BigFloat { b < a ? b : a }
    public static func max(_ a: BigFloat, _ b: BigFloat) -> BigFloat { b > a ? b : a }
}

// MARK: - Exception flags

/// MPFR's per-thread exception flags, read around a computation.
public enum FloatingPointFlags {
    /// Runs `body` with cleared flags and reports whether it overflowed or underflowed the exponent range
    /// (about 2^±(2³⁰), i.e. 10^±323 228 496).
    public static func watching<T>(_ body: () throws -> T) rethrows -> (result: T, overflow: Bool, underflow: Bool) {
        mm_mpfr_clear_flags()
        let r = try body()
        return (r, mm_mpfr_overflow_p() != 0, mm_mpfr_underflow_p() != 0)
    }
}
