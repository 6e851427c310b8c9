/// How one node of a requirement fared on one dataset, with what was actually seen.
///
/// ```swift
/// // ✓ INSTRUME = 'GMOS-N' in the primary header (found 'GMOS-N')
/// ConditionResult(description: "INSTRUME = 'GMOS-N' in the primary header",
///                 held: true, observed: "found 'GMOS-N'")
/// ```
public struct ConditionResult: Sendable, Hashable {
    /// The requirement node, e.g. `EXPTIME > 1 in the primary header`, or `all of:`.
    public var description: String
    public var held: Bool
    /// What the subject had, e.g. `found 30.0` or `EXPTIME is absent`; nil for composites.
    public var observed: String?
    /// The parts of `all of:`, `any of:` and `not:` nodes.
    public var children: [ConditionResult]

    public init(description: String, held: Bool, observed: String? = nil, children: [ConditionResult] = []) {
        self.description = description
        self.held = held
        self.observed = observed
        self.children = children
    }

    /// This node and its children, one per line, each indented four spaces per level.
    public func renderedLines(indent: Int = 0) -> [String] {
        let mark = held ? "✓" : "✗"
        let suffix = observed.map { " (\($0))" } ?? ""
        let line = String(repeating: " ", count: indent) + "\(mark) \(description)\(suffix)"
        return [line] + children.flatMap { $0.renderedLines(indent: indent + 4) }
    }
}
