import AstroKit

/// The median of a region of raw 16-bit counts by a histogram (exact, numpy's convention for an
/// even count: the mean of the two middle values), lost pixels (0) left out and saturated ones
/// (65535) kept, so a saturated flat measures at its ceiling: ``MeasureFluence``'s estimator,
/// shared by the scan pass that computes it for flat tests.
///
/// ```swift
/// var histogram: [Int] = []
/// let image = FluenceMedian(quadrant, columns: g.trimmedImage, rows: frame.imageWindowRows, histogram: &histogram)
/// image.median      // ADU; NaN when no pixel is valid
/// image.saturated   // pixels at 65535
/// ```
struct FluenceMedian {
    var median: Double
    var saturated: Int

    /// From a canonical quadrant read as Float (raw counts, not yet masked). Values that are not
    /// counts (NaN, outside 0...65535) are left out with the lost pixels.
    init(_ q: PixelArray<Float>, columns: Range<Int>, rows: Range<Int>, histogram: inout [Int]) {
        Self.reset(&histogram)
        let w = q.width
        histogram.withUnsafeMutableBufferPointer { counts in
            q.values.withUnsafeBufferPointer { v in
                for y in rows {
                    let row = y * w
                    for x in columns {
                        let value = v[row + x]
                        guard value >= 0 && value <= 65535 else { continue }
                        counts[Int(value)] += 1
                    }
                }
            }
        }
        self.init(histogram: histogram)
    }

    /// From a filled 65536-bin histogram of counts.
    init(histogram counts: [Int]) {
        saturated = counts[65535]
        median = counts.withUnsafeBufferPointer { c in
            // Zeros (lost pixels) are left out: counting starts at value 1.
            var n = 0
            for value in 1..<65536 { n += c[value] }
            guard let (low, high) = HistogramMedian.middleBins(c, 1..<65536, total: n) else { return .nan }
            return (Double(low) + Double(high)) / 2
        }
    }

    /// A zeroed 65536-bin histogram, reusing the storage.
    static func reset(_ histogram: inout [Int]) {
        if histogram.count != 65536 { histogram = [Int](repeating: 0, count: 65536); return }
        histogram.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}
