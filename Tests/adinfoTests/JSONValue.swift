import Foundation

/// A decoded JSON value that keeps booleans, numbers and strings apart (JSONSerialization's
/// NSNumber blurs true and 1), for comparing adinfo's output with the corpus references.
indirect enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue]), null

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var array: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    var object: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    var number: Double? { if case .number(let d) = self { return d } else { return nil } }
    var string: String? { if case .string(let s) = self { return s } else { return nil } }

    var description: String {
        switch self {
        case .bool(let b): return String(b)
        case .number(let d): return String(d)
        case .string(let s): return "'\(s)'"
        case .array(let a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.keys.sorted().map { "\($0): \(o[$0]!)" }.joined(separator: ", ") + "}"
        case .null: return "null"
        }
    }

    /// Equality with numbers compared to a relative tolerance.
    func matches(_ other: JSONValue, relativeTolerance: Double = 1e-6) -> Bool {
        switch (self, other) {
        case (.number(let a), .number(let b)):
            if a == b { return true }
            // The absolute floor absorbs float32 denormals (~1e-38) that libraries flush to zero.
            return abs(a - b) <= relativeTolerance * max(abs(a), abs(b)) + 1e-30
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.matches($1, relativeTolerance: relativeTolerance) }
        default:
            return self == other
        }
    }
}
