/// Count, mean and spread of a set of samples, accumulated in Double.
///
/// ```swift
/// let m = Samples([1, 2, 3, 4]).moments   // count 4, mean 2.5, variance 1.25 (ddof 0)
/// m.std                                    // 1.118..., numpy.std
/// ```
public struct Moments: Sendable, Hashable {
    public var count: Int
    /// NaN when count is 0.
    public var mean: Double
    /// Population variance (ddof 0, as numpy's default); NaN when count is 0.
    public var variance: Double

    public init(count: Int, mean: Double, variance: Double) {
        self.count = count
        self.mean = mean
        self.variance = variance
    }

    public var std: Double { variance.squareRoot() }
    public var sum: Double { count == 0 ? 0 : mean * Double(count) }

    /// The variance with `ddof` degrees of freedom removed (ddof 1 gives the unbiased sample
    /// variance); NaN when count <= ddof.
    public func variance(ddof: Int) -> Double {
        count > ddof ? variance * Double(count) / Double(count - ddof) : .nan
    }
}

/// Shifted sums over one contiguous run of pixels. The shift K (a value near the mean) keeps
/// Σ(x−K)² free of the cancellation that Σx² − (Σx)²/n suffers at 4 million pixels of 3e4 ADU.
struct ShiftedSums {
    var count = 0
    var s1 = 0.0
    var s2 = 0.0

    /// Adds every sample in [lo, hi] whose mask word has none of `bits` set. NaN fails both
    /// comparisons, so NaNs are skipped without a separate test.
    @inline(__always)
    mutating func add(_ row: UnsafeBufferPointer<Float>, mask: UnsafeBufferPointer<UInt16>?,
                      bits: UInt16, lo: Float, hi: Float, shift: Double) {
        // Per-row partial sums in registers; the row (≤ a few thousand pixels) is short enough
        // that a plain running Double sum loses nothing measurable.
        var n = 0
        var a = 0.0
        var b = 0.0
        if let mask {
            for i in 0..<row.count where mask[i] & bits == 0 {
                let x = row[i]
                if x >= lo && x <= hi {
                    let d = Double(x) - shift
                    n += 1; a += d; b += d * d
                }
            }
        } else {
            for x in row where x >= lo && x <= hi {
                let d = Double(x) - shift
                n += 1; a += d; b += d * d
            }
        }
        count += n; s1 += a; s2 += b
    }

    func moments(shift: Double) -> Moments {
        guard count > 0 else { return Moments(count: 0, mean: .nan, variance: .nan) }
        let n = Double(count)
        let m = s1 / n
        return Moments(count: count, mean: shift + m, variance: max(0, s2 / n - m * m))
    }
}
