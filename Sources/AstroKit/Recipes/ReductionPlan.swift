/// A validated plan: the recipe tree down to primitive calls with their resolved parameters.
///
/// ```swift
/// let plan = try PlanBuilder(library: library, catalog: catalog, typeTree: tree)
///     .build(target: "makeFlat", inputs: inputs)
/// plan.topLevelSteps.map(\.name)   // ["prepareFlats", "stackFrames", "measureMean"]
/// print(plan.explanation())        // what `reduce --explain` prints
/// ```
public struct ReductionPlan: Sendable {
    public var inputs: [InputDescription]
    /// Types shared by every input: the ones recipes are resolved for.
    public var commonTypes: [String]
    public var primitiveSet: ResolvedPrimitiveSet
    public var root: PlanNode

    /// The steps checkpoints are taken after: the root recipe's steps, or the root primitive.
    public var topLevelSteps: [PlanNode] { root.isRecipe ? root.children : [root] }

    /// A text that changes whenever the plan would do something different: the checkpoint key
    /// is made from it and the inputs' checksums.
    public var fingerprint: String {
        var lines: [String] = ["set \(primitiveSet.key)"]
        func walk(_ node: PlanNode, _ depth: Int) {
            lines.append(String(repeating: " ", count: depth) + node.name + " " + (node.parameters?.summary ?? node.recipeFile ?? ""))
            for child in node.children { walk(child, depth + 1) }
        }
        walk(root, 0)
        return lines.joined(separator: "\n")
    }
}

/// A recipe or a primitive call in a plan.
public struct PlanNode: Sendable {
    public var name: String
    /// The recipe step that calls it (nil for the plan's root).
    public var call: RecipeStep?
    /// For a recipe: its file and its steps.
    public var recipeFile: String?
    public var children: [PlanNode]
    /// For a primitive: the primitive, the type whose set provides it, and its parameters.
    public var primitive: (any Primitive)?
    public var primitiveType: String?
    public var parameters: ParameterValues?

    public var isRecipe: Bool { recipeFile != nil }

    /// Every primitive call below (or at) this node, in execution order.
    public var primitiveCalls: [PlanNode] {
        isRecipe ? children.flatMap(\.primitiveCalls) : [self]
    }
}
