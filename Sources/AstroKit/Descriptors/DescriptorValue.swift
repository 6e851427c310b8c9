import Foundation

/// A typed descriptor value. Descriptors never return untyped text where a number is meant.
public enum DescriptorValue: Sendable, Hashable {
    case double(Double)
    case int(Int)
    case string(String)
    case bool(Bool)
    case date(Date)
    case section(Section)
    /// One value per named part (e.g. per quadrant E, F, G, H), in a fixed order.
    case named([NamedValue])
    case list([DescriptorValue])

    public struct NamedValue: Sendable, Hashable {
        public var name: String
        public var value: DescriptorValue
        public init(_ name: String, _ value: DescriptorValue) {
            self.name = name
            self.value = value
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: return nil
        }
    }

    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d: return Int(d)
        default: return nil
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var sectionValue: Section? {
        if case .section(let s) = self { return s }
        return nil
    }

    public var dateValue: Date? {
        if case .date(let d) = self { return d }
        return nil
    }

    /// The value named `name` in a `.named` value.
    public subscript(name: String) -> DescriptorValue? {
        if case .named(let parts) = self { return parts.first { $0.name == name }?.value }
        return nil
    }

    /// Text for terminals and tab-separated output: numbers in full precision, sections in
    /// IRAF notation, dates in ISO 8601.
    public var text: String {
        switch self {
        case .double(let d): return DescriptorValue.format(d)
        case .int(let i): return String(i)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return DescriptorValue.isoFormat.format(d)
        case .section(let s): return s.iraf
        case .named(let parts): return parts.map { "\($0.name)=\($0.value.text)" }.joined(separator: " ")
        case .list(let items): return items.map(\.text).joined(separator: ",")
        }
    }

    /// The value as a JSON-compatible object (for `adinfo --json`).
    public var jsonObject: Any {
        switch self {
        case .double(let d): return d.isFinite ? d : String(d)
        case .int(let i): return i
        case .string(let s): return s
        case .bool(let b): return b
        case .date: return text
        case .section(let s): return s.iraf
        case .named(let parts):
            var object: [String: Any] = [:]
            for part in parts { object[part.name] = part.value.jsonObject }
            return object
        case .list(let items): return items.map(\.jsonObject)
        }
    }

    static func format(_ d: Double) -> String {
        if d.rounded() == d && abs(d) < 1e15 { return String(format: "%.1f", d) }
        return "\(d)"
    }

    static let isoFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
