/// A test on one header value (or derived value): the right-hand side of a keyword requirement.
///
/// ```swift
/// Requirement.primary("INSTRUME", .equals("GMOS-N"))
/// Requirement.primary("EXPTIME", .greaterThan(1))
/// Requirement.anyExtension("EXTNAME", .matches("^ROE1_CCD[123]$"))
/// ```
public enum Condition: Sendable, Hashable {
    /// The value's text, trailing blanks removed, equals this string (case-sensitive).
    /// Numbers and logicals compare by their header text (`1`, `2.5`, `T`).
    case text(String)
    /// The value is a logical with this truth value.
    case logical(Bool)
    /// The value is a number (integer or real) and the comparison holds; `tolerance` applies
    /// to `.equal` and `.notEqual`, so reals written with rounding can still be matched.
    case number(Comparison, Double, tolerance: Double)
    /// The value's text, trailing blanks removed, contains a match of this regular expression.
    /// Anchor with `^…$` to match the whole value.
    case matches(String)
    /// The keyword has a value.
    case present
    /// The keyword has no value.
    case absent
    /// The value's text equals one of these strings; numbers also match numerically, so
    /// `oneOf(["1", "2"])` accepts `CCDSUM = 2` and `CCDSUM = 2.0`.
    case oneOf([String])

    public static func equals(_ text: String) -> Condition { .text(text) }
    public static func equals(_ value: Bool) -> Condition { .logical(value) }
    public static func equals(_ value: Double, tolerance: Double = 0) -> Condition {
        .number(.equal, value, tolerance: tolerance)
    }
    public static func notEquals(_ value: Double, tolerance: Double = 0) -> Condition {
        .number(.notEqual, value, tolerance: tolerance)
    }
    public static func lessThan(_ value: Double) -> Condition { .number(.lessThan, value, tolerance: 0) }
    public static func atMost(_ value: Double) -> Condition { .number(.atMost, value, tolerance: 0) }
    public static func greaterThan(_ value: Double) -> Condition { .number(.greaterThan, value, tolerance: 0) }
    public static func atLeast(_ value: Double) -> Condition { .number(.atLeast, value, tolerance: 0) }

    /// The condition as a phrase about `subject`, e.g. `INSTRUME = 'GMOS-N'`.
    public func phrase(about subject: String) -> String {
        switch self {
        case .text(let text): return "\(subject) = '\(text)'"
        case .logical(let value): return "\(subject) = \(value ? "T" : "F")"
        case .number(let comparison, let value, let tolerance):
            let bound = tolerance > 0 && (comparison == .equal || comparison == .notEqual)
                ? " ± \(formatNumber(tolerance))" : ""
            return "\(subject) \(comparison.symbol) \(formatNumber(value))\(bound)"
        case .matches(let pattern): return "\(subject) matches /\(pattern)/"
        case .present: return "\(subject) is present"
        case .absent: return "\(subject) is absent"
        case .oneOf(let texts): return "\(subject) is one of " + texts.map { "'\($0)'" }.joined(separator: ", ")
        }
    }

    /// The regular expression this condition needs compiled, if any.
    var pattern: String? {
        if case .matches(let pattern) = self { return pattern }
        return nil
    }

    /// Whether a value (nil when the keyword is absent) satisfies the condition.
    func accepts(_ value: HeaderValue?, patterns: CompiledPatterns) -> Bool {
        switch self {
        case .present: return value != nil
        case .absent: return value == nil
        default: break
        }
        guard let value else { return false }
        switch self {
        case .text(let text): return value.comparableText == text
        case .logical(let expected): return value.boolValue == expected
        case .number(let comparison, let expected, let tolerance):
            guard let observed = value.doubleValue else { return false }
            return comparison.holds(observed, expected, tolerance: tolerance)
        case .matches(let pattern): return patterns.matches(pattern, value.comparableText)
        case .oneOf(let texts):
            let observed = value.comparableText
            let number = value.doubleValue
            return texts.contains { $0 == observed || (number != nil && Double($0) == number) }
        case .present, .absent: return false  // handled above
        }
    }
}

extension HeaderValue {
    /// The text requirements compare against: FITS string padding is not significant.
    var comparableText: String {
        var text = description[...]
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }

    /// The value as it would be written in a header: strings quoted, numbers bare.
    var observedText: String {
        switch self {
        case .string: return "'\(comparableText)'"
        case .undefined: return "an empty value"
        default: return description
        }
    }
}
