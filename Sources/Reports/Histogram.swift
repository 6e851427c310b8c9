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
    /// Inlinable, so a caller's lazy pipeline over millions of pixels is specialised in its own
    /// module: unspecialised, each element went through generic metadata lookups (34 s for the
    /// three full-size master biases of a BIAS01 report).
    @inlinable
    public init(values: some Sequence<Double>, bins: Int, range: ClosedRange<Double>? = nil) {
        guard let range else {
            // The range comes from the values: hold them (a sequence may be single-pass).
            let finite = values.filter(\.isFinite)
            let low = finite.min() ?? 0, high = finite.max() ?? 1
            self.init(values: finite, bins: bins, range: low...max(low, high))
            return
        }
        let lo = range.lowerBound, hi = range.upperBound > range.lowerBound ? range.upperBound : range.lowerBound + 1
        let n = max(1, bins)
        let width = (hi - lo) / Double(n)
        var counts = [Int](repeating: 0, count: n)
        var outside = 0
        for v in values where v.isFinite {
            guard v >= lo, v <= hi else { outside += 1; continue }
            counts[min(n - 1, Int((v - lo) / width))] += 1
        }
        self.init(lower: lo, binWidth: width, counts: counts, outside: outside)
    }

    @usableFromInline
    init(lower: Double, binWidth: Double, counts: [Int], outside: Int) {
        self.lower = lower
        self.binWidth = binWidth
        self.counts = counts
        self.outside = outside
    }

    public var centres: [Double] { counts.indices.map { lower + (Double($0) + 0.5) * binWidth } }

    /// Bars at the bin centres; empty bins are left out (so log count axes work).
    public func series(_ name: String, colour: String? = nil) -> ChartSeries {
        let points = zip(centres, counts).filter { $0.1 > 0 }.map { ChartPoint($0.0, Double($0.1)) }
        return ChartSeries(name, points: points, style: .bars(width: binWidth), colour: colour)
    }
}
