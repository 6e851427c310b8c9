import AstroKit
import Config_VIS
import Foundation
@testable import Recipes_VIS
import Testing

/// The single pass flat-field tests make over each frame: the scan statistics take the fluence
/// medians (``ScanStatistics/Options``) that ``MeasureFluence`` would otherwise read the frame
/// again for, and skip the image-noise model that means nothing on a flat.
@Suite struct ScanPassTests {
    /// A raw frame (file orientation) with lost and saturated pixels scattered through it.
    static func frame(_ g: VISGeometry, seed: UInt64) -> PixelArray<UInt16> {
        var state = seed
        func next() -> UInt16 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let r = Int(state >> 33) % 4000
            return r < 5 ? 0 : r < 12 ? 65535 : UInt16(20_000 + r)
        }
        return PixelArray<UInt16>(shape: g.frameShape, values: (0..<(g.frameShape[0] * g.frameShape[1])).map { _ in next() })
    }

    @Test(arguments: [(256, 258), (255, 257)])
    func scanFluenceMediansEqualMeasureFluence(columns: Int, rows: Int) {
        let g = VISGeometry(imageColumns: columns, imageRows: rows)
        let raw = Self.frame(g, seed: 99)
        let asFloat = PixelArray<Float>(shape: raw.shape, values: raw.values.map(Float.init))
        var histogram: [Int] = [], scratch = [Int](repeating: 0, count: 65536)
        for q in Quadrant.allCases {
            let canonical = g.canonicalQuadrant(q, of: asFloat)
            for window in [0..<rows, 3..<(rows - 1)] {
                let image = FluenceMedian(canonical, columns: g.trimmedImage, rows: window, histogram: &histogram)
                let prescan = FluenceMedian(canonical, columns: g.trimmedPrescan, rows: window, histogram: &histogram)
                let expectedImage = MeasureFluence.histogramMedian(raw, q, g, columns: g.trimmedImage, rows: window, histogram: &scratch)
                let expectedSaturated = scratch[65535]
                let expectedPrescan = MeasureFluence.histogramMedian(raw, q, g, columns: g.trimmedPrescan, rows: window, histogram: &scratch)
                #expect(image.median == expectedImage && prescan.median == expectedPrescan, "\(q) \(window)")
                #expect(image.saturated == expectedSaturated && expectedSaturated > 0, "\(q) \(window)")
            }
        }
    }

    /// A flat test's pass (fluence medians, the image level from the histogram, no noise model)
    /// agrees with the full pass on every statistic they share.
    @Test func theFlatPassAgreesWithTheFullOne() throws {
        // A simulated frame's metadata (geometry, readout window), our own pixels.
        let frame = try #require(try FrameReadingTests.frames().first)
        let g = frame.geometry
        let raw = Self.frame(g, seed: 5)
        let asFloat = PixelArray<Float>(shape: raw.shape, values: raw.values.map(Float.init))
        var workspace = ScanStatistics.Workspace()
        for q in Quadrant.allCases {
            var full = g.canonicalQuadrant(q, of: asFloat), flat = full
            let a = try ScanStatistics.measure(masking: &full, frame: frame, state: VISRunState(), workspace: &workspace)
            let b = try ScanStatistics.measure(masking: &flat, frame: frame, state: VISRunState(), workspace: &workspace,
                                               options: .init(imageNoise: false, fluenceMedians: true))
            for (key, value) in a where key != "ron_img" {
                let other = try #require(b[key], "\(key)")
                #expect(abs(other - value) <= 1e-9 * max(1, abs(value)), "\(q) \(key): \(other) vs \(value)")
            }
            #expect(b["ron_img"]!.isNaN && a["ron_img"]!.isFinite)
            #expect(b["fluence_median"] != nil && b["n_saturated_img"]! > 0)
        }
    }

    @Test func aRegionWithoutValidPixelsHasNoMedian() {
        let zeros = PixelArray<Float>(width: 8, height: 8, repeating: 0)
        var histogram: [Int] = []
        let m = FluenceMedian(zeros, columns: 0..<8, rows: 0..<8, histogram: &histogram)
        #expect(m.median.isNaN && m.saturated == 0)
    }

    @Test func flatTestsTakeFluenceMediansAndSkipTheImageNoiseModel() {
        for test in ["PTC01", "FLAT01", "NL02", "PTC02_730"] {
            #expect(MeasureScanStatistics.options(test: test, imageNoise: "auto") == .init(imageNoise: false, fluenceMedians: true), "\(test)")
            #expect(MeasureScanStatistics.options(test: test, imageNoise: "model").imageNoise, "\(test)")
        }
        for test in ["BIAS01", "DARK01", "COSMETICS00", nil] {
            #expect(MeasureScanStatistics.options(test: test, imageNoise: "auto") == .init(imageNoise: true, fluenceMedians: false), "\(test ?? "none")")
        }
        #expect(!MeasureScanStatistics.options(test: "BIAS01", imageNoise: "none").imageNoise)
    }

    /// Extraction of raw counts into reused buffers, the offset subtracted as the pixels are
    /// copied, gives what the float path gives (copy, then ``PreparedQuadrant/subtractOffset(_:)``),
    /// frame after frame, for every offset method, and counts the saturated pixels of the image.
    @Test(arguments: [(PreparedQuadrant.OffsetMethod.row, true), (.row, false), (.median, true), (.none, true)])
    func reusedExtractionEqualsTheFloatPath(offset: PreparedQuadrant.OffsetMethod, mask: Bool) {
        let g = VISGeometry(imageColumns: 120, imageRows: 110)
        var storage = PreparedQuadrant.Storage()
        for seed in [1, 2, 3] as [UInt64] {
            var raw = Self.frame(g, seed: seed)
            // One row whose prescan is all lost: its level falls back to the quadrant's.
            for x in 0..<raw.width { raw[x, 7] = 0 }
            let asFloat = PixelArray<Float>(shape: raw.shape, values: raw.values.map(Float.init))
            for q in Quadrant.allCases {
                let fresh = PreparedQuadrant.extract(asFloat, quadrant: q, geometry: g, offset: offset, maskADCLimits: mask)
                var reused = PreparedQuadrant.extract(raw, quadrant: q, geometry: g, offset: offset, maskADCLimits: mask, storage: &storage)
                #expect(reused.pixels.values.map(\.bitPattern) == fresh.pixels.values.map(\.bitPattern), "\(q) \(offset)")
                #expect(reused.mask == fresh.mask && reused.prescanLevel == fresh.prescanLevel, "\(q) \(offset)")
                let canonical = g.canonicalQuadrant(q, of: PixelArray<Float>(shape: raw.shape, values: raw.values.map(Float.init)))
                var saturated = 0
                for y in 0..<g.imageRows {
                    for x in g.prescanColumns..<(g.prescanColumns + g.imageColumns) where canonical[x, y] == 65535 { saturated += 1 }
                }
                #expect(reused.saturatedImagePixels == saturated && saturated > 0, "\(q)")
                reused.release(to: &storage)
                #expect(storage.pixels.count == g.quadrantWidth * g.quadrantHeight)
            }
        }
    }

    /// The one-pass var(A − B)/2 against a two-pass reference, with a large mean difference
    /// between the frames (the case a naive one-pass sum loses digits on) and masked pixels.
    @Test func halfDifferenceVarianceMatchesTwoPasses() {
        let g = VISGeometry(imageColumns: 64, imageRows: 64)
        let w = g.quadrantWidth, h = g.quadrantHeight
        var state: UInt64 = 7
        func gauss() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let u1 = Double(state >> 11) / Double(1 << 53) + 1e-12
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let u2 = Double(state >> 11) / Double(1 << 53)
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
        let a = (0..<(w * h)).map { _ in Float(40_000 + 150 * gauss()) }
        let b = (0..<(w * h)).map { _ in Float(38_000 + 150 * gauss()) }
        var mask = [UInt16](repeating: 0, count: w * h)
        for i in stride(from: 5, to: mask.count, by: 37) { mask[i] = 1 }
        let qa = PreparedQuadrant(pixels: PixelArray(shape: [w, h], values: a), geometry: g, mask: PixelArray(shape: [w, h], values: mask))
        let qb = PreparedQuadrant(pixels: PixelArray(shape: [w, h], values: b), geometry: g)
        let section = Section(x0: 10, x1: 60, y0: 3, y1: 50)
        var d: [Double] = []
        for y in section.y0..<section.y1 {
            for x in section.x0..<section.x1 where mask[y * w + x] == 0 { d.append(Double(a[y * w + x]) - Double(b[y * w + x])) }
        }
        let mean = d.reduce(0, +) / Double(d.count)
        let reference = d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(d.count) / 2
        let (variance, n) = PhotonTransfer.halfDifferenceVariance(qa, qb, section)
        #expect(n == d.count)
        #expect(abs(variance / reference - 1) < 1e-12, "\(variance) vs \(reference)")
    }
}
