/// A position in a recipe or parameter file, printed the way compilers do: `file:line:column`
/// (both counted from 1).
///
/// ```swift
/// SourceLocation(file: "recipes/CAM/makeFlat.recipe", line: 3, column: 5).description
/// // "recipes/CAM/makeFlat.recipe:3:5"
/// ```
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
    /// `file:line`, for listings where the column adds nothing.
    public var fileAndLine: String { "\(file):\(line)" }
    /// The location with the file's name only (`makeFlat.recipe:3:5`).
    public var shortened: SourceLocation {
        SourceLocation(file: String(file.split(separator: "/").last ?? Substring(file)), line: line, column: column)
    }
}
