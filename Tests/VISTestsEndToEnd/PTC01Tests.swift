import AstroKit
import Config_VIS
import Foundation
import TestTools
import Testing
import VISSimulator

/// PTC01 end to end on small CCD1 frames, one pair per level, with three glitches simulated in
/// one run, each of which must raise its flag naming exactly its frames:
/// * ObsID 1005 (col003, 20 %) got 20 % less light: pair 1004/1005 → PAIR_MISMATCH, excluded;
/// * ObsIDs 1006 and 1007 (col004, 30 %) got 30 % more: FLUENCE_OOL (and 1005, 20 % low);
/// * ObsID 1002 (col002, 10 %) has a 30 x 30 patch at 65535 in quadrant E: PTC_SATURATION.
@Suite(.serialized) struct PTC01Tests {
    static let patch = (obsid: 1002, quadrant: Quadrant.E, x0: 100, y0: 100, side: 30)

    static let run: Result<(VISRun, SimulationResult, VISRun.Outcome), any Error> = Result {
        let run = try VISRun()
        let sim = try PTCChecks.simulate(run, "PTC01", frames: 2, seed: 6) {
            $0.illuminationScale = [1005: 0.8, 1006: 1.3, 1007: 1.3]
        }
        let file = try #require(sim.frames.first { $0.lastPathComponent.hasPrefix("EUC_\(patch.obsid)_") })
        try saturate(file, geometry: sim.truth.geometry)
        return (run, sim, try run.reduce("PTC01", files: sim.frames))
    }

    /// Sets a square of canonical image pixels of the patch quadrant to 65535 (a glint).
    static func saturate(_ url: URL, geometry t: GeometryTruth) throws {
        let g = VISGeometry(prescanColumns: t.prescanColumns, imageColumns: t.imageColumns, overscanColumns: t.overscanColumns,
                            imageRows: t.imageRows, parallelOverscanRows: t.parallelOverscanRows)
        let file = try FITSFile.open(url.path)
        let header = try file.allInfo()[1].header
        var pixels = try file.readPixels(hdu: 1, as: UInt16.self)
        let whole = g.quadrant(patch.quadrant).whole
        for cy in patch.y0..<(patch.y0 + patch.side) {
            for cx in (g.prescanColumns + patch.x0)..<(g.prescanColumns + patch.x0 + patch.side) {
                let fx = whole.x0 + (patch.quadrant.flipsX ? g.quadrantWidth - 1 - cx : cx)
                let fy = whole.y0 + (patch.quadrant.flipsY ? g.quadrantHeight - 1 - cy : cy)
                pixels.values[fy * pixels.width + fx] = 65535
            }
        }
        try FITSWriter.write(to: url.path, overwrite: true) { w in
            try w.addPrimary()
            try w.addImage(pixels.values, shape: pixels.shape, header: header, extname: "ROE1_CCD1")
        }
    }

    @Test func gainsMatchTheTruthDespiteTheGlitches() throws {
        let (_, sim, outcome) = try Self.run.get()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        try PTCChecks.checkGains(outcome, sim, tolerance: 0.08)
    }

    @Test func productsAndResults() throws {
        let (_, sim, outcome) = try Self.run.get()
        try PTCChecks.checkProducts(outcome, test: "PTC01", sim: sim)
    }

    /// The 100-120 % levels are mostly saturated: their image noise is undefined (null), but
    /// every frame is used and none is set aside as bad data.
    @Test func saturatedLevelsAreNotBadData() throws {
        let (_, _, outcome) = try Self.run.get()
        #expect(outcome.flags["BADDATA"] == nil, "\(outcome.flags["BADDATA"] ?? "")")
        let pairs = try String(contentsOf: outcome.output.appendingPathComponent("pairs.csv"), encoding: .utf8)
        #expect(pairs.contains("col011"), "the 120 % level is paired: \(pairs)")
    }

    @Test func pairWhoseFramesDifferByMoreThanTenPercentIsFlaggedAndExcluded() throws {
        let (_, _, outcome) = try Self.run.get()
        let flag = try #require(outcome.flags["PAIR_MISMATCH"])
        #expect(flag.contains("ObsID 1004/1005") && flag.contains("pair excluded"), "\(flag)")
        #expect(flag.components(separatedBy: "ObsID").count == 2, "only one pair: \(flag)")
        // Its points are in the table, none used.
        let csv = try String(contentsOf: outcome.output.appendingPathComponent("PTC01/PTC01_points.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let pair = rows.filter { $0[2] == "1004" }
        #expect(!pair.isEmpty && pair.allSatisfy { $0[7] == "0" })
    }

    @Test func fluenceOutOfLimitsNamesExactlyTheGlitchedFrames() throws {
        let (_, _, outcome) = try Self.run.get()
        let flag = try #require(outcome.flags["FLUENCE_OOL"])
        let named = Set(flag.components(separatedBy: "; ").compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) })
        #expect(named == ["1005", "1006", "1007"], "\(flag)")
        for obsid in ["1006", "1007"] {
            for q in Quadrant.allCases { #expect(flag.contains("ObsID \(obsid) CCD1 \(q.rawValue) (col004)"), "\(obsid) \(q)") }
        }
        let col004 = outcome.compliance.filter { $0["check"] as? String == "fluence_col004" }
        #expect(col004.count == 4 && col004.allSatisfy { $0["pass"] as? Bool == false })
        #expect(outcome.flags["FLUX_OOL"] == nil)
    }

    @Test func saturationInTheFitRangeIsFlagged() throws {
        let (_, _, outcome) = try Self.run.get()
        let flag = try #require(outcome.flags["PTC_SATURATION"])
        #expect(flag.hasPrefix("CCD1 E col002 ObsID 1002/1003"), "\(flag)")
        #expect(flag.contains("900 + 0 saturated pixels excluded"), "\(flag)")
        #expect(!flag.contains(";"), "only one pair and quadrant: \(flag)")
    }

    /// The whole `reduce PTC01` at full size (one CCD, one pair per level; 814 s in a debug
    /// build on a loaded machine): opt-in with ASTROKIT_FULL_SIZE=1. Acceptance: gain within 1 %
    /// and 3 gain_err. Measured once (seed 7): gain − truth = +0.157 % (E), −0.060 % (F),
    /// −0.065 % (G), −0.015 % (H), gain_err/gain 0.15-0.18 %, 180 points per quadrant.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ASTROKIT_FULL_SIZE"] == "1"))
    func fullSize() throws {
        let run = try VISRun()
        defer { run.remove() }
        var request = SimulationRequest(test: "PTC01", outputDirectory: run.data)
        request.ccds = [1]
        request.framesPerLevel = 2
        request.seed = 7
        request.block = "EINSTEIN"
        let sim = try Simulator.run(request)
        let outcome = try run.reduce("PTC01", files: sim.frames)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let truth = try #require(sim.truth.ccd(1))
        for q in Quadrant.allCases {
            let m = outcome.quadrant("CCD1", q.rawValue)
            let gain = number(m["gain"]), err = number(m["gain_err"]), t = try #require(truth.quadrant(q)).gain
            print("full-size reduce PTC01 \(q): gain \(gain) ± \(err) (truth \(t), \((gain - t) / t * 100) %), alpha \(number(m["alpha"])), npoints \(number(m["npoints"])), quality \(m["quality"] ?? "")")
            #expect(abs(gain - t) / t < 0.01)
            #expect(abs(gain - t) < 3 * err)
            #expect((m["quality"] as? [String]) == [])
        }
    }
}
