import Config_VIS
import Foundation
import Testing
@testable import VISSimulator

/// The effects checked on rendered frames directly, without files.
@Suite struct PhysicsTests {
    static func model(_ configure: (inout PhysicsOptions) -> Void = { _ in }) throws -> DetectorModel {
        var options = PhysicsOptions()
        configure(&options)
        return try DetectorModel.make(seed: 99, ccds: [1], size: .small, block: nil, options: options)
    }

    /// Canonical image pixels of one quadrant of a rendered frame, offset removed.
    static func image(_ frame: RenderedFrame, _ q: Quadrant, offset: Double) -> [[Double]] {
        let g = frame.geometry
        return (0..<g.imageRows).map { row in
            (0..<g.imageColumns).map { column in
                let p = g.filePosition(q, canonicalX: g.prescanColumns + column, canonicalY: row)
                return Double(frame.pixels[p.y * g.frameShape[0] + p.x]) - offset
            }
        }
    }

    @Test func zigguratDeviatesAreStandardNormal() {
        var rng = Xoshiro256(seed: 1)
        let n = 400_000
        var sum = 0.0, squares = 0.0, beyond2 = 0, beyond35 = 0
        for _ in 0..<n {
            let z = rng.gaussian()
            sum += z; squares += z * z
            if abs(z) > 2 { beyond2 += 1 }
            if abs(z) > 3.5 { beyond35 += 1 }
        }
        #expect(abs(sum / Double(n)) < 0.006)
        #expect(abs(squares / Double(n) - 1) < 0.01)
        #expect(abs(Double(beyond2) / Double(n) - 0.0455) < 0.002)   // two-sided tail beyond 2σ
        #expect(beyond35 > 100 && beyond35 < 260)                     // 4.65e-4 of n = 186: the tail is sampled
    }

    @Test func poissonHasItsMeanAndVarianceOnBothBranches() {
        var rng = Xoshiro256(seed: 2)
        for mean in [0.7, 12.0, 99.0, 5000.0] {
            let values = (0..<100_000).map { _ in rng.poisson(mean) }
            let m = Statistics.mean(values), v = pow(Statistics.std(values), 2)
            #expect(abs(m / mean - 1) < 0.01, "mean \(mean): \(m)")
            #expect(abs(v / mean - 1) < 0.03, "mean \(mean): variance \(v)")
        }
    }

    @Test func rowsOutsideTheWindowAreZero() throws {
        let renderer = FrameRenderer(model: try Self.model())
        let conditions = ExposureConditions(exposureTime: 0, illuminatedTime: 0, timeToFullWell: nil, vstart: 10, vend: 100)
        let frame = renderer.render(ccd: 1, conditions: conditions, frameKey: 1)
        // vend − vstart ≤ image rows: no parallel overscan rows in the frame (vison's rule).
        #expect(frame.shape == [654, 516])
        let g = frame.geometry
        for q in Quadrant.allCases {
            for (row, expectZero) in [(5, true), (10, false), (99, false), (100, true), (250, true)] {
                let p = g.filePosition(q, canonicalX: 60, canonicalY: row)
                let value = frame.pixels[p.y * g.frameShape[0] + p.x]
                #expect((value == 0) == expectZero, "\(q) row \(row): \(value)")
            }
        }
    }

    @Test func hotPixelsAndHotColumnsShowInALongDark() throws {
        let model = try Self.model { $0.cosmicRays = false }
        let frame = FrameRenderer(model: model).render(
            ccd: 1, conditions: ExposureConditions(exposureTime: 565, illuminatedTime: 0, timeToFullWell: nil,
                                                   vstart: 0, vend: 278), frameKey: 7)
        let ccd = try #require(model.ccd(1))
        #expect(ccd.hotPixels.count >= 8)
        for hot in ccd.hotPixels {
            let q = ccd.model(hot.quadrant)
            let value = Self.image(frame, hot.quadrant, offset: q.offset)[hot.row][hot.column]
            let expected = (hot.darkCurrent + q.darkCurrent) * 565 / q.gain
            #expect(value > 50 && abs(value - expected) < 6 * (expected / q.gain).squareRoot() + 5, "\(hot): \(value) vs \(expected)")
        }
        let hotColumn = try #require(ccd.badColumns.first { $0.kind == .hot })
        let q = ccd.model(hotColumn.quadrant)
        let column = Self.image(frame, hotColumn.quadrant, offset: q.offset).map { $0[hotColumn.column] }
        #expect(abs(Statistics.mean(column) - (0.5 + q.darkCurrent) * 565 / q.gain) < 1)
    }

    @Test func darkFrameCollectsCosmicRaysThatTheTruthLists() throws {
        let model = try Self.model()
        let frame = FrameRenderer(model: model).render(
            ccd: 1, conditions: ExposureConditions(exposureTime: 565, illuminatedTime: 0, timeToFullWell: nil,
                                                   vstart: 0, vend: 278), frameKey: 8)
        // 0.02 /cm²/s × 4 × 256 × 258 × (12 µm)² × 565 s ≈ 4.3 hits expected.
        #expect(frame.cosmicRays.count >= 1 && frame.cosmicRays.count <= 14)
        for hit in frame.cosmicRays {
            let q = model.ccd(1)!.model(hit.quadrant)
            let value = Self.image(frame, hit.quadrant, offset: q.offset)[hit.row][hit.column]
            #expect(value > 20, "\(hit)")
        }
    }

    /// Brighter-fatter: same mean, variance below Poisson, positive neighbour correlations as expected.
    @Test func brighterFatterLowersTheVarianceAndCorrelatesNeighbours() throws {
        let model = try Self.model { $0.brighterFatter = true; $0.prnu = false; $0.hotPixels = false; $0.badColumns = false }
        let renderer = FrameRenderer(model: model)
        let conditions = ExposureConditions(exposureTime: 3.4, illuminatedTime: 3.4 * 0.7, timeToFullWell: 3.4,
                                            vstart: 0, vend: 278)
        let q = try #require(model.ccd(1)).model(.H)
        let a = Self.image(renderer.render(ccd: 1, conditions: conditions, frameKey: 1), .H, offset: q.offset)
        let b = Self.image(renderer.render(ccd: 1, conditions: conditions, frameKey: 2), .H, offset: q.offset)
        let d = zip(a, b).map { zip($0, $1).map { $0 - $1 } }
        let flat = d.flatMap { $0 }
        let variance = pow(Statistics.std(flat), 2) / 2
        let electrons = conditions.photonFlux(meanGain: model.ccd(1)!.meanGain) * conditions.illuminatedTime + q.darkCurrent * 3.4
        let expected = ExpectedValues.ptcVariance(electrons: electrons, gain: q.gain, readNoise: q.readNoise, bf: model.brighterFatter)
        let poisson = ExpectedValues.ptcVariance(electrons: electrons, gain: q.gain, readNoise: q.readNoise, bf: nil)
        #expect(abs(variance / expected - 1) < 0.015, "\(variance) vs \(expected)")
        #expect(variance < 0.975 * poisson)
        // Correlation of the difference image with its next row (parallel) and next column (serial).
        func correlation(_ dx: Int, _ dy: Int) -> Double {
            var sum = 0.0, n = 0.0
            for y in 1..<(d.count - 1 - dy) { for x in 1..<(d[0].count - 1 - dx) { sum += d[y][x] * d[y + dy][x + dx]; n += 1 } }
            return sum / n / (2 * variance)
        }
        let predicted = ExpectedValues.brighterFatter(model.brighterFatter!, signal: electrons).correlations
        let readShare = (electrons * (ExpectedValues.brighterFatter(model.brighterFatter!, signal: electrons).varianceFactor) / (q.gain * q.gain)) / variance
        #expect(abs(correlation(0, 1) - predicted["01"]! * readShare) < 0.006)
        #expect(abs(correlation(1, 0) - predicted["10"]! * readShare) < 0.006)
        #expect(correlation(0, 1) > correlation(1, 0))
    }

    @Test func nonLinearityFollowsTheKnownCurve() throws {
        let linear = try Self.model { $0.prnu = false }
        let curved = try Self.model { $0.prnu = false; $0.nonLinearity = true }
        let conditions = ExposureConditions(exposureTime: 3.4, illuminatedTime: 3.4 * 0.9, timeToFullWell: 3.4,
                                            vstart: 0, vend: 278)
        let q = linear.ccd(1)!.model(.F)
        let a = Statistics.mean(Self.image(FrameRenderer(model: linear).render(ccd: 1, conditions: conditions, frameKey: 3), .F,
                                           offset: q.offset).flatMap { $0 })
        let b = Statistics.mean(Self.image(FrameRenderer(model: curved).render(ccd: 1, conditions: conditions, frameKey: 3), .F,
                                           offset: q.offset).flatMap { $0 })
        let percent = NonLinearity.standard.percent(atSignal: a)
        #expect(percent < -0.5)
        #expect(abs((b / a - 1) * 100 - percent) < 0.02, "\((b / a - 1) * 100) vs \(percent)")
    }
}
