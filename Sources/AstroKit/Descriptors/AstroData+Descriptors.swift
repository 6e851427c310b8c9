/// Descriptor resolution: from the leaf type up through its ancestors, then the status
/// types, then the base configuration. The first type that defines the descriptor computes
/// it; a computation may ask for its parent's answer with `context.inherited()`.
extension AstroData {
    /// Type names consulted for descriptors, most specific first; "" is the base configuration.
    public var descriptorChain: [String] {
        let tree = configuration.typeTree
        var chain: [String] = []
        for leaf in classification.instrumentLeaves + classification.statusLeaves {
            for name in [leaf] + tree.ancestors(of: leaf) where !chain.contains(name) {
                chain.append(name)
            }
        }
        chain.append("")
        return chain
    }

    /// The declaration of a descriptor, when some registered module declares it.
    public func descriptorDefinition(_ name: String) -> DescriptorDefinition? {
        configuration.definitions[name]
    }

    /// Every declared descriptor name, base configuration first.
    public var descriptorNames: [String] { configuration.descriptorNames }

    /// The declared descriptors some type of this dataset (or the base configuration) computes:
    /// the ones it should offer, whether or not they resolve.
    public var applicableDescriptorNames: [String] {
        let chain = descriptorChain
        return configuration.descriptorNames.filter { name in
            chain.contains { configuration.provider(name, type: $0) != nil }
        }
    }

    /// Resolves a descriptor (cached). Per-extension descriptors give one result per science
    /// extension; unknown names give a `.notDefined` failure.
    public func descriptor(_ name: String) -> DescriptorResult {
        if let cached = cache.value(name) { return cached }
        let result: DescriptorResult
        if let definition = configuration.definitions[name], definition.scope == .perExtension {
            result = .perExtension(extensions.indices.map { i in
                Result { () throws(DescriptorFailure) -> ResolvedValue in
                    try computeDescriptor(name, extensionIndex: i, startingAt: 0)
                }
            })
        } else {
            result = .dataset(Result { () throws(DescriptorFailure) -> ResolvedValue in
                try computeDescriptor(name, extensionIndex: nil, startingAt: 0)
            })
        }
        cache.store(name, result)
        return result
    }

    func computeDescriptor(_ name: String, extensionIndex: Int?,
                           startingAt position: Int) throws(DescriptorFailure) -> ResolvedValue {
        let chain = descriptorChain
        var index = position
        while index < chain.count {
            if let provider = configuration.provider(name, type: chain[index]) {
                let context = DescriptorContext(dataset: self, extensionIndex: extensionIndex,
                                                descriptorName: name, chainPosition: index)
                var resolved = try provider.compute(context)
                if resolved.unit == nil { resolved.unit = configuration.definitions[name]?.unit }
                return resolved
            }
            index += 1
        }
        if position > 0 {
            throw .other("no type above \(chain[position - 1].isEmpty ? "the base" : chain[position - 1]) defines \(name)")
        }
        throw .notDefined(descriptor: name, types: chain.filter { !$0.isEmpty })
    }
}
