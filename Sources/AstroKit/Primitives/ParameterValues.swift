/// The resolved parameters of one primitive call: every declared parameter with its value and
/// where the value came from.
///
/// ```swift
/// let level = try parameters.double("value")     // 5.0
/// parameters.origin(of: "value")                 // .recipe(makeFlat.recipe:3:16)
/// ```
public struct ParameterValues: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var name: String
        public var value: ParameterValue
        public var origin: ParameterOrigin
    }

    /// In declaration order.
    public private(set) var entries: [Entry]
    /// The primitive these belong to, for error messages.
    public let primitive: String

    public init(primitive: String, entries: [Entry]) {
        self.primitive = primitive
        self.entries = entries
    }

    /// Every declared parameter at its default.
    public init(defaultsOf primitive: any Primitive) {
        self.primitive = primitive.name
        self.entries = primitive.parameters.map { Entry(name: $0.name, value: $0.defaultValue, origin: .declaredDefault) }
    }

    public subscript(name: String) -> ParameterValue? { entries.first { $0.name == name }?.value }

    public func origin(of name: String) -> ParameterOrigin? { entries.first { $0.name == name }?.origin }

    /// Sets a value when `origin` ranks at least as high as the current one's.
    mutating func apply(_ name: String, _ value: ParameterValue, origin: ParameterOrigin) {
        guard let i = entries.firstIndex(where: { $0.name == name }), origin.rank >= entries[i].origin.rank else { return }
        entries[i].value = value
        entries[i].origin = origin
    }

    /// `name=value` pairs, for logs and provenance.
    public var summary: String { entries.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") }

    private func required(_ name: String) throws(UndeclaredParameter) -> ParameterValue {
        guard let value = self[name] else { throw UndeclaredParameter(primitive: primitive, parameter: name) }
        return value
    }

    public func double(_ name: String) throws -> Double {
        let value = try required(name)
        guard let d = value.doubleValue else { throw UndeclaredParameter(primitive: primitive, parameter: name, wrongKind: "a number") }
        return d
    }

    public func int(_ name: String) throws -> Int {
        guard case .integer(let i) = try required(name) else {
            throw UndeclaredParameter(primitive: primitive, parameter: name, wrongKind: "an integer")
        }
        return i
    }

    public func bool(_ name: String) throws -> Bool {
        guard case .boolean(let b) = try required(name) else {
            throw UndeclaredParameter(primitive: primitive, parameter: name, wrongKind: "a boolean")
        }
        return b
    }

    public func string(_ name: String) throws -> String {
        guard case .text(let s) = try required(name) else {
            throw UndeclaredParameter(primitive: primitive, parameter: name, wrongKind: "text")
        }
        return s
    }

    public func strings(_ name: String) throws -> [String] {
        guard case .list(let items) = try required(name) else {
            throw UndeclaredParameter(primitive: primitive, parameter: name, wrongKind: "a list")
        }
        return items.map(\.description)
    }

    public func doubles(_ name: String) throws -> [Double] {
        guard case .list(let items) = try required(name) else {
            throw UndeclaredParameter(primitive: primitive, parameter: name, wrongKind: "a list")
        }
        return items.compactMap(\.doubleValue)
    }
}

/// A primitive read a parameter it does not declare (or as the wrong kind): a programming error
/// in the primitive, reported instead of guessed around.
public struct UndeclaredParameter: Error, Sendable, CustomStringConvertible {
    public var primitive: String
    public var parameter: String
    public var wrongKind: String?

    public init(primitive: String, parameter: String, wrongKind: String? = nil) {
        self.primitive = primitive
        self.parameter = parameter
        self.wrongKind = wrongKind
    }

    public var description: String {
        if let wrongKind { return "primitive \(primitive) reads parameter \(parameter) as \(wrongKind), which its declaration does not give" }
        return "primitive \(primitive) reads parameter \(parameter), which it does not declare"
    }
}
