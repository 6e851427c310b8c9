/// A value written in a recipe (or given with `-p`): a number, a quoted string, `true`/`false`,
/// a bare identifier, or a list of values.
///
/// ```swift
/// try RecipeParser.value("[1, 2.5]")   // .list([.integer(1), .real(2.5)])
/// try RecipeParser.value("median")     // .identifier("median")
/// ```
public indirect enum RecipeValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int)
    case real(Double)
    case string(String)
    case boolean(Bool)
    case identifier(String)
    case list([RecipeValue])

    /// The value as it would be written in a recipe.
    public var description: String {
        switch self {
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .string(let s): return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .boolean(let b): return b ? "true" : "false"
        case .identifier(let s): return s
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }

    /// What kind of value this is, for error messages ("got a quoted string").
    public var kindName: String {
        switch self {
        case .integer: return "an integer"
        case .real: return "a real number"
        case .string: return "a quoted string"
        case .boolean: return "a boolean"
        case .identifier: return "a bare name"
        case .list: return "a list"
        }
    }
}
