import AstroKit
import Config_VIS
import Foundation
import TestTools
import Testing
import VISSimulator

/// DARK01 end to end: the 4 small simulated 565 s darks of CCD1 through the built `reduce`.
@Suite(.serialized) struct DARK01Tests {
    static let run: Result<(VISRun, SimulationResult, VISRun.Outcome), any Error> = Result {
        let run = try VISRun()
        let sim = try run.simulate("DARK01", ccds: [1], seed: 5)
        return (run, sim, try run.reduce("DARK01", files: sim.frames))
    }

    @Test func darkSignalIsWithinThreeSigmaOfTheTruth() throws {
        let (_, sim, outcome) = try Self.run.get()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let truth = try #require(sim.truth.ccd(1))
        for q in Quadrant.allCases {
            let t = try #require(truth.quadrant(q))
            let m = outcome.quadrant("CCD1", q.rawValue)
            let exptime = number(m["exptime"]), gain = number(m["gain"])
            #expect(exptime == 565)
            let expected = t.darkCurrent * exptime / t.gain
            let sigma = number(m["dark_current_error"]) * exptime / gain
            #expect(abs(number(m["dark_signal_adu"]) - expected) < 3 * sigma,
                    "\(q): \(number(m["dark_signal_adu"])) vs \(expected) +- \(sigma)")
            // The reported current is the signal through the gain it names.
            #expect(abs(number(m["dark_current"]) - number(m["dark_signal_adu"]) * gain / exptime) < 1e-12)
        }
    }

    @Test func hotPixelsAreFoundWithoutFalseDetections() throws {
        let (_, sim, outcome) = try Self.run.get()
        let mask = try FITSFile.open(outcome.output.appendingPathComponent("DARK01/EUC_DKMSK_CCD1.fits").path)
            .readImage(hdu: 1, as: Float.self).pixels
        let truth = try #require(sim.truth.ccd(1))
        let exptime = 565.0
        let g = sim.truth.geometry
        // Pixels injected above the 50 ADU threshold must be found.
        let detectable = truth.hotPixels.filter { h in
            guard let q = truth.quadrant(h.quadrant) else { return false }
            return h.darkCurrent * exptime / q.gain > 50
        }
        #expect(!detectable.isEmpty)
        let found = detectable.filter { mask[$0.fileX, $0.fileY!] != 0 }
        #expect(Double(found.count) >= 0.95 * Double(detectable.count), "found \(found.count) of \(detectable.count)")
        // Everything else flagged must be an injected defect (hot pixel or bad column).
        let expected = Set(truth.hotPixels.map { $0.fileY! * mask.width + $0.fileX })
        let columns = Set(truth.badColumns.map(\.fileX))
        var falseDetections = 0
        for y in 0..<mask.height {
            for x in 0..<mask.width where mask[x, y] != 0 && !columns.contains(x) && !expected.contains(y * mask.width + x) {
                falseDetections += 1
            }
        }
        #expect(Double(falseDetections) < 0.01 * Double(max(1, truth.hotPixels.count)), "\(falseDetections) false detections")
        #expect(g.frameShape == [mask.width, mask.height])
    }

    @Test func cosmicRaysDoNotSurviveTheStack() throws {
        let (_, sim, outcome) = try Self.run.get()
        let master = try FITSFile.open(outcome.output.appendingPathComponent("DARK01/EUC_MASTERDARK_CCD1.fits").path)
            .readImage(hdu: 1, as: Float.self).pixels
        let hits = sim.truth.frames.filter { $0.ccd == 1 }.flatMap(\.cosmicRays)
        #expect(!hits.isEmpty, "the simulation should put cosmic rays in the darks")
        let defects = Set(sim.truth.ccd(1)!.hotPixels.map { $0.fileY! * master.width + $0.fileX })
        let columns = Set(sim.truth.ccd(1)!.badColumns.map(\.fileX))
        for hit in hits where !defects.contains(hit.fileY * master.width + hit.fileX) && !columns.contains(hit.fileX) {
            // A dark pixel of the master holds under 1 ADU of dark plus noise; a surviving hit would be hundreds.
            #expect(master[hit.fileX, hit.fileY] < 20, "cosmic ray at (\(hit.fileX), \(hit.fileY)) survives: \(master[hit.fileX, hit.fileY])")
        }
    }

    @Test func productsPassFitsverify() throws {
        let (_, _, outcome) = try Self.run.get()
        let folder = outcome.output.appendingPathComponent("DARK01")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".fits") }
        #expect(files.count == 3)
        for file in files {
            guard let text = try ToolRunner.fitsverify(folder.appendingPathComponent(file).path) else { return }
            // -q prints "verification OK" when there is no warning and no error.
            #expect(text.contains("verification OK"), "\(file): \(text)")
        }
    }
}
