/// Why a descriptor has no value: never a silent nil.
///
/// ```swift
/// DescriptorFailure.missingKeyword(["GAIN", "EGAIN"]).description
/// // "none of the keywords GAIN, EGAIN is in the header"
/// ```
public enum DescriptorFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// None of the keywords that carry this value is present.
    case missingKeyword([String])
    /// A keyword is present but its value cannot serve (wrong type, unparseable text).
    case badValue(keyword: String, value: String, expected: String)
    /// A lookup table has no entry for the key.
    case lookupMiss(table: String, key: String)
    /// No configuration defines this descriptor for the dataset's types.
    case notDefined(descriptor: String, types: [String])
    /// A needed sidecar (exposure log, housekeeping file...) is missing or has no matching row.
    case missingSidecar(String)
    /// Another descriptor this one needs failed.
    case dependency(descriptor: String, reason: String)
    /// Anything else, as a sentence.
    case other(String)

    public var description: String {
        switch self {
        case .missingKeyword(let keys):
            if keys.count == 1 { return "keyword \(keys[0]) is not in the header" }
            return "none of the keywords \(keys.joined(separator: ", ")) is in the header"
        case .badValue(let keyword, let value, let expected):
            return "keyword \(keyword) holds '\(value)', not \(expected)"
        case .lookupMiss(let table, let key):
            return "the \(table) table has no entry for \(key)"
        case .notDefined(let descriptor, let types):
            let where_ = types.isEmpty ? "this dataset" : "types \(types.joined(separator: ", "))"
            return "no configuration defines \(descriptor) for \(where_)"
        case .missingSidecar(let text):
            return text
        case .dependency(let descriptor, let reason):
            return "it needs \(descriptor), which failed: \(reason)"
        case .other(let text):
            return text
        }
    }
}
