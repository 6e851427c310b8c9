import AstroKit
import Foundation
import Reports

/// The report sections of the flat-field tests (FLAT0X), the photon transfer curve (PTC0X) and
/// non-linearity (NL02), drawn from their results JSON and table products:
/// * FLAT0X: `levels` [{label, fluence_adu, prnu_pc}] per quadrant, `<TEST>/EUC_MASTERFLAT_<LABEL>_CCD<n>.fits`;
/// * PTC0X: `gain`, `gain_err`, `alpha`, `intercept`, `bloom_adu`, `her`, `npoints`, `quality`,
///   `fit` [p2, p1, p0] (variance = p2·μ² + p1·μ + p0) per quadrant; `<TEST>/<TEST>_points.fits`
///   (CCD, QUADRANT, PAIR, TILE, MEAN, VARIANCE, PIXELS, USED);
/// * NL02: `max_nl_pc`, `nl_model`, `stability_pc`; `NL02/NL02_points.fits` (CCD, QUADRANT,
///   FLUENCE, NL_PC, ROLE).
/// Missing pieces give a sentence saying what is missing, not an empty section.
extension VISReport {
    // MARK: FLAT0X

    func flatSection() -> ReportSection {
        var section = ReportSection("Flat fields and PRNU")
        var labels: [String] = []
        for row in input.quadrants {
            for level in row.values["levels"] as? [[String: Any]] ?? [] {
                if let label = level["label"] as? String, !labels.contains(label) { labels.append(label) }
            }
        }
        if labels.isEmpty { section.add(.verdict("The results hold no flat-field levels.", .warning)) }
        for label in labels {
            var rows: [[ReportCell]] = []
            for ccd in input.ccdNames {
                var row = [ReportCell(ccd)]
                for q in Self.quadrantNames {
                    let values = input.quadrants.first { $0.ccd == ccd && $0.quadrant == q }?.values
                    let level = (values?["levels"] as? [[String: Any]] ?? []).first { $0["label"] as? String == label }
                    let prnu = VISReportInput.number(level?["prnu_pc"]), fluence = VISReportInput.number(level?["fluence_adu"])
                    row.append(ReportCell(Self.format(prnu), detail: "fluence \(Self.format(fluence)) ADU"))
                }
                rows.append(row)
            }
            section.add(.table(ReportTable(caption: "Level \(label): PRNU [%] (and mean fluence)", header: ["CCD", "E", "F", "G", "H"], rows: rows)))
        }
        let folder = input.productFolder.appendingPathComponent(input.test)
        let masters = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("EUC_MASTERFLAT_") && $0.hasSuffix(".fits") }.sorted()
        if masters.isEmpty { section.add(.paragraph("No master flat (EUC_MASTERFLAT_<LABEL>_CCD<n>.fits) among the products.")) }
        for name in masters {
            let path = "\(input.test)/\(name)"
            let what = String(name.dropFirst("EUC_MASTERFLAT_".count).dropLast(".fits".count)).replacingOccurrences(of: "_", with: " ")
            let image = load(path, extname: nil)
            section.add(thumbnail(image, title: "master flat \(what)", unit: "relative response",
                                  caption: "Master flat \(what), normalised; colour scale 1st–99th percentile."))
            section.add(histogram(image, title: "master flat \(what) pixels", x: "pixel / median", relative: true, logCounts: false,
                                  caption: "Master flat \(what): pixel response relative to the median (its width is the PRNU)."))
        }
        return section
    }

    // MARK: PTC0X

    func ptcSection() -> ReportSection {
        var section = ReportSection("Photon transfer curve")
        var gainRows: [[ReportCell]] = []
        for row in input.quadrants {
            let v = row.values
            func n(_ key: String) -> String { Self.format(VISReportInput.number(v[key])) }
            // The results give the fit's quality bits as a list of names ([] when good).
            let names = (v["quality"] as? [Any])?.map { "\($0)" }
            let quality = names.map { $0.isEmpty ? "ok" : $0.joined(separator: ", ") } ?? v["quality"].map { "\($0)" } ?? "—"
            let ok = quality == "—" || quality == "0" || quality.lowercased() == "ok"
            gainRows.append([ReportCell(row.ccd), ReportCell(row.quadrant),
                             ReportCell("\(n("gain")) ± \(n("gain_err"))"), ReportCell(n("alpha")), ReportCell(n("intercept")),
                             ReportCell(n("bloom_adu")), ReportCell(n("her")), ReportCell(n("npoints")),
                             ReportCell(quality, status: ok ? .neutral : .fail)])
        }
        if gainRows.isEmpty { section.add(.verdict("The results hold no gains.", .warning)) }
        else {
            section.add(.table(ReportTable(caption: "Gain table", header: ["CCD", "quadrant", "gain [e-/ADU]", "alpha", "intercept [ADU²]",
                                                                            "bloom [ADU]", "HER", "points", "fit quality"], rows: gainRows)))
        }
        let pointsName = "\(input.test)/\(input.test)_points.fits"
        guard let table = try? ReportProductReader.table(input.url(pointsName), columns: ["CCD", "QUADRANT", "PAIR", "MEAN", "VARIANCE", "USED"]),
              let means = table.numbers["MEAN"], let variances = table.numbers["VARIANCE"] else {
            section.add(.paragraph("No PTC points table (\(pointsName)) among the products: curves not drawn."))
            return section
        }
        let ccds = Self.ccdColumn(table)
        let quadrants = table.strings["QUADRANT"] ?? []
        let pairs = table.numbers["PAIR"] ?? means.indices.map(Double.init)
        let used = table.numbers["USED"] ?? [Double](repeating: 1, count: means.count)
        var logCharts: [String: Chart] = [:]
        var figures: [ReportFigure] = []
        for row in input.quadrants {
            let indices = means.indices.filter { $0 < ccds.count && $0 < quadrants.count && ccds[$0] == row.ccd && quadrants[$0] == row.quadrant }
            guard !indices.isEmpty else { continue }
            // One point per pair: mean of its tiles; error bar the standard error of the tiles' variances.
            let byPair = Dictionary(grouping: indices) { pairs[$0] }
            var usedPoints: [ChartPoint] = [], rejected: [ChartPoint] = []
            for (_, tiles) in byPair.sorted(by: { $0.key < $1.key }) {
                let m = tiles.map { means[$0] }.reduce(0, +) / Double(tiles.count)
                let vs = tiles.map { variances[$0] }
                let v = vs.reduce(0, +) / Double(vs.count)
                let sd = (vs.map { ($0 - v) * ($0 - v) }.reduce(0, +) / Double(max(1, vs.count - 1))).squareRoot()
                let point = ChartPoint(m, v, error: vs.count > 1 ? sd / Double(vs.count).squareRoot() : nil)
                if tiles.filter({ used[$0] != 0 }).count * 2 >= tiles.count { usedPoints.append(point) } else { rejected.append(point) }
            }
            let fit = (row.values["fit"] as? [Any])?.map { VISReportInput.number($0) } ?? []
            func model(_ mu: Double) -> Double { fit.count == 3 ? fit[0] * mu * mu + fit[1] * mu + fit[2] : .nan }
            let all = usedPoints + rejected
            let lo = all.map(\.x).filter { $0 > 0 }.min() ?? 1, hi = all.map(\.x).max() ?? 10
            let curve = (0...80).map { i -> ChartPoint in
                let mu = lo * pow(hi / lo, Double(i) / 80)
                return ChartPoint(mu, model(mu))
            }
            let gain = Self.format(VISReportInput.number(row.values["gain"]))
            var main = Chart(title: "\(row.ccd) \(row.quadrant): gain \(gain) e-/ADU", x: ChartAxis("mean signal [ADU]"), y: ChartAxis("variance [ADU²]"))
            main.add(ChartSeries("pairs used", points: usedPoints))
            if !rejected.isEmpty { main.add(ChartSeries("pairs left out", points: rejected, openMarkers: true)) }
            if fit.count == 3 { main.add(ChartSeries("fit", points: curve, style: .line, colour: "#D55E00")) }
            var residual = Chart(x: ChartAxis("mean signal [ADU]"), y: ChartAxis("data − fit [%]"))
            residual.showLegend = false
            if fit.count == 3 {
                residual.add(ChartSeries("", points: usedPoints.map { p in
                    ChartPoint(p.x, 100 * (p.y - model(p.x)) / model(p.x), error: p.error.map { 100 * $0 / model(p.x) })
                }))
                residual.add(ChartSeries("", points: rejected.map { ChartPoint($0.x, 100 * ($0.y - model($0.x)) / model($0.x)) }, openMarkers: true))
                residual.referenceLines = [ChartReferenceLine(y: 0, label: "", colour: "#D55E00")]
            }
            figures.append(ReportFigure(svg: StackedChart(main: main, residual: residual).svg(),
                                        caption: "\(row.ccd) \(row.quadrant): PTC (variance of pair differences / 2 against mean), quadratic fit and residuals; error bars: standard error over tiles."))
            var log = logCharts[row.ccd] ?? Chart(title: "\(row.ccd): PTC, log axes", x: ChartAxis("mean signal [ADU]", scale: .log), y: ChartAxis("variance [ADU²]", scale: .log))
            let colour = ChartPalette.colour(Self.quadrantNames.firstIndex(of: row.quadrant) ?? 0)
            log.add(ChartSeries(row.quadrant, points: usedPoints, colour: colour))
            if fit.count == 3 { log.add(ChartSeries("", points: curve, style: .line, colour: colour)) }
            logCharts[row.ccd] = log
        }
        let logFigures = logCharts.keys.sorted().map { ReportFigure(svg: logCharts[$0]!.svg(), caption: "\($0): the four quadrants' PTCs with their fits, log axes (shot-noise slope 1, read-noise floor, bloom turn-over).") }
        section.add(.figures(logFigures + figures))
        return section
    }

    /// CCD names of a table's CCD column, numeric (1) or text ("CCD1").
    static func ccdColumn(_ table: (numbers: [String: [Double]], strings: [String: [String]])) -> [String] {
        if let numbers = table.numbers["CCD"] { return numbers.map { "CCD\(Int($0))" } }
        return (table.strings["CCD"] ?? []).map { $0.hasPrefix("CCD") ? $0 : "CCD\($0)" }
    }

    // MARK: NL02

    func nonLinearitySection() -> ReportSection {
        var section = ReportSection("Non-linearity")
        var rows: [[ReportCell]] = []
        for row in input.quadrants {
            let model = row.values["nl_model"].map { value -> String in
                if let list = value as? [Any] { return list.map { Self.format(VISReportInput.number($0)) }.joined(separator: ", ") }
                return "\(value)"
            } ?? "—"
            rows.append([ReportCell(row.ccd), ReportCell(row.quadrant), ReportCell(Self.format(VISReportInput.number(row.values["max_nl_pc"]))),
                         ReportCell(Self.format(VISReportInput.number(row.values["stability_pc"]))), ReportCell(model)])
        }
        if !rows.isEmpty {
            section.add(.table(ReportTable(caption: "Non-linearity per quadrant", header: ["CCD", "quadrant", "max NL [%]", "source stability [%]", "model coefficients"], rows: rows)))
        }
        let pointsName = "\(input.test)/\(input.test)_points.fits"
        guard let table = try? ReportProductReader.table(input.url(pointsName), columns: ["CCD", "QUADRANT", "FLUENCE", "NL_PC", "ROLE"]),
              let fluence = table.numbers["FLUENCE"], let nl = table.numbers["NL_PC"] else {
            section.add(.paragraph("No non-linearity points table (\(pointsName)) among the products: curves not drawn."))
            return section
        }
        let ccds = Self.ccdColumn(table)
        let quadrants = table.strings["QUADRANT"] ?? []
        let roles = table.strings["ROLE"] ?? table.numbers["ROLE"]?.map { String(Int($0)) } ?? []
        let roleNames = Array(Set(roles)).sorted()
        var figures: [ReportFigure] = []
        for ccd in Array(Set(ccds)).sorted() {
            var chart = Chart(title: "\(ccd): non-linearity", x: ChartAxis("fluence [ADU]"), y: ChartAxis("non-linearity [%]"))
            for (qi, q) in Self.quadrantNames.enumerated() {
                for (ri, role) in (roleNames.isEmpty ? [""] : roleNames).enumerated() {
                    let points = fluence.indices.filter { i in
                        i < ccds.count && i < quadrants.count && ccds[i] == ccd && quadrants[i] == q && (role.isEmpty || (i < roles.count && roles[i] == role))
                    }.sorted { fluence[$0] < fluence[$1] }.map { ChartPoint(fluence[$0], nl[$0]) }
                    guard !points.isEmpty else { continue }
                    chart.add(ChartSeries(role.isEmpty ? q : "\(q) \(role)", points: points, style: ri == 0 ? .lineAndMarkers : .markers,
                                          colour: ChartPalette.colour(qi), openMarkers: ri > 0))
                }
            }
            chart.referenceLines = [ChartReferenceLine(y: 0, label: "", colour: "#666")]
            figures.append(ReportFigure(svg: chart.svg(), caption: "\(ccd): departure from linearity against fluence per quadrant" + (roleNames.count > 1 ? "; open markers: \(roleNames.dropFirst().joined(separator: ", "))." : ".")))
        }
        section.add(.figures(figures))
        return section
    }
}
