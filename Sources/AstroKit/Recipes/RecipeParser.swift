import Foundation

/// Reads recipe text: one step per line, `#` comments, header directives at the top.
///
/// ```swift
/// let recipe = try RecipeParser.parse("subtractScalar(value=5)\nscale(factor=2)\n",
///                                     name: "demo", file: "demo.recipe")
/// recipe.steps[0].arguments[0].valueLocation   // demo.recipe:1:22
/// ```
public enum RecipeParser {
    /// Parses a whole recipe. Header directives are comment lines before the first step of the
    /// form `# types: A, B` and `# default: true`; the first other comment line is the summary.
    public static func parse(_ text: String, name: String, file: String) throws(RecipeSyntaxError) -> Recipe {
        var steps: [RecipeStep] = []
        var types: [String] = []
        var isDefault = false
        var summary = ""
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).replacingOccurrences(of: "\r", with: "")
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#") {
                guard steps.isEmpty else { continue }
                let body = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
                if let value = directive("types", in: body) {
                    types += value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                } else if let value = directive("default", in: body) {
                    guard value == "true" || value == "false" else {
                        let column = (line.range(of: value).map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? 0) + 1
                        throw RecipeSyntaxError(location: SourceLocation(file: file, line: index + 1, column: column),
                                                message: "'# default:' takes true or false, not '\(value)'", lineText: line)
                    }
                    isDefault = value == "true"
                } else if summary.isEmpty {
                    summary = body
                }
                continue
            }
            var scanner = LineScanner(line: line, file: file, lineNumber: index + 1)
            steps.append(try scanner.step())
        }
        return Recipe(name: name, file: file, declaredTypes: types, isDefault: isDefault,
                      summary: summary, steps: steps, text: text)
    }

    /// Parses a single value as written after `=`. With `bareText`, text that is not a valid
    /// value (e.g. `a/b.fits`) is taken as a string, as users type on a command line.
    public static func value(_ text: String, file: String = "-p", line: Int = 1, column: Int = 1,
                             bareText: Bool = false) throws(RecipeSyntaxError) -> RecipeValue {
        let padded = String(repeating: " ", count: max(0, column - 1)) + text
        var scanner = LineScanner(line: padded, file: file, lineNumber: line)
        do {
            let value = try scanner.wholeValue()
            return value
        } catch {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if bareText, !trimmed.isEmpty, !trimmed.hasPrefix("\""), !trimmed.hasPrefix("'"), !trimmed.hasPrefix("[") {
                return .string(trimmed)
            }
            throw error
        }
    }

    private static func directive(_ key: String, in body: String) -> String? {
        let lower = body.lowercased()
        guard lower.hasPrefix(key) else { return nil }
        let rest = body.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
        guard rest.hasPrefix(":") else { return nil }
        return rest.dropFirst().trimmingCharacters(in: .whitespaces)
    }
}
