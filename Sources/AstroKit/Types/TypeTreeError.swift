/// Why a set of type definitions cannot form a tree. Found when the tree is built, so a typo
/// in a configuration fails loudly at start-up rather than silently never matching.
///
/// ```swift
/// do { _ = try TypeTree(definitions) } catch { print(error) }
/// // Type CAM_BIAS names parent CAMERA, which is not defined.
/// ```
public enum TypeTreeError: Error, Sendable, Hashable, CustomStringConvertible {
    case duplicateName(String)
    case unknownParent(type: String, parent: String)
    case parentOfOtherFamily(type: String, family: TypeFamily, parent: String, parentFamily: TypeFamily)
    /// `path` follows parents from the type back to itself.
    case parentCycle(path: [String])
    case unknownTypeReference(type: String, reference: String)
    /// `path` follows isType and parent dependencies from the type back to itself.
    case isTypeCycle(path: [String])
    case invalidPattern(type: String, pattern: String, reason: String)

    public var description: String {
        switch self {
        case .duplicateName(let name):
            return "Type \(name) is defined more than once; type names must be unique."
        case .unknownParent(let type, let parent):
            return "Type \(type) names parent \(parent), which is not defined."
        case .parentOfOtherFamily(let type, let family, let parent, let parentFamily):
            return "Type \(type) is \(family.withArticle) type but its parent \(parent) is \(parentFamily.withArticle) type;"
                + " a parent must be of the same family."
        case .parentCycle(let path):
            return "Type \(path[0]) is its own ancestor (\(path.joined(separator: " → ")));"
                + " a chain of parents must end at a root type."
        case .unknownTypeReference(let type, let reference):
            return "Type \(type) requires isType(\"\(reference)\"), but no type \(reference) is defined."
        case .isTypeCycle(let path):
            return "Type \(path[0]) depends on its own result through isType"
                + " (\(path.joined(separator: " → "))); no order of evaluation can decide it."
        case .invalidPattern(let type, let pattern, let reason):
            return "Type \(type) has an invalid regular expression /\(pattern)/: \(reason)"
        }
    }
}

extension TypeFamily {
    var withArticle: String { self == .instrument ? "an instrument" : "a status" }
}
