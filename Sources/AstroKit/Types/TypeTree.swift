/// The validated trees of instrument and status types, ready to classify datasets.
///
/// Building the tree checks the definitions as a whole (names, parents, families, isType
/// references, regular expressions) and fixes an evaluation order in which every type comes
/// after its parent and after the types its requirement asks about.
///
/// ```swift
/// let tree = try TypeTree([
///     .instrument("CAM", usage: "Any CAM data", requires: .primary("INSTRUME", .equals("CAM"))),
///     .instrument("CAM_BIAS", parent: "CAM", usage: "CAM biases", requires: .primary("OBSTYPE", .equals("BIAS"))),
/// ])
/// tree.ancestors(of: "CAM_BIAS")   // ["CAM"]
/// ```
public struct TypeTree: Sendable {
    /// Every definition in tree order: roots in definition order, each followed by its subtree.
    public let definitions: [TypeDefinition]
    private let byName: [String: TypeDefinition]
    private let childNames: [String: [String]]
    /// Types in an order that respects parent and isType dependencies.
    let evaluationOrder: [String]
    let patterns: CompiledPatterns

    public init(_ definitions: [TypeDefinition]) throws(TypeTreeError) {
        var byName: [String: TypeDefinition] = [:]
        for definition in definitions {
            guard byName[definition.name] == nil else { throw .duplicateName(definition.name) }
            byName[definition.name] = definition
        }
        for definition in definitions {
            guard let parent = definition.parent else { continue }
            guard let parentDefinition = byName[parent] else {
                throw .unknownParent(type: definition.name, parent: parent)
            }
            guard parentDefinition.family == definition.family else {
                throw .parentOfOtherFamily(type: definition.name, family: definition.family,
                                           parent: parent, parentFamily: parentDefinition.family)
            }
        }
        try Self.checkParentChains(definitions, byName)
        for definition in definitions {
            for reference in definition.requirement.referencedTypes where byName[reference] == nil {
                throw .unknownTypeReference(type: definition.name, reference: reference)
            }
        }
        patterns = try CompiledPatterns(definitions)
        evaluationOrder = try Self.dependencyOrder(definitions, byName)

        var childNames: [String: [String]] = [:]
        for definition in definitions {
            if let parent = definition.parent { childNames[parent, default: []].append(definition.name) }
        }
        var ordered: [TypeDefinition] = []
        func visit(_ name: String) {
            ordered.append(byName[name]!)
            childNames[name, default: []].forEach(visit)
        }
        definitions.filter { $0.parent == nil }.forEach { visit($0.name) }
        self.definitions = ordered
        self.byName = byName
        self.childNames = childNames
    }

    /// Builds a tree from a block of declarations (see `TypeListBuilder`).
    public init(@TypeListBuilder _ declarations: () -> [TypeDefinition]) throws(TypeTreeError) {
        try self.init(declarations())
    }

    // MARK: Navigation

    public subscript(name: String) -> TypeDefinition? { byName[name] }
    public func definition(named name: String) -> TypeDefinition? { byName[name] }
    public var names: [String] { definitions.map(\.name) }
    public func parent(of name: String) -> String? { byName[name]?.parent }

    /// Parent first, then its parent, up to the root.
    public func ancestors(of name: String) -> [String] {
        var result: [String] = []
        var current = byName[name]?.parent
        while let parent = current {
            result.append(parent)
            current = byName[parent]?.parent
        }
        return result
    }

    /// Direct children, in definition order.
    public func children(of name: String) -> [String] { childNames[name] ?? [] }

    /// Whether `name` lies strictly below `ancestor`.
    public func isDescendant(_ name: String, of ancestor: String) -> Bool {
        ancestors(of: name).contains(ancestor)
    }

    /// 0 for a root, 1 for its children, …; nil for an unknown name.
    public func depth(of name: String) -> Int? {
        byName[name] == nil ? nil : ancestors(of: name).count
    }

    /// Types without a parent in a family, in definition order.
    public func roots(of family: TypeFamily) -> [String] {
        definitions.filter { $0.parent == nil && $0.family == family }.map(\.name)
    }

    // MARK: Build-time checks

    private static func checkParentChains(
        _ definitions: [TypeDefinition], _ byName: [String: TypeDefinition]
    ) throws(TypeTreeError) {
        for definition in definitions {
            var path = [definition.name]
            var current = definition.parent
            while let parent = current {
                path.append(parent)
                if parent == definition.name { throw .parentCycle(path: path) }
                // A cycle further up is reported when its own member is checked.
                if path.dropLast().contains(parent) { break }
                current = byName[parent]?.parent
            }
        }
    }

    /// Depth-first over "needs" edges (parent and isType); a back edge is an isType cycle,
    /// because parent chains alone were already shown to be acyclic.
    private static func dependencyOrder(
        _ definitions: [TypeDefinition], _ byName: [String: TypeDefinition]
    ) throws(TypeTreeError) -> [String] {
        var order: [String] = []
        var done: Set<String> = []
        var path: [String] = []
        func needs(_ name: String) -> [String] {
            let definition = byName[name]!
            var result = definition.parent.map { [$0] } ?? []
            for reference in definition.requirement.referencedTypes where !result.contains(reference) {
                result.append(reference)
            }
            return result
        }
        func visit(_ name: String) throws(TypeTreeError) {
            if done.contains(name) { return }
            if let start = path.firstIndex(of: name) {
                throw .isTypeCycle(path: Array(path[start...]) + [name])
            }
            path.append(name)
            for dependency in needs(name) { try visit(dependency) }
            path.removeLast()
            done.insert(name)
            order.append(name)
        }
        for definition in definitions { try visit(definition.name) }
        return order
    }
}
