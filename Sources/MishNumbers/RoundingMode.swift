internal import CMPFR

/// Direction in which an inexact result is rounded; the five modes of MPFR.
public enum RoundingMode: String, Sendable, CaseIterable {
    /// To nearest, ties to even (MPFR_RNDN).
    case nearest
    /// Toward −∞ (MPFR_RNDD).
    case down
    /// Toward +∞ (MPFR_RNDU).
    case up
    /// Toward zero (MPFR_RNDZ).
    case towardZero
    /// Away from zero (MPFR_RNDA).
    case awayFromZero

    var mpfr: mpfr_rnd_t {
        switch self {
        case .nearest: return MPFR_RNDN
        case .down: return MPFR_RNDD
        case .up: return MPFR_RNDU
        case .towardZero: return MPFR_RNDZ
        case .awayFromZero: return MPFR_RNDA
        }
    }

    /// The opposite directed mode (down ↔ up); nearest is its own opposite.
    public var opposite: RoundingMode {
        switch self {
        case .down: return .up
        case .up: return .down
        case .towardZero: return .awayFromZero
        case .awayFromZero: return .towardZero
        case .nearest: return .nearest
        }
    }
}

/// Why a textual number was refused.
public struct NumberParseError: Error, CustomStringConvertible, Equatable, Sendable {
    public let text: String
    public let reason: String
    public var description: String { "cannot read '\(text.prefix(60))' as a number: \(reason)" }
}
