import Foundation
import Testing

@Suite("reduce logging and recipe search path")
struct LoggingAndPathTests {
    @Test("--quiet is silent on success; --verbose adds parameters; --log-file keeps everything with times")
    func logging() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let quiet = try tool.run(["reduceFrames", "bias1.fits", "--quiet", "--log-file", "run.log"])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty)
        let log = try String(contentsOf: tool.url("run.log"), encoding: .utf8)
        let lines = log.split(separator: "\n")
        #expect(lines.contains { $0.hasSuffix(" RECIPE reduceFrames (\(ExplainTests.recipes)/CAM/reduceFrames.recipe)") })
        #expect(lines.contains { $0.hasSuffix("      2.1 PRIMITIVE subtractScalar") })
        #expect(lines.allSatisfy { $0.prefix(4).allSatisfy(\.isNumber) && $0.dropFirst(4).hasPrefix("-") })
        let verbose = try tool.run(["reduceFrames", "bias1.fits", "--verbose", "-o", "v"])
        #expect(verbose.stderr.contains("parameters: value=100.0 (recipe \(ExplainTests.recipes)/CAM/prepareFrames.recipe:2:22)"))
        let both = try tool.run(["reduceFrames", "bias1.fits", "--verbose", "--quiet"])
        #expect(both.status == 2)
    }

    @Test("--recipe-path comes before ASTROKIT_RECIPE_PATH, which comes before the module's recipes")
    func searchPath() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        for (folder, factor) in [("mine", 5), ("env", 7)] {
            try FileManager.default.createDirectory(at: tool.url(folder), withIntermediateDirectories: true)
            try "scale(factor=\(factor))\n".write(to: tool.url("\(folder)/prepareFrames.recipe"), atomically: true, encoding: .utf8)
        }
        let module = try tool.run(["makeFlat", "flat1.fits", "--explain"])
        #expect(module.stdout.contains("factor = 2.0"))
        let env = try tool.run(["makeFlat", "flat1.fits", "--explain"], environment: ["ASTROKIT_RECIPE_PATH": tool.url("env").path])
        #expect(env.stdout.contains("factor = 7.0"))
        let option = try tool.run(["makeFlat", "flat1.fits", "--explain", "--recipe-path", "mine"],
                                  environment: ["ASTROKIT_RECIPE_PATH": tool.url("env").path])
        #expect(option.stdout.contains("factor = 5.0  (recipe prepareFrames.recipe:1:14)"))
    }

    @Test("a syntax error in a recipe of the plan stops reduce before anything runs")
    func syntaxError() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        try FileManager.default.createDirectory(at: tool.url("mine"), withIntermediateDirectories: true)
        try "# Broken.\nscale(factor=2\n".write(to: tool.url("mine/prepareFrames.recipe"), atomically: true, encoding: .utf8)
        let outcome = try tool.run(["makeFlat", "flat1.fits", "--recipe-path", "mine"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "mine/prepareFrames.recipe:2:15: missing ')' at the end of the step\n    scale(factor=2\n                  ^\n")
        #expect(tool.listing("reduce-out").isEmpty)
    }
}
