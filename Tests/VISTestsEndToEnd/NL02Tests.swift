import AstroKit
import Config_VIS
import Foundation
import Recipes_VIS
import TestTools
import Testing
import VISSimulator

/// NL02 end to end: 1 small simulated frame per column (89 frames of CCD1, 16 tiles of 64²
/// per quadrant) with the simulator's standard non-linearity NL(x) = 3x − 5x² %, through the
/// built `reduce`. Measured (seed 3): worst |model − truth| above 1 % of full well
/// 0.005 / 0.014 / 0.064 / 0.023 % (E/F/G/H, each at 655 ADU); max NL −1.49…−1.53 % at 55 536 ADU
/// against −1.50…−1.51 % true; stability ≤ 0.001 %.
@Suite(.serialized) struct NL02Tests {
    static let run: Result<(VISRun, SimulationResult, SimulationPlan, VISRun.Outcome), any Error> = Result {
        let run = try VISRun()
        var physics = PhysicsOptions()
        physics.nonLinearity = true
        let (sim, plan) = try run.simulatePlanned("NL02", frames: 1, seed: 3, physics: physics)
        return (run, sim, plan, try run.reduce("NL02", files: sim.frames, extra: ["--no-store"]))
    }

    /// The simulated NL as NL02 can see it: each set against its own line through the origin
    /// fitted in the 15–25 % overlap (set B: its 3 shortest times, set A: its 3 longest), set A
    /// below the overlap, set B above (NonLinearity02's default reference).
    static func reference(_ plan: SimulationPlan, _ q: Quadrant) -> (Double) -> Double {
        let nl = plan.model.nonLinearity!
        let ccd = plan.model.ccds[0]
        func chord(wavelength: Int, longest: Bool) -> (alpha: Double, top: Double) {
            let signals = Set(plan.exposures.filter {
                $0.column.wavelength == wavelength && $0.column.role != "STAB" && $0.conditions.isIlluminated
            }.map { 65536 * $0.conditions.illuminatedTime / $0.conditions.timeToFullWell! * ccd.meanGain / ccd.model(q).gain })
            let sorted = signals.sorted()
            let overlap = longest ? Array(sorted.suffix(3)) : Array(sorted.prefix(3))
            let alpha = overlap.reduce(0) { $0 + nl.apply($1) * $1 } / overlap.reduce(0) { $0 + $1 * $1 }
            return (alpha, overlap.max()!)
        }
        let low = chord(wavelength: 0, longest: true), high = chord(wavelength: 880, longest: false)
        return { recorded in
            var s = recorded
            for _ in 0..<50 { s = recorded / (1 + nl.percent(atSignal: s) / 100) }
            let c = s <= low.top ? low : high
            return 100 * (nl.apply(s) - c.alpha * s) / (c.alpha * s)
        }
    }

    @Test func curveMatchesTheSimulatedOneWithinATenthOfAPercentAboveOnePercentOfFullWell() throws {
        let (_, _, plan, outcome) = try Self.run.get()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        for q in Quadrant.allCases {
            let values = outcome.quadrant("CCD1", q.rawValue)
            let coefficients = try #require(values["nl_model"] as? [Double])
            #expect(coefficients.count == 8)
            let model = NonLinearityModel(coefficients: coefficients)
            let truth = Self.reference(plan, q)
            var worst = 0.0, worstAt = 0.0
            for x in stride(from: 0.01 * 65536, through: NonLinearityModel.fitRange.upperBound, by: 250) {
                let d = abs(model(x) - truth(x))
                if d > worst { worst = d; worstAt = x }
            }
            let maxNL = number(values["max_nl_pc"]), at = number(values["flu_max_nl_adu"])
            print("NL02 \(q): worst |model - truth| \(worst) % at \(worstAt) ADU; max NL \(maxNL) % at \(at) ADU (truth \(truth(at)) %); stability \(number(values["stability_pc"])) %")
            #expect(worst < 0.1)
            #expect(abs(maxNL - truth(at)) < 0.1)
            #expect(abs(maxNL - model(at)) < 1e-9)
            // The simulated source is steady: the tracking sees only the STAB frames' noise.
            #expect(number(values["stability_pc"]) < 0.05)
            let range = try #require(values["nl_fit_range_adu"] as? [Double])
            #expect(range.count == 2 && range[0] > 250 && range[0] < 655 && range[1] == 55_536)
        }
    }

    @Test func pointsTableHasOneRowPerFittedPointWithItsRole() throws {
        let (_, _, _, outcome) = try Self.run.get()
        let fits = outcome.output.appendingPathComponent("NL02/NL02_points.fits").path
        if let text = try ToolRunner.fitsverify(fits) { #expect(text.contains("verification OK"), "\(text)") }
        let csv = try String(contentsOf: outcome.output.appendingPathComponent("NL02/NL02_points.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(lines.first == ["CCD", "QUADRANT", "OBSID", "TILE", "FLUENCE", "NL_PC", "ROLE"])
        let rows = lines.dropFirst()
        for q in Quadrant.allCases {
            let mine = rows.filter { $0[1] == q.rawValue }
            #expect(Double(mine.count) == number(outcome.quadrant("CCD1", q.rawValue)["npoints"]))
            #expect(Set(mine.map { $0[6] }) == ["STABILITY", "HIGH", "LOW"])
            #expect(mine.allSatisfy { $0[0] == "CCD1" && Double($0[4])! > 0 && Double($0[5])!.isFinite })
        }
        let products = outcome.results?["products"] as? [[String: Any]] ?? []
        #expect(products.contains { $0["path"] as? String == "NL02/NL02_points.fits" })
        #expect(products.contains { $0["path"] as? String == "NL02/NL02_points.csv" })
        let quadrants = outcome.output.appendingPathComponent("NL02/NL02_quadrants.fits").path
        if let text = try ToolRunner.fitsverify(quadrants) { #expect(text.contains("verification OK"), "\(text)") }
    }

    @Test func withoutItsStabilityFramesNL02StopsWithNothingWritten() throws {
        let (run, sim, plan, _) = try Self.run.get()
        let stab = Set(plan.definition.columns.filter { $0.role == "STAB" }.map(\.label))
        let kept = sim.frames.filter { url in
            sim.truth.frames.first { $0.fileName == url.lastPathComponent || $0.fileName + ".fits" == url.lastPathComponent }
                .map { !stab.contains($0.column) } ?? true
        }
        #expect(kept.count < sim.frames.count - 20)
        let outcome = try run.reduce("NL02", files: kept, extra: ["--no-store"], name: "nostab")
        #expect(outcome.status != 0)
        // Set B's 50 % column has the STAB exposure time and source: it is the one left.
        #expect(outcome.stderr.contains("measureNonLinearity: CCD1 has 1 stability frame(s) (STAB: 3.4 s at 880 nm); the flux tracking needs at least 4"),
                "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outcome.output.appendingPathComponent("NL02").path))
    }

    @Test func aChamberWithoutShutterCalibrationIsRefused() throws {
        let (run, sim, _, _) = try Self.run.get()
        // A few frames suffice: the table is looked up before any frame is measured.
        let outcome = try run.reduce("NL02", files: Array(sim.frames.prefix(8)), extra: ["--no-store", "-p", "measureNonLinearity:chamber=DEFAULT_FEB18"],
                                     name: "noshutter")
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("measureNonLinearity: the chamber profile DEFAULT_FEB18 names no shutter calibration, and NL02 needs the actual exposure times; name a table with measureNonLinearity:shutter=B"),
                "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outcome.output.appendingPathComponent("NL02").path))
    }
}
