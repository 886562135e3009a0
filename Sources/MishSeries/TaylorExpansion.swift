import MishNumbers
import MishSymbolic

/// A Taylor expansion Σ cₖ·(x − a)ᵏ + O((x − a)^N): exact rational coefficients when they are rational,
/// otherwise interval enclosures of the real coefficients.
public struct TaylorExpansion {
    public enum Coefficients {
        case exact([Rational])
        case enclosures([BigInterval])
    }

    public let point: Rational
    public let coefficients: Coefficients
    /// The Maclaurin radius of convergence (distance to the nearest singularity), when derived.
    public let radius: ConvergenceRadius?
    /// How the coefficients were obtained.
    public let method: String

    public var order: Int {
        switch coefficients {
        case .exact(let c): return c.count
        case .enclosures(let c): return c.count
        }
    }

    /// Expands `e` at x = a to order N. Exact routes first: the exp-rational normal form (residues modulo
    /// word-size primes from order 256 on, where they become the faster route; the integer recurrence
    /// below), then series arithmetic over Q on the DAG; when a coefficient is irrational (gelu, erf, an
    /// expansion point a ≠ 0 of an exponential), series arithmetic over intervals at `precision` bits.
    public static func expand(_ e: Expr, at a: Rational = 0, order n: Int, precision: Int = 256) throws -> TaylorExpansion {
        if a.isZero, let normal = ExpRational(e) {
            let radius = ConvergenceRadius.maclaurin(of: normal)
            if n >= MaclaurinMethod.residuesFromOrder, let c = try? normal.maclaurinCoefficients(order: n, method: .residues) {
                return TaylorExpansion(point: a, coefficients: .exact(c), radius: radius,
                                       method: "exp-rational normal form: derivatives at 0 modulo word-size primes "
                                           + "(number-theoretic transforms), Chinese remainder theorem")
            }
            let c = try normal.maclaurinCoefficients(order: n, method: .recurrence)
            return TaylorExpansion(point: a, coefficients: .exact(c), radius: radius,
                                   method: "exp-rational normal form: integer recurrence on the derivatives at 0")
        }
        do {
            let s = try e.taylorSeries(at: a, order: n)
            return TaylorExpansion(point: a, coefficients: .exact(s.coefficients), radius: nil,
                                   method: "series arithmetic over Q on the expression DAG")
        } catch SeriesError.irrational {
            let s = try e.taylorSeries(at: BigInterval(a, precision: precision), order: n)
            return TaylorExpansion(point: a, coefficients: .enclosures(s.coefficients), radius: nil,
                                   method: "series arithmetic over intervals (outward rounding) at \(precision) bits")
        }
    }
}
