@testable import AstroKit
import CAMFixture
import Testing

@Suite("Plan validation: every error with its message and position")
struct PlanValidationTests {
    @Test("unknown step: position, line, suggestion")
    func unknownStep() throws {
        let s = try RecipeScratch(["CAM/top.recipe": "# Top.\nscale\n  subtractScaler(value=5)\n"])
        defer { s.remove() }
        #expect(s.failure("top") == """
            \(s.path("CAM/top.recipe")):3:3: 'subtractScaler' is neither a recipe nor a primitive for CAM_FLAT data; did you mean 'subtractScalar'?
                  subtractScaler(value=5)
                  ^
            """)
    }

    @Test("unknown step without a close name gets no suggestion")
    func unknownStepNoSuggestion() throws {
        let s = try RecipeScratch(["CAM/top.recipe": "frobnicate\n"])
        defer { s.remove() }
        #expect(s.failure("top")?.hasPrefix("\(s.path("CAM/top.recipe")):1:1: 'frobnicate' is neither a recipe nor a primitive for CAM_FLAT data\n") == true)
    }

    @Test("unknown argument", arguments: [
        ("scale(factr=2)", "3:7: scale has no parameter 'factr'; did you mean 'factor'?"),
        ("scale(zoom=2)", "3:7: scale has no parameter 'zoom'"),
    ])
    func unknownArgument(line: String, expected: String) throws {
        let s = try RecipeScratch(["CAM/top.recipe": "# Top.\n\n\(line)\n"])
        defer { s.remove() }
        #expect(s.failure("top")?.split(separator: "\n").first.map(String.init) == s.path("CAM/top.recipe") + ":" + expected)
    }

    @Test("ill-typed and out-of-range arguments point at the value", arguments: [
        ("scale(factor=\"two\")", "1:14: scale parameter 'factor' expects a number, got a quoted string"),
        ("scale(factor=true)", "1:14: scale parameter 'factor' expects a number, got a boolean"),
        ("scale(factor=2000)", "1:14: scale parameter 'factor' is 2000, outside the allowed range 0...1000"),
        ("scale(factor=-0.5)", "1:14: scale parameter 'factor' is -0.5, outside the allowed range 0...1000"),
        ("stackFrames(operation=meen)", "1:23: stackFrames parameter 'operation' is 'meen', not one of mean, median; did you mean 'mean'?"),
        ("stackFrames(suffix=[a])", "1:20: stackFrames parameter 'suffix' expects a name or a quoted string, got a list"),
        ("measureMean(table=3)", "1:19: measureMean parameter 'table' expects a name or a quoted string, got an integer"),
    ])
    func badArguments(line: String, expected: String) throws {
        let s = try RecipeScratch(["CAM/top.recipe": line + "\n"])
        defer { s.remove() }
        let message = s.failure("top")
        #expect(message?.split(separator: "\n").first.map(String.init) == s.path("CAM/top.recipe") + ":" + expected)
        #expect(message?.split(separator: "\n").dropFirst().first.map(String.init) == "    " + line)
    }

    @Test("a recipe called with arguments")
    func argumentsToRecipe() throws {
        let s = try RecipeScratch(["CAM/top.recipe": "inner(x=1)\n", "CAM/inner.recipe": "scale\n"])
        defer { s.remove() }
        #expect(s.failure("top")?.hasPrefix("\(s.path("CAM/top.recipe")):1:7: inner is a recipe (\(s.path("CAM/inner.recipe")))"
            + " and takes no arguments; set its primitives' parameters with -p or --param-file") == true)
    }

    @Test("a cycle through three recipes is reported where it closes")
    func cycle() throws {
        let s = try RecipeScratch(["CAM/a.recipe": "scale\nb\n", "CAM/b.recipe": "c\n", "CAM/c.recipe": "# C.\n  a\n"])
        defer { s.remove() }
        #expect(s.failure("a") == "\(s.path("CAM/c.recipe")):2:3: recipe cycle: a -> b -> c -> a\n      a\n      ^")
        let selfCall = try RecipeScratch(["CAM/loop.recipe": "loop\n"])
        defer { selfCall.remove() }
        #expect(selfCall.failure("loop")?.hasPrefix("\(selfCall.path("CAM/loop.recipe")):1:1: recipe cycle: loop -> loop") == true)
    }

    @Test("two equally specific recipes are a tie naming both")
    func tie() throws {
        let byFolder = try RecipeScratch(["CAM/top.recipe": "scale\n", "other/top.recipe": "# types: CAM\nscale\n"])
        defer { byFolder.remove() }
        #expect(byFolder.failure("top") == "two recipes named 'top' are equally specific for these data: "
            + "\(byFolder.path("CAM/top.recipe")) (for CAM) and \(byFolder.path("other/top.recipe")) (for CAM);"
            + " remove one or give one a more specific '# types:' line")
        // Two families at the same depth: CAM (instrument root) and RAW (status root).
        let families = try RecipeScratch(["CAM/top.recipe": "scale\n", "RAW/top.recipe": "scale\n"])
        defer { families.remove() }
        #expect(families.failure("top")?.contains("(for CAM) and \(families.path("RAW/top.recipe")) (for RAW)") == true)
        // A more specific candidate is no tie.
        let specific = try RecipeScratch(["CAM/top.recipe": "scale\n", "RAW/top.recipe": "scale\n", "CAM_FLAT/top.recipe": "subtractScalar\n"])
        defer { specific.remove() }
        #expect(try specific.builder().build(target: "top", inputs: [RecipeScratch.flat]).root.outline == "top[subtractScalar*]")
    }

    @Test("defaults: none, or a tie between two defaults")
    func defaults() throws {
        let none = try RecipeScratch(["CAM/top.recipe": "scale\n"])
        defer { none.remove() }
        #expect(none.failure(nil) == "no default recipe for CAM_FLAT data; name a recipe, or mark one with '# default: true'")
        let two = try RecipeScratch(["CAM/a.recipe": "# default: true\nscale\n", "CAM/b.recipe": "# default: true\nscale\n"])
        defer { two.remove() }
        #expect(two.failure(nil) == "two recipes named 'default' are equally specific for these data: "
            + "\(two.path("CAM/a.recipe")) (for CAM) and \(two.path("CAM/b.recipe")) (for CAM); remove one or give one a more specific '# types:' line")
    }

    @Test("a header naming an unknown type is an error when the recipe is used")
    func unknownHeaderType() throws {
        let s = try RecipeScratch(["x/top.recipe": "# types: CAM_FLTA\nscale\n"])
        defer { s.remove() }
        #expect(s.failure("top") == "\(s.path("x/top.recipe")): '# types:' names 'CAM_FLTA', which no configuration defines; did you mean 'CAM_FLAT'?")
    }

    @Test("an unknown target suggests the closest recipe or primitive")
    func unknownTarget() throws {
        let s = try RecipeScratch(["CAM/makeFlat.recipe": "scale\n"])
        defer { s.remove() }
        #expect(s.failure("makeFlta") == "'makeFlta' is neither a recipe nor a primitive for CAM_FLAT data; did you mean 'makeFlat'?;"
            + " 'reduce --list FILES' shows what is available")
    }

    @Test("inputs needing different primitive sets are refused")
    func mixedSets() throws {
        let s = try RecipeScratch(["CAM/top.recipe": "scale\n"])
        defer { s.remove() }
        #expect(s.failure("top", inputs: [RecipeScratch.bias, RecipeScratch.flat]) == "the inputs need different primitive sets:"
            + " bias1.fits (CAM_BIAS) use the CAM primitives; flat1.fits (CAM_FLAT) use the CAM_FLAT primitives; reduce them in separate runs")
        // Without a CAM_FLAT set, flats and biases share CAM's and may be reduced together.
        let camOnly = [CAMConfiguration.primitiveSets[0]]
        #expect(s.failure("top", inputs: [RecipeScratch.bias, RecipeScratch.flat], sets: camOnly) == nil)
    }

    @Test("user settings that match nothing, or do not fit, are refused with the setting quoted")
    func userSettings() throws {
        let s = try RecipeScratch(["CAM/top.recipe": "scale\nsubtractScalar\n"])
        defer { s.remove() }
        #expect(s.failure("top", settings: [try ParameterSetting.commandLine("factr=2")])
            == "-p factr=2: no primitive in the plan has a parameter 'factr'; did you mean 'factor'?")
        #expect(s.failure("top", settings: [try ParameterSetting.commandLine("stackFrames:suffix=x")])
            == "-p stackFrames:suffix=x: the plan calls no primitive 'stackFrames'")
        #expect(s.failure("top", settings: [try ParameterSetting.commandLine("scale:value=2")])
            == "-p scale:value=2: scale has no parameter 'value'")
        #expect(s.failure("top", settings: [try ParameterSetting.commandLine("factor=big")])
            == "-p factor=big: scale parameter 'factor' expects a number, got a bare name")
        #expect(s.failure("top", settings: try ParameterSetting.file("\n  factor = 5000\n", path: "p.par"))
            == "--param-file p.par:2 factor = 5000: scale parameter 'factor' is 5000, outside the allowed range 0...1000")
        #expect(throws: PlanError.self) { try ParameterSetting.file("factor\n", path: "p.par") }
    }
}
