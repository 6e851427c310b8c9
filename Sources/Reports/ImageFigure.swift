import Foundation

/// A thumbnail of a 2-D image (master bias, dark, flat, defect mask) as SVG: the pixels
/// reduced to at most `maxSide` on a side, coloured, encoded to PNG through libpng and
/// embedded as a data URI, with pixel axes and a colour bar in the data's unit.
///
/// ```swift
/// let figure = try ImageFigure(values: stack, width: 2128, height: 2086, title: "CCD1 master bias",
///                              unit: "ADU").svg()
/// ```
public struct ImageFigure: Sendable {
    public enum Reduction: Sendable {
        /// Mean of each block (finite values): images.
        case mean
        /// Maximum of each block: masks, where one defect must stay visible.
        case maximum
    }

    public var title: String
    public var unit: String
    public var colourMap: ColourMap = .viridis
    public var reduction: Reduction = .mean
    /// Colour-scale limits; by default the 1st and 99th percentiles of the thumbnail.
    public var limits: ClosedRange<Double>?
    public var maxSide = 280
    let values: [Float]
    let width: Int, height: Int

    /// `values` row by row, row 0 first (FITS order: drawn at the bottom).
    public init(values: [Float], width: Int, height: Int, title: String, unit: String) throws {
        guard width > 0, height > 0, values.count == width * height else {
            throw RasterImageError("\(title): \(values.count) pixels for a \(width) x \(height) image")
        }
        self.values = values
        self.width = width
        self.height = height
        self.title = title
        self.unit = unit
    }

    /// The block-reduced image: (values, columns, rows, block size).
    func reduced() -> ([Double], Int, Int, Int) {
        let block = max(1, Int((Double(max(width, height)) / Double(maxSide)).rounded(.up)))
        let w = (width + block - 1) / block, h = (height + block - 1) / block
        var out = [Double](repeating: .nan, count: w * h)
        values.withUnsafeBufferPointer { v in
            for by in 0..<h {
                for bx in 0..<w {
                    var sum = 0.0, n = 0, peak = -Double.infinity
                    for y in (by * block)..<min(height, (by + 1) * block) {
                        let row = y * width
                        for x in (bx * block)..<min(width, (bx + 1) * block) {
                            let p = Double(v[row + x])
                            guard p.isFinite else { continue }
                            sum += p; n += 1; peak = max(peak, p)
                        }
                    }
                    if n > 0 { out[by * w + bx] = reduction == .mean ? sum / Double(n) : peak }
                }
            }
        }
        return (out, w, h, block)
    }

    /// The colour-scale limits used for these reduced values.
    func scale(_ reduced: [Double]) -> ClosedRange<Double> {
        if let limits { return limits }
        if colourMap == .defects { return 0...1 }
        let sorted = reduced.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return 0...1 }
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(p * Double(sorted.count - 1)))] }
        let lo = percentile(0.01), hi = percentile(0.99)
        return lo < hi ? lo...hi : (lo - 0.5)...(hi + 0.5)
    }

    public func svg() throws -> String {
        let (pixels, w, h, block) = reduced()
        let range = scale(pixels)
        var rgb = [UInt8](repeating: 255, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                let v = pixels[y * w + x]
                // FITS row 0 is at the bottom; PNG row 0 at the top.
                let o = ((h - 1 - y) * w + x) * 3
                guard v.isFinite else { (rgb[o], rgb[o + 1], rgb[o + 2]) = (255, 255, 255); continue }
                let (r, g, b) = colourMap.rgb((v - range.lowerBound) / (range.upperBound - range.lowerBound))
                (rgb[o], rgb[o + 1], rgb[o + 2]) = (r, g, b)
            }
        }
        let uri = try RasterImage(width: w, height: h, channels: 3, bytes: rgb).dataURI()

        let side = 300.0
        let drawW = w >= h ? side : side * Double(w) / Double(h)
        let drawH = h >= w ? side : side * Double(h) / Double(w)
        let left = 52.0, top = 34.0, barGap = 18.0, barWidth = 14.0
        // Room right of the bar for its tick labels and, above it, the unit.
        let canvasWidth = left + drawW + barGap + max(barWidth + 70, Double(unit.count) * 6.2 + 8)
        var out = SVGCanvas(width: canvasWidth, height: top + drawH + 44)
        out.text(title, x: left + drawW / 2, y: 18, anchor: "middle", size: 13, weight: "bold")
        let frame = Rect(x: left, y: top, width: drawW, height: drawH)
        out.image(uri, in: frame)
        out.rect(frame, fill: "none", stroke: "#444")
        // Pixel axes of the full-resolution image.
        let xAxis = ChartAxis("column [pixel]"), yAxis = ChartAxis("row [pixel]")
        let xticks = xAxis.ticks(in: 0...Double(width)), yticks = yAxis.ticks(in: 0...Double(height))
        for t in xticks {
            let px = left + t / Double(width) * drawW
            out.line(px, top + drawH, px, top + drawH + 4, stroke: "#444")
            out.text(ChartAxis.label(t, ticks: xticks), x: px, y: top + drawH + 15, anchor: "middle", size: 10)
        }
        for t in yticks {
            let py = top + drawH - t / Double(height) * drawH
            out.line(left - 4, py, left, py, stroke: "#444")
            out.text(ChartAxis.label(t, ticks: yticks), x: left - 6, y: py + 3, anchor: "end", size: 10)
        }
        out.text(xAxis.label + (block > 1 ? " (\(block)x\(block) binned)" : ""), x: left + drawW / 2, y: top + drawH + 34, anchor: "middle", size: 11)
        out.text(yAxis.label, x: 12, y: top + drawH / 2, anchor: "middle", size: 11, rotate: true)

        // Colour bar: a vertical gradient of the map, ticks in the data unit.
        let bar = Rect(x: left + drawW + barGap, y: top, width: barWidth, height: drawH)
        let steps = colourMap == .defects ? 2 : 64
        for i in 0..<steps {
            let t = (Double(i) + 0.5) / Double(steps)
            let y0 = bar.y + bar.height * (1 - Double(i + 1) / Double(steps))
            out.rect(Rect(x: bar.x, y: y0, width: bar.width, height: bar.height / Double(steps) + 0.5), fill: colourMap.hex(t), stroke: "none")
        }
        out.rect(bar, fill: "none", stroke: "#444")
        let barAxis = ChartAxis(unit)
        let barTicks: [Double] = colourMap == .defects ? [0, 1] : barAxis.ticks(in: range)
        let labels = colourMap == .defects ? ["good", "defect"] : barTicks.map { ChartAxis.label($0, ticks: barTicks) }
        for (t, label) in zip(barTicks, labels) {
            let f = colourMap == .defects ? (t == 0 ? 0.25 : 0.75) : (t - range.lowerBound) / (range.upperBound - range.lowerBound)
            let py = bar.y + bar.height * (1 - f)
            out.line(bar.x + bar.width, py, bar.x + bar.width + 4, py, stroke: "#444")
            out.text(label, x: bar.x + bar.width + 6, y: py + 3, anchor: "start", size: 10)
        }
        out.text(unit, x: bar.x, y: top - 6, anchor: "start", size: 10)
        return out.finish()
    }
}
