import AstroKit
import Config_VIS
import Foundation
import Recipes_VIS
import VISSimulator

/// Small simulated frames rendered in memory (no FITS round trip): the analysis is tested on
/// exactly what the simulator's truth describes.
enum AnalysisFixtures {
    /// A plan of `test` for CCD1 at the small size (256×258 image per quadrant).
    static func plan(_ test: String, seed: UInt64, framesPerLevel: Int? = nil, size: FrameSize = .small,
                     physics: (inout PhysicsOptions) -> Void = { _ in }) throws -> SimulationPlan {
        var request = SimulationRequest(test: test, outputDirectory: FileManager.default.temporaryDirectory)
        request.size = size
        request.ccds = [1]
        request.seed = seed
        request.framesPerLevel = framesPerLevel
        // Cosmic rays only hit exposures ≥ 100 s (none here); defects stay on, as in real data.
        physics(&request.physics)
        return try Simulator.plan(request)
    }

    /// Renders exposure `index` of the plan and prepares its four quadrants.
    static func quadrants(_ plan: SimulationPlan, renderer: FrameRenderer, index: Int,
                          offset: PreparedQuadrant.OffsetMethod = .row, maskADCLimits: Bool = true,
                          scale: Float = 1) -> [Quadrant: PreparedQuadrant] {
        let exposure = plan.exposures[index]
        let frame = renderer.render(ccd: 1, conditions: exposure.conditions, frameKey: UInt64(exposure.obsid))
        let pixels = PixelArray<Float>(shape: frame.shape, values: frame.pixels.map(Float.init))
        var out: [Quadrant: PreparedQuadrant] = [:]
        for q in Quadrant.allCases {
            var prepared = PreparedQuadrant.extract(pixels, quadrant: q, geometry: frame.geometry,
                                                    offset: offset, maskADCLimits: maskADCLimits)
            // A fake mis-exposed frame: the signal above the offset scaled.
            if scale != 1 { prepared.pixels.values = prepared.pixels.values.map { $0 * scale } }
            out[q] = prepared
        }
        return out
    }

    /// Every pair of the plan: consecutive frames within each acquisition column (vison pairs
    /// (0,1), (2,3), ... of a column), measured on `tiling`.
    /// `maxFullWell` skips levels above that fraction of the full-well time (the gain fit uses
    /// means ≤ 40 000 ADU only, so rendering PTC01's 80–120 % levels would only cost time).
    static func ptcPairs(_ plan: SimulationPlan, tiling: (VISGeometry) -> Tiling, maskADCLimits: Bool = true,
                         maxFullWell: Double = .infinity) -> [PTCPairMeasurement] {
        let renderer = FrameRenderer(model: plan.model)
        let tiles = tiling(plan.model.geometry)
        var pairs: [PTCPairMeasurement] = []
        var i = 0
        while i + 1 < plan.exposures.count {
            guard plan.exposures[i].column.label == plan.exposures[i + 1].column.label,
                  plan.exposures[i].conditions.isIlluminated else { i += 1; continue }
            let c = plan.exposures[i].conditions
            if c.illuminatedTime / (c.timeToFullWell ?? 1) > maxFullWell { i += 2; continue }
            let a = quadrants(plan, renderer: renderer, index: i, maskADCLimits: maskADCLimits)
            let b = quadrants(plan, renderer: renderer, index: i + 1, maskADCLimits: maskADCLimits)
            pairs.append(PhotonTransfer.measurePair(a: a, b: b, pair: plan.exposures[i].obsid, tiling: tiles))
            i += 2
        }
        return pairs
    }

    /// 4×4 tiles of 64×64 covering the whole small image: the small frames' stand-in for vison's
    /// 6×6 tiles of 301×301 (which need a full quadrant).
    static func smallTiling(_ g: VISGeometry) -> Tiling {
        Tiling(area: Section(x0: g.prescanColumns, x1: g.prescanColumns + g.imageColumns, y0: 0, y1: g.imageRows),
               tileWidth: 64, tileHeight: 64)
    }

    static func truthGain(_ plan: SimulationPlan, _ q: Quadrant) -> Double { plan.model.ccds[0].model(q).gain }
}
