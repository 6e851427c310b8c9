/// A numeric comparison used by keyword conditions and by `Requirement.extensionCount`.
///
/// ```swift
/// Comparison.atLeast.holds(3, 2)   // true: 3 >= 2
/// ```
public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case lessThan = "<"
    case atMost = "<="
    case greaterThan = ">"
    case atLeast = ">="
    case equal = "="
    case notEqual = "!="

    /// The symbol shown in descriptions.
    public var symbol: String { rawValue }

    /// Whether `observed <comparison> expected` holds; `==` and `!=` allow `tolerance`.
    public func holds(_ observed: Double, _ expected: Double, tolerance: Double = 0) -> Bool {
        switch self {
        case .lessThan: return observed < expected
        case .atMost: return observed <= expected
        case .greaterThan: return observed > expected
        case .atLeast: return observed >= expected
        case .equal: return abs(observed - expected) <= tolerance
        case .notEqual: return abs(observed - expected) > tolerance
        }
    }
}

/// A number as a person would write it in a header: `30` rather than `30.0` when whole.
func formatNumber(_ x: Double) -> String {
    if x.rounded() == x && abs(x) < 1e15 { return String(Int(x)) }
    return String(x)
}
