import Foundation

/// One axis of a chart: its label (with the unit, "Signal [ADU]"), linear or logarithmic, and
/// its range (from the data when not given), with "nice" ticks: 1, 2 or 5 times a power of
/// ten on linear axes, decades (and 2, 5 within them when the range is short) on log axes.
///
/// ```swift
/// let axis = ChartAxis("Exposure time [s]")
/// axis.ticks(in: 0...93)          // [0, 20, 40, 60, 80]
/// ChartAxis("Variance [ADU²]", scale: .log).ticks(in: 3...40000)  // [10, 100, 1000, 10000]
/// ```
public struct ChartAxis: Sendable {
    public enum Scale: Sendable { case linear, log }
    public var label: String
    public var scale: Scale
    public var range: ClosedRange<Double>?

    public init(_ label: String, scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.range = range
    }

    /// The value as drawn (log10 on log axes; nil when a log axis cannot show it).
    func transform(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch scale {
        case .linear: return v
        case .log: return v > 0 ? log10(v) : nil
        }
    }

    /// The drawn range for data spanning `lo...hi`, padded a little and widened when empty.
    func paddedRange(_ lo: Double, _ hi: Double) -> ClosedRange<Double> {
        if let range { return range }
        switch scale {
        case .linear:
            if lo == hi { let d = lo == 0 ? 1 : abs(lo) * 0.05; return (lo - d)...(hi + d) }
            let pad = (hi - lo) * 0.05
            return (lo - pad)...(hi + pad)
        case .log:
            let a = log10(lo), b = log10(hi)
            if a == b { return pow(10, a - 0.5)...pow(10, b + 0.5) }
            let pad = (b - a) * 0.05
            return pow(10, a - pad)...pow(10, b + pad)
        }
    }

    /// Tick values within the range, about `count` of them on linear axes.
    public func ticks(in range: ClosedRange<Double>, count: Double = 6) -> [Double] {
        switch scale {
        case .linear:
            let step = Self.niceStep((range.upperBound - range.lowerBound) / max(1, count))
            guard step > 0, step.isFinite else { return [range.lowerBound] }
            // Integer multiples of the step, each computed afresh (no accumulated rounding).
            let first = Int((range.lowerBound / step - 1e-9).rounded(.up)), last = Int((range.upperBound / step + 1e-9).rounded(.down))
            guard first <= last else { return [range.lowerBound] }
            return (first...last).map { k in step >= 1 ? Double(k) * step : Double(k) / (1 / step).rounded() }
        case .log:
            let a = log10(range.lowerBound), b = log10(range.upperBound)
            // Less than a factor of 5: decades and their 2s and 5s leave too few ticks; use
            // evenly spaced values.
            if b - a < log10(5) { return ChartAxis(label).ticks(in: range, count: 4) }
            var ticks: [Double] = []
            let multipliers: [Double] = b - a < 1.5 ? [1, 2, 5] : [1]
            let every = max(1, Int(((b - a) / 6).rounded(.up)))
            for exponent in Int(a.rounded(.down))...Int(b.rounded(.up)) where exponent % every == 0 || every == 1 {
                for m in multipliers {
                    let v = m * pow(10, Double(exponent))
                    if v >= range.lowerBound * (1 - 1e-9), v <= range.upperBound * (1 + 1e-9) { ticks.append(v) }
                }
            }
            return ticks
        }
    }

    /// 1, 2 or 5 times a power of ten, the nearest to `rough` on a log scale (about six ticks).
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 0 }
        let power = pow(10, log10(rough).rounded(.down))
        return [1.0, 2, 5, 10].map { $0 * power }.min { abs(log10($0 / rough)) < abs(log10($1 / rough)) }!
    }

    /// A tick label: as few decimals as the tick spacing needs; exponent form for very large
    /// or small magnitudes.
    static func label(_ v: Double, ticks: [Double]) -> String {
        if v == 0 { return "0" }
        let magnitude = ticks.map { abs($0) }.max() ?? abs(v)
        if magnitude >= 1e6 || magnitude < 1e-3 {
            let text = String(format: "%.3g", v)
            return text.replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e+", with: "e")
                .replacingOccurrences(of: "e-0", with: "e-")
        }
        var spacing = magnitude
        for (a, b) in zip(ticks, ticks.dropFirst()) where abs(b - a) > 0 { spacing = min(spacing, abs(b - a)) }
        let decimals = max(0, min(6, Int((-log10(spacing)).rounded(.up))))
        let candidate = String(format: "%.\(decimals)f", v)
        // Log ticks (1, 2, 5 x 10^k) need the decimals of the smallest one only.
        return decimals > 0 && candidate.contains(".") ? trimZeros(candidate) : candidate
    }

    private static func trimZeros(_ s: String) -> String {
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
