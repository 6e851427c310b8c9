import AstroKit
import Foundation

/// The short terminal summary `reduce` prints at the end of a VIS test: the test's headline
/// number per CCD and quadrant, the flags, the failed compliance checks and where the report
/// is. `{output}` stands for the output folder (the command fills it in).
///
/// ```text
/// BIAS01: 30 frames, ObsIDs 1000-1009, CCD1 CCD2 CCD3
/// ron_pre [ADU]        E        F        G        H
///   CCD1           1.231    1.187    1.279    1.204
/// compliance: 108 checks, all passed
/// flags: none
/// report: {output}/BIAS01/BIAS01_report.html
/// ```
public enum VISSummary {
    /// The number a test is judged by, per CCD and quadrant.
    struct KeyNumber {
        var label: String
        var value: (String, String) -> Double?
    }

    static func keyNumber(test: String, input: VISReportInput) -> KeyNumber? {
        func column(_ name: String, _ label: String) -> KeyNumber {
            KeyNumber(label: label) { ccd, q in
                input.quadrants.first { $0.ccd == ccd && $0.quadrant == q }.map { VISReportInput.number($0.values[name]) }
            }
        }
        if test.hasPrefix("BIAS") { return column("ron_pre", "prescan noise ron_pre [ADU]") }
        if test == "DARK01" { return column("dark_current", "dark current [e-/pix/s]") }
        if test == "COSMETICS00" { return column("n_merged", "defective pixels (merged mask)") }
        if test.hasPrefix("PTC") || test.hasPrefix("FLATFLUX") { return column("gain", "gain [e-/ADU]") }
        if test.hasPrefix("NL") { return column("max_nl_pc", "maximum non-linearity [%]") }
        if test.hasPrefix("FLAT") {
            return KeyNumber(label: "PRNU [%] (first level)") { ccd, q in
                let levels = input.quadrants.first { $0.ccd == ccd && $0.quadrant == q }?.values["levels"] as? [[String: Any]]
                return levels?.first.map { VISReportInput.number($0["prnu_pc"]) }
            }
        }
        return nil
    }

    public static func lines(_ input: VISReportInput, report: String) -> [String] {
        var lines: [String] = []
        let obsids = input.frames.map(\.obsid)
        var head = "\(input.test): \(input.frames.count) frames"
        if let lo = obsids.min(), let hi = obsids.max() { head += ", ObsIDs \(lo)-\(hi)" }
        head += ", " + input.ccdNames.joined(separator: " ")
        lines.append(head)
        if let key = keyNumber(test: input.test, input: input) {
            lines.append(key.label.padding(toLength: max(key.label.count, 14), withPad: " ", startingAt: 0)
                         + ["E", "F", "G", "H"].map { $0.leftPad(10) }.joined())
            for ccd in input.ccdNames {
                let cells = ["E", "F", "G", "H"].map { q in (key.value(ccd, q).map { VISReport.format($0) } ?? "—").leftPad(10) }
                lines.append("  \(ccd)".padding(toLength: max(key.label.count, 14), withPad: " ", startingAt: 0) + cells.joined())
            }
        }
        let checks = input.compliance
        let failed = checks.filter { !($0["pass"] as? Bool ?? false) }
        if failed.isEmpty { lines.append("compliance: \(checks.count) checks, all passed") }
        else {
            lines.append("compliance: \(checks.count) checks, \(failed.count) FAILED:")
            for c in failed.prefix(10) {
                let limits = c["limits"] as? [Any] ?? []
                lines.append("  \(c["ccd"] ?? "") \(c["quadrant"] ?? "") \(c["check"] ?? "") = \(VISReport.format(VISReportInput.number(c["value"])))"
                             + " (limits \(VISReport.format(VISReportInput.number(limits.first))) ... \(VISReport.format(VISReportInput.number(limits.last))))")
            }
            if failed.count > 10 { lines.append("  ... \(failed.count - 10) more in the report") }
        }
        let flags = input.flags.keys.sorted()
        lines.append("flags: " + (flags.isEmpty ? "none" : flags.map { "\($0) (\(VISFlags.explanation($0)))" }.joined(separator: "; ")))
        lines.append("results: {output}/\(input.test)/\(input.test)_results.json")
        lines.append("report: {output}/\(report)")
        return lines
    }
}

extension String {
    func leftPad(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}
