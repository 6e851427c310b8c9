import AstroKit
import Config_VIS
import Foundation
import Recipes_VIS
import Testing
import VISSimulator

/// NL02 on simulated data with the simulator's standard non-linearity, NL(x) = 3x − 5x² %
/// (small frames, CCD1, 2 frames per level, 16 tiles of 64²; ~30 s in a debug build, nearly all
/// of it rendering 88 frames). Measured (seed 51): worst |model − truth| over 1–85 % of full
/// well 0.023 / 0.005 / 0.027 / 0.059 % (E/F/G/H), the worst at 655 ADU; max NL −1.50 % at
/// 55 536 ADU against −1.50…−1.51 % true; stability_pc ≤ 0.001 %.
@Suite("Non-linearity analysis")
struct AnalysisNonLinearityTests {
    /// The simulated non-linearity as NL02 can see it. NL02 cannot know the absolute linear
    /// response: each set is referenced to its own line through its frames in the 15–25 %
    /// overlap (set B: its 3 shortest times, set A: its 3 longest), so the truth is NL relative
    /// to those chords — set A's below the overlap, set B's above (they agree inside it).
    static func reference(_ plan: SimulationPlan, _ q: Quadrant) -> (Double) -> Double {
        let nl = plan.model.nonLinearity!
        let ccd = plan.model.ccds[0]
        func chord(wavelength: Int, longest: Bool) -> (alpha: Double, beta: Double, top: Double) {
            let conditions = plan.exposures.filter {
                $0.column.wavelength == wavelength && $0.column.role != "STAB" && $0.conditions.isIlluminated
            }.map(\.conditions)
            let signals = Set(conditions.map { 65536 * $0.illuminatedTime / $0.timeToFullWell! * ccd.meanGain / ccd.model(q).gain })
            let sorted = signals.sorted()
            let overlap = longest ? Array(sorted.suffix(3)) : Array(sorted.prefix(3))
            // NonLinearity02's default reference, a line through the origin.
            let alpha = overlap.reduce(0) { $0 + nl.apply($1) * $1 } / overlap.reduce(0) { $0 + $1 * $1 }
            return (alpha, 0, overlap.max()!)
        }
        let low = chord(wavelength: 0, longest: true), high = chord(wavelength: 880, longest: false)
        return { recorded in
            // The linear signal S whose recorded value is `recorded`: S = R/(1 + NL(S)/100).
            var s = recorded
            for _ in 0..<50 { s = recorded / (1 + nl.percent(atSignal: s) / 100) }
            let c = s <= low.top ? low : high
            return 100 * (nl.apply(s) - c.alpha * s - c.beta) / (c.alpha * s)
        }
    }

    @Test("the NL curve matches the simulated one within 0.1 % above 1 % of full well")
    func curve() throws {
        let plan = try AnalysisFixtures.plan("NL02", seed: 51, framesPerLevel: 2) { $0.nonLinearity = true }
        let renderer = FrameRenderer(model: plan.model)
        let tiling = AnalysisFixtures.smallTiling(plan.model.geometry)
        var frames: [Quadrant: [NL02Frame]] = [:]
        for (i, e) in plan.exposures.enumerated() {
            for (q, prepared) in AnalysisFixtures.quadrants(plan, renderer: renderer, index: i, offset: .none) {
                frames[q, default: []].append(NL02Frame(prepared, tiling: tiling, commandedTime: e.column.exposureTime,
                                                        wavelength: e.column.wavelength ?? 0,
                                                        time: e.date.timeIntervalSince1970))
            }
        }
        for q in Quadrant.allCases {
            let r = try NonLinearity02.analyse(frames[q]!, shutter: plan.shutter)
            let truth = Self.reference(plan, q)
            var worst = 0.0, worstAt = 0.0
            for x in stride(from: 0.01 * 65536, through: NonLinearityModel.fitRange.upperBound, by: 250) {
                let d = abs(r.model(x) - truth(x))
                if d > worst { worst = d; worstAt = x }
            }
            print("NL02 \(q): max NL \(r.maxNLPercent) % at \(r.fluenceAtMaxNL) ADU (truth \(truth(r.fluenceAtMaxNL)) %), worst |model − truth| \(worst) % at \(worstAt) ADU, stability \(r.stabilityPercent) %, \(r.fluence.count) points, converged \(r.model.converged)")
            #expect(worst < 0.1)
            #expect(abs(r.maxNLPercent - truth(r.fluenceAtMaxNL)) < 0.1)
            #expect(r.roles.filter { $0 == .background }.count == 2)
            // 22 STAB columns of 2 frames, and set B's 50 % level, which has the STAB time.
            #expect(r.roles.filter { $0 == .stability }.count == 46)
            // The simulated source is steady: the tracking sees only the STAB frames' noise.
            #expect(r.stabilityPercent < 0.05)
        }
    }

    @Test("the exp + P4 model is fitted globally: an exact quadratic NL is recovered")
    func model() throws {
        let f = stride(from: 300.0, through: 55_000, by: 300).map { $0 }
        let truth = { (x: Double) in 3 * x / 65536 - 5 * (x / 65536) * (x / 65536) }
        let m = try NonLinearityModel.fit(fluence: f, percent: f.map(truth))
        #expect(f.allSatisfy { abs(m($0) - truth($0)) < 1e-3 })
        #expect(m.curve().fluence.first! >= 300)
    }

    @Test("shutter correction: a commanded 0.1 s is 0.125 s on chamber B")
    func shutter() throws {
        let shutter = try ShutterCalibration.load("B")
        #expect(abs(shutter.actualExposureTime(commanded: 0.1) - 0.125) < 1e-6)
    }
}
