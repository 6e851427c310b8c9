/// A parameter's value after it has been checked against its declaration.
///
/// ```swift
/// ParameterValue.real(2.5).description     // "2.5"
/// ParameterValue.list([.text("a")]).description   // "[a]"
/// ```
public indirect enum ParameterValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case integer(Int)
    case real(Double)
    case boolean(Bool)
    case text(String)
    case list([ParameterValue])

    public var description: String {
        switch self {
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .boolean(let b): return b ? "true" : "false"
        case .text(let s): return s
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        default: return nil
        }
    }
}

/// Where a parameter's value came from, lowest precedence first.
public enum ParameterOrigin: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The primitive's declared default.
    case declaredDefault
    /// A recipe argument.
    case recipe(SourceLocation)
    /// A line of `--param-file`.
    case parameterFile(SourceLocation)
    /// `-p name=value`, applying to every primitive with that parameter.
    case commandLine(String)
    /// `-p primitive:name=value`.
    case commandLineForPrimitive(String)

    /// Rank in the precedence order: a higher rank overrides a lower one.
    public var rank: Int {
        switch self {
        case .declaredDefault: return 0
        case .recipe: return 1
        case .parameterFile: return 2
        case .commandLine: return 3
        case .commandLineForPrimitive: return 4
        }
    }

    /// As `description`, with file names instead of paths (for `--explain`).
    public var shortDescription: String {
        switch self {
        case .recipe(let at): return "recipe \(at.shortened)"
        case .parameterFile(let at): return "--param-file \(at.shortened)"
        default: return description
        }
    }

    public var description: String {
        switch self {
        case .declaredDefault: return "default"
        case .recipe(let at): return "recipe \(at)"
        case .parameterFile(let at): return "--param-file \(at)"
        case .commandLine(let text), .commandLineForPrimitive(let text): return "-p \(text)"
        }
    }
}
