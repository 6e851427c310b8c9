@testable import AstroKit
import CAMFixture
import Testing

/// A primitive standing in for a sub-recipe, for the substitution test.
struct PrepareFramesPrimitive: Primitive {
    let name = "prepareFrames"
    let summary = "Prepare frames in one step"
    let parameters: [ParameterDeclaration] = [.real("offset", default: 100, doc: "Level to remove")]
    func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let offset = Float(try parameters.double("offset"))
        try context.transform { try ($0 - offset) * 2 }
    }
}

@Suite("Plan resolution: recipes within recipes, substitution, precedence")
struct PlanResolutionTests {
    static let threeLevels = [
        "CAM_FLAT/makeFlat.recipe": "prepareFlats\nstackFrames(operation=median)\n",
        "CAM_FLAT/prepareFlats.recipe": "prepareFrames\nnormaliseFlat\n",
        "CAM/prepareFrames.recipe": "subtractScalar(value=100)\nscale(factor=2)\n",
    ]

    @Test("a recipe calls a recipe that calls a recipe")
    func threeLevels() throws {
        let s = try RecipeScratch(Self.threeLevels)
        defer { s.remove() }
        let plan = try s.builder().build(target: "makeFlat", inputs: [RecipeScratch.flat])
        #expect(plan.root.outline == "makeFlat[prepareFlats[prepareFrames[subtractScalar* scale*] normaliseFlat*] stackFrames*]")
        #expect(plan.topLevelSteps.map(\.name) == ["prepareFlats", "stackFrames"])
        #expect(plan.primitiveSet.description == "CAM_FLAT (inherits CAM, generic)")
    }

    @Test("a primitive replaces a sub-recipe without any change to its callers")
    func primitiveReplacesRecipe() throws {
        var files = Self.threeLevels
        files["CAM/prepareFrames.recipe"] = nil
        let s = try RecipeScratch(files)
        defer { s.remove() }
        var sets = CAMConfiguration.primitiveSets
        sets[0].primitives.append(PrepareFramesPrimitive())
        let plan = try s.builder(sets: sets).build(target: "makeFlat", inputs: [RecipeScratch.flat],
                                                   settings: [try ParameterSetting.commandLine("offset=90")])
        #expect(plan.root.outline == "makeFlat[prepareFlats[prepareFrames* normaliseFlat*] stackFrames*]")
        #expect(plan.root.primitiveCalls.first?.parameters?["offset"] == .real(90))
        // With both, the more specific wins; at the same level the recipe does.
        let both = try RecipeScratch(Self.threeLevels)
        defer { both.remove() }
        #expect(try both.builder(sets: sets).build(target: "makeFlat", inputs: [RecipeScratch.flat]).root.outline
            == "makeFlat[prepareFlats[prepareFrames[subtractScalar* scale*] normaliseFlat*] stackFrames*]")
        let flatSets = [sets[0], PrimitiveSet(type: "CAM_FLAT", [NormaliseFlat(), PrepareFramesPrimitive()])]
        #expect(try both.builder(sets: flatSets).build(target: "makeFlat", inputs: [RecipeScratch.flat]).root.outline
            == "makeFlat[prepareFlats[prepareFrames* normaliseFlat*] stackFrames*]")
    }

    @Test("a type inherits its parent's primitives and may override them")
    func inheritance() {
        let override = PrimitiveSet(type: "CAM_FLAT", [NormaliseFlat(), PrepareFramesPrimitive()])
        let catalog = PrimitiveCatalog(sets: [CAMConfiguration.primitiveSets[0], override], typeTree: RecipeScratch.tree)
        let flat = catalog.resolve(leaf: "CAM_FLAT"), bias = catalog.resolve(leaf: "CAM_BIAS")
        #expect(flat.members["scale"]?.type == "CAM")
        #expect(flat.members["prepareFrames"]?.type == "CAM_FLAT")
        #expect(flat.members["showInputs"]?.type == nil)
        #expect(bias.members["prepareFrames"] == nil)
        #expect(bias.description == "CAM (inherits generic)")
        #expect(catalog.resolve(leaf: nil).description == "generic")
    }

    @Test("precedence does not depend on the order settings are given")
    func precedence() throws {
        let s = try RecipeScratch(["CAM/top.recipe": "scale(factor=2)\nsubtractScalar\nstackFrames\n"])
        defer { s.remove() }
        let settings = [try ParameterSetting.commandLine("scale:factor=5"), try ParameterSetting.commandLine("factor=4")]
            + (try ParameterSetting.file("factor=3\nvalue=1\n", path: "p.par"))
        let plan = try s.builder().build(target: "top", inputs: [RecipeScratch.flat], settings: settings)
        let calls = plan.root.primitiveCalls
        #expect(calls[0].parameters?["factor"] == .real(5))
        #expect(calls[0].parameters?.origin(of: "factor") == .commandLineForPrimitive("scale:factor=5"))
        #expect(calls[1].parameters?["value"] == .real(1))
        #expect(calls[1].parameters?.origin(of: "value") == .parameterFile(SourceLocation(file: "p.par", line: 2, column: 7)))
        #expect(calls[2].parameters?.origin(of: "operation") == .declaredDefault)
    }

    @Test("the first search-path folder with a candidate decides, so --recipe-path overrides a module's recipes")
    func searchPathOrder() throws {
        let user = try RecipeScratch(["mine/prepareFrames.recipe": "scale(factor=9)\n"])
        let module = try RecipeScratch(Self.threeLevels)
        defer { user.remove(); module.remove() }
        let plan = try user.builder(extraRoots: [module.root]).build(target: "makeFlat", inputs: [RecipeScratch.flat])
        #expect(plan.root.outline == "makeFlat[prepareFlats[prepareFrames[scale*] normaliseFlat*] stackFrames*]")
        let roots = RecipeRoot.searchPath(options: ["a"], environment: "b::c", modules: [("CAM", module.root)])
        #expect(roots.map(\.origin) == ["--recipe-path", "ASTROKIT_RECIPE_PATH", "ASTROKIT_RECIPE_PATH", "module CAM"])
        #expect(roots.map(\.folder.lastPathComponent).prefix(3) == ["a", "b", "c"])
    }
}
