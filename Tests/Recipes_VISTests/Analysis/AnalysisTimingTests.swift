import AstroKit
import Config_VIS
import Foundation
import Recipes_VIS
import Testing
import VISSimulator

/// Wall times of the analysis kernels on one full-size frame pair (4 quadrants of 2048×2066),
/// rendering excluded. Opt-in (ASTROKIT_TIMING=1): the numbers only mean something on an idle
/// machine. Measured once in a *debug* build on the shared 2-core machine (load ~2–4), so upper
/// bounds: canonical extraction + row offset, 2 frames × 4 quadrants 1.9 s; PTC pair (fluence
/// check and 36 tiles × 4 quadrants) 2.5 s; individual flat of one quadrant 1.8 s; HER 0.005 s.
@Suite("Analysis timing")
struct AnalysisTimingTests {
    @Test("full-size kernels", .enabled(if: ProcessInfo.processInfo.environment["ASTROKIT_TIMING"] == "1"))
    func kernels() throws {
        let plan = try AnalysisFixtures.plan("PTC01", seed: 71, framesPerLevel: 2, size: .full)
        let renderer = FrameRenderer(model: plan.model)
        let index = plan.exposures.firstIndex { $0.conditions.isIlluminated }! + 8
        func render(_ i: Int) -> PixelArray<Float> {
            let e = plan.exposures[i]
            let f = renderer.render(ccd: 1, conditions: e.conditions, frameKey: UInt64(e.obsid))
            return PixelArray(shape: f.shape, values: f.pixels.map(Float.init))
        }
        let (fa, fb) = (render(index), render(index + 1))
        let g = plan.model.geometry
        var clock = Date()
        func lap(_ what: String) { print("timing \(what): \(Date().timeIntervalSince(clock)) s"); clock = Date() }
        var a: [Quadrant: PreparedQuadrant] = [:], b: [Quadrant: PreparedQuadrant] = [:]
        for q in Quadrant.allCases {
            a[q] = PreparedQuadrant.extract(fa, quadrant: q, geometry: g)
            b[q] = PreparedQuadrant.extract(fb, quadrant: q, geometry: g)
        }
        lap("extract + row offset, 2 frames × 4 quadrants")
        let m = PhotonTransfer.measurePair(a: a, b: b, pair: 1, tiling: PhotonTransfer.standardTiling(g))
        lap("PTC pair, 4 quadrants")
        #expect(m.points.count == 4 * 36)
        _ = try FlatField(a[.E]!)
        lap("individual flat, 1 quadrant")
        _ = HardEdge.measure(a[.E]!, quadrant: .E)
        lap("HER, 1 quadrant")
    }
}
