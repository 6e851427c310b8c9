/// Turns "run NAME on these inputs with these settings" into a validated `ReductionPlan`:
/// resolves every step (recipes within recipes), checks every argument, detects cycles, and
/// applies parameter precedence: default < recipe argument < --param-file < `-p name=value`
/// < `-p primitive:name=value`.
public struct PlanBuilder: Sendable {
    public let library: RecipeLibrary
    public let catalog: PrimitiveCatalog
    public let typeTree: TypeTree

    public init(library: RecipeLibrary, catalog: PrimitiveCatalog, typeTree: TypeTree) {
        self.library = library
        self.catalog = catalog
        self.typeTree = typeTree
    }

    /// - Parameters:
    ///   - target: a recipe or primitive name; nil runs the inputs' default recipe.
    ///   - settings: `--param-file` lines and `-p` options, in the order given.
    public func build(target: String?, inputs: [InputDescription],
                      settings: [ParameterSetting] = []) throws(PlanError) -> ReductionPlan {
        let set = try catalog.resolve(inputs: inputs)
        var common = Set(inputs.first?.types ?? [])
        for input in inputs.dropFirst() { common.formIntersection(input.types) }
        let ordered = typeTree.names.filter(common.contains)
        let typeText = inputs.isEmpty ? "these" : (set.key == "generic" ? (ordered.last ?? "untyped") : set.key)
        let resolver = StepResolver(library: library, set: set, types: common, typeTree: typeTree, typeText: typeText)

        var root: PlanNode
        if let target {
            guard let resolved = try resolver.node(named: target, call: nil, stack: []) else {
                let candidates = library.names + set.names
                throw .unknownTarget(name: target, types: typeText, suggestion: Suggestion.closest(to: target, in: candidates))
            }
            root = resolved
        } else {
            guard let recipe = try library.defaultRecipe(types: common) else { throw .noDefaultRecipe(types: typeText) }
            root = try resolver.recipeNode(recipe, call: nil, stack: [])
        }
        try ParameterPrecedence.apply(settings, to: &root)
        return ReductionPlan(inputs: inputs, commonTypes: ordered, primitiveSet: set, root: root)
    }
}

/// Resolves step names to recipes or primitives for one set of types.
struct StepResolver {
    let library: RecipeLibrary
    let set: ResolvedPrimitiveSet
    let types: Set<String>
    let typeTree: TypeTree
    let typeText: String

    /// A recipe and a primitive of the same name: the more specific type wins; at the same
    /// level the recipe wins, so a recipe can wrap or replace a primitive and vice versa.
    func node(named name: String, call: RecipeStep?, stack: [String]) throws(PlanError) -> PlanNode? {
        let recipe = try library.resolve(name, types: types)
        let member = set.members[name]
        let primitiveLevel = member.map { m in m.type.flatMap { typeTree.depth(of: $0) } ?? -1 }
        if let recipe, primitiveLevel == nil || recipe.level >= primitiveLevel! {
            if let call, let first = call.arguments.first {
                throw .argumentsToRecipe(recipe: name, file: recipe.recipe.file, location: first.location, line: lineText(call))
            }
            if let start = stack.firstIndex(of: name), let call {
                throw .cycle(chain: Array(stack[start...]) + [name], location: call.location, line: lineText(call))
            }
            return try recipeNode(recipe.recipe, call: call, stack: stack)
        }
        guard let member else { return nil }
        return try primitiveNode(member, call: call)
    }

    func recipeNode(_ recipe: Recipe, call: RecipeStep?, stack: [String]) throws(PlanError) -> PlanNode {
        var children: [PlanNode] = []
        for step in recipe.steps {
            guard let child = try node(named: step.name, call: step, stack: stack + [recipe.name]) else {
                let suggestion = Suggestion.closest(to: step.name, in: library.names + set.names)
                throw .unknownStep(name: step.name, types: typeText, suggestion: suggestion,
                                   location: step.location, line: lineText(step))
            }
            children.append(child)
        }
        return PlanNode(name: recipe.name, call: call, recipeFile: recipe.file, children: children,
                        primitive: nil, primitiveType: nil, parameters: nil)
    }

    func primitiveNode(_ member: ResolvedPrimitiveSet.Member, call: RecipeStep?) throws(PlanError) -> PlanNode {
        let primitive = member.primitive
        var values = ParameterValues(defaultsOf: primitive)
        for argument in call?.arguments ?? [] {
            guard let declaration = primitive.declaration(of: argument.name) else {
                throw .unknownArgument(primitive: primitive.name, argument: argument.name,
                                       suggestion: Suggestion.closest(to: argument.name, in: primitive.parameters.map(\.name)),
                                       location: argument.location, line: lineText(call!))
            }
            do {
                let value = try declaration.accept(argument.value)
                values.apply(argument.name, value, origin: .recipe(argument.valueLocation))
            } catch {
                throw .badArgument(primitive: primitive.name, argument: argument.name, problem: error,
                                   location: argument.valueLocation, line: lineText(call!))
            }
        }
        return PlanNode(name: primitive.name, call: call, recipeFile: nil, children: [],
                        primitive: primitive, primitiveType: member.type, parameters: values)
    }

    /// The full source line of a step, for the caret display.
    func lineText(_ step: RecipeStep) -> String {
        String(repeating: " ", count: step.location.column - 1) + step.text
    }
}
