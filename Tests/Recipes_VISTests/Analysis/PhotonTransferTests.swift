import AstroKit
import Config_VIS
import Foundation
import Recipes_VIS
import Testing
import VISSimulator

/// PTC measurement and fit on simulated PTC01 data (small frames, CCD1, PTC01's own structure:
/// 5 pairs at each level up to 90 %, 2 above). Small quadrants hold 1/65 of a full quadrant's
/// pixels, so the statistical errors here are ~4x those of a full-size run with one pair per level.
@Suite("PTC analysis", .serialized)
struct AnalysisPhotonTransferTests {
    static func fits(_ pairs: [PTCPairMeasurement]) -> [Quadrant: PTCFitResult] {
        let points = pairs.filter { !$0.check.rejected }.flatMap(\.points)
        var out: [Quadrant: PTCFitResult] = [:]
        for q in Quadrant.allCases { out[q] = PhotonTransferFit().fit(points, quadrant: q) }
        return out
    }

    @Test("gain within 1 % and 3σ of the truth, alpha ≈ 0, intercept ≈ read noise²")
    func gainWithoutBrighterFatter() throws {
        let plan = try AnalysisFixtures.plan("PTC01", seed: 21)
        let pairs = AnalysisFixtures.ptcPairs(plan, tiling: AnalysisFixtures.smallTiling, maxFullWell: 0.75)
        #expect(pairs.allSatisfy { !$0.check.rejected })
        for (q, fit) in Self.fits(pairs) {
            let truth = AnalysisFixtures.truthGain(plan, q)
            let error = fit.gain - truth
            print("PTC \(q): gain \(fit.gain) ± \(fit.gainError) (truth \(truth), \(error / truth * 100) %), alpha \(fit.alpha), intercept \(fit.intercept), n \(fit.npoints), quality \(fit.quality.names)")
            #expect(fit.quality.isEmpty)
            #expect(abs(error) / truth < 0.01)
            #expect(abs(error) < 3 * fit.gainError)
            // No brighter-fatter: the curvature is consistent with zero (|alpha| < 3σ(p0)).
            #expect(abs(fit.alpha) < 3 * fit.covariance[0][0].squareRoot())
            let rn = plan.model.ccds[0].model(q).readNoise
            #expect(abs(fit.intercept - ExpectedValues.ptcIntercept(readNoise: rn)) < 30)
        }
    }

    @Test("brighter-fatter: alpha > 0 (variance deficit at high signal), gain still within 1 %")
    func gainWithBrighterFatter() throws {
        let plan = try AnalysisFixtures.plan("PTC01", seed: 22) { $0.brighterFatter = true }
        let pairs = AnalysisFixtures.ptcPairs(plan, tiling: AnalysisFixtures.smallTiling, maxFullWell: 0.75)
        for (q, fit) in Self.fits(pairs) {
            let truth = AnalysisFixtures.truthGain(plan, q)
            // The simulator's variance factor (1 − F)² + … ≈ 1 − 4(βx + βy)·gain·μ to first
            // order, so var ≈ μ/g − 4(βx + βy)·μ²: alpha = 4(βx + βy) = 3.6e-7 per ADU.
            let bf = BrighterFatter.standard
            let expectedAlpha = 4 * (bf.serialStrength + bf.parallelStrength)
            print("PTC BF \(q): gain \(fit.gain) ± \(fit.gainError) (truth \(truth)), alpha \(fit.alpha) (expected \(expectedAlpha))")
            let sigmaAlpha = fit.covariance[0][0].squareRoot()
            #expect(fit.alpha > 3 * sigmaAlpha)
            #expect(abs(fit.alpha - expectedAlpha) < 3 * sigmaAlpha)
            #expect(abs(fit.gain - truth) / truth < 0.01)
        }
    }

    /// gain_err against the actual scatter: 5 seeds × 4 quadrants, one pair per level (5–70 %).
    /// Measured once (small frames, 16 tiles of 64², seeds 101–105): rms of the pulls
    /// (gain − truth)/gain_err = 1.07; mean gain_err/gain = 1.21 %, rms of
    /// (gain − truth)/truth = 1.35 %: the reported error matches the scatter. vison's σ(p1)/gain² would be ~120x too small.
    @Test("gain_err matches the scatter over 5 seeds")
    func gainErrorMatchesScatter() throws {
        var pulls: [Double] = [], relative: [Double] = [], reported: [Double] = []
        for seed in UInt64(101)...105 {
            let plan = try AnalysisFixtures.plan("PTC01", seed: seed, framesPerLevel: 2)
            let pairs = AnalysisFixtures.ptcPairs(plan, tiling: AnalysisFixtures.smallTiling, maxFullWell: 0.75)
            for (q, fit) in Self.fits(pairs) {
                let truth = AnalysisFixtures.truthGain(plan, q)
                pulls.append((fit.gain - truth) / fit.gainError)
                relative.append((fit.gain - truth) / truth)
                reported.append(fit.gainError / fit.gain)
            }
        }
        func rms(_ v: [Double]) -> Double { (v.reduce(0) { $0 + $1 * $1 } / Double(v.count)).squareRoot() }
        print("gain pulls rms \(rms(pulls)) over \(pulls.count); mean gain_err/gain \(reported.reduce(0, +) / Double(reported.count) * 100) %; rms relative error \(rms(relative) * 100) %; pulls \(pulls)")
        // 20 pulls: the rms of 20 unit normals lies in [0.68, 1.30] with 95 % probability.
        #expect(rms(pulls) > 0.6 && rms(pulls) < 1.4)
    }

    /// The acceptance at full size (4 quadrants of 2048×2066, 36 tiles of 301², one pair per
    /// level, levels 5–70 %): ~150 s in a debug build, so it runs only with ASTROKIT_FULL_SIZE=1.
    /// Measured once (seed 7): gain − truth = +0.157 % (E), −0.060 % (F), −0.065 % (G),
    /// −0.016 % (H), with gain_err/gain = 0.16–0.18 %; 180 points per quadrant.
    @Test("full size: one pair per level, gain within 1 % and 3 gain_err",
          .enabled(if: ProcessInfo.processInfo.environment["ASTROKIT_FULL_SIZE"] == "1"))
    func fullSize() throws {
        let plan = try AnalysisFixtures.plan("PTC01", seed: 7, framesPerLevel: 2, size: .full)
        let pairs = AnalysisFixtures.ptcPairs(plan, tiling: { PhotonTransfer.standardTiling($0) }, maxFullWell: 0.75)
        for (q, fit) in Self.fits(pairs) {
            let truth = AnalysisFixtures.truthGain(plan, q)
            print("full-size PTC \(q): gain \(fit.gain) ± \(fit.gainError) (truth \(truth), \((fit.gain - truth) / truth * 100) %), n \(fit.npoints)")
            #expect(abs(fit.gain - truth) / truth < 0.01)
            #expect(abs(fit.gain - truth) < 3 * fit.gainError)
        }
    }

    @Test("a pair whose frames differ by more than 10 % is flagged; 5 % passes")
    func pairRejection() throws {
        let plan = try AnalysisFixtures.plan("PTC01", seed: 23, framesPerLevel: 2)
        let renderer = FrameRenderer(model: plan.model)
        let tiling = AnalysisFixtures.smallTiling(plan.model.geometry)
        let index = plan.exposures.firstIndex { $0.conditions.isIlluminated }! + 4
        let a = AnalysisFixtures.quadrants(plan, renderer: renderer, index: index)
        for (scale, rejected) in [(Float(1.12), true), (1.05, false), (0.88, true)] {
            let b = AnalysisFixtures.quadrants(plan, renderer: renderer, index: index + 1, scale: scale)
            let m = PhotonTransfer.measurePair(a: a, b: b, pair: 1, tiling: tiling)
            #expect(m.check.rejected == rejected, "scale \(scale): difference \(m.check.relativeDifference)")
            #expect(!m.points.isEmpty)   // flagged, not dropped
        }
    }

    @Test("blooming: found above full well, a negative lower limit below it")
    func blooming() throws {
        let plan = try AnalysisFixtures.plan("PTC01", seed: 24, framesPerLevel: 2)
        // The simulator has no charge blooming: its full well is the ADC limit, so the
        // saturated pixels must stay in (vison's prep would mask 65535 and drop those tiles).
        let pairs = AnalysisFixtures.ptcPairs(plan, tiling: AnalysisFixtures.smallTiling, maskADCLimits: false)
        let points = pairs.flatMap(\.points)
        for q in Quadrant.allCases {
            let fit = PhotonTransferFit().fit(points, quadrant: q)
            let clip = 65535 - plan.model.ccds[0].model(q).offset
            print("bloom \(q): \(fit.bloomADU) ADU (ADC clip at \(clip) ADU above the offset)")
            // Measured (seed 24): 62453 / 62930 / 62613 / 62644 ADU for clips at 62539 / 62930 /
            // 63009 / 62644: the first level whose tiles clip (partly, for E and G).
            #expect(fit.bloomADU > clip - 1_000 && fit.bloomADU <= clip + 1)
            #expect(fit.bloomElectrons == fit.bloomADU * fit.gain)
            let below = points.filter { $0.mean < 45_000 }
            let limit = PhotonTransferFit().fit(below, quadrant: q).bloomADU
            #expect(limit < 0 && limit > -45_000)
        }
    }

    @Test("the bloom search does not depend on the order of the points")
    func bloomingOrderIndependent() {
        // A line var = μ/3 with a collapse from 50 000 ADU; shuffled and in reverse.
        var points: [PTCPoint] = []
        for (k, mu) in stride(from: 2_000.0, through: 60_000, by: 500).enumerated() {
            let v = mu < 50_000 ? mu / 3 + Double(k % 3) - 1 : 100
            points.append(PTCPoint(mean: mu, variance: v, quadrant: .E, tile: k, pair: k % 7, pixels: 90_601))
        }
        let model: (Double) -> Double = { $0 / 3 }
        let forward = Blooming().find(points, model: model)
        #expect(forward == 50_000)
        #expect(Blooming().find(points.reversed(), model: model) == forward)
        var shuffled = points
        var rng = SystemRandomNumberGenerator()
        shuffled.shuffle(using: &rng)
        #expect(Blooming().find(shuffled, model: model) == forward)
    }

    @Test("quality flags name their bits; too few points fail the fit")
    func qualityFlags() {
        let fit = PhotonTransferFit().fit([PTCPoint(mean: 5000, variance: 1500, quadrant: .H, tile: 0, pair: 0, pixels: 100)],
                                          quadrant: .H)
        #expect(fit.quality.contains(.fitFailed))
        #expect(fit.quality.names == ["FIT_FAILED"])
        #expect(PTCQuality([.poorFit, .badErrors]).names == ["POOR_FIT", "BAD_ERRORS"])
    }
}
