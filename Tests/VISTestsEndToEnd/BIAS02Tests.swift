import Config_VIS
import Foundation
import Testing
import VISSimulator

/// BIAS02 (BIAS01 read the other way) runs through the same sub-recipes.
@Suite struct BIAS02Tests {
    @Test func offsetsMatchTheTruthAndTheShortRunIsFlagged() throws {
        let run = try VISRun()
        defer { run.remove() }
        let sim = try run.simulate("BIAS02", ccds: [1], frames: 4, seed: 9)
        let outcome = try run.reduce("BIAS02", files: sim.frames)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let structure = try #require(outcome.results?["structure"] as? [String: Any])
        // 4 frames of the 10 BIAS02 takes: the run is measured, and said to be short.
        #expect(structure["consistent"] as? Bool == false)
        #expect(outcome.flags["MISSDATA"]?.contains("missing for CCD1") == true, "\(outcome.flags)")
        let truth = try #require(sim.truth.ccd(1))
        for q in Quadrant.allCases {
            let t = try #require(truth.quadrant(q))
            // 4 small frames: the overscan level (10 columns) is known to about 0.015 ADU.
            #expect(abs(number(outcome.quadrant("CCD1", q.rawValue)["offset_pre"]) - t.offset) < 0.05)
            #expect(abs(number(outcome.quadrant("CCD1", q.rawValue)["ron_pre"]) / t.expectedPrescanNoise - 1) < 0.05)
        }
        #expect(FileManager.default.fileExists(atPath: outcome.output.appendingPathComponent("BIAS02/EUC_MASTERBIAS_CCD1.fits").path))
    }
}
