import MishNumbers
import MishSymbolic

/// Random canonical expressions over the whole catalogue, for property tests (printing, parsing,
/// evaluation, differentiation). Built through the smart constructors, as every expression is.
public struct ExprFuzzer {
    public var generator: SeededGenerator

    public init(generator: SeededGenerator) { self.generator = generator }

    /// A random expression of at most `depth` levels.
    public mutating func expression(depth: Int) -> Expr {
        if depth <= 0 || Int.random(in: 0..<10, using: &generator) < 2 { return leaf() }
        switch Int.random(in: 0..<7, using: &generator) {
        case 0: return Expr.sum((0..<Int.random(in: 2...3, using: &generator)).map { _ in expression(depth: depth - 1) })
        case 1: return Expr.product((0..<Int.random(in: 2...3, using: &generator)).map { _ in expression(depth: depth - 1) })
        case 2: return -expression(depth: depth - 1)
        case 3: return Expr.one / expression(depth: depth - 1)
        case 4:
            let exponent: Expr = Bool.random(using: &generator)
                ? .number(Int.random(in: -3...4, using: &generator))
                : .number(Rational(Int.random(in: 1...5, using: &generator), 2))
            return Expr.power(expression(depth: depth - 1), exponent)
        default:
            let f = Primitive.allCases.randomElement(using: &generator)!
            return Expr.apply(f, expression(depth: depth - 1))
        }
    }

    mutating func leaf() -> Expr {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0, 1, 2: return .x
        case 3: return Bool.random(using: &generator) ? .pi : .e
        case 4: return .number(Rational(Int.random(in: -9...9, using: &generator), Int.random(in: 1...7, using: &generator)))
        default: return .number(Int.random(in: 0...20, using: &generator))
        }
    }
}
