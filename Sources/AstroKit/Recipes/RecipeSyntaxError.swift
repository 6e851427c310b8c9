/// A recipe, parameter file or `-p` value that does not follow the recipe grammar.
///
/// Printed as `file:line:column: message`, then the offending line with a caret under the column.
public struct RecipeSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    /// The line the error is on.
    public var lineText: String

    public init(location: SourceLocation, message: String, lineText: String) {
        self.location = location
        self.message = message
        self.lineText = lineText
    }

    public var description: String {
        PositionedText.render(location: location, message: message, lineText: lineText)
    }
}

/// The compiler-style layout shared by every positioned error.
enum PositionedText {
    static func render(location: SourceLocation, message: String, lineText: String) -> String {
        var text = "\(location): \(message)"
        if !lineText.isEmpty {
            text += "\n    " + lineText + "\n    " + String(repeating: " ", count: max(0, location.column - 1)) + "^"
        }
        return text
    }
}
