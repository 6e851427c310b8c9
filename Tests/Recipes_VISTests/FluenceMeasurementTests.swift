import AstroKit
import Config_VIS
import Foundation
@testable import Recipes_VIS
import Testing

/// measureFluence's histogram median against the sorting median of the statistics layer, on
/// every quadrant of a frame with lost (0) and saturated (65535) pixels, odd and even counts.
@Suite struct FluenceMeasurementTests {
    @Test(arguments: [(256, 258), (255, 257)])
    func histogramMedianEqualsTheSortingMedian(columns: Int, rows: Int) {
        let g = VISGeometry(imageColumns: columns, imageRows: rows)
        var state: UInt64 = 12345
        func next() -> UInt16 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let r = Int(state >> 33) % 4000
            return r < 5 ? 0 : r < 10 ? 65535 : UInt16(30_000 + r)
        }
        let raw = PixelArray<UInt16>(shape: g.frameShape, values: (0..<(g.frameShape[0] * g.frameShape[1])).map { _ in next() })
        let asFloat = PixelArray<Float>(shape: raw.shape, values: raw.values.map(Float.init))
        var histogram = [Int](repeating: 0, count: 65536)
        for q in Quadrant.allCases {
            var canonical = g.canonicalQuadrant(q, of: asFloat)
            for i in canonical.values.indices where canonical.values[i] == 0 { canonical.values[i] = .nan }
            for (cols, rowRange) in [(g.trimmedImage, 0..<rows), (g.trimmedPrescan, 3..<(rows - 1))] {
                let expected = Samples(canonical, section: Section(x0: cols.lowerBound, x1: cols.upperBound,
                                                                   y0: rowRange.lowerBound, y1: rowRange.upperBound)).median
                let found = MeasureFluence.histogramMedian(raw, q, g, columns: cols, rows: rowRange, histogram: &histogram)
                #expect(found == expected, "\(q) \(cols) \(rowRange)")
            }
        }
    }
}
