import AstroKit
import Foundation
import Reports

extension VISReport {
    /// Units of the per-quadrant values the VIS tests write.
    static let units: [String: String] = [
        "offset_pre": "ADU", "offset_img": "ADU", "offset_ove": "ADU", "ron_pre": "ADU", "ron_ove": "ADU", "ron_img": "ADU",
        "dark_signal_adu": "ADU", "dark_current": "e-/pix/s", "dark_current_error": "e-/pix/s", "gain": "e-/ADU",
        "gain_err": "e-/ADU", "exptime": "s", "pixlost_pc": "%", "bloom_adu": "ADU", "her": "", "max_nl_pc": "%",
        "stability_pc": "%", "intercept": "ADU²", "alpha": "",
    ]

    static func header(_ column: String) -> String {
        guard let unit = units[column], !unit.isEmpty else { return column }
        return "\(column) [\(unit)]"
    }

    func resultsSection() -> ReportSection {
        var section = ReportSection("Results")
        if let table = quadrantTable() { section.add(.table(table)) }
        let test = input.test
        if test.hasPrefix("BIAS") { section.add(biasSection()) }
        else if test == "DARK01" { section.add(darkSection()) }
        else if test == "COSMETICS00" { section.add(cosmeticsSection()) }
        else if test.hasPrefix("FLAT") { section.add(flatSection()) }
        else if test.hasPrefix("PTC") || test.hasPrefix("FLATFLUX") { section.add(ptcSection()) }
        else if test.hasPrefix("NL") { section.add(nonLinearitySection()) }
        return section
    }

    /// Every numeric per-quadrant value of the results, one row per CCD and quadrant.
    func quadrantTable() -> ReportTable? {
        let rows = input.quadrants
        guard !rows.isEmpty else { return nil }
        var columns = Set<String>()
        for row in rows { for (k, v) in row.values where v is NSNumber || v is NSNull { columns.insert(k) } }
        let ordered = columns.sorted()
        guard !ordered.isEmpty else { return nil }
        let cells = rows.map { row in
            [row.ccd, row.quadrant] + ordered.map { Self.format(VISReportInput.number(row.values[$0])) }
        }
        return ReportTable(caption: "Per CCD and quadrant (\(input.test)_results.json)",
                           header: ["CCD", "quadrant"] + ordered.map(Self.header), text: cells)
    }

    // MARK: images

    /// An image product's pixels, read once for its thumbnail and its histogram.
    func load(_ path: String, extname: String?) -> Result<ReportProductReader.Image, any Error> {
        Result { try ReportProductReader.image(input.url(path), extname: extname) }
    }

    /// A thumbnail of an image product, or a sentence saying why it is missing.
    func thumbnail(_ loaded: Result<ReportProductReader.Image, any Error>, title: String, unit: String, map: ColourMap = .viridis,
                   reduction: ImageFigure.Reduction = .mean, caption: String) -> ReportBlock {
        do {
            let image = try loaded.get()
            var figure = try ImageFigure(values: image.values, width: image.width, height: image.height, title: title, unit: unit)
            figure.colourMap = map
            figure.reduction = reduction
            return .figure(ReportFigure(svg: try figure.svg(), caption: caption))
        } catch {
            return .verdict("\(title): cannot be drawn (\(error))", .warning)
        }
    }

    /// A histogram of an image product's finite pixels about their median.
    /// `tail`: the range reaches the largest value (hot pixels), with bins of half a sigma.
    func histogram(_ loaded: Result<ReportProductReader.Image, any Error>, title: String, x: String, relative: Bool = false, logCounts: Bool = true,
                   halfWidth: Double? = nil, tail: Bool = false, caption: String) -> ReportBlock {
        guard let image = try? loaded.get() else { return .verdict("\(title): cannot be read", .warning) }
        // Median and spread from at most a million pixels; every pixel is counted.
        let step = max(1, image.values.count / 1_000_000)
        let sample = stride(from: 0, to: image.values.count, by: step).map { Double(image.values[$0]) }.filter(\.isFinite).sorted()
        guard !sample.isEmpty else { return .verdict("\(title): no finite pixel", .warning) }
        let median = sample[sample.count / 2]
        let values = image.values.lazy.map(Double.init).filter(\.isFinite).map { relative ? $0 / median : $0 - median }
        func at(_ p: Double) -> Double { let v = sample[Int(Double(sample.count - 1) * p)]; return relative ? v / median : v - median }
        let spread = halfWidth ?? max(1e-6, 4 * (at(0.84) - at(0.16)) / 2)
        let centre = relative ? 1.0 : 0.0
        let sigma = spread / 4
        let top = tail ? max(centre + spread, min(at(1), centre + 200 * sigma)) : centre + spread
        let bins = tail ? min(400, max(40, Int(((top - centre + spread) / (sigma / 2)).rounded(.up)))) : 40
        let h = Histogram(values: values, bins: bins, range: (centre - spread)...top)
        var chart = Chart(title: title, x: ChartAxis(x, range: (centre - spread)...top), y: ChartAxis("pixels", scale: logCounts ? .log : .linear))
        chart.add(h.series("pixels (\(h.outside) outside)"))
        return .figure(ReportFigure(svg: chart.svg(), caption: caption + " Median \(Self.format(median))."))
    }

    // MARK: BIAS0X, DARK01, COSMETICS00

    func biasSection() -> ReportSection {
        var section = ReportSection("Master bias")
        for (ccd, path) in input.products(kind: "MASTER_BIAS") {
            let image = load(path, extname: "STACK")
            section.add(thumbnail(image, title: "\(ccd) master bias", unit: "ADU",
                                  caption: "\(ccd) master bias (pixel-wise median of the offset-subtracted frames), colour scale 1st–99th percentile."))
            section.add(histogram(image, title: "\(ccd) master bias pixels", x: "pixel − median [ADU]",
                                  caption: "\(ccd) master bias: distribution of pixel values about the median (log counts)."))
        }
        return section
    }

    func darkSection() -> ReportSection {
        var section = ReportSection("Master dark and hot pixels")
        for (ccd, path) in input.products(kind: "MASTER_DARK") {
            let image = load(path, extname: "STACK")
            section.add(thumbnail(image, title: "\(ccd) master dark", unit: "ADU",
                                  caption: "\(ccd) master dark (median of the prescan-subtracted darks), colour scale 1st–99th percentile."))
            section.add(histogram(image, title: "\(ccd) master dark pixels", x: "pixel − median [ADU]", tail: true,
                                  caption: "\(ccd) master dark: pixel values about the median; hot pixels form the right tail (log counts)."))
        }
        for (ccd, path) in input.products(kind: "DARK_MASK") {
            section.add(thumbnail(load(path, extname: "MASK"), title: "\(ccd) hot-pixel mask", unit: "mask", map: .defects, reduction: .maximum,
                                  caption: "\(ccd) defects found in the master dark (binned blocks show a defect if any pixel is one)."))
        }
        return section
    }

    func cosmeticsSection() -> ReportSection {
        var section = ReportSection("Defect maps")
        for (kind, what) in [("DARK_MASK", "dark defects (hot pixels and columns)"), ("FLAT_MASK", "flat defects (dead and low pixels)"),
                             ("MERGED_MASK", "merged mask")] {
            for (ccd, path) in input.products(kind: kind) {
                section.add(thumbnail(load(path, extname: "MASK"), title: "\(ccd) \(what)", unit: "mask", map: .defects, reduction: .maximum,
                                      caption: "\(ccd) \(what); binned blocks show a defect if any of their pixels is one."))
            }
        }
        return section
    }
}
