import Foundation

/// What a sweep found: counts, the maximum error and where, a histogram of errors, errors by binade of
/// the input, the worst inputs with their exact values. Errors are |output − exact| in ulps of the exact
/// value's binade (fractional); "incorrectly rounded" compares bits with the correctly rounded result
/// (a NaN matches any NaN; −0 and +0 differ).
public struct AccuracyResult: Sendable, Codable {
    public struct Case: Sendable, Codable {
        public let x: Double
        public let xBits: UInt64
        /// dy, for a backward kernel checked with random dy.
        public let dy: Double?
        public let output: Double
        public let outputBits: UInt64
        /// The correctly rounded result (nil when MPFR could not decide it).
        public let expected: Double?
        public let expectedBits: UInt64?
        /// The exact value, 30 significant digits.
        public let exact: String
        public let error: Double

        public var isCorrect: Bool {
            guard let e = expected, let eb = expectedBits else { return false }
            return e.isNaN ? output.isNaN : outputBits == eb
        }
    }

    /// Errors of one binade of the input: [2^e, 2^(e+1)) for a normal exponent field, the subnormals (and
    /// zero) for field 0, infinity and NaN for the all-ones field.
    public struct Binade: Sendable, Codable {
        public let negative: Bool
        public let biasedExponent: Int
        public let label: String
        public let count: UInt64
        public let incorrect: UInt64
        public let maxError: Double

        init(negative: Bool, biasedExponent: Int, format: FloatFormat, count: UInt64, incorrect: UInt64, maxError: Double) {
            self.negative = negative
            self.biasedExponent = biasedExponent
            let sign = negative ? "-" : "+"
            let top = (1 << format.exponentBits) - 1
            let bias = format.maximumExponent
            switch biasedExponent {
            case 0: label = "\(sign)0 and subnormals"
            case top: label = "\(sign)inf and NaN"
            default: label = "\(sign)[2^\(biasedExponent - bias), 2^\(biasedExponent - bias + 1))"
            }
            self.count = count
            self.incorrect = incorrect
            self.maxError = maxError
        }
    }

    public struct Bucket: Sendable, Codable {
        /// "0" (the reference value itself, to the resolution of its midpoint: 2⁻⁵³ relative for the double
        /// enclosure, about 2⁻¹⁰⁶ for the double-double one), "<= 0.5" (correctly rounded or a tie), "<= 1", "<= 2", ... ulps.
        public let label: String
        public let count: UInt64
    }

    public let format: FloatFormat
    public let kernel: String
    public let signature: KernelSignature
    public let check: AccuracyCheck
    public let expression: String
    /// Inputs the sweep was asked to check, and those it checked (fewer when interrupted or undecided).
    public let planned: UInt64
    public let checked: UInt64
    public let interrupted: Bool
    public let incorrectlyRounded: UInt64
    public let nanFailures: UInt64
    public let zeroSignFailures: UInt64
    public let overOneUlp: UInt64
    /// Results equal to the exact value.
    public let exact: UInt64
    /// Inputs the double enclosure left undecided, decided by MPFR.
    public let decidedByMPFR: UInt64
    /// Inputs MPFR could not decide at its maximum precision (the first 20), and their number.
    public let unresolved: [Double]
    public let unresolvedCount: UInt64
    public let maxError: Double
    /// The largest error that is a number (NaN failures count as infinitely wrong in `maxError`), its input
    /// and dy (0 and nil when every result is exact).
    public let maxFiniteError: Double
    public let maxFiniteErrorAt: Double?
    public let maxFiniteErrorDy: Double?
    /// The worst inputs, largest error first (a wrong NaN or sign of zero ranks above correct results).
    public let worst: [Case]
    public let histogram: [Bucket]
    public let binades: [Binade]
    public var specialValues: [Case] = []
    public let seconds: Double

    public var correctlyRounded: Bool { incorrectlyRounded == 0 && unresolvedCount == 0 && !interrupted }
}
