/// The primitives available to data of one leaf type: AstroKit's generic ones, then each
/// ancestor type's set from the root down, each overriding the names before it.
///
/// ```swift
/// let set = catalog.resolve(leaf: "CAM_FLAT")
/// set.description                 // "CAM_FLAT (inherits CAM, generic)"
/// set.primitive("stackFrames")    // CAM_FLAT's own stackFrames, if it overrides CAM's
/// ```
public struct ResolvedPrimitiveSet: Sendable {
    public struct Member: Sendable {
        public var primitive: any Primitive
        /// The type whose set provides it, nil for AstroKit's generic primitives.
        public var type: String?
    }

    /// The most specific type with a registered set ("generic" when none applies): two inputs
    /// with the same key use the same primitives.
    public let key: String
    /// Types contributing, most specific first.
    public let chain: [String]
    public let members: [String: Member]

    public func primitive(_ name: String) -> (any Primitive)? { members[name]?.primitive }
    public var names: [String] { members.keys.sorted() }

    public var description: String {
        let inherited = chain.dropFirst() + (key == "generic" ? [] : ["generic"])
        return inherited.isEmpty ? key : "\(key) (inherits \(inherited.joined(separator: ", ")))"
    }
}

/// Every registered primitive set, resolved per type through the type tree.
public struct PrimitiveCatalog: Sendable {
    let sets: [String: [any Primitive]]
    let generic: [any Primitive]
    let typeTree: TypeTree

    public init(sets: [PrimitiveSet], generic: [any Primitive] = GenericPrimitives.all, typeTree: TypeTree) {
        var merged: [String: [any Primitive]] = [:]
        for set in sets { merged[set.type, default: []] += set.primitives }
        self.sets = merged
        self.generic = generic
        self.typeTree = typeTree
    }

    /// The catalog of the registered configuration modules.
    public init(_ snapshot: ConfigurationRegistry.Snapshot) {
        self.init(sets: snapshot.primitiveSets, typeTree: snapshot.typeTree)
    }

    /// Types with a registered set that are unknown to the type tree (a configuration mistake).
    public var unknownTypes: [String] { sets.keys.filter { typeTree[$0] == nil }.sorted() }

    public func resolve(leaf: String?) -> ResolvedPrimitiveSet {
        var members: [String: ResolvedPrimitiveSet.Member] = [:]
        for primitive in generic { members[primitive.name] = .init(primitive: primitive, type: nil) }
        var lineage: [String] = []
        if let leaf { lineage = ([leaf] + typeTree.ancestors(of: leaf)).reversed() }
        var chain: [String] = []
        for type in lineage {
            guard let primitives = sets[type] else { continue }
            chain.insert(type, at: 0)
            for primitive in primitives { members[primitive.name] = .init(primitive: primitive, type: type) }
        }
        return ResolvedPrimitiveSet(key: chain.first ?? "generic", chain: chain, members: members)
    }

    /// The one set every input resolves to, or an error naming the files that disagree.
    public func resolve(inputs: [InputDescription]) throws(PlanError) -> ResolvedPrimitiveSet {
        let resolved = inputs.map { resolve(leaf: $0.leaf) }
        guard let first = resolved.first else { return resolve(leaf: nil) }
        if resolved.allSatisfy({ $0.key == first.key }) { return first }
        var groups: [(key: String, files: [InputDescription])] = []
        for (input, set) in zip(inputs, resolved) {
            if let i = groups.firstIndex(where: { $0.key == set.key }) { groups[i].files.append(input) }
            else { groups.append((set.key, [input])) }
        }
        throw .mixedPrimitiveSets(groups.map { group in
            (set: group.key, files: group.files.map { "\($0.file) (\($0.leaf ?? "no instrument type"))" })
        })
    }
}

/// One input of a run as the plan sees it.
public struct InputDescription: Sendable, Hashable, Codable {
    public var file: String
    /// The most specific instrument type.
    public var leaf: String?
    /// Every type, instrument first.
    public var types: [String]

    public init(file: String, leaf: String?, types: [String]) {
        self.file = file
        self.leaf = leaf
        self.types = types
    }

    public init(_ dataset: AstroData) {
        self.init(file: dataset.path ?? dataset.fileName ?? "(in memory)", leaf: dataset.classification.leaf,
                  types: dataset.types)
    }
}
