/// numpy's median of integer-binned samples by counting: the bins of the two middle values
/// (the same bin for an odd count), so the median is the mean of their values. Shared by the
/// fluence medians, the raw prescan levels and the PTC tile medians.
///
/// ```swift
/// let (lower, upper) = HistogramMedian.middleBins(counts, 1..<65536, total: n)!
/// let median = (Double(lower) + Double(upper)) / 2
/// ```
enum HistogramMedian {
    /// The bins holding the lower and upper middle of the `total` samples counted in `bins`;
    /// nil when there are none.
    static func middleBins(_ counts: UnsafeBufferPointer<Int>, _ bins: Range<Int>, total: Int) -> (lower: Int, upper: Int)? {
        guard total > 0 else { return nil }
        // 1-based ranks of the middle value(s).
        let lowRank = (total + 1) / 2, highRank = total / 2 + 1
        var cumulative = 0, lower = -1
        for b in bins {
            cumulative += counts[b]
            if lower < 0 && cumulative >= lowRank { lower = b }
            if cumulative >= highRank { return (lower, b) }
        }
        return nil
    }
}
