/// Why a reduction plan cannot be made. Every error about a recipe line gives its
/// file:line:column, the line, and a "did you mean ...?" when a known name is close.
public enum PlanError: Error, Sendable, CustomStringConvertible {
    case syntax(RecipeSyntaxError)
    /// A step names neither a recipe nor a primitive available for the data.
    case unknownStep(name: String, types: String, suggestion: String?, location: SourceLocation, line: String)
    /// The recipe or primitive asked for on the command line does not exist for the data.
    case unknownTarget(name: String, types: String, suggestion: String?)
    case noDefaultRecipe(types: String)
    case unknownArgument(primitive: String, argument: String, suggestion: String?, location: SourceLocation, line: String)
    case badArgument(primitive: String, argument: String, problem: ParameterProblem, location: SourceLocation, line: String)
    case argumentsToRecipe(recipe: String, file: String, location: SourceLocation, line: String)
    case cycle(chain: [String], location: SourceLocation, line: String)
    case tie(name: String, first: String, firstType: String, second: String, secondType: String)
    case unknownTypeInHeader(file: String, type: String, suggestion: String?)
    case mixedPrimitiveSets([(set: String, files: [String])])
    /// A `-p` or parameter-file setting that matches nothing in the plan, or whose value does not fit.
    case unknownUserParameter(setting: String, source: String, reason: String, suggestion: String?)
    case malformedSetting(source: String, text: String)
    case badUserParameter(setting: String, source: String, primitive: String, parameter: String, problem: ParameterProblem)

    public var description: String {
        func hint(_ s: String?) -> String { s.map { "; did you mean '\($0)'?" } ?? "" }
        switch self {
        case .syntax(let error):
            return error.description
        case .unknownStep(let name, let types, let suggestion, let location, let line):
            return PositionedText.render(location: location, message:
                "'\(name)' is neither a recipe nor a primitive for \(types) data\(hint(suggestion))", lineText: line)
        case .unknownTarget(let name, let types, let suggestion):
            return "'\(name)' is neither a recipe nor a primitive for \(types) data\(hint(suggestion));"
                + " 'reduce --list FILES' shows what is available"
        case .noDefaultRecipe(let types):
            return "no default recipe for \(types) data; name a recipe, or mark one with '# default: true'"
        case .unknownArgument(let primitive, let argument, let suggestion, let location, let line):
            return PositionedText.render(location: location, message:
                "\(primitive) has no parameter '\(argument)'\(hint(suggestion))", lineText: line)
        case .badArgument(let primitive, let argument, let problem, let location, let line):
            return PositionedText.render(location: location, message:
                "\(primitive) parameter '\(argument)' \(problem)", lineText: line)
        case .argumentsToRecipe(let recipe, let file, let location, let line):
            return PositionedText.render(location: location, message:
                "\(recipe) is a recipe (\(file)) and takes no arguments; set its primitives' parameters with -p or --param-file",
                lineText: line)
        case .cycle(let chain, let location, let line):
            return PositionedText.render(location: location, message:
                "recipe cycle: \(chain.joined(separator: " -> "))", lineText: line)
        case .tie(let name, let first, let firstType, let second, let secondType):
            return "two recipes named '\(name)' are equally specific for these data: \(first) (for \(firstType))"
                + " and \(second) (for \(secondType)); remove one or give one a more specific '# types:' line"
        case .unknownTypeInHeader(let file, let type, let suggestion):
            return "\(file): '# types:' names '\(type)', which no configuration defines\(hint(suggestion))"
        case .mixedPrimitiveSets(let groups):
            let parts = groups.map { "\($0.files.joined(separator: ", ")) use the \($0.set) primitives" }
            return "the inputs need different primitive sets: " + parts.joined(separator: "; ")
                + "; reduce them in separate runs"
        case .unknownUserParameter(let setting, let source, let reason, let suggestion):
            return "\(source) \(setting): \(reason)\(hint(suggestion))"
        case .malformedSetting(let source, let text):
            return "\(source) '\(text)': expected name=value or primitive:name=value"
        case .badUserParameter(let setting, let source, let primitive, let parameter, let problem):
            return "\(source) \(setting): \(primitive) parameter '\(parameter)' \(problem)"
        }
    }
}
