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

/// Parses the text syntax into canonical expressions:
///
///     program   := statement ((';' | newline) statement)*      the last statement is an expression
///     statement := name '(' name ')' '=' expr                   a function of one argument
///                | name '=' expr                                a named constant
///                | expr
///     expr      := term (('+' | '-') term)*
///     term      := unary (('*' | '/') unary)*
///     unary     := ('-' | '+') unary | power
///     power     := primary ('^' unary)?                         right-associative: 2^3^2 = 2^9, -x^2 = -(x^2)
///     primary   := number | 'x' | 'pi' | 'e' | name | name '(' expr ')' | 'd' '(' expr [',' integer] ')'
///                | '(' expr ')'
///     number    := digits ['.' digits] [('e' | 'E') ['+' | '-'] digits]      exact: 1.1924 = 2981/2500
///
/// `d(EXPR, N)` is the N-th derivative in x (N = 1 when omitted). Definitions persist in the parser value,
/// so a REPL can define a function on one line and call it on the next. Spaces are ignored; a newline
/// outside parentheses separates statements. Nesting is limited to ``maximumDepth`` levels, so no input
/// can exhaust the stack.
public struct ExprParser {
    /// Deepest nesting of parentheses, unary signs and powers accepted.
    public static let maximumDepth = 500
    /// Highest order accepted in d(EXPR, N): general derivatives grow quickly with the order.
    public static let maximumDerivativeOrder = 64
    /// Largest DAG (distinct nodes) a general derivative in d(EXPR, N) may reach.
    public static let maximumDerivativeNodes = 50_000

    /// What a user-defined name stands for.
    public enum Definition: Sendable, Equatable {
        /// A function of one argument; the body is written in x.
        case function(Expr)
        /// A named expression.
        case value(Expr)
    }

    public private(set) var definitions: [String: Definition]

    public init(definitions: [String: Definition] = [:]) { self.definitions = definitions }

    public static func parse(_ text: String) throws -> Expr {
        var parser = ExprParser()
        return try parser.parse(text)
    }

    /// Parses a program and returns the value of its last statement; its definitions are kept.
    public mutating func parse(_ text: String) throws -> Expr {
        let scalars = Array(text.unicodeScalars)
        var state = State(source: text, scalars: scalars, tokens: try Lexer.tokens(scalars, source: text),
                          definitions: definitions)
        let result = try state.program()
        definitions = state.definitions
        return result
    }

    static let reservedNames: Set<String> = Set(["x", "pi", "e", "d"] + Primitive.allCases.map(\.name))

    struct State {
        let source: String
        let scalars: [Unicode.Scalar]
        let tokens: [Token]
        var definitions: [String: Definition]
        var index = 0
        var depth = 0
        var parameter: String?
        var smallIntegers: [Int: Expr] = [:]

        init(source: String, scalars: [Unicode.Scalar], tokens: [Token], definitions: [String: Definition]) {
            self.source = source
            self.scalars = scalars
            self.tokens = tokens
            self.definitions = definitions
        }

        var peek: Token { tokens[index] }
        func peek(_ k: Int) -> Token { tokens[Swift.min(index + k, tokens.count - 1)] }
        mutating func advance() -> Token { defer { index += 1 }; return tokens[index] }

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
            case .separator: return lexeme(t) == ";" ? "';'" : "end of line"
            default: return "'\(lexeme(t))'"
            }
        }

        func error(at t: Token, _ message: String) -> ParseError {
            ParseError(column: t.column, message: message, source: source)
        }

        mutating func descend(_ t: Token) throws {
            depth += 1
            if depth > ExprParser.maximumDepth {
                throw error(at: t, "nested deeper than \(ExprParser.maximumDepth) levels")
            }
        }

        // MARK: statements

        mutating func program() throws -> Expr {
            var last: Expr?
            var lastWasDefinition = false
            while true {
                while peek.kind == .separator { index += 1 }
                if peek.kind == .end { break }
                if let (name, definition) = try definitionStatement() {
                    definitions[name] = definition
                    last = nil
                    lastWasDefinition = true
                } else {
                    last = try expression()
                    lastWasDefinition = false
                }
                let t = peek
                guard t.kind == .separator || t.kind == .end else {
                    if t.kind == .rightParen { throw error(at: t, "unbalanced ')': no '(' is open here") }
                    if t.kind == .equals { throw error(at: t, "'=' defines a name: write 'f(x) = ...' or 'a = ...' at the start of a statement") }
                    throw error(at: t, "unexpected \(display(t)) after a complete expression: expected an operator (+ - * / ^) or the end")
                }
            }
            guard let result = last else {
                throw error(at: peek, lastWasDefinition
                    ? "expected an expression after the definitions (separate statements with ';')"
                    : "empty expression: expected a number, x, a constant or a function call")
            }
            return result
        }

        /// `f(t) = body` or `a = value`, or nil (and nothing consumed) when the statement is an expression.
        mutating func definitionStatement() throws -> (String, Definition)? {
            let nameToken = peek
            guard nameToken.kind == .identifier else { return nil }
            let isFunction = peek(1).kind == .leftParen && peek(2).kind == .identifier
                && peek(3).kind == .rightParen && peek(4).kind == .equals
            let isValue = peek(1).kind == .equals
            guard isFunction || isValue else { return nil }
            let name = lexeme(nameToken)
            if ExprParser.reservedNames.contains(name) {
                throw error(at: nameToken, "'\(name)' is built in and cannot be redefined")
            }
            if isValue {
                index += 2
                return (name, .value(try expression()))
            }
            let parameterToken = peek(2)
            let parameterName = lexeme(parameterToken)
            if ExprParser.reservedNames.contains(parameterName) && parameterName != "x" {
                throw error(at: parameterToken, "'\(parameterName)' is built in and cannot name a parameter")
            }
            index += 5
            parameter = parameterName
            defer { parameter = nil }
            return (name, .function(try expression()))
        }

        // MARK: expressions

        mutating func expression() throws -> Expr {
            var terms = [try term()]
            while peek.kind == .plus || peek.kind == .minus {
                let negative = advance().kind == .minus
                let t = try term()
                terms.append(negative ? -t : t)
            }
            return terms.count == 1 ? terms[0] : Expr.sum(terms)
        }

        mutating func term() throws -> Expr {
            var factors = [try unary()]
            while peek.kind == .star || peek.kind == .slash {
                let op = advance()
                if op.kind == .star && peek.kind == .star {
                    throw error(at: op, "'**' is not an operator: write powers with '^', as in x^2")
                }
                let f = try unary()
                factors.append(op.kind == .slash ? Expr.power(f, .minusOne) : f)
            }
            return factors.count == 1 ? factors[0] : Expr.product(factors)
        }

        mutating func unary() throws -> Expr {
            if peek.kind == .minus || peek.kind == .plus {
                let op = advance()
                try descend(op)
                defer { depth -= 1 }
                let operand = try unary()
                return op.kind == .minus ? -operand : operand
            }
            return try power()
        }

        mutating func power() throws -> Expr {
            let base = try primary()
            guard peek.kind == .caret else { return base }
            let op = advance()
            try descend(op)
            defer { depth -= 1 }
            return Expr.power(base, try unary())
        }

        mutating func primary() throws -> Expr {
            let t = advance()
            switch t.kind {
            case .number:
                let text = lexeme(t)
                if text.utf8.count <= 18, let n = Int(text) {
                    if let cached = smallIntegers[n] { return cached }
                    let e = Expr.number(n)
                    if smallIntegers.count < 4096 { smallIntegers[n] = e }
                    return e
                }
                do {
                    return .number(try Rational(parsing: text))
                } catch let e as NumberParseError {
                    throw error(at: t, "bad number '\(text)': \(e.reason)")
                }
            case .identifier:
                if t.end == t.start + 1 && scalars[t.start] == "x" && parameter == nil && peek.kind != .leftParen {
                    return .x
                }
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

        /// The single argument of a call whose '(' is next; errors name the function.
        mutating func argument(of name: String) throws -> Expr {
            let open = advance()
            try descend(open)
            defer { depth -= 1 }
            if peek.kind == .rightParen { throw error(at: peek, "\(name) takes 1 argument, got none") }
            let arg = try expression()
            if peek.kind == .comma { throw error(at: peek, "\(name) takes 1 argument, got more") }
            try expect(.rightParen, opening: open)
            return arg
        }

        mutating func named(_ name: String, at t: Token) throws -> Expr {
            if let p = parameter, name == p {
                if peek.kind == .leftParen { throw error(at: peek, "'\(name)' is the parameter, not a function") }
                return .x
            }
            if let f = Primitive.byName[name] {
                guard peek.kind == .leftParen else {
                    throw error(at: t, "'\(name)' is a function: call it as \(name)(...)")
                }
                return Expr.apply(f, try argument(of: name))
            }
            if name == "d" { return try derivativeCall(at: t) }
            if let definition = definitions[name] {
                switch definition {
                case .function(let body):
                    guard peek.kind == .leftParen else {
                        throw error(at: t, "'\(name)' is a function: call it as \(name)(...)")
                    }
                    return body.substituting(x: try argument(of: name))
                case .value(let v):
                    if peek.kind == .leftParen {
                        throw error(at: peek, "'\(name)' is a value, not a function: write '\(name)*(...)' to multiply")
                    }
                    return v
                }
            }
            let value: Expr
            switch name {
            case "x":
                if let p = parameter {
                    throw error(at: t, "inside the definition of a function of \(p), the variable is \(p); x is not defined here")
                }
                value = .x
            case "pi": value = .pi
            case "e": value = .e
            default:
                let user = definitions.keys.sorted()
                let extra = user.isEmpty ? "" : "; defined here: " + user.joined(separator: ", ")
                if peek.kind == .leftParen {
                    let known = Primitive.allCases.map(\.name).sorted().joined(separator: ", ")
                    throw error(at: t, "unknown function '\(name)'; known functions: \(known), d\(extra)")
                }
                throw error(at: t, "unknown name '\(name)': the variable is x and the constants are pi and e\(extra)")
            }
            if peek.kind == .leftParen {
                throw error(at: peek, "'\(name)' is not a function: write '\(name)*(...)' to multiply")
            }
            return value
        }

        /// d(EXPR) or d(EXPR, N): the N-th derivative in x.
        mutating func derivativeCall(at t: Token) throws -> Expr {
            guard peek.kind == .leftParen else {
                throw error(at: t, "'d' is the derivative: call it as d(EXPR) or d(EXPR, N)")
            }
            let open = advance()
            try descend(open)
            defer { depth -= 1 }
            if peek.kind == .rightParen { throw error(at: peek, "d takes an expression and an optional order, got none") }
            let body = try expression()
            var order = 1
            if peek.kind == .comma {
                index += 1
                let n = advance()
                guard n.kind == .number, let k = Int(lexeme(n)) else {
                    throw error(at: n, "the order of d(EXPR, N) must be a non-negative integer")
                }
                guard (0...ExprParser.maximumDerivativeOrder).contains(k) else {
                    throw error(at: n, "derivative order \(k) is beyond \(ExprParser.maximumDerivativeOrder) "
                        + "(general derivatives grow quickly; `mish-math derive --form normal` reaches higher orders)")
                }
                order = k
            }
            try expect(.rightParen, opening: open)
            if let normal = ExpRational(body) { return normal.derivative(order: order).expr }
            do {
                return try body.derivative(order: order, maximumNodes: ExprParser.maximumDerivativeNodes)
            } catch let e as DerivativeTooLarge {
                throw error(at: t, e.description)
            }
        }
    }
}

struct Token {
    enum Kind: UInt8 {
        case number, identifier
        case plus, minus, star, slash, caret, leftParen, rightParen, comma, equals, separator, end
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
        var parenDepth = 0
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" }
        while i < s.count {
            let c = s[i]
            if c == "\n" && parenDepth == 0 {
                out.append(Token(kind: .separator, start: i, end: i + 1))
                i += 1
                continue
            }
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
            case "(": kind = .leftParen; parenDepth += 1
            case ")": kind = .rightParen; parenDepth = Swift.max(0, parenDepth - 1)
            case ",": kind = .comma
            case "=": kind = .equals
            case ";": kind = .separator
            default:
                let shown = c.value < 32 || c.value == 127
                    ? "control character U+\(String(c.value, radix: 16, uppercase: true))"
                    : "character '\(c)' (U+\(String(c.value, radix: 16, uppercase: true)))"
                throw ParseError(column: i + 1, message: "unexpected \(shown)", source: text)
            }
            out.append(Token(kind: kind, start: i, end: i + 1))
            i += 1
        }
        out.append(Token(kind: .end, start: s.count, end: s.count))
        return out
    }
}
