import AstroKit
import Foundation
import Testing

@Suite("reduce runs: failures, usage, lists of files, partial runs")
struct RunTests {
    @Test("a failed step exits 1, names the step, its recipe line and the file, and leaves no product")
    func failedStep() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let outcome = try tool.run(["makeFlat", "flat1.fits", "flat2.fits", "flat3.fits", "-p", "maximum=2200", "--quiet"])
        #expect(outcome.status == 1)
        let recipe = ExplainTests.recipes + "/CAM_FLAT/prepareFlats.recipe:3"
        // (1300 + 3.5 - 100) * 2 = 2407 ADU for flat3.
        #expect(outcome.stderr == "ERROR - step checkLevel (\(recipe)) failed on flat3.fits:"
            + " the mean level 2407.0 ADU is above the maximum 2200.0 ADU\n")
        #expect(tool.listing("reduce-out").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: tool.url("reduce-out").path))
    }

    @Test("bad usage exits 2 with a sentence saying what is wrong")
    func badUsage() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        var outcome = try tool.run(["makeFlta", "flat1.fits"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "'makeFlta' is neither a recipe nor a primitive for CAM_FLAT data; did you mean 'makeFlat'?;"
            + " 'reduce --list FILES' shows what is available\n")
        outcome = try tool.run(["makeFlat"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("no input files;"))
        outcome = try tool.run(["makeFlat", "missing.fits"])
        #expect(outcome.stderr == "missing.fits: no such file\n")
        outcome = try tool.run(["makeFlat", "flat1.fits", "-p", "valeu=3"])
        #expect(outcome.stderr == "-p valeu=3: no primitive in the plan has a parameter 'valeu'; did you mean 'value'?\n")
        outcome = try tool.run(["makeFlat", "flat1.fits", "-p", "stackFrames:operation=meen"])
        #expect(outcome.stderr == "-p stackFrames:operation=meen: stackFrames parameter 'operation' is 'meen',"
            + " not one of mean, median; did you mean 'mean'?\n")
        outcome = try tool.run(["makeFlat", "flat1.fits", "-p", "factor"])
        #expect(outcome.stderr == "-p 'factor': expected name=value or primitive:name=value\n")
        outcome = try tool.run(["makeFlat", "flat1.fits", "--until", "stack"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "--until stack: the plan has no top-level step of that name or number;"
            + " its steps are 1 prepareFlats, 2 stackFrames, 3 measureMean\n")
    }

    @Test("a primitive name runs that primitive alone, with -p applying to it")
    func singlePrimitive() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let outcome = try tool.run(["subtractScalar", "bias1.fits", "-p", "value=101", "-o", "out"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(tool.listing("out") == ["bias1.fits"])
        let result = try AstroData.open(tool.url("out/bias1.fits").path)
        #expect(try result.extensions[0].science().values.prefix(3) == [0, 1, 2])
        #expect(result.primaryHeader.history.contains("AstroKit subtractScalar(value=101.0)"))
    }

    @Test("a recipe that only looks at its inputs delivers no copy of them")
    func measuringOnly() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let outcome = try tool.run(["measureMean", "bias1.fits", "bias2.fits"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(tool.listing("reduce-out") == ["means.csv"])
        let csv = try String(contentsOf: tool.url("reduce-out/means.csv"), encoding: .utf8)
        #expect(csv == "extension,file,mean\n1,bias1,104.5\n1,bias2,105.5\n")
    }

    @Test("@listfile: one path per line, # comments, relative to the list; positional and --files mix")
    func listFile() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        try FileManager.default.createDirectory(at: tool.url("lists"), withIntermediateDirectories: true)
        try "# flats of the night\n../flat1.fits\n../flat2.fits  # the second\n\n"
            .write(to: tool.url("lists/flats.txt"), atomically: true, encoding: .utf8)
        let outcome = try tool.run(["makeFlat", "@lists/flats.txt", "--files", "flat3.fits", "--explain"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Inputs (3):"))
        #expect(outcome.stdout.contains("  flat1.fits  CAM_FLAT"))
    }

    @Test("--until stops after a step and delivers; --from continues from its checkpoint")
    func untilThenFrom() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let files = ["flat1.fits", "flat2.fits"]
        var outcome = try tool.run(["makeFlat"] + files + ["--until", "1", "-o", "part"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(tool.listing("part") == ["flat1.fits", "flat2.fits"])
        #expect(outcome.stderr.contains("Stopped after step 1 (prepareFlats) as --until asked; --from stackFrames continues"))
        outcome = try tool.run(["makeFlat"] + files + ["--from", "stackFrames", "-o", "rest"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Starting at step 2 (stackFrames) from the checkpoint of step 1"))
        #expect(tool.listing("rest") == ["flat1_flat.fits", "flat_levels.csv"])
        outcome = try tool.run(["makeFlat"] + files + ["--from", "measureMean"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--from measureMean needs the checkpoint of the step before it (stackFrames)"))
    }
}
