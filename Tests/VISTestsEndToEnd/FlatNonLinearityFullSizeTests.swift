import AstroKit
import Config_VIS
import Foundation
import Recipes_VIS
import Testing
@testable import VISSimulator

/// The issue's acceptance on full-size frames (4238 × 4172), CCD1: FLAT01 with 3 frames per
/// level (PRNU within 5 % of the simulated one, master flat at 50 % correlated > 0.9 with the
/// PRNU map) and NL02 with 1 frame per column (curve within 0.1 % above 1 % of full well).
/// Minutes in a debug build (rendering dominates), so only with ASTROKIT_FULL_SIZE=1.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["ASTROKIT_FULL_SIZE"] == "1"))
struct FlatNonLinearityFullSizeTests {
    func simulate(_ run: VISRun, _ test: String, frames: Int, physics: PhysicsOptions = PhysicsOptions()) throws
        -> (SimulationResult, SimulationPlan) {
        var request = SimulationRequest(test: test, outputDirectory: run.data)
        request.size = .full
        request.ccds = [1]
        request.framesPerLevel = frames
        request.seed = 11
        request.block = "EINSTEIN"
        request.physics = physics
        return (try Simulator.run(request), try Simulator.plan(request))
    }

    @Test func flat01() throws {
        let run = try VISRun()
        defer { run.remove() }
        let (sim, plan) = try simulate(run, "FLAT01", frames: 3)
        let outcome = try run.reduce("FLAT01", files: sim.frames, extra: ["--no-store"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let truth = try #require(sim.truth.ccd(1))
        let flat = try FITSFile.open(outcome.output.appendingPathComponent("FLAT01/EUC_MASTERFLAT_col002_CCD1.fits").path)
            .readImage(hdu: 1, as: Float.self).pixels
        let ccd = plan.model.ccds[0], g = plan.model.geometry
        for q in Quadrant.allCases {
            let simulated = try #require(truth.quadrant(q)).prnuRealized * 100
            for level in FLAT01Tests.levels(outcome, q) {
                let prnu = number(level["prnu_pc"])
                print("FLAT01 full \(q) \(level["label"] ?? ""): PRNU \(prnu) % (vison \(number(level["prnu_vison_pc"])) %), simulated \(simulated) %")
                #expect(abs(prnu - simulated) / simulated < 0.05)
            }
            let canonical = g.canonicalQuadrant(q, of: flat)
            let key = SplitMix64.hash(ccd.prnuKey, UInt64(q.index))
            let bad = Set(ccd.badColumns.filter { $0.quadrant == q }.map(\.column))
            var xs: [Double] = [], ys: [Double] = []
            for row in 0..<g.imageRows {
                for column in 0..<g.imageColumns where !bad.contains(column) {
                    let v = Double(canonical[g.prescanColumns + column, row])
                    if v.isFinite { xs.append(PixelHash.normal(key: key, x: column, y: row)); ys.append(v) }
                }
            }
            let r = FLAT01Tests.correlation(xs, ys)
            print("FLAT01 full \(q) col002: correlation with the PRNU map \(r)")
            #expect(r > 0.9)
        }
    }

    @Test func nl02() throws {
        let run = try VISRun()
        defer { run.remove() }
        var physics = PhysicsOptions()
        physics.nonLinearity = true
        let (sim, plan) = try simulate(run, "NL02", frames: 1, physics: physics)
        let outcome = try run.reduce("NL02", files: sim.frames, extra: ["--no-store"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        for q in Quadrant.allCases {
            let values = outcome.quadrant("CCD1", q.rawValue)
            let model = NonLinearityModel(coefficients: try #require(values["nl_model"] as? [Double]))
            let truth = NL02Tests.reference(plan, q)
            var worst = 0.0
            for x in stride(from: 0.01 * 65536, through: NonLinearityModel.fitRange.upperBound, by: 250) {
                worst = max(worst, abs(model(x) - truth(x)))
            }
            print("NL02 full \(q): worst |model - truth| \(worst) %, max NL \(number(values["max_nl_pc"])) %, stability \(number(values["stability_pc"])) %")
            #expect(worst < 0.1)
        }
    }
}
