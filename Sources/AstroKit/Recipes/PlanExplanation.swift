extension ReductionPlan {
    /// The plan as `reduce --explain` prints it: the inputs and their types, the primitive set,
    /// then the recipe tree with each step's source line and every parameter with its value and
    /// where the value came from.
    ///
    /// ```text
    /// Inputs (1):
    ///   flat1.fits  CAM_FLAT  (CAM, CAM_FLAT, RAW)
    /// Primitive set: CAM_FLAT (inherits CAM, generic)
    /// Plan:
    ///   makeFlat  recipe  recipes/CAM/makeFlat.recipe
    ///     1 prepareFlats  recipe  recipes/CAM/prepareFlats.recipe  (called at makeFlat.recipe:2)
    ///       1.1 subtractScalar  primitive of CAM  (called at prepareFlats.recipe:2)
    ///             value = 100.0  (recipe prepareFlats.recipe:2:27)
    /// ```
    public func explanation() -> String {
        var out = "Inputs (\(inputs.count)):\n"
        out += TextTable.render(header: ["file", "leaf", "types"],
                                rows: inputs.map { [$0.file, $0.leaf ?? "-", $0.types.joined(separator: ", ")] },
                                indent: 2)
        out += "Recipes resolved for: \(commonTypes.isEmpty ? "any data" : commonTypes.joined(separator: ", "))\n"
        out += "Primitive set: \(primitiveSet.description)\n"
        out += "Plan:\n"
        explain(root, number: "", depth: 1, into: &out)
        return out
    }

    private func explain(_ node: PlanNode, number: String, depth: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: depth)
        let label = number.isEmpty ? node.name : "\(number) \(node.name)"
        let called = node.call.map { "  (called at \($0.location.shortened.fileAndLine))" } ?? ""
        if let file = node.recipeFile {
            out += "\(pad)\(label)  recipe  \(file)\(called)\n"
            for (i, child) in node.children.enumerated() {
                explain(child, number: number.isEmpty ? "\(i + 1)" : "\(number).\(i + 1)", depth: depth + 1, into: &out)
            }
            return
        }
        let owner = node.primitiveType.map { "primitive of \($0)" } ?? "generic primitive"
        out += "\(pad)\(label)  \(owner)\(called)\n"
        let rows = (node.parameters?.entries ?? []).map { ["\($0.name) = \($0.value)", "(\($0.origin.shortDescription))"] }
        if !rows.isEmpty {
            out += TextTable.render(header: rows[0], rows: Array(rows.dropFirst()), indent: pad.count + 6)
        }
    }
}
