import AstroKit
import Config_VIS
import Foundation
import TestTools
import Testing
import VISSimulator

/// PTC02_730 end to end: its whole structure (6 levels up to 90 % x 4 frames) of small CCD1
/// frames through the built `reduce`. Nominal data: no flag of the PTC steps but PTC_QUALITY
/// (small frames hold 1/65 of a quadrant's pixels, so gain_err/gain is ~2 %, above POOR_FIT's
/// 1.1 %).
@Suite(.serialized) struct PTC02Tests {
    static let run: Result<(VISRun, SimulationResult, VISRun.Outcome), any Error> = Result {
        let run = try VISRun()
        let sim = try PTCChecks.simulate(run, "PTC02_730", seed: 4)
        return (run, sim, try run.reduce("PTC02_730", files: sim.frames))
    }

    @Test func gainsMatchTheTruth() throws {
        let (_, sim, outcome) = try Self.run.get()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        try PTCChecks.checkGains(outcome, sim, tolerance: 0.08)
    }

    @Test func productsAndResults() throws {
        let (_, sim, outcome) = try Self.run.get()
        try PTCChecks.checkProducts(outcome, test: "PTC02_730", sim: sim)
        let structure = try #require(outcome.results?["structure"] as? [String: Any])
        #expect(structure["consistent"] as? Bool == true, "\(structure)")
    }

    @Test func nominalDataRaiseNoPTCFlag() throws {
        let (_, _, outcome) = try Self.run.get()
        for flag in ["PAIR_MISMATCH", "FLUENCE_OOL", "FLUX_OOL", "PTC_SATURATION", "HER_OOL", "BADDATA", "MISSDATA", "WRONGTEST"] {
            #expect(outcome.flags[flag] == nil, "\(flag): \(outcome.flags[flag] ?? "")")
        }
        // Fluence, flux and HER compliance: one row per column and quadrant, all passing.
        let checks = outcome.compliance.filter { ($0["check"] as? String).map { $0.hasPrefix("fluence_col") || $0 == "her" || $0.hasPrefix("flux") } ?? false }
        #expect(checks.count == 6 * 4 + 4 + 4)
        #expect(checks.allSatisfy { $0["pass"] as? Bool == true })
    }
}
