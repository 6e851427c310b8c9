/// Decides requirements for one subject, given which types have already been decided.
///
/// There are two entry points over the same condition logic: `holds` short-circuits and
/// builds no text, for classification; `explain` evaluates every node and records what it saw.
struct RequirementEvaluator {
    let subject: any ClassificationSubject
    let patterns: CompiledPatterns
    /// Types decided so far; the tree's evaluation order guarantees isType targets are here.
    var matched: [String: Bool] = [:]

    func holds(_ requirement: Requirement) -> Bool {
        switch requirement {
        case .keyword(let keyword, let condition, let scope):
            switch scope {
            case .primary:
                return condition.accepts(subject.primaryHeader[keyword], patterns: patterns)
            case .anyExtension:
                return subject.extensionHeaders.contains { condition.accepts($0[keyword], patterns: patterns) }
            case .everyExtension:
                let headers = subject.extensionHeaders
                return !headers.isEmpty && headers.allSatisfy { condition.accepts($0[keyword], patterns: patterns) }
            }
        case .fileName(let pattern):
            guard let name = subject.fileName else { return false }
            return patterns.matches(pattern, name)
        case .extensionCount(let comparison, let n):
            return comparison.holds(Double(subject.extensionHeaders.count), Double(n))
        case .descriptor(let name, let condition):
            return condition.accepts(subject.descriptorValue(name), patterns: patterns)
        case .isType(let name): return matched[name] ?? false
        case .all(let parts): return parts.allSatisfy(holds)
        case .any(let parts): return parts.contains(where: holds)
        case .not(let inner): return !holds(inner)
        }
    }

    func explain(_ requirement: Requirement) -> ConditionResult {
        let headline = requirement.headline
        switch requirement {
        case .keyword(let keyword, let condition, let scope):
            let (held, observed) = explainKeyword(keyword, condition, scope)
            return ConditionResult(description: headline, held: held, observed: observed)
        case .fileName:
            let observed = subject.fileName.map { "file name '\($0)'" } ?? "no file name"
            return ConditionResult(description: headline, held: holds(requirement), observed: observed)
        case .extensionCount:
            let count = subject.extensionHeaders.count
            let observed = count == 1 ? "1 extension" : "\(count) extensions"
            return ConditionResult(description: headline, held: holds(requirement), observed: observed)
        case .descriptor(let name, let condition):
            let value = subject.descriptorValue(name)
            let held = condition.accepts(value, patterns: patterns)
            return ConditionResult(description: headline, held: held, observed: Self.seen(value, "descriptor \(name)"))
        case .isType(let name):
            let held = holds(requirement)
            return ConditionResult(description: headline, held: held,
                                   observed: held ? "\(name) matched" : "\(name) did not match")
        case .all(let parts):
            let children = parts.map(explain)
            return ConditionResult(description: headline, held: children.allSatisfy(\.held), children: children)
        case .any(let parts):
            let children = parts.map(explain)
            return ConditionResult(description: headline, held: children.contains(where: \.held), children: children)
        case .not(let inner):
            let child = explain(inner)
            return ConditionResult(description: headline, held: !child.held, children: [child])
        }
    }

    /// What a value looks like in an explanation: `found 'GMOS-N'` or `EXPTIME is absent`.
    private static func seen(_ value: HeaderValue?, _ subject: String) -> String {
        value.map { "found \($0.observedText)" } ?? "\(subject) is absent"
    }

    private func explainKeyword(_ keyword: String, _ condition: Condition, _ scope: HeaderScope) -> (Bool, String) {
        if scope == .primary {
            let value = subject.primaryHeader[keyword]
            return (condition.accepts(value, patterns: patterns), Self.seen(value, keyword))
        }
        let values = subject.extensionHeaders.map { $0[keyword] }
        guard !values.isEmpty else { return (false, "no extensions") }
        let verdicts = values.map { condition.accepts($0, patterns: patterns) }
        // Extensions are numbered from 1, as in FITS, so the index points at the HDU.
        func at(_ i: Int) -> String { "extension \(i + 1): \(Self.seen(values[i], keyword))" }
        switch scope {
        case .anyExtension:
            if let i = verdicts.firstIndex(of: true) { return (true, at(i)) }
            if values.count == 1 { return (false, at(0)) }
            let seen = values.enumerated().map { "[\($0.offset + 1)] \($0.element?.observedText ?? "absent")" }
            return (false, "none of \(values.count) extensions: " + seen.joined(separator: ", "))
        default:
            if let i = verdicts.firstIndex(of: false) { return (false, at(i)) }
            return (true, values.count == 1 ? "the only extension" : "all \(values.count) extensions")
        }
    }
}
