/// The statistics vison's `get_stats` and `get_tiles_stats` ask for by name.
///
/// ```swift
/// // get_stats(Q, sector='pre', statkeys=['median'], clip=(4, 4)) on a canonical quadrant
/// let offset = quadrant.samples(in: prescan).value(.median, clip: SigmaClip(lower: 4, upper: 4))
/// ```
public enum SampleStatistic: String, Sendable, Hashable, CaseIterable {
    case mean, median, std, sum
}

extension Samples {
    /// `statistic` of the samples, after `clip` when given (the statistic is then taken over the
    /// survivors, as vison does). `scratch` is used by the median.
    public func value(_ statistic: SampleStatistic, clip: SigmaClip? = nil, using scratch: inout [Float]) -> Double {
        var lo = -Float.infinity
        var hi = Float.infinity
        var clipped: Moments?
        if let clip {
            let r = clip.apply(to: self, using: &scratch)
            lo = r.keptLow
            hi = r.keptHigh
            clipped = r.moments
        }
        switch statistic {
        case .mean: return (clipped ?? moments).mean
        case .std: return (clipped ?? moments).std
        case .sum:
            // Σx directly rather than mean·n, so an unclipped sum is exact for integer data.
            return sums(lo: lo, hi: hi, shift: 0).s1
        case .median:
            let n = gather(into: &scratch, lo: lo, hi: hi)
            return scratch.withUnsafeMutableBufferPointer {
                Selection.median(UnsafeMutableBufferPointer(rebasing: $0[0..<n]))
            }
        }
    }

    public func value(_ statistic: SampleStatistic, clip: SigmaClip? = nil) -> Double {
        var scratch: [Float] = []
        return value(statistic, clip: clip, using: &scratch)
    }
}
