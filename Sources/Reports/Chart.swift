import Foundation

/// A scatter / line chart drawn as inline SVG: axes with ticks and labelled units, a legend,
/// error bars, linear or log axes, horizontal reference lines (limits), bars for histograms.
/// Our own small module rather than gnuplot: no process per figure, no runtime dependency,
/// output identical everywhere and checkable in tests.
///
/// ```swift
/// var chart = Chart(x: ChartAxis("Mean signal [ADU]", scale: .log), y: ChartAxis("Variance [ADU²]", scale: .log))
/// chart.add(ChartSeries("E", points: [ChartPoint(1000, 290, error: 6)], style: .markers))
/// chart.add(ChartSeries("fit", points: curve, style: .line))
/// let svg = chart.svg()
/// ```
public struct Chart: Sendable {
    public var title: String?
    public var x: ChartAxis
    public var y: ChartAxis
    public var series: [ChartSeries] = []
    /// Horizontal lines across the plot (limits), dashed, labelled in the legend.
    public var referenceLines: [ChartReferenceLine] = []
    public var width: Double = 520
    public var height: Double = 340
    public var showLegend = true

    public init(title: String? = nil, x: ChartAxis, y: ChartAxis) {
        self.title = title
        self.x = x
        self.y = y
    }

    public mutating func add(_ series: ChartSeries) { self.series.append(series) }

    /// The chart as a standalone `<svg>` element.
    public func svg() -> String {
        var out = SVGCanvas(width: width, height: height)
        draw(into: &out, frame: Rect(x: 0, y: 0, width: width, height: height), xRange: nil)
        return out.finish()
    }

    /// The x range the data (or the axis) asks for.
    func dataXRange() -> ClosedRange<Double>? {
        let xs = series.flatMap { $0.points.compactMap { x.transform($0.x) != nil ? $0.x : nil } }
        guard let lo = xs.min(), let hi = xs.max() else { return nil }
        return x.paddedRange(lo, hi)
    }

    func dataYRange() -> ClosedRange<Double> {
        var ys: [Double] = []
        for s in series {
            for p in s.points where x.transform(p.x) != nil {
                guard y.transform(p.y) != nil else { continue }
                ys.append(p.y)
                if let e = p.error, e.isFinite {
                    if y.transform(p.y - e) != nil { ys.append(p.y - e) }
                    ys.append(p.y + e)
                }
            }
            if case .bars = s.style, y.scale == .linear { ys.append(0) }
        }
        for line in referenceLines where y.transform(line.y) != nil { ys.append(line.y) }
        guard let lo = ys.min(), let hi = ys.max() else { return y.scale == .log ? 1...10 : 0...1 }
        return y.paddedRange(lo, hi)
    }

    /// Draws the chart in `frame`; `xRange` forces the x range (panels sharing an axis).
    /// `rightMargin` forces the space right of the plot (panels aligned with a legend above).
    func draw(into out: inout SVGCanvas, frame: Rect, xRange forced: ClosedRange<Double>?, hideXLabel: Bool = false,
              rightMargin: Double? = nil) {
        let left = 68.0, right = rightMargin ?? 14.0 + legendWidth, top = title == nil ? 12.0 : 30.0, bottom = hideXLabel ? 10.0 : 44.0
        let plot = Rect(x: frame.x + left, y: frame.y + top, width: frame.width - left - right, height: frame.height - top - bottom)
        let xr = forced ?? x.range ?? dataXRange() ?? (x.scale == .log ? 1...10 : 0...1)
        let yr = y.range ?? dataYRange()
        let xt = Scaler(axis: x, range: xr, from: plot.x, to: plot.x + plot.width)
        let yt = Scaler(axis: y, range: yr, from: plot.y + plot.height, to: plot.y)

        if let title { out.text(title, x: frame.x + frame.width / 2, y: frame.y + 18, anchor: "middle", size: 13, weight: "bold") }
        out.rect(plot, fill: "#ffffff", stroke: "#444")
        // Ticks, grid and labels.
        // About one tick per 90 pixels across and 45 up, so short panels stay legible.
        let xticks = x.ticks(in: xr, count: max(2, plot.width / 90)), yticks = y.ticks(in: yr, count: max(2, plot.height / 45))
        for t in xticks {
            let px = xt.map(t)
            out.line(px, plot.y, px, plot.y + plot.height, stroke: "#e4e4e4")
            out.line(px, plot.y + plot.height, px, plot.y + plot.height + 5, stroke: "#444")
            if !hideXLabel { out.text(ChartAxis.label(t, ticks: xticks), x: px, y: plot.y + plot.height + 17, anchor: "middle", size: 11) }
        }
        for t in yticks {
            let py = yt.map(t)
            out.line(plot.x, py, plot.x + plot.width, py, stroke: "#e4e4e4")
            out.line(plot.x - 5, py, plot.x, py, stroke: "#444")
            out.text(ChartAxis.label(t, ticks: yticks), x: plot.x - 8, y: py + 4, anchor: "end", size: 11)
        }
        if !hideXLabel { out.text(x.label, x: plot.x + plot.width / 2, y: frame.y + frame.height - 8, anchor: "middle", size: 12) }
        out.text(y.label, x: frame.x + 14, y: plot.y + plot.height / 2, anchor: "middle", size: 12, rotate: true)

        out.beginClip(plot)
        for line in referenceLines {
            guard y.transform(line.y) != nil else { continue }
            let py = yt.map(line.y)
            out.line(plot.x, py, plot.x + plot.width, py, stroke: line.colour, width: 1.5, dash: "6,4")
        }
        for (index, s) in series.enumerated() {
            let colour = s.colour ?? ChartPalette.colour(index)
            let points = s.points.filter { x.transform($0.x) != nil && y.transform($0.y) != nil }
            switch s.style {
            case .line, .lineAndMarkers:
                out.polyline(points.map { (xt.map($0.x), yt.map($0.y)) }, stroke: colour, width: 1.8)
            case .bars(let w):
                for p in points {
                    let x0 = xt.map(p.x - w / 2), x1 = xt.map(p.x + w / 2)
                    let base = y.scale == .log ? plot.y + plot.height : yt.map(0)
                    let py = yt.map(p.y)
                    out.rect(Rect(x: min(x0, x1), y: min(py, base), width: max(0.5, abs(x1 - x0)), height: abs(base - py)),
                             fill: colour, stroke: "none", opacity: 0.75)
                }
            case .markers:
                break
            }
            for p in points where p.error != nil && p.error!.isFinite && p.error! > 0 {
                let px = xt.map(p.x)
                let lo = y.transform(p.y - p.error!) != nil ? yt.map(p.y - p.error!) : plot.y + plot.height
                let hi = yt.map(p.y + p.error!)
                out.line(px, lo, px, hi, stroke: colour, width: 1)
                out.line(px - 3, lo, px + 3, lo, stroke: colour, width: 1)
                out.line(px - 3, hi, px + 3, hi, stroke: colour, width: 1)
            }
            if s.style == .markers || s.style == .lineAndMarkers {
                for p in points { out.marker(xt.map(p.x), yt.map(p.y), colour: colour, open: s.openMarkers) }
            }
        }
        out.endClip()
        if showLegend { drawLegend(into: &out, plot: plot) }
    }

    /// The space the legend takes right of the plot (it never covers the data).
    var legendWidth: Double {
        showLegend ? legendEntries().map { Double($0.0.count) * 6.6 + 34 }.max().map { $0 + 8 } ?? 0 : 0
    }

    /// (text, colour, style, open markers); a nil style is a reference line.
    private func legendEntries() -> [(String, String, ChartSeries.Style?, Bool)] {
        var entries: [(String, String, ChartSeries.Style?, Bool)] = series.enumerated().compactMap { i, s in
            s.name.isEmpty ? nil : (s.name, s.colour ?? ChartPalette.colour(i), s.style, s.openMarkers)
        }
        entries += referenceLines.filter { !$0.label.isEmpty }.map { ($0.label, $0.colour, nil, false) }
        return entries
    }

    private func drawLegend(into out: inout SVGCanvas, plot: Rect) {
        let entries = legendEntries()
        guard !entries.isEmpty else { return }
        let longest = entries.map(\.0.count).max() ?? 0
        let box = Rect(x: plot.x + plot.width + 8, y: plot.y, width: Double(longest) * 6.6 + 34, height: Double(entries.count) * 16 + 6)
        out.rect(box, fill: "#ffffff", stroke: "#bbb", opacity: 0.88)
        for (i, entry) in entries.enumerated() {
            let cy = box.y + 12 + Double(i) * 16
            switch entry.2 {
            case .markers?: out.marker(box.x + 12, cy - 3, colour: entry.1, open: entry.3)
            case .bars?: out.rect(Rect(x: box.x + 6, y: cy - 8, width: 12, height: 9), fill: entry.1, stroke: "none")
            case .line?: out.line(box.x + 4, cy - 3, box.x + 20, cy - 3, stroke: entry.1, width: 1.8)
            case .lineAndMarkers?:
                out.line(box.x + 4, cy - 3, box.x + 20, cy - 3, stroke: entry.1, width: 1.8)
                out.marker(box.x + 12, cy - 3, colour: entry.1, open: entry.3)
            case nil: out.line(box.x + 4, cy - 3, box.x + 20, cy - 3, stroke: entry.1, width: 1.5, dash: "6,4")
            }
            out.text(entry.0, x: box.x + 26, y: cy + 1, anchor: "start", size: 11)
        }
    }
}

/// A chart above a residual panel sharing its x axis (fits: data − model below the data).
///
/// ```swift
/// let figure = StackedChart(main: chart, residual: residuals).svg()
/// ```
public struct StackedChart: Sendable {
    public var main: Chart
    public var residual: Chart
    /// Fraction of the height given to the residual panel.
    public var residualShare = 0.32

    public init(main: Chart, residual: Chart) {
        self.main = main
        self.residual = residual
    }

    public func svg() -> String {
        var out = SVGCanvas(width: main.width, height: main.height)
        let xr = main.x.range ?? main.dataXRange()
        let residualHeight = main.height * residualShare
        var top = main
        top.x.label = ""
        let right = 14 + max(main.legendWidth, residual.legendWidth)
        top.draw(into: &out, frame: Rect(x: 0, y: 0, width: main.width, height: main.height - residualHeight), xRange: xr,
                 hideXLabel: true, rightMargin: right)
        var bottom = residual
        bottom.x = main.x
        bottom.title = nil
        bottom.draw(into: &out, frame: Rect(x: 0, y: main.height - residualHeight, width: main.width, height: residualHeight), xRange: xr,
                    rightMargin: right)
        return out.finish()
    }
}

public struct ChartPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    /// Half-length of the vertical error bar.
    public var error: Double?

    public init(_ x: Double, _ y: Double, error: Double? = nil) {
        self.x = x
        self.y = y
        self.error = error
    }
}

public struct ChartSeries: Sendable {
    public enum Style: Sendable, Equatable {
        case markers, line, lineAndMarkers
        /// Vertical bars of this width in x units (histograms).
        case bars(width: Double)
    }

    /// Legend text; empty names stay out of the legend.
    public var name: String
    public var points: [ChartPoint]
    public var style: Style
    public var colour: String?
    /// Hollow markers (points left out of a fit).
    public var openMarkers = false

    public init(_ name: String, points: [ChartPoint], style: Style = .markers, colour: String? = nil, openMarkers: Bool = false) {
        self.name = name
        self.points = points
        self.style = style
        self.colour = colour
        self.openMarkers = openMarkers
    }
}

public struct ChartReferenceLine: Sendable {
    public var y: Double
    public var label: String
    public var colour: String

    public init(y: Double, label: String, colour: String = "#c00000") {
        self.y = y
        self.label = label
        self.colour = colour
    }
}

/// Okabe & Ito's colour-blind-safe palette, then greys.
public enum ChartPalette {
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"]
    public static func colour(_ index: Int) -> String { colours[index % colours.count] }
}

/// Maps data values to pixels along one axis.
struct Scaler {
    let axis: ChartAxis
    let lo: Double, hi: Double, from: Double, to: Double

    init(axis: ChartAxis, range: ClosedRange<Double>, from: Double, to: Double) {
        self.axis = axis
        lo = axis.transform(range.lowerBound) ?? 0
        hi = axis.transform(range.upperBound) ?? 1
        self.from = from
        self.to = to
    }

    func map(_ v: Double) -> Double {
        guard let t = axis.transform(v), hi != lo else { return from }
        return from + (t - lo) / (hi - lo) * (to - from)
    }
}
