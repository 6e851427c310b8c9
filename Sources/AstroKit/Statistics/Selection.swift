/// Order statistics by selection (quickselect) on a scratch buffer that the caller owns and that
/// is reordered in place. Selection is O(n) on average against O(n log n) for a sort, which is
/// what makes a median of a 2048x2066 quadrant cost a few milliseconds.
///
/// ```swift
/// var scratch: [Float] = [5, 1, 4, 2, 3, 6]
/// let m = scratch.withUnsafeMutableBufferPointer { Selection.median($0) }  // 3.5, as numpy
/// ```
///
/// The buffers must hold no NaN: comparisons with NaN are false, which would break the
/// partition invariants. `SampleBuffer` drops NaNs when it gathers samples.
public enum Selection {
    /// Reorders `v` so that `v[k]` is the k-th smallest value, every element before it is <= it
    /// and every element after it is >= it; returns `v[k]`.
    ///
    /// Hoare partition about a median-of-three pivot (Numerical Recipes' `select`): equal keys
    /// stop both scans, so integer-valued data with huge runs of duplicates (ADU counts)
    /// still split evenly. After 4·log2(n) rounds without convergence — a median-of-three
    /// killer input — the remaining range is sorted, which bounds the worst case at
    /// O(n log n).
    @discardableResult
    public static func select(_ v: UnsafeMutableBufferPointer<Float>, _ k: Int) -> Float {
        precondition(k >= 0 && k < v.count, "rank \(k) outside 0..<\(v.count)")
        var l = 0
        var ir = v.count - 1
        var rounds = 0
        let maxRounds = 4 * (Int.bitWidth - v.count.leadingZeroBitCount) + 8
        while true {
            if ir <= l + 1 {
                if ir == l + 1 && v[ir] < v[l] { v.swapAt(l, ir) }
                return v[k]
            }
            rounds += 1
            if rounds > maxRounds {
                var tail = UnsafeMutableBufferPointer(rebasing: v[l...ir])
                tail.sort()
                return v[k]
            }
            let mid = (l + ir) >> 1
            v.swapAt(mid, l + 1)
            if v[l] > v[ir] { v.swapAt(l, ir) }
            if v[l + 1] > v[ir] { v.swapAt(l + 1, ir) }
            if v[l] > v[l + 1] { v.swapAt(l, l + 1) }
            var i = l + 1
            var j = ir
            let pivot = v[l + 1]
            while true {
                repeat { i += 1 } while v[i] < pivot
                repeat { j -= 1 } while v[j] > pivot
                if j < i { break }
                v.swapAt(i, j)
            }
            v[l + 1] = v[j]
            v[j] = pivot
            if j >= k { ir = j - 1 }
            if j <= k { l = i }
        }
    }

    /// The median with numpy's convention: the mean of the two middle values for an even count.
    /// NaN for an empty buffer. Reorders `v`.
    public static func median(_ v: UnsafeMutableBufferPointer<Float>) -> Double {
        let n = v.count
        if n == 0 { return .nan }
        let k = n / 2
        if n <= 16 {
            // Pixel-wise stacks take millions of medians of a handful of values: an insertion
            // sort beats the partitioning machinery there.
            for i in 1..<max(n, 1) {
                let x = v[i]
                var j = i - 1
                while j >= 0 && v[j] > x { v[j + 1] = v[j]; j -= 1 }
                v[j + 1] = x
            }
            return n % 2 == 1 ? Double(v[k]) : 0.5 * (Double(v[k - 1]) + Double(v[k]))
        }
        let upper = Double(select(v, k))
        if n % 2 == 1 { return upper }
        // After select, v[0..<k] holds the k smallest values: the lower middle is their maximum.
        var lower = v[0]
        for i in 1..<k where v[i] > lower { lower = v[i] }
        return 0.5 * (Double(lower) + upper)
    }

    /// The q-th percentile (q in 0...100) with numpy's default 'linear' method: the value at
    /// fractional rank h = (n − 1)·q/100, interpolated between its two neighbours. Reorders `v`.
    public static func percentile(_ v: UnsafeMutableBufferPointer<Float>, _ q: Double) -> Double {
        precondition(q >= 0 && q <= 100, "percentile \(q) outside 0...100")
        let n = v.count
        if n == 0 { return .nan }
        let h = Double(n - 1) * q / 100
        let lo = min(Int(h.rounded(.down)), n - 1)
        let a = Double(select(v, lo))
        let frac = h - Double(lo)
        if lo == n - 1 || frac == 0 { return a }
        // v[lo+1...] are all >= v[lo]: the next order statistic is their minimum.
        var b = v[lo + 1]
        for i in (lo + 2)..<n where v[i] < b { b = v[i] }
        // numpy's _lerp form, exact when a == b.
        return a + (Double(b) - a) * frac
    }

    /// Several percentiles at once; each selection starts from the partially ordered buffer the
    /// previous one left, so ascending q cost little more than one.
    public static func percentiles(_ v: UnsafeMutableBufferPointer<Float>, _ qs: [Double]) -> [Double] {
        qs.map { percentile(v, $0) }
    }
}
