import Foundation
import TestTools
import Testing

@Suite("reduce command line")
struct ReduceCommandTests {
    @Test("reduce --help shows usage examples")
    func helpShowsExamples() throws {
        let tool = try ReduceTool(tool: "reduce")
        defer { tool.remove() }
        let outcome = try tool.run(["--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Examples:"))
        #expect(outcome.stdout.contains("reduce BIAS01 --files EUC_*.fits"))
        #expect(outcome.stdout.contains("-p stackFrames:method=median"))
    }

    @Test("a recipe runs and delivers its products; the work folder is cleared")
    func runDeliversProducts() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let outcome = try tool.run(["makeFlat", "--files", "flat1.fits", "flat2.fits", "flat3.fits"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(tool.listing("reduce-out") == ["flat1_flat.fits", "flat_levels.csv"])
        #expect(outcome.stdout == "reduce-out/flat1_flat.fits\nreduce-out/flat_levels.csv\n")
        #expect(outcome.stderr.contains("RECIPE makeFlat"))
        #expect(outcome.stderr.contains("   1 RECIPE prepareFlats"))
        #expect(outcome.stderr.contains("         1.1.1 PRIMITIVE subtractScalar"))
        #expect(!FileManager.default.fileExists(atPath: tool.url("reduce-work").path))
        let csv = try String(contentsOf: tool.url("reduce-out/flat_levels.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("extension,file,mean\n1,flat1_flat,0.99999"))
        try Self.expectVerified(tool.url("reduce-out/flat1_flat.fits").path)
    }

    /// The product passes fitsverify with no error or warning (when fitsverify is installed).
    static func expectVerified(_ path: String) throws {
        guard let text = try ToolRunner.fitsverify(path) else { return }
        #expect(text.hasPrefix("verification OK"), "\(text)")
    }
}
