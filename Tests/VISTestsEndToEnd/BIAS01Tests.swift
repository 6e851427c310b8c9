import AstroKit
import Config_VIS
import Foundation
import Testing
import VISSimulator

/// BIAS01 end to end: 10 small simulated bias frames of CCD1 through the built `reduce`.
@Suite(.serialized) struct BIAS01Tests {
    /// One simulation and one run shared by the tests (each run takes seconds).
    static let run: Result<(VISRun, SimulationResult, VISRun.Outcome), any Error> = Result {
        let run = try VISRun()
        let sim = try run.simulate("BIAS01", ccds: [1], frames: 10)
        let outcome = try run.reduce("BIAS01", files: sim.frames)
        return (run, sim, outcome)
    }

    @Test func offsetsAndReadNoiseMatchTheTruth() throws {
        let (_, sim, outcome) = try Self.run.get()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let truth = try #require(sim.truth.ccd(1))
        for q in Quadrant.allCases {
            let t = try #require(truth.quadrant(q))
            let m = outcome.quadrant("CCD1", q.rawValue)
            for key in ["offset_pre", "offset_img", "offset_ove"] {
                #expect(abs(number(m[key]) - t.expectedPrescanLevel) < 0.05, "\(q) \(key): \(number(m[key])) vs \(t.offset)")
            }
            // Scan noise includes the 1/12 ADU^2 of rounding: compare with sqrt(RON^2 + 1/12).
            for key in ["ron_pre", "ron_ove", "ron_img"] {
                #expect(abs(number(m[key]) / t.expectedPrescanNoise - 1) < 0.03, "\(q) \(key): \(number(m[key])) vs \(t.expectedPrescanNoise)")
            }
        }
        let estimators = try #require(outcome.results?["estimators"] as? [String: String])
        #expect(estimators["offset"]?.contains("clipped mean") == true)
    }

    @Test func resultsFollowTheSchemaAndListTheProducts() throws {
        let (_, sim, outcome) = try Self.run.get()
        let r = try #require(outcome.results)
        #expect(Set(r.keys).isSuperset(of: ["test", "inputs", "structure", "flags", "ccds", "compliance", "products"]))
        #expect(r["test"] as? String == "BIAS01")
        let inputs = try #require(r["inputs"] as? [String: Any])
        #expect((inputs["files"] as? [String])?.count == sim.frames.count)
        #expect((inputs["obsids"] as? [Int])?.count == 10)
        let structure = try #require(r["structure"] as? [String: Any])
        #expect(structure["consistent"] as? Bool == true, "\(structure)")
        let products = try #require(r["products"] as? [[String: String]])
        for product in products {
            let path = try #require(product["path"])
            #expect(FileManager.default.fileExists(atPath: outcome.output.appendingPathComponent(path).path), "\(path)")
        }
        #expect(products.contains { $0["kind"] == "MASTER_BIAS" && $0["ccd"] == "CCD1" })
        #expect(products.contains { $0["kind"] == "TABLE_FITS" } && products.contains { $0["kind"] == "TABLE_CSV" })
    }

    @Test func complianceOfInLimitOffsetsPasses() throws {
        let (_, _, outcome) = try Self.run.get()
        #expect(!outcome.compliance.isEmpty)
        #expect(outcome.compliance.allSatisfy { $0["pass"] as? Bool == true })
        #expect(outcome.flags["POORQUALDATA"] == nil && outcome.flags["RON_OOL"] == nil)
    }

    @Test func masterBiasIsTheBiasStructureWithinNoise() throws {
        let (_, sim, outcome) = try Self.run.get()
        let path = outcome.output.appendingPathComponent("BIAS01/EUC_MASTERBIAS_CCD1.fits").path
        let file = try FITSFile.open(path)
        let stack = try file.readImage(hdu: 1, as: Float.self).pixels
        let g = VISGeometry(imageColumns: sim.truth.geometry.imageColumns, imageRows: sim.truth.geometry.imageRows)
        let truth = try #require(sim.truth.ccd(1))
        for q in Quadrant.allCases {
            let t = try #require(truth.quadrant(q))
            let canonical = g.canonicalQuadrant(q, of: stack)
            let area = Section(x0: g.prescanColumns, x1: g.prescanColumns + g.imageColumns, y0: 0, y1: g.imageRows)
            let s = Samples(canonical, section: area)
            // The true bias structure after the offset is removed is flat (0); the median of
            // 10 frames has a per-pixel noise of about 1.2533 x sigma / sqrt(10).
            let expectedNoise = 1.2533 * t.expectedPrescanNoise / 10.0.squareRoot()
            #expect(abs(s.mean) < 0.05, "\(q): master bias level \(s.mean)")
            #expect(abs(s.std / expectedNoise - 1) < 0.15, "\(q): master bias noise \(s.std) vs \(expectedNoise)")
        }
    }

    @Test func masterBiasHeaderRecordsInputsRecipeAndSoftware() throws {
        let (_, _, outcome) = try Self.run.get()
        let ad = try AstroData.open(outcome.output.appendingPathComponent("BIAS01/EUC_MASTERBIAS_CCD1.fits").path)
        #expect(ad.primaryHeader.string("RECIPE") == "BIAS01.recipe")
        #expect(ad.primaryHeader.string("SOFTWARE") == "AstroKit")
        #expect(ad.primaryHeader.string("SWVERS") != nil)
        #expect(ad.primaryHeader.int("NINPUTS") == 10)
        #expect(ad.primaryHeader.string("INPUT001")?.hasPrefix("EUC_1000_") == true)
        let names = try (0..<4).map { try FITSFile.open(ad.path!).info(hdu: $0).extname ?? "" }
        #expect(names == ["", "STACK", "STD", "MASK"])
    }

    @Test func outOfLimitOffsetsFailCompliance() throws {
        let (run, sim, _) = try Self.run.get()
        let truth = try #require(sim.truth.ccd(1)?.quadrant(.E))
        // Nominal offset 60 ADU away from the simulated one: outside the +-50 ADU limits.
        let limits = run.folder.appendingPathComponent("limits.json")
        try Data(#"{"offsets": {"CCD1": {"E": \#(truth.offset + 60)}}}"#.utf8).write(to: limits)
        // Three frames are enough for the limits (the short run is flagged MISSDATA, not a failure).
        let outcome = try run.reduce("BIAS01", files: Array(sim.frames.prefix(3)), extra: ["-p", "limits=\(limits.path)"], name: "out-limits")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let failed = outcome.compliance.filter { $0["pass"] as? Bool == false }
        #expect(Set(failed.compactMap { $0["check"] as? String }) == ["offset_pre", "offset_img", "offset_ove"])
        #expect(failed.allSatisfy { $0["quadrant"] as? String == "E" && $0["ccd"] as? String == "CCD1" })
        #expect(outcome.flags["POORQUALDATA"] != nil)
        // The report shows each failure in red with its value and limits, and the summary lists them.
        let html = try String(contentsOf: outcome.output.appendingPathComponent("BIAS01/BIAS01_report.html"), encoding: .utf8)
        let cell = try NSRegularExpression(pattern: #"<td class="fail">[-0-9.]+<br><small>limits [-0-9.]+ … [-0-9.]+</small></td>"#)
        #expect(cell.numberOfMatches(in: html, range: NSRange(html.startIndex..., in: html)) == 3)
        #expect(html.contains("3 of \(outcome.compliance.count) compliance checks failed"))
        #expect(outcome.stdout.contains("compliance: \(outcome.compliance.count) checks, 3 FAILED:\n  CCD1 E offset_pre = "))
    }

    @Test func offsetsSimulatedForAnotherBlockFailWhereTheyDifferByMoreThan50ADU() throws {
        // Frames simulated with block CURIE's offsets, reduced as EINSTEIN's: a quadrant fails
        // exactly when its simulated offset lies more than 50 ADU from EINSTEIN's nominal one.
        let run = try VISRun()
        defer { run.remove() }
        let sim = try run.simulate("BIAS01", ccds: [1], frames: 3, seed: 5, block: "CURIE")
        let outcome = try run.reduce("BIAS01", files: sim.frames, name: "curie")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let nominal = try #require(try BlockOffsets.named("EINSTEIN"))
        let truth = try #require(sim.truth.ccd(1))
        var failing: Set<String> = []
        for q in Quadrant.allCases {
            let simulated = try #require(truth.quadrant(q)).offset
            let expected = try #require(nominal.offset(ccd: 1, quadrant: BlockOffsets.Quadrant(rawValue: q.rawValue)!))
            if abs(simulated - expected) > 50 { failing.insert(q.rawValue) }
        }
        #expect(!failing.isEmpty && failing.count < 4, "CURIE vs EINSTEIN should fail some quadrants, pass others: \(failing)")
        let failed = outcome.compliance.filter { $0["pass"] as? Bool == false && ($0["check"] as? String)?.hasPrefix("offset_") == true }
        #expect(Set(failed.compactMap { $0["quadrant"] as? String }) == failing)
        #expect(outcome.flags["POORQUALDATA"] != nil)
    }
}
