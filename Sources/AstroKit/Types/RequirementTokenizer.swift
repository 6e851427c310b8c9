/// One lexical unit of the compact requirement syntax, with its 1-based column for messages.
struct RequirementToken: Equatable {
    enum Kind: Equatable {
        case word(String)      // keyword names, type names, and/or/not/is/in, T/F
        case text(String)      // "quoted", with \" and \\ escapes
        case number(Double, String)
        case symbol(String)    // == != < <= > >= ~ ( ) , :
        case end
    }
    var kind: Kind
    var column: Int

    /// How the token reads in an error message.
    var shown: String {
        switch kind {
        case .word(let w): return "'\(w)'"
        case .text(let t): return "\"\(t)\""
        case .number(_, let raw): return raw
        case .symbol(let s): return "'\(s)'"
        case .end: return "the end of the text"
        }
    }
}

/// Splits compact requirement text into tokens.
enum RequirementTokenizer {
    static func tokens(_ text: String) throws(RequirementSyntaxError) -> [RequirementToken] {
        let chars = Array(text)
        var tokens: [RequirementToken] = []
        var i = 0
        func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "-" }
        while i < chars.count {
            let c = chars[i], column = i + 1
            if c.isWhitespace { i += 1; continue }
            if c.isLetter || c == "_" {
                var j = i
                while j < chars.count && isWordChar(chars[j]) { j += 1 }
                tokens.append(.init(kind: .word(String(chars[i..<j])), column: column))
                i = j
            } else if c.isNumber || ((c == "-" || c == "+" || c == ".") && i + 1 < chars.count && chars[i + 1].isNumber) {
                var j = i + 1
                while j < chars.count && (chars[j].isNumber || ".eE".contains(chars[j])
                                          || ("+-".contains(chars[j]) && "eE".contains(chars[j - 1]))) { j += 1 }
                let raw = String(chars[i..<j])
                guard let value = Double(raw) else { throw .malformedNumber(raw, column: column) }
                tokens.append(.init(kind: .number(value, raw), column: column))
                i = j
            } else if c == "\"" {
                var value = "", j = i + 1, closed = false
                while j < chars.count {
                    if chars[j] == "\\" && j + 1 < chars.count { value.append(chars[j + 1]); j += 2; continue }
                    if chars[j] == "\"" { closed = true; break }
                    value.append(chars[j]); j += 1
                }
                guard closed else { throw .unterminatedString(column: column) }
                tokens.append(.init(kind: .text(value), column: column))
                i = j + 1
            } else if let two = i + 1 < chars.count ? String(chars[i...i + 1]) : nil, ["==", "!=", "<=", ">="].contains(two) {
                tokens.append(.init(kind: .symbol(two), column: column))
                i += 2
            } else if "<>~(),:".contains(c) {
                tokens.append(.init(kind: .symbol(String(c)), column: column))
                i += 1
            } else {
                throw .unexpectedCharacter(c, column: column)
            }
        }
        tokens.append(.init(kind: .end, column: chars.count + 1))
        return tokens
    }
}

/// Why compact requirement text could not be read; columns count characters from 1.
public enum RequirementSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    case unexpectedCharacter(Character, column: Int)
    case unterminatedString(column: Int)
    case malformedNumber(String, column: Int)
    case expected(String, found: String, column: Int)

    public var description: String {
        switch self {
        case .unexpectedCharacter(let c, let column): return "Unexpected character '\(c)' at column \(column)."
        case .unterminatedString(let column): return "The string starting at column \(column) has no closing quote."
        case .malformedNumber(let raw, let column): return "'\(raw)' at column \(column) is not a number."
        case .expected(let what, let found, let column): return "Expected \(what) at column \(column), found \(found)."
        }
    }
}
