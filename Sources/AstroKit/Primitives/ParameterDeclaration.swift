/// What a primitive accepts for one parameter: its kind, default, allowed range or choices, and
/// a one-line description.
///
/// ```swift
/// ParameterDeclaration.real("value", default: 0, range: -1e6...1e6, doc: "Level to subtract, ADU")
/// ParameterDeclaration.choice("operation", default: "mean", choices: ["mean", "median"],
///                             doc: "How to combine the frames")
/// ```
public struct ParameterDeclaration: Sendable, Hashable {
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        case integer, real, boolean, text
        case choice([String])
        case textList, realList

        public var description: String {
            switch self {
            case .integer: return "integer"
            case .real: return "real"
            case .boolean: return "boolean"
            case .text: return "text"
            case .choice(let options): return "one of " + options.joined(separator: ", ")
            case .textList: return "list of text"
            case .realList: return "list of reals"
            }
        }
    }

    public var name: String
    public var kind: Kind
    public var defaultValue: ParameterValue
    /// Allowed closed interval for numbers (each element, for lists).
    public var range: ClosedRange<Double>?
    public var doc: String

    public init(name: String, kind: Kind, defaultValue: ParameterValue, range: ClosedRange<Double>? = nil, doc: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.range = range
        self.doc = doc
    }

    public static func integer(_ name: String, default value: Int, range: ClosedRange<Double>? = nil, doc: String) -> Self {
        .init(name: name, kind: .integer, defaultValue: .integer(value), range: range, doc: doc)
    }
    public static func real(_ name: String, default value: Double, range: ClosedRange<Double>? = nil, doc: String) -> Self {
        .init(name: name, kind: .real, defaultValue: .real(value), range: range, doc: doc)
    }
    public static func boolean(_ name: String, default value: Bool, doc: String) -> Self {
        .init(name: name, kind: .boolean, defaultValue: .boolean(value), doc: doc)
    }
    public static func text(_ name: String, default value: String, doc: String) -> Self {
        .init(name: name, kind: .text, defaultValue: .text(value), doc: doc)
    }
    public static func choice(_ name: String, default value: String, choices: [String], doc: String) -> Self {
        .init(name: name, kind: .choice(choices), defaultValue: .text(value), doc: doc)
    }
    public static func textList(_ name: String, default value: [String], doc: String) -> Self {
        .init(name: name, kind: .textList, defaultValue: .list(value.map { .text($0) }), doc: doc)
    }
    public static func realList(_ name: String, default value: [Double], range: ClosedRange<Double>? = nil, doc: String) -> Self {
        .init(name: name, kind: .realList, defaultValue: .list(value.map { .real($0) }), range: range, doc: doc)
    }

    /// The range or choices as the user should read them ("0...10", "mean|median").
    public var allowedText: String {
        if case .choice(let options) = kind { return options.joined(separator: "|") }
        guard let range else { return "" }
        return "\(Self.format(range.lowerBound))...\(Self.format(range.upperBound))"
    }

    static func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    /// Checks a written value against the declaration; the error says what was expected.
    public func accept(_ value: RecipeValue) throws(ParameterProblem) -> ParameterValue {
        switch (kind, value) {
        case (.integer, .integer(let i)):
            try check(Double(i))
            return .integer(i)
        case (.real, .integer(let i)):
            try check(Double(i))
            return .real(Double(i))
        case (.real, .real(let d)):
            try check(d)
            return .real(d)
        case (.boolean, .boolean(let b)):
            return .boolean(b)
        case (.text, .string(let s)), (.text, .identifier(let s)):
            return .text(s)
        case (.choice(let options), .string(let s)), (.choice(let options), .identifier(let s)):
            guard options.contains(s) else {
                throw .notAChoice(value: s, choices: options, suggestion: Suggestion.closest(to: s, in: options))
            }
            return .text(s)
        // One value where a list is expected is a list of one (`-p stackFrames:files=a.fits`).
        case (.textList, .string(let s)), (.textList, .identifier(let s)):
            return .list([.text(s)])
        case (.realList, .integer(let i)):
            try check(Double(i)); return .list([.real(Double(i))])
        case (.realList, .real(let d)):
            try check(d); return .list([.real(d)])
        case (.textList, .list(let items)):
            var result: [ParameterValue] = []
            for item in items {
                switch item {
                case .string(let s), .identifier(let s): result.append(.text(s))
                default: throw .wrongKind(expected: "a list of names or strings", got: "a list holding \(item.kindName)")
                }
            }
            return .list(result)
        case (.realList, .list(let items)):
            var result: [ParameterValue] = []
            for item in items {
                switch item {
                case .integer(let i): try check(Double(i)); result.append(.real(Double(i)))
                case .real(let d): try check(d); result.append(.real(d))
                default: throw .wrongKind(expected: "a list of numbers", got: "a list holding \(item.kindName)")
                }
            }
            return .list(result)
        default:
            throw .wrongKind(expected: expectedText, got: value.kindName)
        }
    }

    private var expectedText: String {
        switch kind {
        case .integer: return "an integer"
        case .real: return "a number"
        case .boolean: return "true or false"
        case .text: return "a name or a quoted string"
        case .choice(let options): return "one of " + options.joined(separator: ", ")
        case .textList: return "a list of names or strings"
        case .realList: return "a list of numbers"
        }
    }

    private func check(_ d: Double) throws(ParameterProblem) {
        if let range, !range.contains(d) { throw .outOfRange(value: d, allowed: allowedText) }
    }
}

/// Why a value does not fit a parameter's declaration.
public enum ParameterProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case wrongKind(expected: String, got: String)
    case outOfRange(value: Double, allowed: String)
    case notAChoice(value: String, choices: [String], suggestion: String?)

    public var description: String {
        switch self {
        case .wrongKind(let expected, let got):
            return "expects \(expected), got \(got)"
        case .outOfRange(let value, let allowed):
            return "is \(ParameterDeclaration.format(value)), outside the allowed range \(allowed)"
        case .notAChoice(let value, let choices, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "is '\(value)', not one of \(choices.joined(separator: ", "))\(hint)"
        }
    }
}
