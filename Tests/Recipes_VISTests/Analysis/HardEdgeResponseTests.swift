import AstroKit
import Config_VIS
import Foundation
import Recipes_VIS
import Testing
import VISSimulator

@Suite("Hard-edge response analysis")
struct AnalysisHardEdgeResponseTests {
    @Test("the frame nearest 32768 ADU is chosen")
    func nearest() {
        #expect(HardEdge.nearestFrame(fluences: [3_000, 30_000, 36_000, .nan, 50_000]) == 1)
        #expect(HardEdge.nearestFrame(fluences: []) == nil)
    }

    @Test("no serial CTI in the simulator: HER ≈ 0 within the limit; a known tail is recovered")
    func simulated() throws {
        let plan = try AnalysisFixtures.plan("PTC01", seed: 31, framesPerLevel: 1)
        let renderer = FrameRenderer(model: plan.model)
        // PTC01's 50 % level: the frame nearest half full well.
        let fluences = plan.exposures.map { e in
            e.conditions.isIlluminated ? 65536 * e.conditions.illuminatedTime / e.conditions.timeToFullWell! : 0
        }
        let index = try #require(HardEdge.nearestFrame(fluences: fluences))
        let quadrants = AnalysisFixtures.quadrants(plan, renderer: renderer, index: index)
        for (q, prepared) in quadrants {
            let r = try #require(HardEdge.measure(prepared, quadrant: q))
            // Rows: every image row (each is ~32 000 ADU). The first overscan pixel holds read
            // noise only: σ(HER) ≈ 1.2/(32000·√258) ≈ 2.3e-6.
            #expect(r.rows == plan.model.geometry.imageRows)
            #expect(abs(r.her) < 2e-5)
            #expect(abs(r.her) <= HardEdge.limit)
            // One image column against the mean of ten: PRNU (1 % per pixel) averaged over 258 rows.
            #expect(abs(r.profile[0] - 1) < 5e-3)

            // Move 0.5 % of the last image column's charge into the first overscan column.
            var tailed = prepared
            let g = prepared.geometry, edge = g.prescanColumns + g.imageColumns, w = g.quadrantWidth
            for y in 0..<g.imageRows { tailed.pixels.values[y * w + edge] += 0.005 * tailed.pixels.values[y * w + edge - 1] }
            let t = try #require(HardEdge.measure(tailed, quadrant: q))
            #expect(abs(t.her - 0.005) < 5e-5)
            #expect(abs(t.her) > HardEdge.limit)
        }
    }
}
