extension RobustLocation {
    /// The same estimate from a histogram of integer values (`counts[v]` samples equal to
    /// `v`, bins outside `values` ignored): each clipping pass sums the bins inside the bounds
    /// rather than the pixels, so a 4-million-pixel quadrant of raw ADU costs a few thousand
    /// additions per pass once its histogram exists. Bounds are rounded as ``SigmaClip`` rounds
    /// them, so the same samples survive.
    ///
    /// ```swift
    /// var counts = [Int](repeating: 0, count: 65536)
    /// for x in raw { counts[Int(x)] += 1 }
    /// let level = RobustLocation(counts: counts, values: 1...65534)   // 0 and 65535 left out
    /// ```
    public init(counts: [Int], values: ClosedRange<Int>, sigma k: Double = 4) {
        let bins = max(0, values.lowerBound)...min(counts.count - 1, values.upperBound)
        func moments(_ range: ClosedRange<Int>, near shift: Double) -> Moments {
            var n = 0, s1 = 0.0, s2 = 0.0
            counts.withUnsafeBufferPointer { c in
                for v in range where c[v] != 0 {
                    let weight = Double(c[v]), d = Double(v) - shift
                    n += c[v]; s1 += weight * d; s2 += weight * d * d
                }
            }
            guard n > 0 else { return Moments(count: 0, mean: .nan, variance: .nan) }
            let m = s1 / Double(n)
            return Moments(count: n, mean: shift + m, variance: max(0, s2 / Double(n) - m * m))
        }
        guard !bins.isEmpty else {
            self.init(moments: Moments(count: 0, mean: .nan, variance: .nan), initial: Moments(count: 0, mean: .nan, variance: .nan))
            return
        }
        // The first non-empty bin as the shift keeps the sums free of cancellation.
        let first = counts[bins].firstIndex { $0 != 0 } ?? bins.lowerBound
        let initial = moments(bins, near: Double(first))
        var current = initial
        var lo = -Float.infinity, hi = Float.infinity
        while current.count > 0 {
            lo = max(lo, SigmaClip.ceilFloat(current.mean - current.std * k))
            hi = min(hi, SigmaClip.floorFloat(current.mean + current.std * k))
            // Integer values inside [lo, hi]: from ceil(lo) to floor(hi).
            let low = max(bins.lowerBound, Int(Double(lo).rounded(.up).clamped(-1e18, 1e18)))
            let high = min(bins.upperBound, Int(Double(hi).rounded(.down).clamped(-1e18, 1e18)))
            let next = low <= high ? moments(low...high, near: current.mean) : Moments(count: 0, mean: .nan, variance: .nan)
            let changed = next.count != current.count
            current = next
            if !changed { break }
        }
        self.init(moments: current, initial: initial)
    }

    init(moments: Moments, initial: Moments) {
        unclipped = initial
        value = moments.mean
        std = moments.std
        count = moments.count
        initialCount = initial.count
        standardError = count > 0 ? std / Double(count).squareRoot() : .nan
    }
}

private extension Double {
    func clamped(_ low: Double, _ high: Double) -> Double { Swift.min(high, Swift.max(low, self)) }
}
