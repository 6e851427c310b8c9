/// The compact text form of requirements, for configurations kept outside Swift.
///
/// ```swift
/// let imaging = try Requirement(parsing: #"INSTRUME == "GMOS-N" and GRATING == "MIRROR""#)
/// let ccds = try Requirement(parsing: #"ext:EXTNAME ~ "^ROE1_CCD[123]$" and not is GMOS_BIAS"#)
/// ```
///
/// Grammar (words are case-insensitive, keyword names are not altered):
/// - `A and B`, `A or B`, `not A`, `( A )`; `and` binds tighter than `or`.
/// - `KEY == "text"`, `KEY == 30`, `KEY == T`, `KEY != …`, `KEY < 3` (also `<=`, `>`, `>=`),
///   `KEY ~ "regex"`, `KEY in ("a", "b")`, `KEY is present`, `KEY is absent`.
/// - `KEY` looks in the primary header; `ext:KEY` in some extension, `allext:KEY` in every
///   extension, `descriptor:NAME` at a derived value.
/// - `filename ~ "regex"`, `extensions >= 3`, `is TYPE_NAME`.
///
/// `KEY != "text"` means "not KEY == text", so it holds when the keyword is absent.
extension Requirement {
    public init(parsing text: String) throws(RequirementSyntaxError) {
        var parser = RequirementParser(tokens: try RequirementTokenizer.tokens(text))
        self = try parser.parseAll()
    }
}

private let comparisonSymbols: [String: Comparison] = [
    "<": .lessThan, "<=": .atMost, ">": .greaterThan, ">=": .atLeast, "==": .equal, "!=": .notEqual,
]

struct RequirementParser {
    var tokens: [RequirementToken]
    var position = 0

    private var current: RequirementToken { tokens[position] }

    mutating func parseAll() throws(RequirementSyntaxError) -> Requirement {
        let result = try parseOr()
        guard current.kind == .end else { throw failure("'and', 'or' or the end of the text") }
        return result
    }

    private func failure(_ expected: String) -> RequirementSyntaxError {
        .expected(expected, found: current.shown, column: current.column)
    }

    /// Consumes a word (case-insensitive) if it is next.
    private mutating func take(word: String) -> Bool {
        if case .word(let w) = current.kind, w.lowercased() == word { position += 1; return true }
        return false
    }

    private mutating func take(symbol: String) -> Bool {
        if current.kind == .symbol(symbol) { position += 1; return true }
        return false
    }

    private mutating func expect(symbol: String) throws(RequirementSyntaxError) {
        guard take(symbol: symbol) else { throw failure("'\(symbol)'") }
    }

    private mutating func name(_ what: String) throws(RequirementSyntaxError) -> String {
        guard case .word(let w) = current.kind else { throw failure(what) }
        position += 1
        return w
    }

    private mutating func parseOr() throws(RequirementSyntaxError) -> Requirement {
        var result = try parseAnd()
        while take(word: "or") { result = result || (try parseAnd()) }
        return result
    }

    private mutating func parseAnd() throws(RequirementSyntaxError) -> Requirement {
        var result = try parseUnary()
        while take(word: "and") { result = result && (try parseUnary()) }
        return result
    }

    private mutating func parseUnary() throws(RequirementSyntaxError) -> Requirement {
        if take(word: "not") { return .not(try parseUnary()) }
        if take(symbol: "(") {
            let inner = try parseOr()
            try expect(symbol: ")")
            return inner
        }
        if take(word: "is") { return .isType(try name("a type name")) }
        if take(word: "filename") {
            try expect(symbol: "~")
            return .fileName(matches: try string())
        }
        if take(word: "extensions") {
            guard case .symbol(let s) = current.kind, let comparison = comparisonSymbols[s] else {
                throw failure("a comparison")
            }
            position += 1
            guard case .number(let n, _) = current.kind, n.rounded() == n else { throw failure("a whole number") }
            position += 1
            return .extensionCount(comparison, Int(n))
        }
        let firstColumn = current.column
        let first = try name("a keyword, 'not', 'is', 'filename', 'extensions' or '('")
        guard take(symbol: ":") else { return try condition { .primary(first, $0) } }
        let key = try name("a name after '\(first):'")
        switch first.lowercased() {
        case "ext": return try condition { .anyExtension(key, $0) }
        case "allext": return try condition { .everyExtension(key, $0) }
        case "descriptor": return try condition { .descriptor(key, $0) }
        default:
            throw .expected("'ext:', 'allext:' or 'descriptor:'", found: "'\(first):'", column: firstColumn)
        }
    }

    private mutating func string() throws(RequirementSyntaxError) -> String {
        guard case .text(let t) = current.kind else { throw failure("a quoted string") }
        position += 1
        return t
    }

    /// The condition after a subject, wrapped by `scoped` into a requirement.
    private mutating func condition(
        _ scoped: (Condition) -> Requirement
    ) throws(RequirementSyntaxError) -> Requirement {
        if take(word: "is") {
            if take(word: "present") { return scoped(.present) }
            if take(word: "absent") { return scoped(.absent) }
            throw failure("'present' or 'absent'")
        }
        if take(word: "in") {
            try expect(symbol: "(")
            var choices: [String] = []
            repeat {
                switch current.kind {
                case .text(let t): choices.append(t)
                case .number(_, let raw): choices.append(raw)
                default: throw failure("a string or number")
                }
                position += 1
            } while take(symbol: ",")
            try expect(symbol: ")")
            return scoped(.oneOf(choices))
        }
        if take(symbol: "~") { return scoped(.matches(try string())) }
        guard case .symbol(let s) = current.kind, let comparison = comparisonSymbols[s] else {
            throw failure("'==', '!=', '<', '<=', '>', '>=', '~', 'in' or 'is'")
        }
        position += 1
        switch current.kind {
        case .number(let value, _):
            position += 1
            return scoped(.number(comparison, value, tolerance: 0))
        case .text(let t) where comparison == .equal || comparison == .notEqual:
            position += 1
            return comparison == .equal ? scoped(.text(t)) : .not(scoped(.text(t)))
        case .word(let w) where (comparison == .equal || comparison == .notEqual) && ["T", "F"].contains(w.uppercased()):
            position += 1
            let condition = Condition.logical(w.uppercased() == "T")
            return comparison == .equal ? scoped(condition) : .not(scoped(condition))
        default:
            throw failure(comparison == .equal || comparison == .notEqual ? "a string, number, T or F" : "a number")
        }
    }
}
