import Foundation
import TestTools
import Testing

@Suite("reduce --explain, --list, --show")
struct ExplainTests {
    static let recipes = ToolRunner.packageRoot.appendingPathComponent("Tests/Fixtures/CAMFixture/recipes").path

    @Test("--explain prints types, the three-level recipe tree with source lines, the set and every parameter's origin")
    func explainThreeLevels() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let outcome = try tool.run(["makeFlat", "flat1.fits", "flat2.fits", "--explain"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let r = Self.recipes
        #expect(outcome.stdout == """
            Inputs (2):
              file        leaf      types
              flat1.fits  CAM_FLAT  CAM, CAM_FLAT, RAW
              flat2.fits  CAM_FLAT  CAM, CAM_FLAT, RAW
            Recipes resolved for: RAW, CAM, CAM_FLAT
            Primitive set: CAM_FLAT (inherits CAM, generic)
            Plan:
              makeFlat  recipe  \(r)/CAM_FLAT/makeFlat.recipe
                1 prepareFlats  recipe  \(r)/CAM_FLAT/prepareFlats.recipe  (called at makeFlat.recipe:3)
                  1.1 prepareFrames  recipe  \(r)/CAM/prepareFrames.recipe  (called at prepareFlats.recipe:2)
                    1.1.1 subtractScalar  primitive of CAM  (called at prepareFrames.recipe:2)
                          value = 100.0  (recipe prepareFrames.recipe:2:22)
                    1.1.2 scale  primitive of CAM  (called at prepareFrames.recipe:3)
                          factor = 2.0  (recipe prepareFrames.recipe:3:14)
                  1.2 checkLevel  primitive of CAM  (called at prepareFlats.recipe:3)
                        maximum = 60000.0  (recipe prepareFlats.recipe:3:20)
                  1.3 normaliseFlat  primitive of CAM_FLAT  (called at prepareFlats.recipe:4)
                2 stackFrames  primitive of CAM  (called at makeFlat.recipe:4)
                      operation = mean  (recipe makeFlat.recipe:4:23)
                      suffix = _flat    (recipe makeFlat.recipe:4:36)
                3 measureMean  primitive of CAM  (called at makeFlat.recipe:5)
                      table = flat_levels  (recipe makeFlat.recipe:5:19)

            """)
        #expect(tool.listing("reduce-out").isEmpty)
        #expect(tool.listing("reduce-work").isEmpty)
    }

    @Test("precedence default < recipe < --param-file < -p < -p primitive:, shown by --explain")
    func precedence() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        try "# site settings\nfactor=3\nstackFrames:suffix=_site   # beats the recipe\n"
            .write(to: tool.url("site.par"), atomically: true, encoding: .utf8)
        // default only: showInputs' stream; recipe: value=100; file: factor=3; -p beats file and recipe.
        var outcome = try tool.run(["reduceFrames", "bias1.fits", "--explain", "--param-file", "site.par",
                                    "-p", "stream=main"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "--param-file site.par:3 stackFrames:suffix=_site: the plan calls no primitive 'stackFrames'\n")

        try "factor=3\n".write(to: tool.url("site.par"), atomically: true, encoding: .utf8)
        outcome = try tool.run(["reduceFrames", "bias1.fits", "--explain", "--param-file", "site.par",
                                "-p", "value=7", "-p", "subtractScalar:value=9", "-p", "table=bias_means"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("stream = main  (default)"))
        #expect(lines.contains("value = 9.0  (-p subtractScalar:value=9)"))
        #expect(lines.contains("factor = 3.0  (--param-file site.par:1:8)"))
        #expect(lines.contains("table = bias_means  (-p table=bias_means)"))

        outcome = try tool.run(["reduceFrames", "bias1.fits", "--explain", "-p", "value=7"])
        #expect(outcome.stdout.contains("value = 7.0  (-p value=7)"))
        outcome = try tool.run(["reduceFrames", "bias1.fits", "--explain"])
        #expect(outcome.stdout.contains("value = 100.0  (recipe prepareFrames.recipe:2:22)"))
    }

    @Test("a type's own recipe overrides its parent's for its data only")
    func typeSpecificOverride() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let flats = try tool.run(["reduceFrames", "flat1.fits", "--explain"])
        let biases = try tool.run(["reduceFrames", "bias1.fits", "--explain"])
        #expect(flats.stdout.contains("reduceFrames  recipe  \(Self.recipes)/CAM_FLAT/reduceFrames.recipe"))
        #expect(flats.stdout.contains("2 addToList"))
        #expect(biases.stdout.contains("reduceFrames  recipe  \(Self.recipes)/CAM/reduceFrames.recipe"))
        #expect(biases.stdout.contains("3 measureMean"))
        // Without a name, the default recipe of the most specific type runs.
        let defaults = try tool.run(["flat1.fits", "--explain"])
        #expect(defaults.stdout.contains("makeFlat  recipe"))
    }

    @Test("mixed-type inputs needing different primitive sets are refused, naming the files and their types")
    func mixedInputs() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let outcome = try tool.run(["reduceFrames", "flat1.fits", "bias1.fits", "bias2.fits"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "the inputs need different primitive sets: flat1.fits (CAM_FLAT) use the CAM_FLAT primitives;"
            + " bias1.fits (CAM_BIAS), bias2.fits (CAM_BIAS) use the CAM primitives; reduce them in separate runs\n")
        #expect(tool.listing("reduce-out").isEmpty)
    }

    @Test("--list and --show describe what is available for the files")
    func listAndShow() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let list = try tool.run(["--list", "bias1.fits"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("reduceFrames (default)  Prepare CAM frames and measure their levels."))
        #expect(list.stdout.contains("subtractScalar  CAM      Subtract a constant level from every pixel"))
        #expect(!list.stdout.contains("normaliseFlat"))
        let show = try tool.run(["--show", "stackFrames", "flat1.fits"])
        #expect(show.stdout.contains("operation  one of mean, median  mean     mean|median  How pixels are combined"))
        let recipe = try tool.run(["--show", "prepareFrames", "flat1.fits"])
        #expect(recipe.stdout.hasSuffix("subtractScalar(value=100)\nscale(factor=2)\n"))
        let unknown = try tool.run(["--show", "stackFrame", "flat1.fits"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "'stackFrame' is neither a recipe nor a primitive for these data; did you mean 'stackFrames'?\n")
    }
}
