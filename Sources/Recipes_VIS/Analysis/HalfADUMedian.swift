import AstroKit

/// The exact median of a tile of a prepared quadrant by counting, when its values lie on a
/// half-ADU grid, which they do after vison's preparation: raw counts are integers and the
/// subtracted prescan level is a median of integers (an integer or a half). Counting makes two
/// passes over the tile where selection reorders it several times (it was a sixth of a full
/// PTC01's CPU). Values off the grid (another preparation, a divided flat) or a spread too
/// wide to count fall back to selection, so the answer is always numpy's median.
///
/// ```swift
/// var scratch = HalfADUMedian.Scratch()
/// let m = HalfADUMedian.median(prepared, tile, scratch: &scratch)   // == prepared.samples(tile).median
/// ```
enum HalfADUMedian {
    /// Buffers a worker reuses from tile to tile.
    struct Scratch {
        var counts: [Int] = []
        var values: [Float] = []
    }

    /// Counting is worth it below this many half-ADU bins (the full 16-bit range is 131 072).
    static let maximumBins = 1 << 18
    static let roundingConstant: Float = 12_582_912

    static func median(_ q: PreparedQuadrant, _ s: Section, scratch: inout Scratch) -> Double {
        let w = q.pixels.width
        let mask = q.mask?.values
        /// Every unmasked, non-NaN value of the tile.
        @inline(__always) func forEachValid(_ body: (Float) -> Void) {
            q.pixels.values.withUnsafeBufferPointer { v in
                for y in s.y0..<s.y1 {
                    for i in (y * w + s.x0)..<(y * w + s.x1) {
                        if let mask, mask[i] != 0 { continue }
                        let x = v[i]
                        if !x.isNaN { body(x) }
                    }
                }
            }
        }
        var n = 0, low = Float.infinity, high = -Float.infinity, onGrid = true
        forEachValid { x in
            n += 1
            low = min(low, x); high = max(high, x)
            // Rounding by adding 1.5·2^23 (exact below 2^22; `rounded()` is a libm call
            // on baseline x86-64): larger values fail the test and fall back.
            let twice = x * 2
            onGrid = onGrid && twice == (twice + roundingConstant) - roundingConstant
        }
        guard n > 0 else { return .nan }
        let bins = onGrid && high.isFinite && low.isFinite ? Int((high - low) * 2) + 1 : Int.max
        guard bins <= maximumBins else { return q.samples(s).median(using: &scratch.values) }
        if scratch.counts.count < bins { scratch.counts = [Int](repeating: 0, count: bins) }
        return scratch.counts.withUnsafeMutableBufferPointer { counts in
            UnsafeMutableBufferPointer(rebasing: counts[0..<bins]).update(repeating: 0)
            forEachValid { x in counts[Int((x - low) * 2)] += 1 }
            let (lower, upper) = HistogramMedian.middleBins(UnsafeBufferPointer(counts), 0..<bins, total: n)!
            return (Double(low) + Double(lower) / 2 + Double(low) + Double(upper) / 2) / 2
        }
    }
}
