import AstroKit
import Config_VIS
import Foundation
import Reports

extension VISReport {
    static let quadrantNames = ["E", "F", "G", "H"]

    // MARK: housekeeping

    func housekeepingSection() -> ReportSection {
        var section = ReportSection("Housekeeping")
        let rows = input.ledger.rows(CheckHousekeeping.table)
        guard !rows.isEmpty else {
            section.add(.verdict(input.flags["HK_OOL"] == nil ? "No housekeeping was checked." : "Housekeeping could not be checked (see Flags).", .warning))
            return section
        }
        let byKey = Dictionary(grouping: rows) { $0.keys["key"] ?? "" }
        let failedKeys = byKey.filter { $0.value.contains { $0.values["pass"] != 1 } }.keys.sorted()
        let exposures = Set(rows.compactMap { $0.keys["obsid"] }).count
        section.add(failedKeys.isEmpty
            ? .verdict("All \(byKey.count) housekeeping keys within their performance limits in all \(exposures) exposures.", .pass)
            : .verdict("\(failedKeys.count) of \(byKey.count) housekeeping keys out of limits: \(failedKeys.joined(separator: ", ")).", .fail))
        var table: [[ReportCell]] = []
        for key in failedKeys {
            let list = byKey[key]!
            let failures = list.filter { $0.values["pass"] != 1 }.count
            let means = list.compactMap { $0.values["mean"] }.filter(\.isFinite)
            let low = list.first?.values["low"], high = list.first?.values["high"]
            let limits = "\(low.map { Self.format($0) } ?? "−∞") … \(high.map { Self.format($0) } ?? "+∞")"
            let range = means.isEmpty ? "—" : "\(Self.format(means.min()!)) … \(Self.format(means.max()!))"
            table.append([ReportCell(key), ReportCell(range), ReportCell(limits), ReportCell("\(list.count)"),
                          failures == 0 ? .pass("pass") : .fail("fail (\(failures))")])
        }
        if !table.isEmpty {
            section.add(.table(ReportTable(caption: "Keys out of limits: exposure means, limits (performance set), exposures checked",
                                           header: ["key", "exposure means", "limits", "exposures", "status"], rows: table)))
        }
        let passed = byKey.keys.filter { !failedKeys.contains($0) }.sorted()
        if !passed.isEmpty {
            section.add(.paragraph("Within limits in every exposure (\(passed.count) keys): " + passed.joined(separator: ", ") + "."))
        }
        let figures = failedKeys.prefix(12).compactMap { housekeepingSeries(key: $0, rows: byKey[$0]!) }
        if !figures.isEmpty { section.add(.figures(figures)) }
        return section
    }

    /// The readings of a failed key over the exposures, against its limits.
    func housekeepingSeries(key: String, rows: [MeasurementLedger.Row]) -> ReportFigure? {
        var points: [ChartPoint] = []
        var origin: Date?
        for row in rows.sorted(by: { Int($0.keys["obsid"] ?? "") ?? 0 < Int($1.keys["obsid"] ?? "") ?? 0 }) {
            guard let path = row.keys["file"], let file = try? HousekeepingFile.read(URL(fileURLWithPath: path)),
                  let series = file.series(key) else { continue }
            let start = file.date ?? Date(timeIntervalSince1970: 0)
            if origin == nil { origin = start }
            let first = file.timestamps.first.flatMap(Self.secondsOfDay) ?? 0
            for (stamp, value) in zip(file.timestamps, series) {
                let t = start.timeIntervalSince(origin!) + ((Self.secondsOfDay(stamp) ?? first) - first)
                points.append(ChartPoint(t / 60, value))
            }
        }
        guard !points.isEmpty else { return nil }
        var chart = Chart(title: key, x: ChartAxis("time since the first exposure [min]"), y: ChartAxis("\(key) [HK units]"))
        chart.add(ChartSeries("readings", points: points, style: .markers))
        if let low = rows.first?.values["low"] { chart.referenceLines.append(ChartReferenceLine(y: low, label: "low limit")) }
        if let high = rows.first?.values["high"], high != rows.first?.values["low"] {
            chart.referenceLines.append(ChartReferenceLine(y: high, label: "high limit", colour: "#7a0000"))
        }
        return ReportFigure(svg: chart.svg(), caption: "\(key) over the test's exposures, with its performance limits (dashed).")
    }

    static func secondsOfDay(_ stamp: String) -> Double? {
        let parts = stamp.split(separator: ":").compactMap { Double($0) }
        guard parts.count == 3 else { return nil }
        return parts[0] * 3600 + parts[1] * 60 + parts[2]
    }

    // MARK: checks

    /// Offsets against time, noise, and fluence against exposure time, from the scan
    /// statistics of every frame (nil when the test measured none).
    func checksSection() -> ReportSection? {
        let scan = input.ledger.rows(ScanStatistics.table)
        guard !scan.isEmpty else { return nil }
        var section = ReportSection("Checks")
        section.add(.paragraph("Per frame and quadrant: prescan offset and noise against the time of the exposure, and the image signal above the prescan/overscan level against exposure time."))
        var dates: [String: Date] = [:]
        for frame in input.frames { if let d = frame.date { dates[frame.file] = d } }
        let origin = dates.values.min()
        func time(_ row: MeasurementLedger.Row) -> Double? {
            guard let origin, let file = row.keys["file"], let d = dates[file] else { return nil }
            return d.timeIntervalSince(origin) / 60
        }
        let useTime = origin != nil
        var figures: [ReportFigure] = []
        for ccd in Set(scan.compactMap { $0.keys["ccd"] }).sorted() {
            let rows = scan.filter { $0.keys["ccd"] == ccd }
            let timeAxis = ChartAxis(useTime ? "time since the first exposure [min]" : "ObsID")
            func x(_ row: MeasurementLedger.Row) -> Double? { useTime ? time(row) : Double(row.keys["obsid"] ?? "") }
            /// `relative`: each quadrant about its own mean (named in the legend), so drifts of
            /// a fraction of an ADU show beside offsets hundreds of ADU apart.
            func chart(_ column: String, title: String, y: String, relative: Bool = false) -> Chart {
                var c = Chart(title: "CCD\(ccd): \(title)", x: timeAxis, y: ChartAxis(y))
                for q in Self.quadrantNames {
                    let quadrant = rows.filter { $0.keys["quadrant"] == q }
                    let values = quadrant.compactMap { $0.values[column] }.filter(\.isFinite)
                    let mean = relative && !values.isEmpty ? values.reduce(0, +) / Double(values.count) : 0
                    let points = quadrant.compactMap { row -> ChartPoint? in
                        guard let v = row.values[column], let x = x(row) else { return nil }
                        return ChartPoint(x, v - mean, error: row.values[column + "_error"])
                    }
                    c.add(ChartSeries(relative ? "\(q) − \(Self.format(mean, digits: 1))" : q, points: points, style: .markers))
                }
                return c
            }
            figures.append(ReportFigure(svg: chart("offset_pre", title: "prescan offset", y: "offset − quadrant mean [ADU]", relative: true).svg(),
                                        caption: "CCD\(ccd) prescan offset (clipped mean, with its standard error) per frame, about each quadrant's mean (legend, ADU)."))
            figures.append(ReportFigure(svg: chart("std_pre", title: "prescan noise", y: "noise [ADU]").svg(),
                                        caption: "CCD\(ccd) prescan noise (std) per frame and quadrant."))
            // Against exposure time when the test varies it; otherwise against time (stability).
            let varied = Set(rows.compactMap { $0.values["exptime"] }).count > 1
            if varied {
                var fluence = Chart(title: "CCD\(ccd): fluence against exposure time", x: ChartAxis("exposure time [s]"), y: ChartAxis("image − scan level [ADU]"))
                for q in Self.quadrantNames {
                    let points = rows.filter { $0.keys["quadrant"] == q }.compactMap { row -> ChartPoint? in
                        guard let t = row.values["exptime"], let f = row.values["fluence_img"] else { return nil }
                        return ChartPoint(t, f, error: row.values["fluence_img_error"])
                    }
                    fluence.add(ChartSeries(q, points: points, style: .markers))
                }
                figures.append(ReportFigure(svg: fluence.svg(), caption: "CCD\(ccd) image signal above the mean of prescan and overscan, against exposure time."))
            } else {
                let exptime = rows.first?.values["exptime"].map { Self.format($0) } ?? "?"
                figures.append(ReportFigure(svg: chart("fluence_img", title: "fluence (\(exptime) s exposures)", y: "image − scan level [ADU]").svg(),
                                            caption: "CCD\(ccd) image signal above the mean of prescan and overscan per frame; every exposure is \(exptime) s."))
            }
        }
        section.add(.figures(figures))
        return section
    }

    // MARK: compliance

    /// One CCD × quadrant matrix per check; failures in red with their value and limits.
    func complianceSection() -> ReportSection {
        var section = ReportSection("Compliance")
        let checks = input.compliance
        guard !checks.isEmpty else {
            section.add(.paragraph("No compliance checks were recorded."))
            return section
        }
        var order: [String] = []
        for c in checks { if let name = c["check"] as? String, !order.contains(name) { order.append(name) } }
        var tables: [ReportTable] = []
        for name in order {
            let list = checks.filter { $0["check"] as? String == name }
            let ccds = Array(Set(list.compactMap { $0["ccd"] as? String })).sorted()
            var rows: [[ReportCell]] = []
            let sameLimits = Set(list.map { ($0["limits"] as? [Any] ?? []).map { "\(VISReportInput.number($0))" }.joined(separator: ",") }).count == 1
            for ccd in ccds {
                var row = [ReportCell(ccd)]
                for q in Self.quadrantNames {
                    guard let c = list.first(where: { $0["ccd"] as? String == ccd && $0["quadrant"] as? String == q }) else {
                        row.append(ReportCell("—")); continue
                    }
                    let value = VISReportInput.number(c["value"])
                    let limits = c["limits"] as? [Any] ?? []
                    let lo = VISReportInput.number(limits.first), hi = VISReportInput.number(limits.last)
                    let text = Self.format(value)
                    let range = "\(Self.format(lo)) … \(Self.format(hi))"
                    row.append((c["pass"] as? Bool ?? false)
                        ? .pass(text, detail: sameLimits ? nil : range)
                        : .fail(text, detail: "limits " + range))
                }
                rows.append(row)
            }
            let failed = list.filter { !($0["pass"] as? Bool ?? false) }.count
            let limits = (list.first?["limits"] as? [Any]).map { l in
                "limits \(Self.format(VISReportInput.number(l.first))) … \(Self.format(VISReportInput.number(l.last)))"
            } ?? ""
            guard !rows.isEmpty else { continue }
            tables.append(ReportTable(caption: "\(name): \(failed == 0 ? "all pass" : "\(failed) failed")\(sameLimits && !limits.isEmpty ? " (\(limits))" : "")",
                                      header: ["CCD", "E", "F", "G", "H"], rows: rows))
        }
        section.add(.tables(tables))
        return section
    }
}
