import Foundation
import Reports
import TestTools
import Testing

/// The HTML reports of the VIS tests, from the runs the test suites share: self-contained,
/// with their figures, rendered by headless Chromium into a page that is not blank.
@Suite struct ReportTests {
    static func run(_ test: String) throws -> VISRun.Outcome {
        switch test {
        case "BIAS01": return try BIAS01Tests.run.get().2
        case "DARK01": return try DARK01Tests.run.get().2
        case "PTC01": return try PTC01Tests.run.get().2
        case "FLAT01": return try FLAT01Tests.run.get().3
        case "NL02": return try NL02Tests.run.get().3
        default: return try COSMETICS00Tests.run.get().2
        }
    }

    /// Figures of the small one-CCD runs: 3 checks (offset, noise, fluence) plus the test's own:
    /// BIAS01 master bias and its histogram; DARK01 master dark, histogram and hot-pixel mask;
    /// COSMETICS00 dark, flat and merged masks.
    @Test(arguments: [("BIAS01", 5), ("DARK01", 6), ("COSMETICS00", 6), ("PTC01", 8), ("FLAT01", 9), ("NL02", 4)])
    func reportIsSelfContainedWithItsFiguresAndRendersInChromium(test: String, figures: Int) throws {
        let outcome = try Self.run(test)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let url = outcome.output.appendingPathComponent("\(test)/\(test)_report.html")
        let png = outcome.output.appendingPathComponent("\(test)/\(test)_report.png")
        // PTC01's page is rendered whole: its screenshot is the README's.
        let page = try RenderedReport(url, png: png, height: test == "PTC01" ? 9000 : 5000)
        #expect(page.count("<figure>") == figures)
        #expect(page.count("<svg ") == figures)
        #expect(HTMLDocument.externalReferences(in: page.html).isEmpty, "\(HTMLDocument.externalReferences(in: page.html))")
        #expect(!page.html.contains("http://") && !page.html.contains("https://"))
        // Every compliance check is one coloured cell of a CCD x quadrant matrix.
        let compliance = outcome.compliance
        let passed = compliance.filter { $0["pass"] as? Bool == true }.count
        #expect(passed > 0 && page.count("<td class=\"pass\">") == passed)
        // PTC: a quadrant whose fit has a quality bit is a red cell of the gain table too.
        let poorFits = ["E", "F", "G", "H"].filter { (outcome.quadrant("CCD1", $0)["quality"] as? [String])?.isEmpty == false }.count
        #expect(page.count("<td class=\"fail\">") == compliance.count - passed + outcome.flags.count + poorFits)
        for section in ["Summary", "What was run", "Data ingestion", "Housekeeping", "Checks", "Compliance", "Results", "Flags", "Products"] {
            #expect(page.html.contains("<h2>\(section)</h2>"), "\(section)")
        }
        // Not blank: text, tables and figures cover the page; the pass cells' green and the
        // first chart series' blue are on it.
        #expect(page.inkFraction > 0.05, "\(page.inkFraction)")
        #expect(page.pixels((227, 244, 227)) > 1000)
        #expect(page.pixels((0, 114, 178)) > 50)
    }

    @Test func reduceEndsWithTheSummaryOfKeyNumbersFlagsAndPaths() throws {
        let outcome = try Self.run("DARK01")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("DARK01: 4 frames, ObsIDs 1000-1003, CCD1") }, "\(outcome.stdout)")
        #expect(lines[start + 1].hasPrefix("dark current [e-/pix/s]") && lines[start + 1].hasSuffix("E         F         G         H"))
        let values = lines[start + 2].split(separator: " ").dropFirst().compactMap { Double($0) }
        let json = ["E", "F", "G", "H"].map { number(outcome.quadrant("CCD1", $0)["dark_current"]) }
        #expect(values.count == 4)
        for (shown, value) in zip(values, json) { #expect(abs(shown - value) <= 0.5e-5, "\(shown) vs \(value)") }
        #expect(lines[start + 3] == "compliance: \(outcome.compliance.count) checks, all passed")
        #expect(lines[start + 4] == "flags: none")
        let output = outcome.output.standardizedFileURL.path
        #expect(lines.last == "report: \(output)/DARK01/DARK01_report.html")
    }

    @Test func reportPrintsToPDFThroughChromium() throws {
        let (run, sim, _) = try BIAS01Tests.run.get()
        let outcome = try run.reduce("BIAS01", files: Array(sim.frames.prefix(3)), extra: ["--report", "pdf"], name: "out-pdf")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let pdf = try Data(contentsOf: outcome.output.appendingPathComponent("BIAS01/BIAS01_report.pdf"))
        #expect(pdf.prefix(5) == Data("%PDF-".utf8))
        #expect(pdf.count > 20_000)
        #expect(outcome.stdout.contains("BIAS01/BIAS01_report.pdf"))
    }

    @Test func aMissingBrowserStopsReportPDFBeforeTheRun() throws {
        let (run, sim, _) = try BIAS01Tests.run.get()
        let output = run.folder.appendingPathComponent("out-nobrowser")
        let result = try ToolRunner.run("reduce", ["BIAS01", "--files", sim.frames[0].path, "-o", output.path, "--report", "pdf"],
                                        timeout: 120, environment: ["ASTROKIT_BROWSER": "/nonexistent/chromium"])
        #expect(result.status == 2)
        #expect(result.stderr == "--report pdf: ASTROKIT_BROWSER names /nonexistent/chromium, which is not an executable file\n")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
