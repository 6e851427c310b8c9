/// The combination of one pixel's values across the stack.
enum PixelCombiner {
    struct Result {
        var value: Float
        var deviation: Float
        var used: Int
    }

    /// Combines `values` (NaN already removed; reordered in place). Values are clipped first when
    /// asked, around the median with the standard deviation of the kept values.
    @inline(__always)
    static func combine(_ values: UnsafeMutableBufferPointer<Float>, options: StackingOptions) -> Result {
        var kept = values.count
        guard kept >= max(1, options.minimumValid) else { return Result(value: .nan, deviation: .nan, used: 0) }
        if let clipping = options.clipping, kept > 2 {
            for _ in 0..<clipping.maxIterations {
                let window = UnsafeMutableBufferPointer(rebasing: values[0..<kept])
                let centre = Double(median(window))
                let spread = standardDeviation(window).deviation
                guard spread > 0 else { break }
                let lo = centre - clipping.low * spread, hi = centre + clipping.high * spread
                var write = 0
                for i in 0..<kept {
                    let v = Double(window[i])
                    if v >= lo && v <= hi { values[write] = window[i]; write += 1 }
                }
                if write == kept || write < max(1, options.minimumValid) { break }
                kept = write
            }
        }
        let window = UnsafeMutableBufferPointer(rebasing: values[0..<kept])
        let moments = standardDeviation(window)
        let value: Float
        switch options.method {
        case .median: value = median(window)
        case .mean: value = Float(moments.mean)
        }
        return Result(value: value, deviation: Float(moments.deviation), used: kept)
    }

    /// Median as numpy defines it: the mean of the two middle values for an even count.
    /// Reorders the buffer in place, without allocating: stacks are short, so an insertion sort
    /// (``Selection/median(_:)``, quickselect above 16 values) beats the generic `sort()`,
    /// which dominated the stacking time (140 ns per pixel for 10 frames).
    @inline(__always)
    static func median(_ values: UnsafeMutableBufferPointer<Float>) -> Float {
        Float(Selection.median(values))
    }

    /// Mean and population standard deviation (ddof 0), accumulated in Double.
    @inline(__always)
    static func standardDeviation(_ values: UnsafeMutableBufferPointer<Float>) -> (mean: Double, deviation: Double) {
        var sum = 0.0
        for v in values { sum += Double(v) }
        let mean = sum / Double(values.count)
        var squares = 0.0
        for v in values { let d = Double(v) - mean; squares += d * d }
        return (mean, (squares / Double(values.count)).squareRoot())
    }
}
