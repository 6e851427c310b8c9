/// Blooming onset from PTC residuals (VIS.md 3.3.4 step 7, `ptc.foo_bloom_advanced`).
///
/// Residuals r = var − fit; robust scale mad = median(|r|) over `scaleRange`; a point is a
/// candidate when r < −`threshold`·mad (the variance collapses once charge spills or the ADC
/// clips). The onset is the mean of the first point above `searchFrom` that starts a run of
/// `count` consecutive candidates.
///
/// Two corrections to vison:
/// * vison scans the points in data order (pair-major, tile-minor), so its answer depends on
///   the acquisition order ([quirk], VIS.md 8.6); here the points are scanned sorted by mean
///   (ties broken by pair and tile), so "consecutive" means consecutive in signal.
/// * the residuals are divided by the sampling error of each tile variance,
///   pred·√(2/(N−1)), before the MAD is taken. vison's raw MAD is set by the low-signal points
///   (whose variances are ~15× smaller), so at 55 000 ADU its 10·MAD is ~1σ and a single
///   low point just before a saturated level started the run (seen on simulated data).
///
/// ```swift
/// let onset = Blooming().find(points, model: fit.variance(at:))
/// onset > 0 ? "blooms at \(onset) ADU" : "no blooming up to \(-onset) ADU"
/// ```
public struct Blooming: Sendable, Hashable {
    public var count = 5
    public var threshold = 10.0
    public var scaleRange: ClosedRange<Double> = 2_000...30_000
    public var searchFrom = 30_000.0

    public init(count: Int = 5) { self.count = count }

    /// The onset in ADU, or −(highest mean) when blooming is not reached (a lower limit);
    /// NaN without points.
    public func find(_ points: [PTCPoint], model: (Double) -> Double) -> Double {
        let sorted = points.filter { $0.mean.isFinite && $0.variance.isFinite }
            .sorted { ($0.mean, $0.pair, $0.tile) < ($1.mean, $1.pair, $1.tile) }
        guard let last = sorted.last else { return .nan }
        let residuals = sorted.map { p -> Double in
            let pred = model(p.mean)
            return (p.variance - pred) / PhotonTransferFit.sigma(max(abs(pred), 1e-9), pixels: p.pixels)
        }
        var scale = sorted.indices.filter { scaleRange.contains(sorted[$0].mean) }.map { abs(residuals[$0]) }
        guard !scale.isEmpty else { return -last.mean }
        scale.sort()
        let n = scale.count
        let mad = n % 2 == 1 ? scale[n / 2] : 0.5 * (scale[n / 2 - 1] + scale[n / 2])
        let candidate = residuals.map { $0 < -threshold * mad }
        for i in sorted.indices where sorted[i].mean > searchFrom && i + count <= sorted.count {
            if candidate[i..<(i + count)].allSatisfy({ $0 }) { return sorted[i].mean }
        }
        return -last.mean
    }
}
