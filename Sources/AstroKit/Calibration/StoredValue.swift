import Foundation

/// A descriptor value as the calibration database stores it: typed, so numbers compare as
/// numbers and dates as dates, never as text.
public enum StoredValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case double(Double)
    case date(Date)
    /// Lists are stored as their items' text (CCD serials of a gain table).
    case list([String])

    /// The stored form of a descriptor value; nil for values no criterion can compare
    /// (sections, per-part values).
    public init?(_ value: DescriptorValue) {
        switch value {
        case .string(let s): self = .string(s)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .bool(let b): self = .int(b ? 1 : 0)
        case .date(let d): self = .date(d)
        case .list(let items): self = .list(items.map(\.text))
        case .section(let s): self = .string(s.iraf)
        case .named: return nil
        }
    }

    /// Column values: kind, text, number.
    var columns: (kind: String, text: String?, number: Double?) {
        switch self {
        case .string(let s): return ("string", s, nil)
        case .int(let i): return ("int", nil, Double(i))
        case .double(let d): return ("double", nil, d)
        case .date(let d): return ("date", nil, d.timeIntervalSince1970)
        case .list(let items):
            let data = (try? JSONSerialization.data(withJSONObject: items)) ?? Data("[]".utf8)
            return ("list", String(decoding: data, as: UTF8.self), nil)
        }
    }

    init?(kind: String, text: String?, number: Double?) {
        switch kind {
        case "string": guard let text else { return nil }; self = .string(text)
        case "int": guard let number else { return nil }; self = .int(Int(number))
        case "double": guard let number else { return nil }; self = .double(number)
        case "date": guard let number else { return nil }; self = .date(Date(timeIntervalSince1970: number))
        case "list":
            guard let text, let items = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] else { return nil }
            self = .list(items)
        default: return nil
        }
    }

    public var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    public var date: Date? {
        if case .date(let d) = self { return d }
        return nil
    }

    /// Text for explanations and listings.
    public var text: String {
        switch self {
        case .string(let s): return "'\(s)'"
        case .int(let i): return String(i)
        case .double(let d): return StoredValue.format(d)
        case .date(let d): return StoredValue.dateText(d)
        case .list(let items): return "[" + items.map { "'\($0)'" }.joined(separator: ", ") + "]"
        }
    }

    /// The value as JSON (`caldb list --json`).
    public var jsonObject: Any {
        switch self {
        case .string(let s): return s
        case .int(let i): return i
        case .double(let d): return d
        case .date(let d): return StoredValue.dateText(d)
        case .list(let items): return items
        }
    }

    /// Equality for matching: integers and doubles compare as numbers; text exactly.
    func matches(_ other: StoredValue) -> Bool {
        if let a = number, let b = other.number { return a == b }
        return self == other
    }

    static func format(_ d: Double) -> String {
        if d.rounded() == d && abs(d) < 1e15 { return String(Int(d)) }
        return String(format: "%.6g", d)
    }

    static func dateText(_ d: Date) -> String {
        d.formatted(.iso8601.year().month().day().dateTimeSeparator(.standard).time(includingFractionalSeconds: false))
    }
}
