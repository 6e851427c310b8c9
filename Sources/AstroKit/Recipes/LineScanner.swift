/// Scans one line of recipe text character by character, keeping the column of everything.
struct LineScanner {
    let line: String
    let characters: [Character]
    let file: String
    let lineNumber: Int
    var position = 0

    init(line: String, file: String, lineNumber: Int) {
        self.line = line
        self.characters = Array(line)
        self.file = file
        self.lineNumber = lineNumber
    }

    var location: SourceLocation { SourceLocation(file: file, line: lineNumber, column: position + 1) }
    private var current: Character? { position < characters.count ? characters[position] : nil }

    func error(_ message: String, at column: Int? = nil) -> RecipeSyntaxError {
        RecipeSyntaxError(location: SourceLocation(file: file, line: lineNumber, column: (column ?? position) + 1),
                          message: message, lineText: line)
    }

    private mutating func skipSpaces() {
        while let c = current, c == " " || c == "\t" { position += 1 }
    }

    private var atEndOfLine: Bool { current == nil || current == "#" }

    /// `name` or `name(arg=value, ...)`, then only a comment.
    mutating func step() throws(RecipeSyntaxError) -> RecipeStep {
        skipSpaces()
        let start = location
        let name = try identifier(what: "a step name")
        var arguments: [RecipeArgument] = []
        skipSpaces()
        if current == "(" {
            position += 1
            skipSpaces()
            if current == ")" {
                position += 1
            } else {
                while true {
                    skipSpaces()
                    let argumentStart = location
                    let argumentName = try identifier(what: "an argument name")
                    skipSpaces()
                    guard current == "=" else { throw error("expected '=' after argument '\(argumentName)'") }
                    position += 1
                    skipSpaces()
                    let valueStart = location
                    let value = try value()
                    if let earlier = arguments.first(where: { $0.name == argumentName }) {
                        throw error("argument '\(argumentName)' is given twice (first at column \(earlier.location.column))",
                                    at: argumentStart.column - 1)
                    }
                    arguments.append(RecipeArgument(name: argumentName, value: value,
                                                    location: argumentStart, valueLocation: valueStart))
                    skipSpaces()
                    if current == "," { position += 1; continue }
                    if current == ")" { position += 1; break }
                    throw error(current == nil ? "missing ')' at the end of the step" : "expected ',' or ')' after an argument")
                }
            }
        }
        skipSpaces()
        guard atEndOfLine else { throw error("unexpected text after the step; write one step per line") }
        let text = String(characters[(start.column - 1)..<position]).trimmingCharacters(in: .whitespaces)
        return RecipeStep(name: name, location: start, arguments: arguments, text: text)
    }

    /// A value filling the rest of the line.
    mutating func wholeValue() throws(RecipeSyntaxError) -> RecipeValue {
        skipSpaces()
        let result = try value()
        skipSpaces()
        guard current == nil else { throw error("unexpected text after the value") }
        return result
    }

    private mutating func identifier(what: String) throws(RecipeSyntaxError) -> String {
        guard let first = current, first.isLetter || first == "_" else {
            throw error(current == nil ? "expected \(what) at the end of the line" : "expected \(what), found '\(current!)'")
        }
        var name = String(first)
        position += 1
        while let c = current, c.isLetter || c.isNumber || c == "_" || c == "." || c == "-" {
            name.append(c)
            position += 1
        }
        return name
    }

    mutating func value() throws(RecipeSyntaxError) -> RecipeValue {
        guard let c = current else { throw error("expected a value at the end of the line") }
        if c == "\"" || c == "'" { return .string(try quoted(c)) }
        if c == "[" { return try list() }
        if c.isNumber || c == "-" || c == "+" || c == "." { return try number() }
        if c.isLetter || c == "_" {
            let word = try identifier(what: "a value")
            switch word {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: return .identifier(word)
            }
        }
        throw error("expected a value (number, \"string\", true/false, name or [list]), found '\(c)'")
    }

    private mutating func quoted(_ quote: Character) throws(RecipeSyntaxError) -> String {
        let start = position
        position += 1
        var text = ""
        while let c = current {
            position += 1
            if c == quote { return text }
            if c == "\\", let next = current {
                position += 1
                text.append(next == "n" ? "\n" : next == "t" ? "\t" : next)
            } else {
                text.append(c)
            }
        }
        throw error("unterminated string: add the closing \(quote)", at: start)
    }

    private mutating func list() throws(RecipeSyntaxError) -> RecipeValue {
        let start = position
        position += 1
        var items: [RecipeValue] = []
        skipSpaces()
        if current == "]" { position += 1; return .list([]) }
        while true {
            skipSpaces()
            items.append(try value())
            skipSpaces()
            if current == "," { position += 1; continue }
            if current == "]" { position += 1; return .list(items) }
            throw error(current == nil ? "unterminated list: add the closing ]" : "expected ',' or ']' in the list",
                        at: current == nil ? start : nil)
        }
    }

    private mutating func number() throws(RecipeSyntaxError) -> RecipeValue {
        let start = position
        while let c = current, c.isNumber || "+-.eE".contains(c) { position += 1 }
        let text = String(characters[start..<position])
        if let i = Int(text) { return .integer(i) }
        if let d = Double(text), d.isFinite { return .real(d) }
        throw error("'\(text)' is not a number", at: start)
    }
}
