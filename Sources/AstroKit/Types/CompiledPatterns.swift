/// The regular expressions of a tree, compiled once when the tree is built so that
/// classification never compiles (or fails to compile) a pattern.
struct CompiledPatterns: @unchecked Sendable {
    // Regex<AnyRegexOutput> is not declared Sendable only because of its output type; the
    // regexes are never mutated after init and Regex compiles its program thread-safely.
    private let regexes: [String: Regex<AnyRegexOutput>]

    init() { regexes = [:] }

    /// Compiles every pattern of every definition, naming the type of the first bad one.
    init(_ definitions: [TypeDefinition]) throws(TypeTreeError) {
        var regexes: [String: Regex<AnyRegexOutput>] = [:]
        for definition in definitions {
            for pattern in definition.requirement.patterns where regexes[pattern] == nil {
                do {
                    regexes[pattern] = try Regex(pattern)
                } catch {
                    throw .invalidPattern(type: definition.name, pattern: pattern, reason: "\(error)")
                }
            }
        }
        self.regexes = regexes
    }

    /// Whether `text` contains a match. Patterns outside the tree (never the case for
    /// requirements the tree validated) are compiled on the spot and fail closed.
    func matches(_ pattern: String, _ text: String) -> Bool {
        guard let regex = regexes[pattern] ?? (try? Regex(pattern)) else { return false }
        return text.contains(regex)
    }
}
