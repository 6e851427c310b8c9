import ArgumentParser
import AstroKit
import Foundation

/// Splits the positional arguments into descriptor names and files: the first argument names
/// descriptors when it is not an existing file and every comma-separated name is declared.
struct InvocationPlan {
    var descriptors: [String]?
    var files: [String]

    init(arguments: [String], descriptorOption: String?) throws {
        var rest = arguments
        descriptors = descriptorOption.map(Self.names)
        let known = Set((try? ConfigurationRegistry.shared.snapshot().descriptorNames) ?? [])
        if let first = rest.first, !FileManager.default.fileExists(atPath: first) {
            let names = Self.names(first)
            if names.allSatisfy(known.contains) {
                descriptors = (descriptors ?? []) + names
                rest.removeFirst()
            } else if rest.count > 1 && !first.contains("/") && !first.lowercased().contains(".fit") {
                let unknown = names.filter { !known.contains($0) }
                let hint = unknown.compactMap { Suggestion.closest(to: $0, in: known) }.first.map { " (did you mean \($0)?)" } ?? ""
                throw ValidationError("'\(unknown.first ?? first)' is neither a file nor a known descriptor\(hint)")
            }
        }
        if let requested = descriptors {
            for name in requested where !known.contains(name) {
                let hint = Suggestion.closest(to: name, in: known).map { " (did you mean \($0)?)" } ?? ""
                throw ValidationError("unknown descriptor '\(name)'\(hint)")
            }
        }
        guard !rest.isEmpty else { throw ValidationError("no file given") }
        files = rest
    }

    static func names(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
