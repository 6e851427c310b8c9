import AstroKit
import Config_VIS
import Foundation
import Testing
import VISSimulator

/// COSMETICS00 end to end: 5 small biases and 5 flats of CCD1 through the built `reduce`.
@Suite(.serialized) struct COSMETICS00Tests {
    static let run: Result<(VISRun, SimulationResult, VISRun.Outcome), any Error> = Result {
        let run = try VISRun()
        let sim = try run.simulate("COSMETICS00", ccds: [1], seed: 11)
        return (run, sim, try run.reduce("COSMETICS00", files: sim.frames))
    }

    func mask(_ outcome: VISRun.Outcome, _ name: String) throws -> PixelArray<Float> {
        try FITSFile.open(outcome.output.appendingPathComponent("COSMETICS00/\(name)").path).readImage(hdu: 1, as: Float.self).pixels
    }

    @Test func injectedBadColumnsAreFound() throws {
        let (_, sim, outcome) = try Self.run.get()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let truth = try #require(sim.truth.ccd(1))
        let merged = try mask(outcome, "EUC_MASK_CCD1.fits")
        let g = VISGeometry(imageColumns: sim.truth.geometry.imageColumns, imageRows: sim.truth.geometry.imageRows)
        // A dead column (response 0.3) is below the flat threshold 0.5 in every row; a hot
        // column of 0.5 e-/s gives under 1 ADU in 0-1.7 s frames, so no mask can show it.
        let dead = truth.badColumns.filter { $0.response < 0.5 }
        #expect(!dead.isEmpty)
        for column in dead {
            let rows = g.quadrant(column.quadrant).image
            let flagged = (rows.y0..<rows.y1).filter { merged[column.fileX, $0] != 0 }.count
            #expect(flagged == rows.height, "dead column \(column.fileX): \(flagged) of \(rows.height) rows flagged")
            let m = outcome.quadrant("CCD1", column.quadrant.rawValue)
            #expect(number(m["ncols_flat"]) >= 1)
        }
        // Nothing outside the injected defects is flagged.
        let columns = Set(truth.badColumns.map(\.fileX))
        let stray = merged.values.indices.filter { merged.values[$0] != 0 && !columns.contains($0 % merged.width) }
        #expect(stray.isEmpty, "\(stray.count) pixels flagged outside the injected columns")
    }

    @Test func mergedMaskIsTheUnionOfDarkAndFlatMasks() throws {
        let (_, _, outcome) = try Self.run.get()
        let dark = try mask(outcome, "EUC_DKMSK_CCD1.fits"), flat = try mask(outcome, "EUC_FLMSK_CCD1.fits")
        let merged = try mask(outcome, "EUC_MASK_CCD1.fits")
        #expect(merged.values.indices.allSatisfy { (merged.values[$0] != 0) == (dark.values[$0] != 0 || flat.values[$0] != 0) })
        for q in Quadrant.allCases {
            let m = outcome.quadrant("CCD1", q.rawValue)
            #expect(number(m["n_merged"]) >= max(number(m["n_dark_defects"]), number(m["n_flat_defects"])))
            #expect(number(m["n_merged"]) <= number(m["n_dark_defects"]) + number(m["n_flat_defects"]))
            #expect(abs(number(m["pixlost_pc"]) - 100 * number(m["n_merged"]) / (256 * 258)) < 1e-9)
        }
    }
}
