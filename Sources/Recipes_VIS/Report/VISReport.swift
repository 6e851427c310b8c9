import AstroKit
import Foundation
import Reports

/// The HTML report of one VIS test (vison's LaTeX report, VIS.md 5.7, made quick to read):
/// summary, what was run, ingestion, housekeeping, checks, compliance, the test's own results
/// and figures, flags and products. Each section is built from ``VISReportInput`` only.
///
/// ```swift
/// let document = VISReport(input).document()
/// try context.writeProduct(text: document.render(), name: "BIAS01/BIAS01_report.html", summary: "report")
/// ```
public struct VISReport {
    public let input: VISReportInput

    public init(_ input: VISReportInput) { self.input = input }

    public func document() -> HTMLDocument {
        var doc = HTMLDocument(title: "\(input.test) test report", subtitle: subtitle)
        doc.add(summarySection())
        doc.add(runSection())
        doc.add(ingestionSection())
        doc.add(housekeepingSection())
        if let checks = checksSection() { doc.add(checks) }
        doc.add(complianceSection())
        doc.add(resultsSection())
        doc.add(flagsSection())
        doc.add(productsSection())
        return doc
    }

    var subtitle: String {
        var parts = [input.software]
        if let range = obsidRange { parts.append("ObsIDs \(range)") }
        parts.append("\(input.frames.count) frames")
        if let first = input.steps.first?.started { parts.append("reduced \(Self.timestamp(first)) UTC") }
        return parts.joined(separator: " · ")
    }

    var obsidRange: String? {
        let ids = input.frames.map(\.obsid)
        guard let lo = ids.min(), let hi = ids.max() else {
            let listed = (input.results["inputs"] as? [String: Any])?["obsids"] as? [Int] ?? []
            guard let lo = listed.min(), let hi = listed.max() else { return nil }
            return lo == hi ? "\(lo)" : "\(lo)–\(hi)"
        }
        return lo == hi ? "\(lo)" : "\(lo)–\(hi)"
    }

    // MARK: summary

    func summarySection() -> ReportSection {
        var section = ReportSection("Summary")
        let checks = input.compliance
        let failed = checks.filter { !($0["pass"] as? Bool ?? false) }
        if checks.isEmpty {
            section.add(.verdict("No compliance checks were recorded for this test.", .warning))
        } else if failed.isEmpty {
            section.add(.verdict("All \(checks.count) compliance checks passed.", .pass))
        } else {
            section.add(.verdict("\(failed.count) of \(checks.count) compliance checks failed (see Compliance).", .fail))
        }
        let flags = input.flags.keys.sorted()
        section.add(flags.isEmpty ? .verdict("No flags raised.", .pass)
                                  : .verdict("Flags raised: \(flags.joined(separator: ", ")).", .warning))
        if let table = keyNumbersTable() { section.add(.table(table)) }
        return section
    }

    /// The test's headline numbers, CCDs by quadrants.
    func keyNumbersTable() -> ReportTable? {
        guard let key = VISSummary.keyNumber(test: input.test, input: input) else { return nil }
        var rows: [[ReportCell]] = []
        for ccd in input.ccdNames {
            var row = [ReportCell(ccd)]
            for q in ["E", "F", "G", "H"] { row.append(ReportCell(key.value(ccd, q).map { Self.format($0) } ?? "—")) }
            rows.append(row)
        }
        return ReportTable(caption: key.label, header: ["CCD", "E", "F", "G", "H"], rows: rows)
    }

    // MARK: what was run

    func runSection() -> ReportSection {
        var section = ReportSection("What was run")
        var pairs: [(String, String)] = [("Test", input.test), ("Software", input.software)]
        if let recipe = input.steps.first?.location?.split(separator: ":").first { pairs.append(("Recipe", String(recipe))) }
        if let range = obsidRange { pairs.append(("ObsID range", range)) }
        let ccds = Set(input.frames.map(\.ccd)).sorted()
        if !ccds.isEmpty { pairs.append(("CCDs", ccds.map { "CCD\($0)" }.joined(separator: ", "))) }
        let exptimes = Set(input.frames.map(\.exposureTime)).sorted()
        if !exptimes.isEmpty { pairs.append(("Exposure times", exptimes.map { Self.format($0) + " s" }.joined(separator: ", "))) }
        pairs.append(("Input frames", "\(input.frames.count) used" + (input.excludedFiles.isEmpty ? "" : ", \(input.excludedFiles.count) set aside")))
        if !input.exposureLogs.isEmpty { pairs.append(("Exposure logs", input.exposureLogs.joined(separator: ", "))) }
        let dates = input.frames.compactMap(\.date)
        if let first = dates.min(), let last = dates.max() {
            pairs.append(("Acquired", "\(Self.timestamp(first)) to \(Self.timestamp(last)) UTC"))
        }
        if let start = input.steps.first?.started, let end = input.steps.last.map({ $0.started.addingTimeInterval($0.seconds) }) {
            pairs.append(("Reduced", "\(Self.timestamp(start)) UTC, \(Self.format(end.timeIntervalSince(start), digits: 1)) s"))
        }
        if let estimators = input.results["estimators"] as? [String: Any] {
            for (name, text) in estimators.sorted(by: { $0.key < $1.key }) { pairs.append(("Estimator: \(name)", "\(text)")) }
        }
        section.add(.keyValues(pairs))
        if !input.steps.isEmpty {
            let rows = input.steps.map { step in
                [step.number, step.primitive, step.location ?? "", step.parameters.isEmpty ? "—" : step.parameters,
                 Self.format(step.seconds, digits: 2)]
            }
            section.add(.table(ReportTable(caption: "Recipe steps as run", header: ["#", "step", "recipe line", "parameters", "time [s]"], text: rows)))
        }
        // Which processed calibrations the frames were corrected with, and where each came from.
        if let calibrations = input.results["calibrations"] as? [String: [String: String]], !calibrations.isEmpty {
            var rows: [[ReportCell]] = []
            for (kind, byCCD) in calibrations.sorted(by: { $0.key < $1.key }) {
                for (ccd, source) in byCCD.sorted(by: { $0.key < $1.key }) {
                    let status: CellStatus = source.hasPrefix("none") || source.contains("does not match") ? .warning : .neutral
                    rows.append([ReportCell(kind), ReportCell(ccd), ReportCell(source, status: status)])
                }
            }
            section.add(.table(ReportTable(caption: "Calibrations applied (calibration database or user files)",
                                           header: ["calibration", "CCD", "file and source"], rows: rows)))
        }
        if !input.frames.isEmpty {
            let shown = input.frames.sorted { ($0.obsid, $0.ccd) < ($1.obsid, $1.ccd) }
            var rows = shown.prefix(60).map { f in
                [f.file, String(f.obsid), "CCD\(f.ccd)", Self.format(f.exposureTime), f.date.map(Self.timestamp) ?? "—"]
            }
            if shown.count > 60 { rows.append(["… \(shown.count - 60) more", "", "", "", ""]) }
            section.add(.table(ReportTable(caption: "Input frames (exposure log)", header: ["file", "ObsID", "CCD", "exposure [s]", "date (UTC)"], text: rows)))
        }
        return section
    }

    // MARK: ingestion

    func ingestionSection() -> ReportSection {
        var section = ReportSection("Data ingestion")
        let structure = input.results["structure"] as? [String: Any] ?? [:]
        let consistent = structure["consistent"] as? Bool ?? false
        section.add(.verdict("Acquisition consistent with the test's structure: \(consistent ? "yes" : "no")", consistent ? .pass : .fail))
        if let messages = structure["messages"] as? [String], !messages.isEmpty { section.add(.bullets(messages)) }
        if !input.excludedFiles.isEmpty {
            let rows = input.excludedFiles.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
            section.add(.table(ReportTable(caption: "Frames set aside", header: ["file", "reason"], text: rows)))
        }
        return section
    }

    // MARK: flags and products

    func flagsSection() -> ReportSection {
        var section = ReportSection("Flags")
        let flags = input.flags
        guard !flags.isEmpty else {
            section.add(.verdict("No flags raised.", .pass))
            return section
        }
        let rows = flags.sorted { $0.key < $1.key }.map { flag, detail -> [ReportCell] in
            let clipped = detail.count > 400 ? String(detail.prefix(400)) + " …" : detail
            return [ReportCell(flag, status: .fail), ReportCell(VISFlags.explanation(flag)), ReportCell(clipped)]
        }
        section.add(.table(ReportTable(header: ["flag", "meaning", "details"], rows: rows)))
        return section
    }

    func productsSection() -> ReportSection {
        var section = ReportSection("Products")
        let rows = input.products.map { [$0["kind"] ?? "", $0["ccd"] ?? "", $0["path"] ?? ""] }
        if rows.isEmpty { section.add(.paragraph("The results list no products.")) }
        else { section.add(.table(ReportTable(header: ["kind", "CCD", "path (in the output folder)"], text: rows))) }
        return section
    }

    // MARK: formatting

    /// A value with `digits` decimals (fewer leading to none for large values), "—" for NaN.
    static func format(_ v: Double, digits: Int? = nil) -> String {
        guard v.isFinite else { return "—" }
        if let digits { return String(format: "%.\(digits)f", v) }
        let magnitude = abs(v)
        if magnitude == 0 { return "0" }
        if magnitude >= 1e5 || magnitude < 1e-3 { return String(format: "%.3e", v) }
        if v == v.rounded(), magnitude < 1e5 { return String(Int(v)) }
        let decimals = max(0, 3 - Int(log10(magnitude).rounded(.down)))
        return String(format: "%.\(min(decimals, 5))f", v)
    }

    static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.string(from: date)
    }
}

/// One line per vison flag (VIS.md 5.5), for the report's flag table.
public enum VISFlags {
    static let explanations: [String: String] = [
        "MISSDATA": "Frames the test expects are missing, or the test ended early.",
        "POORQUALDATA": "Some values are outside the performance limits (offsets, gradients).",
        "BADDATA": "Frames could not be used (unreadable, or no exposure-log row); they were set aside.",
        "WRONGTEST": "Frames of another test were given; they were set aside.",
        "WRONG_ROE_CONF": "The ROE configuration differs from the one the test expects.",
        "SOURCEON": "A light source was on when it should have been off.",
        "SOURCEOFF": "A light source was off when it should have been on.",
        "WRONGSOURCE": "The light source is not the one the test expects.",
        "HK_OOL": "Housekeeping values out of their limits (or missing) during some exposures.",
        "CCDTEMP_OOL": "CCD temperature out of its limits.",
        "UNDERPERFORM": "The detector underperforms its requirements.",
        "REQNOTMET": "A requirement is not met.",
        "BADDATAPROD": "A data product could not be made properly.",
        "DEADCCD": "A CCD gives no signal.",
        "DEADQUAD": "A quadrant gives no signal.",
        "RON_OOL": "Read noise out of its limits in some quadrants.",
        "FLUENCE_OOL": "Signal (fluence) out of its expected range.",
        "FLUENCEGRAD_OOL": "Signal gradient across the image out of its limits.",
        "FOCUS_OOL": "Focus out of its limits.",
        "BGD_OOL": "Background out of its limits.",
        "CCDSATUR": "Saturated CCD.",
        "FLUX_OOL": "Source flux out of its expected range.",
        "STARS_MISSING": "Expected point sources were not found.",
        "SUBTASKCRASH": "A part of the analysis failed.",
        "BADFIT": "A fit did not converge or is of poor quality.",
        "SATURATION": "Saturated pixels above the allowed fraction.",
        "LOSTPIXELS": "Pixels at 0 ADU (lost) in some frames.",
        "NONSATURATION": "Frames that should saturate do not.",
    ]

    public static func explanation(_ flag: String) -> String { explanations[flag] ?? "Raised by a step of the test." }
}
