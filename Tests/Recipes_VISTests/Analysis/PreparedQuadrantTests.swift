import AstroKit
import Config_VIS
import Foundation
@testable import Recipes_VIS
import Testing
import VISSimulator

@Suite("Prepared quadrants and PTC pruning (analysis)")
struct AnalysisPreparedQuadrantTests {
    @Test("canonical orientation, prescan offset and fluence match the simulator's truth")
    func preparation() throws {
        let plan = try AnalysisFixtures.plan("FLAT01", seed: 61, framesPerLevel: 1)
        let renderer = FrameRenderer(model: plan.model)
        let exposure = plan.exposures[1]   // 50 % level
        let quadrants = AnalysisFixtures.quadrants(plan, renderer: renderer, index: 1)
        let ccd = plan.model.ccds[0], g = plan.model.geometry
        let prnu = ExpectedValues.prnuStatistics(ccd: ccd, geometry: g)
        for (q, prepared) in quadrants {
            let model = ccd.model(q)
            // Median of N(offset, 1.2) rounded to integers: within half an ADU of the offset.
            #expect(abs(prepared.prescanLevel - model.offset) < 0.5)
            let electrons = ExpectedValues.meanElectrons(ccd: ccd, quadrant: q, conditions: exposure.conditions,
                                                         geometry: g, prnuMean: prnu[q]!.mean)
            let fluence = PhotonTransfer.fluence(prepared)
            #expect(abs(fluence / (electrons / model.gain) - 1) < 0.005)
            // The dead column (30 % response) sits where the truth's canonical column says.
            for bad in ccd.badColumns where bad.quadrant == q && bad.kind == .dead {
                let x = g.prescanColumns + bad.column
                let column = prepared.samples(Section(x0: x, x1: x + 1, y0: 0, y1: g.imageRows)).median
                #expect(abs(column / fluence - 0.3) < 0.02)
            }
        }
    }

    @Test("smear pruning drops a bin whose variance/mean spreads beyond the limit, only that bin")
    func smear() {
        var points: [PTCPoint] = []
        for (k, mu) in stride(from: 33_000.0, through: 39_000, by: 50).enumerated() {
            // A bin around 36 000 ADU with 20 % excess variance on one tile (a smeared frame).
            let excess = abs(mu - 36_000) < 1 ? 1.2 : 1
            points.append(PTCPoint(mean: mu, variance: mu / 3.3 * excess, quadrant: .E, tile: k, pair: 0, pixels: 90_601))
            points.append(PTCPoint(mean: mu + 10, variance: mu / 3.3, quadrant: .E, tile: k, pair: 1, pixels: 90_601))
        }
        let kept = PhotonTransferFit().pruneSmear(points)
        let binWidth = 32_768.0 / 49
        let bin = Int((36_000 - 32_768) / binWidth)
        let dropped = points.filter { p in !kept.contains(p) }
        #expect(!dropped.isEmpty)
        #expect(dropped.allSatisfy { Int(($0.mean - 32_768) / binWidth) == bin })
    }
}
