import MishNumbers

/// A malformed expression: where (1-based column, counted in Unicode scalars) and what was expected.
public struct ParseError: Error, CustomStringConvertible, Equatable, Sendable {
    public let column: Int
    public let message: String
    public let source: String

    public var description: String { "column \(column): \(message)" }

    /// The source line with a caret under the column (the line is shortened around it when long).
    public var excerpt: String {
        let scalars = Array(source.unicodeScalars)
        let window = 60
        let start = Swift.max(0, Swift.min(column - 1, scalars.count) - window)
        let end = Swift.min(scalars.count, column - 1 + window)
        var line = ""
        line.unicodeScalars.append(contentsOf: scalars[start..<end].map { $0.value < 32 ? " " : $0 })
        let prefix = start > 0 ? "..." : ""
        let suffix = end < scalars.count ? "..." : ""
        let caret = String(repeating: " ", count: prefix.count + column - 1 - start) + "^"
        return "  " + prefix + line + suffix + "\n  " + caret
    }
}

/// Parses the text syntax of expressions in x:
///
///     expr    := term (('+' | '-') term)*
///     term    := unary (('*' | '/') unary)*
///     unary   := ('-' | '+') unary | power
///     power   := primary ('^' unary)?              right-associative: 2^3^2 = 2^9, -x^2 = -(x^2)
///     primary := number | 'x' | 'pi' | 'e' | name '(' expr ')' | '(' expr ')'
///     number  := digits ['.' digits] [('e' | 'E') ['+' | '-'] digits]     exact: 1.1924 = 2981/2500
///
/// Spaces are ignored. Nesting is limited to ``maximumDepth`` levels, so no input can exhaust the stack.
public struct ExprParser {
    /// Deepest nesting of parentheses, unary signs and powers accepted.
    public static let maximumDepth = 500

    public init() {}

    public static func parse(_ text: String) throws -> Expr { try ExprParser().parse(text) }

    public func parse(_ text: String) throws -> Expr {
        let scalars = Array(text.unicodeScalars)
        var state = State(source: text, scalars: scalars, tokens: try Lexer.tokens(scalars, source: text))
        if state.peek.kind == .end {
            throw state.error(at: state.peek, "empty expression: expected a number, x, a constant or a function call")
        }
        let e = try state.expression()
        guard state.peek.kind == .end else {
            let t = state.peek
            if t.kind == .rightParen { throw state.error(at: t, "unbalanced ')': no '(' is open here") }
            throw state.error(at: t, "unexpected \(state.display(t)) after a complete expression: expected an operator (+ - * / ^) or the end")
        }
        return e
    }

    struct State {
        let source: String
        let scalars: [Unicode.Scalar]
        let tokens: [Token]
        var index = 0
        var depth = 0
        var smallIntegers: [Int: Expr] = [:]

        init(source: String, scalars: [Unicode.Scalar], tokens: [Token]) {
            self.source = source
            self.scalars = scalars
            self.tokens = tokens
        }

        func lexeme(_ t: Token) -> String {
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[t.start..<t.end])
            return text
        }

        func display(_ t: Token) -> String {
            switch t.kind {
            case .number: return "number '\(lexeme(t).prefix(40))'"
            case .identifier: return "name '\(lexeme(t).prefix(40))'"
            case .end: return "end of input"
            default: return "'\(lexeme(t))'"
            }
        }

        var peek: Token { tokens[index] }
        mutating func advance() -> Token { defer { index += 1 }; return tokens[index] }

        func error(at t: Token, _ message: String) -> ParseError {
            ParseError(column: t.column, message: message, source: source)
        }

        mutating func descend(_ t: Token) throws {
            depth += 1
            if depth > ExprParser.maximumDepth {
                throw error(at: t, "nested deeper than \(ExprParser.maximumDepth) levels")
            }
        }

        mutating func expression() throws -> Expr {
            var terms = [try term()]
            while peek.kind == .plus || peek.kind == .minus {
                let negative = advance().kind == .minus
                let t = try term()
                terms.append(negative ? .negated(t) : t)
            }
            return terms.count == 1 ? terms[0] : .sum(terms)
        }

        mutating func term() throws -> Expr {
            var factors = [try unary()]
            while peek.kind == .star || peek.kind == .slash {
                let op = advance()
                if op.kind == .star && peek.kind == .star {
                    throw error(at: op, "'**' is not an operator: write powers with '^', as in x^2")
                }
                let f = try unary()
                factors.append(op.kind == .slash ? .reciprocal(f) : f)
            }
            return factors.count == 1 ? factors[0] : .product(factors)
        }

        mutating func unary() throws -> Expr {
            if peek.kind == .minus || peek.kind == .plus {
                let op = advance()
                try descend(op)
                defer { depth -= 1 }
                let operand = try unary()
                return op.kind == .minus ? .negated(operand) : operand
            }
            return try power()
        }

        mutating func power() throws -> Expr {
            let base = try primary()
            guard peek.kind == .caret else { return base }
            let op = advance()
            try descend(op)
            defer { depth -= 1 }
            return .power(base, try unary())
        }

        mutating func primary() throws -> Expr {
            let t = advance()
            switch t.kind {
            case .number:
                let text = lexeme(t)
                if text.utf8.count <= 18, let n = Int(text) {
                    if let cached = smallIntegers[n] { return cached }
                    let e = Expr.number(Rational(n))
                    if smallIntegers.count < 4096 { smallIntegers[n] = e }
                    return e
                }
                do {
                    return .number(try Rational(parsing: text))
                } catch let e as NumberParseError {
                    throw error(at: t, "bad number '\(text)': \(e.reason)")
                }
            case .identifier:
                if t.end == t.start + 1 && scalars[t.start] == "x" && peek.kind != .leftParen { return .variable }
                return try named(lexeme(t), at: t)
            case .leftParen:
                try descend(t)
                defer { depth -= 1 }
                if peek.kind == .rightParen { throw error(at: peek, "empty parentheses: expected an expression") }
                let inner = try expression()
                try expect(.rightParen, opening: t)
                return inner
            case .end:
                throw error(at: t, "unexpected end of input: expected a number, x, a constant, a function call or '('")
            default:
                throw error(at: t, "unexpected \(display(t)): expected a number, x, a constant, a function call or '('")
            }
        }

        mutating func expect(_ kind: Token.Kind, opening: Token) throws {
            let t = peek
            guard t.kind == kind else {
                if t.kind == .end {
                    throw error(at: t, "unexpected end of input: expected ')' to close the '(' at column \(opening.column)")
                }
                throw error(at: t, "unexpected \(display(t)): expected ')' to close the '(' at column \(opening.column)")
            }
            index += 1
        }

        mutating func named(_ name: String, at t: Token) throws -> Expr {
            if let f = Primitive.byName[name] {
                guard peek.kind == .leftParen else {
                    throw error(at: t, "'\(name)' is a function: call it as \(name)(...)")
                }
                let open = advance()
                try descend(open)
                defer { depth -= 1 }
                if peek.kind == .rightParen {
                    throw error(at: peek, "\(name) takes 1 argument, got none")
                }
                let arg = try expression()
                if peek.kind == .comma {
                    throw error(at: peek, "\(name) takes 1 argument, got more")
                }
                try expect(.rightParen, opening: open)
                return .apply(f, arg)
            }
            let value: Expr
            switch name {
            case "x": value = .variable
            case "pi": value = .constant(.pi)
            case "e": value = .constant(.e)
            default:
                if peek.kind == .leftParen {
                    let known = Primitive.allCases.map(\.name).sorted().joined(separator: ", ")
                    throw error(at: t, "unknown function '\(name)'; known functions: \(known)")
                }
                throw error(at: t, "unknown name '\(name)': the variable is x and the constants are pi and e")
            }
            if peek.kind == .leftParen {
                throw error(at: peek, "'\(name)' is not a function: write '\(name)*(...)' to multiply")
            }
            return value
        }
    }
}

struct Token {
    enum Kind: UInt8 {
        case number, identifier
        case plus, minus, star, slash, caret, leftParen, rightParen, comma, end
    }
    let kind: Kind
    /// The lexeme is scalars[start..<end] of the source; the column is start + 1.
    let start: Int
    let end: Int
    var column: Int { start + 1 }
}
enum Lexer {
    static func tokens(_ s: [Unicode.Scalar], source text: String) throws -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(s.count / 2 + 1)
        var i = 0
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" }
        while i < s.count {
            let c = s[i]
            let column = i + 1
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            if isDigit(c) || (c == "." && i + 1 < s.count && isDigit(s[i + 1])) {
                var j = i
                while j < s.count, isDigit(s[j]) { j += 1 }
                if j < s.count, s[j] == "." {
                    j += 1
                    while j < s.count, isDigit(s[j]) { j += 1 }
                }
                if j < s.count, s[j] == "e" || s[j] == "E" {
                    var k = j + 1
                    if k < s.count, s[k] == "+" || s[k] == "-" { k += 1 }
                    if k < s.count, isDigit(s[k]) {
                        while k < s.count, isDigit(s[k]) { k += 1 }
                        j = k
                    }
                }
                out.append(Token(kind: .number, start: i, end: j))
                i = j
                continue
            }
            if isLetter(c) {
                var j = i
                while j < s.count, isLetter(s[j]) || isDigit(s[j]) { j += 1 }
                out.append(Token(kind: .identifier, start: i, end: j))
                i = j
                continue
            }
            let kind: Token.Kind
            switch c {
            case "+": kind = .plus
            case "-": kind = .minus
            case "*": kind = .star
            case "/": kind = .slash
            case "^": kind = .caret
            case "(": kind = .leftParen
            case ")": kind = .rightParen
            case ",": kind = .comma
            default:
                let shown = c.value < 32 || c.value == 127
                    ? "control character U+\(String(c.value, radix: 16, uppercase: true))"
                    : "character '\(c)' (U+\(String(c.value, radix: 16, uppercase: true)))"
                throw ParseError(column: column, message: "unexpected \(shown)", source: text)
            }
            out.append(Token(kind: kind, start: i, end: i + 1))
            i += 1
        }
        out.append(Token(kind: .end, start: s.count, end: s.count))
        return out
    }
}
