import AstroKit
import Config_VIS
import Foundation
import Recipes_VIS
import TestTools
import Testing
@testable import VISSimulator

/// FLAT01 end to end: 5 small simulated frames per level (25, 50, 75 % of full well) of CCD1
/// through the built `reduce`. Measured (seed 3, 1 % nominal PRNU, realised 0.995–1.003 %):
/// PRNU 0.988–0.999 % (shot noise removed; vison's figure 1.001–1.024 %, +1.0…2.9 % from the
/// residual shot noise of 5 frames); the 50 % master flat correlates with the simulated PRNU
/// map at 0.986 in every quadrant (small frames: 256 × 258 image pixels per quadrant).
@Suite(.serialized) struct FLAT01Tests {
    static let run: Result<(VISRun, SimulationResult, SimulationPlan, VISRun.Outcome), any Error> = Result {
        let run = try VISRun()
        let (sim, plan) = try run.simulatePlanned("FLAT01", frames: 5, seed: 3)
        // A 1 MB budget stacks the small frames in bands of 80 rows: bands that miss a quadrant,
        // and quadrants split between bands, are exercised as on full frames.
        return (run, sim, plan, try run.reduce("FLAT01", files: sim.frames, extra: ["--no-store", "-p", "makeFlatField:memory=1"]))
    }

    static func levels(_ outcome: VISRun.Outcome, _ q: Quadrant) -> [[String: Any]] {
        outcome.quadrant("CCD1", q.rawValue)["levels"] as? [[String: Any]] ?? []
    }

    @Test func prnuIsWithinFivePercentOfTheSimulatedOneAtEveryLevel() throws {
        let (_, sim, _, outcome) = try Self.run.get()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let truth = try #require(sim.truth.ccd(1))
        for q in Quadrant.allCases {
            let simulated = try #require(truth.quadrant(q)).prnuRealized * 100
            let levels = Self.levels(outcome, q)
            #expect(levels.compactMap { $0["label"] as? String } == ["col001", "col002", "col003"])
            for level in levels {
                let prnu = number(level["prnu_pc"]), vison = number(level["prnu_vison_pc"])
                print("FLAT01 \(q) \(level["label"] ?? ""): PRNU \(prnu) % (vison \(vison) %), simulated \(simulated) %")
                #expect(abs(prnu - simulated) / simulated < 0.05, "\(q) \(level)")
                // vison's figure keeps the shot noise of the frames: never below the corrected one.
                #expect(vison >= prnu)
                #expect(number(level["nframes"]) == 5)
            }
        }
    }

    @Test func levelFluencesAreTheSimulatedSignals() throws {
        let (_, sim, _, outcome) = try Self.run.get()
        for q in Quadrant.allCases {
            for level in Self.levels(outcome, q) {
                let label = try #require(level["label"] as? String)
                let signals = sim.truth.frames.filter { $0.column == label }.compactMap { $0.quadrant(q)?.signal }
                let expected = signals.reduce(0, +) / Double(signals.count)
                // The median image pixel against the mean signal: PRNU is symmetric, bad columns few.
                #expect(abs(number(level["fluence_adu"]) - expected) / expected < 0.005, "\(q) \(label): \(level) vs \(expected)")
            }
        }
    }

    @Test func masterFlatAtHalfWellFollowsTheSimulatedPRNUMap() throws {
        let (_, _, plan, outcome) = try Self.run.get()
        let path = outcome.output.appendingPathComponent("FLAT01/EUC_MASTERFLAT_col002_CCD1.fits").path
        let file = try FITSFile.open(path)
        let flat = try file.readImage(hdu: 1, as: Float.self).pixels
        let error = try file.readImage(hdu: 2, as: Float.self).pixels
        let header = try file.header(hdu: 0)
        #expect(header.string("LEVEL") == "col002")
        #expect(header.int("NCOMB") == 5)
        #expect(header.string("PROCTYPE") == "FLAT")
        let ccd = plan.model.ccds[0], g = plan.model.geometry
        for q in Quadrant.allCases {
            let canonical = g.canonicalQuadrant(q, of: flat), errors = g.canonicalQuadrant(q, of: error)
            let key = SplitMix64.hash(ccd.prnuKey, UInt64(q.index))
            let bad = Set(ccd.badColumns.filter { $0.quadrant == q }.map(\.column))
            var xs: [Double] = [], ys: [Double] = [], sum = 0.0, meanError = 0.0
            for row in 0..<g.imageRows {
                for column in 0..<g.imageColumns where !bad.contains(column) {
                    let v = Double(canonical[g.prescanColumns + column, row])
                    guard v.isFinite else { continue }
                    xs.append(PixelHash.normal(key: key, x: column, y: row)); ys.append(v)
                    sum += v; meanError += Double(errors[g.prescanColumns + column, row])
                }
            }
            let r = Self.correlation(xs, ys)
            print("FLAT01 \(q) col002: correlation with the PRNU map \(r), mean \(sum / Double(ys.count)), mean error \(meanError / Double(ys.count))")
            #expect(r > 0.9)
            #expect(abs(sum / Double(ys.count) - 1) < 2e-3)
            // Shot noise of ~110 ke- per frame over 5 frames: ~0.15 % per master pixel.
            #expect(meanError / Double(ys.count) > 5e-4 && meanError / Double(ys.count) < 5e-3)
            // Pre- and overscans are not flat-fielded: 1 there, as vison writes it.
            #expect(canonical[3, 3] == 1)
        }
    }

    @Test func resultsNameTheMasterFlatsAndTheProductsPassFitsverify() throws {
        let (_, _, _, outcome) = try Self.run.get()
        let products = outcome.results?["products"] as? [[String: Any]] ?? []
        for label in ["col001", "col002", "col003"] {
            #expect(products.contains { $0["kind"] as? String == "MASTER_FLAT_\(label)" && $0["ccd"] as? String == "CCD1"
                && $0["path"] as? String == "FLAT01/EUC_MASTERFLAT_\(label)_CCD1.fits" }, "\(products)")
        }
        let folder = outcome.output.appendingPathComponent("FLAT01")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".fits") }
        #expect(files.count == 4)
        for file in files {
            guard let text = try ToolRunner.fitsverify(folder.appendingPathComponent(file).path) else { return }
            #expect(text.contains("verification OK"), "\(file): \(text)")
        }
        // Flats are not judged on their image offset: the scans' offsets and noise pass.
        #expect(outcome.compliance.allSatisfy { $0["pass"] as? Bool == true }, "\(outcome.compliance.filter { $0["pass"] as? Bool != true })")
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
