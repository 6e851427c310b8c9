/// Why one type did or did not match one dataset, for `adinfo --explain`.
///
/// ```swift
/// print(TypeExplanation.render(tree.explain(subject)))
/// // ✓ CAM_BIAS (CAM bias frames)
/// //     ✓ OBSTYPE = 'BIAS' in the primary header (found 'BIAS')
/// // ✗ CAM_TWILIGHT_FLAT: parent CAM_FLAT did not match
/// ```
public struct TypeExplanation: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// The requirement was evaluated; `held` on the result is the type's verdict.
        case evaluated(ConditionResult)
        /// The parent did not match, so the requirement was not looked at.
        case parentDidNotMatch(parent: String)
    }

    public var name: String
    public var usage: String
    public var family: TypeFamily
    public var matched: Bool
    public var outcome: Outcome

    /// The explanation as indented lines with ✓/✗ marks.
    public var renderedLines: [String] {
        let mark = matched ? "✓" : "✗"
        switch outcome {
        case .parentDidNotMatch(let parent):
            return ["\(mark) \(name): parent \(parent) did not match"]
        case .evaluated(let result):
            let usageText = usage.isEmpty ? "" : " (\(usage))"
            return ["\(mark) \(name)\(usageText)"] + result.renderedLines(indent: 4)
        }
    }

    /// Plain text a command-line tool can print directly, one line per node, newline-terminated.
    public static func render(_ explanations: [TypeExplanation]) -> String {
        explanations.flatMap(\.renderedLines).map { $0 + "\n" }.joined()
    }
}

extension TypeTree {
    /// For every type, in tree order, whether it matched and why. Unlike `classify`, this
    /// evaluates every node of every reachable requirement and never throws, so that overlapping
    /// definitions can be diagnosed.
    public func explain(_ subject: some ClassificationSubject) -> [TypeExplanation] {
        var evaluator = RequirementEvaluator(subject: subject, patterns: patterns)
        var outcomes: [String: TypeExplanation.Outcome] = [:]
        for name in evaluationOrder {
            let definition = self[name]!
            if let parent = definition.parent, evaluator.matched[parent] != true {
                evaluator.matched[name] = false
                outcomes[name] = .parentDidNotMatch(parent: parent)
            } else {
                let result = evaluator.explain(definition.requirement)
                evaluator.matched[name] = result.held
                outcomes[name] = .evaluated(result)
            }
        }
        return definitions.map { definition in
            TypeExplanation(name: definition.name, usage: definition.usage, family: definition.family,
                            matched: evaluator.matched[definition.name] == true,
                            outcome: outcomes[definition.name]!)
        }
    }

    /// `explain` rendered as text.
    public func explanationText(for subject: some ClassificationSubject) -> String {
        TypeExplanation.render(explain(subject))
    }
}
