/// Where a keyword condition looks.
public enum HeaderScope: Sendable, Hashable {
    /// The primary header (HDU 0).
    case primary
    /// At least one extension header.
    case anyExtension
    /// Every extension header, and there must be at least one.
    case everyExtension

    var phrase: String {
        switch self {
        case .primary: return "in the primary header"
        case .anyExtension: return "in some extension"
        case .everyExtension: return "in every extension"
        }
    }
}

/// The declarative requirement a dataset must meet to be of a type.
///
/// Requirements are data: they can be compared, hashed, described and explained, and the
/// tree checks them (type references, regular expressions) once, when it is built.
///
/// ```swift
/// let flat: Requirement = .primary("OBSTYPE", .equals("FLAT"))
///     && !.isType("CAM_BIAS")
///     && .anyExtension("EXTNAME", .matches("^SCI$"))
/// print(flat)   // OBSTYPE = 'FLAT' in the primary header and is not CAM_BIAS and …
/// ```
public indirect enum Requirement: Sendable, Hashable, CustomStringConvertible {
    /// A condition on a header keyword, looked up case-insensitively.
    case keyword(String, Condition, in: HeaderScope)
    /// The file's base name contains a match of this regular expression.
    case fileName(matches: String)
    /// The number of extension HDUs compares so to `n`.
    case extensionCount(Comparison, Int)
    /// A condition on a value the subject derives (`ClassificationSubject.descriptorValue`).
    case descriptor(String, Condition)
    /// Another type matched this subject.
    case isType(String)
    /// Every requirement holds; an empty list always holds.
    case all([Requirement])
    /// At least one requirement holds; an empty list never holds.
    case any([Requirement])
    /// The requirement does not hold.
    case not(Requirement)

    /// A requirement that always holds, for types whose parent says everything.
    public static let always: Requirement = .all([])

    public static func primary(_ keyword: String, _ condition: Condition) -> Requirement {
        .keyword(keyword, condition, in: .primary)
    }
    public static func anyExtension(_ keyword: String, _ condition: Condition) -> Requirement {
        .keyword(keyword, condition, in: .anyExtension)
    }
    public static func everyExtension(_ keyword: String, _ condition: Condition) -> Requirement {
        .keyword(keyword, condition, in: .everyExtension)
    }

    /// One line, e.g. `INSTRUME = 'GMOS-N' in the primary header`.
    public var description: String {
        switch self {
        case .all(let parts) where parts.isEmpty: return "always"
        case .any(let parts) where parts.isEmpty: return "never"
        case .all(let parts): return parts.map(\.nestedDescription).joined(separator: " and ")
        case .any(let parts): return parts.map(\.nestedDescription).joined(separator: " or ")
        case .not(.isType(let name)): return "is not \(name)"
        case .not(let inner): return "not (\(inner.description))"
        default: return headline
        }
    }

    /// The description, parenthesised when it joins several parts (`not` brings its own).
    private var nestedDescription: String {
        switch self {
        case .all(let parts) where parts.count > 1: return "(\(description))"
        case .any(let parts) where parts.count > 1: return "(\(description))"
        default: return description
        }
    }

    /// The line an explanation shows for this node; composites introduce their children.
    var headline: String {
        switch self {
        case .keyword(let keyword, let condition, let scope):
            return "\(condition.phrase(about: keyword)) \(scope.phrase)"
        case .fileName(let pattern): return "file name matches /\(pattern)/"
        case .extensionCount(let comparison, let n): return "number of extensions \(comparison.symbol) \(n)"
        case .descriptor(let name, let condition): return condition.phrase(about: "descriptor \(name)")
        case .isType(let name): return "is \(name)"
        case .all(let parts): return parts.isEmpty ? "always" : "all of:"
        case .any(let parts): return parts.isEmpty ? "never" : "any of:"
        case .not: return "not:"
        }
    }

    /// Names used in `isType`, anywhere in the requirement.
    var referencedTypes: [String] {
        switch self {
        case .isType(let name): return [name]
        case .all(let parts), .any(let parts): return parts.flatMap(\.referencedTypes)
        case .not(let inner): return inner.referencedTypes
        default: return []
        }
    }

    /// Regular expressions the requirement needs compiled.
    var patterns: [String] {
        switch self {
        case .keyword(_, let condition, _), .descriptor(_, let condition): return condition.pattern.map { [$0] } ?? []
        case .fileName(let pattern): return [pattern]
        case .all(let parts), .any(let parts): return parts.flatMap(\.patterns)
        case .not(let inner): return inner.patterns
        case .extensionCount, .isType: return []
        }
    }
}

/// Both hold; nested `&&` chains flatten into one `.all`.
public func && (lhs: Requirement, rhs: Requirement) -> Requirement {
    func parts(_ r: Requirement) -> [Requirement] {
        if case .all(let inner) = r, !inner.isEmpty { return inner }
        return [r]
    }
    return .all(parts(lhs) + parts(rhs))
}

/// Either holds; nested `||` chains flatten into one `.any`.
public func || (lhs: Requirement, rhs: Requirement) -> Requirement {
    func parts(_ r: Requirement) -> [Requirement] {
        if case .any(let inner) = r, !inner.isEmpty { return inner }
        return [r]
    }
    return .any(parts(lhs) + parts(rhs))
}

/// The requirement does not hold.
public prefix func ! (requirement: Requirement) -> Requirement { .not(requirement) }
