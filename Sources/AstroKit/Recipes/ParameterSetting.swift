import Foundation

/// A user's parameter setting: `-p name=value`, `-p primitive:name=value`, or a line of a
/// `--param-file` (same forms, one per line, `#` comments).
///
/// ```swift
/// let s = try ParameterSetting.commandLine("stackFrames:operation=median")
/// s.primitive   // "stackFrames"
/// s.origin      // .commandLineForPrimitive("stackFrames:operation=median")
/// ```
public struct ParameterSetting: Sendable, Hashable {
    public var primitive: String?
    public var name: String
    public var value: RecipeValue
    public var origin: ParameterOrigin
    /// The setting as written.
    public var text: String

    /// Where the setting came from, for messages: "-p" or "--param-file FILE:LINE".
    public var source: String {
        if case .parameterFile(let at) = origin { return "--param-file \(at.fileAndLine)" }
        return "-p"
    }

    /// Parses `-p` text. Values follow the recipe grammar; other text is taken as a string.
    public static func commandLine(_ text: String) throws(PlanError) -> ParameterSetting {
        let (primitive, name, valueText, _) = try split(text, source: "-p")
        let value: RecipeValue
        do { value = try RecipeParser.value(valueText, bareText: true) } catch { throw .syntax(error) }
        return ParameterSetting(primitive: primitive, name: name, value: value,
                                origin: primitive == nil ? .commandLine(text) : .commandLineForPrimitive(text), text: text)
    }

    /// Parses a parameter file.
    public static func file(_ contents: String, path: String) throws(PlanError) -> [ParameterSetting] {
        var settings: [ParameterSetting] = []
        for (index, raw) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(raw).replacingOccurrences(of: "\r", with: "")
            if let hash = commentStart(line) { line = String(line[..<hash]) }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let source = "--param-file \(path):\(index + 1)"
            let (primitive, name, valueText, offset) = try split(trimmed, source: source)
            let leading = line.prefix { $0 == " " || $0 == "\t" }.count
            let column = leading + offset + 1
            let value: RecipeValue
            do { value = try RecipeParser.value(valueText, file: path, line: index + 1, column: column, bareText: true) }
            catch { throw .syntax(error) }
            settings.append(ParameterSetting(primitive: primitive, name: name, value: value,
                                             origin: .parameterFile(SourceLocation(file: path, line: index + 1, column: column)),
                                             text: trimmed))
        }
        return settings
    }

    /// The first `#` outside quotes.
    static func commentStart(_ line: String) -> String.Index? {
        var quote: Character?
        for index in line.indices {
            let c = line[index]
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == "#" { return index }
        }
        return nil
    }

    /// (primitive, name, value text, offset of the value in `text`).
    static func split(_ text: String, source: String) throws(PlanError) -> (String?, String, String, Int) {
        guard let equals = text.firstIndex(of: "=") else {
            throw .malformedSetting(source: source, text: text)
        }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        let valueText = String(text[text.index(after: equals)...])
        let parts = key.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let valid = { (s: String) in !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }
        guard parts.count <= 2, parts.allSatisfy(valid) else { throw .malformedSetting(source: source, text: text) }
        let offset = text.distance(from: text.startIndex, to: equals) + 1
        return (parts.count == 2 ? parts[0] : nil, parts.last!, valueText, offset)
    }
}

/// Applies user settings to every primitive call of a plan, checking each matches something.
enum ParameterPrecedence {
    static func apply(_ settings: [ParameterSetting], to root: inout PlanNode) throws(PlanError) {
        let calls = root.primitiveCalls
        for setting in settings {
            let targets = calls.filter { node in
                setting.primitive.map { $0 == node.name } ?? (node.primitive!.declaration(of: setting.name) != nil)
            }
            if let primitive = setting.primitive {
                guard !targets.isEmpty else {
                    throw .unknownUserParameter(setting: setting.text, source: setting.source,
                                                reason: "the plan calls no primitive '\(primitive)'",
                                                suggestion: Suggestion.closest(to: primitive, in: calls.map(\.name)))
                }
                let declared = targets[0].primitive!.parameters.map(\.name)
                guard declared.contains(setting.name) else {
                    throw .unknownUserParameter(setting: setting.text, source: setting.source,
                                                reason: "\(primitive) has no parameter '\(setting.name)'",
                                                suggestion: Suggestion.closest(to: setting.name, in: declared))
                }
            } else if targets.isEmpty {
                let all = Set(calls.flatMap { $0.primitive!.parameters.map(\.name) })
                throw .unknownUserParameter(setting: setting.text, source: setting.source,
                                            reason: "no primitive in the plan has a parameter '\(setting.name)'",
                                            suggestion: Suggestion.closest(to: setting.name, in: all.sorted()))
            }
            for target in targets {
                do { _ = try target.primitive!.declaration(of: setting.name)!.accept(setting.value) } catch {
                    throw .badUserParameter(setting: setting.text, source: setting.source, primitive: target.name,
                                            parameter: setting.name, problem: error)
                }
            }
        }
        update(&root, settings)
    }

    private static func update(_ node: inout PlanNode, _ settings: [ParameterSetting]) {
        if let primitive = node.primitive, var values = node.parameters {
            for setting in settings where setting.primitive == nil || setting.primitive == node.name {
                guard let declaration = primitive.declaration(of: setting.name),
                      let value = try? declaration.accept(setting.value) else { continue }
                values.apply(setting.name, value, origin: setting.origin)
            }
            node.parameters = values
        }
        for i in node.children.indices { update(&node.children[i], settings) }
    }
}
