/// Counts of values in equal bins, and the chart series that draws them as bars.
///
/// ```swift
/// let h = Histogram(values: pixels, bins: 50, range: 0...100)
/// chart.add(h.series("CCD1 E"))
/// ```
public struct Histogram: Sendable {
    public let lower: Double
    public let binWidth: Double
    public var counts: [Int]
    /// Values outside the range (not drawn, reported in captions).
    public var outside = 0

    /// Bins `range` (default: the finite values' min...max) into `bins` bins; NaNs are skipped.
    public init(values: some Sequence<Double>, bins: Int, range: ClosedRange<Double>? = nil) {
        let finite = values.filter(\.isFinite)
        let lo = range?.lowerBound ?? finite.min() ?? 0
        var hi = range?.upperBound ?? finite.max() ?? 1
        if hi <= lo { hi = lo + 1 }
        let n = max(1, bins)
        lower = lo
        binWidth = (hi - lo) / Double(n)
        counts = [Int](repeating: 0, count: n)
        for v in finite {
            guard v >= lo, v <= hi else { outside += 1; continue }
            counts[min(n - 1, Int((v - lo) / binWidth))] += 1
        }
    }

    public var centres: [Double] { counts.indices.map { lower + (Double($0) + 0.5) * binWidth } }

    /// Bars at the bin centres; empty bins are left out (so log count axes work).
    public func series(_ name: String, colour: String? = nil) -> ChartSeries {
        let points = zip(centres, counts).filter { $0.1 > 0 }.map { ChartPoint($0.0, Double($0.1)) }
        return ChartSeries(name, points: points, style: .bars(width: binWidth), colour: colour)
    }
}
