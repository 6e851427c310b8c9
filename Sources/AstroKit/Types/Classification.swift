/// The types one dataset belongs to.
///
/// ```swift
/// let c = try tree.classify(subject)
/// c.types          // ["CAM", "CAM_FLAT", "CAM_TWILIGHT_FLAT", "RAW"]
/// c.leaf           // "CAM_TWILIGHT_FLAT"
/// c.statusLeaves   // ["RAW"]
/// ```
public struct Classification: Sendable, Hashable {
    /// Every matched type, in tree order. Ancestors of a matched type are always included.
    public let types: [String]
    /// Matched instrument types with no matched child: the most specific typology.
    public let instrumentLeaves: [String]
    /// Matched status types with no matched child.
    public let statusLeaves: [String]

    /// Both families' leaves, instrument first.
    public var leaves: [String] { instrumentLeaves + statusLeaves }
    /// The single most specific instrument type, or nil when nothing instrument-specific matched.
    public var leaf: String? { instrumentLeaves.first }

    public func contains(_ type: String) -> Bool { types.contains(type) }
}

/// Why a dataset could not be classified.
public enum ClassificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Two unrelated types of one family both matched, so the definitions overlap.
    case ambiguous(family: TypeFamily, first: String, second: String, fileName: String?)

    public var description: String {
        switch self {
        case .ambiguous(_, let first, let second, let fileName):
            let subject = fileName.map { "\($0) is" } ?? "The data are"
            return "\(subject) both \(first) and \(second), two unrelated types;"
                + " make one requirement exclude the other"
        }
    }
}

extension TypeTree {
    /// The types a dataset belongs to. Headers only: each type's requirement is evaluated at
    /// most once, and not at all when its parent did not match.
    ///
    /// - Throws: `ClassificationError.ambiguous` when two unrelated types of one family match,
    ///   since downstream recipes pick by leaf and would otherwise pick arbitrarily.
    public func classify(_ subject: some ClassificationSubject) throws(ClassificationError) -> Classification {
        let matched = decide(subject)
        let types = definitions.map(\.name).filter { matched[$0] == true }
        func leaves(_ family: TypeFamily) -> [String] {
            types.filter { name in
                self[name]!.family == family && !children(of: name).contains { matched[$0] == true }
            }
        }
        let classification = Classification(
            types: types, instrumentLeaves: leaves(.instrument), statusLeaves: leaves(.status))
        // Leaves are never ancestors of one another (a matched type's ancestors all matched),
        // so any two leaves of one family are unrelated.
        for (family, found) in [(TypeFamily.instrument, classification.instrumentLeaves),
                                (.status, classification.statusLeaves)] where found.count > 1 {
            throw .ambiguous(family: family, first: found[0], second: found[1], fileName: subject.fileName)
        }
        return classification
    }

    /// Whether each type matched, evaluated in dependency order.
    func decide(_ subject: some ClassificationSubject) -> [String: Bool] {
        var evaluator = RequirementEvaluator(subject: subject, patterns: patterns)
        for name in evaluationOrder {
            let definition = self[name]!
            let parentMatched = definition.parent.map { evaluator.matched[$0] == true } ?? true
            evaluator.matched[name] = parentMatched && evaluator.holds(definition.requirement)
        }
        return evaluator.matched
    }
}
