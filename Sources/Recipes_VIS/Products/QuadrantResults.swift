import AstroKit
import Config_VIS
import Foundation

/// The per-CCD, per-quadrant values a test reports, from the ledger:
/// * BIAS0X: `offset_pre`, `offset_img`, `offset_ove`, `ron_pre`, `ron_ove`, `ron_img` (ADU),
///   each the median over frames (vison's CDP convention);
/// * DARK01: `dark_signal_adu` (median over frames of image − mean(prescan, overscan) over the
///   exposure), `dark_current` (e-/pixel/s with `gain`), its `dark_current_error`, `n_hot`;
/// * COSMETICS00: `n_dark_defects`, `n_flat_defects`, `n_merged`, `ncols_dark`, `ncols_flat`,
///   `pixlost_pc` (of the merged mask: [quirk] vison overwrites it per mask, so it is the
///   merged value there too, but by accident);
/// * PTC0X: ``PhotonTransferResults``; FLAT0X, NL02: ``FlatNonLinearityResults``.
public struct QuadrantResults: Sendable {
    public var columns: [String]
    /// (CCD name, quadrant, values by column).
    public var rows: [(ccd: String, quadrant: String, values: [String: Double])]
    /// Values of the JSON that are not single numbers (FLAT0X `levels`, NL02 `nl_model`), by
    /// "CCD1/E"; and the numeric columns the JSON shows, when not all (nil: all).
    public var structured: [String: [String: ResultValue]] = [:]
    public var jsonColumns: [String]? = nil

    static func median(_ values: [Double]) -> Double {
        let v = values.filter(\.isFinite).sorted()
        guard !v.isEmpty else { return .nan }
        return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }

    public static func build(test: String, frames: [VISFrame], ledger: MeasurementLedger) throws -> QuadrantResults {
        if FlatNonLinearityResults.isFlat(test) { return FlatNonLinearityResults.flat(frames: frames, ledger: ledger) }
        if FlatNonLinearityResults.isNonLinearity(test) { return FlatNonLinearityResults.nonLinearity(frames: frames, ledger: ledger) }
        if PhotonTransferResults.isPhotonTransfer(test) { return PhotonTransferResults.results(frames: frames, ledger: ledger) }
        let columns: [String]
        switch test {
        case "DARK01": columns = ["dark_signal_adu", "dark_current", "dark_current_error", "gain", "exptime", "n_hot"]
        case "COSMETICS00": columns = ["n_dark_defects", "n_flat_defects", "n_merged", "ncols_dark", "ncols_flat", "pixlost_pc"]
        default: columns = ["offset_pre", "offset_img", "offset_ove", "ron_pre", "ron_ove", "ron_img"]
        }
        var rows: [(String, String, [String: Double])] = []
        for ccd in Set(frames.map(\.ccd)).sorted() {
            let ccdFrames = frames.filter { $0.ccd == ccd }
            for q in Quadrant.allCases {
                let filter = ["ccd": String(ccd), "quadrant": q.rawValue]
                func scan(_ column: String) -> [Double] { ledger.values(ScanStatistics.table, column: column, where: filter) }
                func defects(_ mask: String, _ column: String) -> Double {
                    ledger.values(FindDefects.table, column: column, where: ["ccd": "CCD\(ccd)", "quadrant": q.rawValue, "mask": mask]).first ?? .nan
                }
                var values: [String: Double] = [:]
                switch test {
                case "DARK01":
                    let signals = scan("fluence_img")
                    let exptime = median(scan("exptime"))
                    let gain = ccdFrames.compactMap { $0.gains[q] }.first ?? .nan
                    let signal = median(signals)
                    // Statistical error of the median over frames: sqrt(pi/2) x the error of
                    // the mean, the latter from each frame's own clipped-mean error.
                    let perFrame = scan("fluence_img_error")
                    let meanError = (perFrame.map { $0 * $0 }.reduce(0, +)).squareRoot() / Double(max(1, perFrame.count))
                    let error = perFrame.count > 2 ? (Double.pi / 2).squareRoot() * meanError : meanError
                    values = ["dark_signal_adu": signal, "gain": gain, "exptime": exptime,
                              "dark_current": exptime > 0 ? signal * gain / exptime : .nan,
                              "dark_current_error": exptime > 0 ? error * gain / exptime : .nan,
                              "n_hot": defects("DARK", "n")]
                case "COSMETICS00":
                    values = ["n_dark_defects": defects("DARK", "n"), "n_flat_defects": defects("FLAT", "n"),
                              "n_merged": defects("MERGED", "n"), "ncols_dark": defects("DARK", "ncols"),
                              "ncols_flat": defects("FLAT", "ncols"), "pixlost_pc": defects("MERGED", "pixlost_pc")]
                default:
                    for column in columns { values[column] = median(scan(column)) }
                }
                rows.append(("CCD\(ccd)", q.rawValue, values))
            }
        }
        return QuadrantResults(columns: columns, rows: rows)
    }

    /// {"CCD1": {"E": {...}, ...}, ...}; non-finite values as null.
    public var json: [String: Any] {
        var out: [String: [String: Any]] = [:]
        for row in rows {
            var values: [String: Any] = [:]
            for column in jsonColumns ?? columns { values[column] = JSONNumber.of(row.values[column]) }
            for (key, value) in structured["\(row.ccd)/\(row.quadrant)"] ?? [:] { values[key] = value.json }
            out[row.ccd, default: [:]][row.quadrant] = values
        }
        return out
    }

    public var csv: String {
        var lines = [(["ccd", "quadrant"] + columns).joined(separator: ",")]
        for row in rows {
            lines.append(([row.ccd, row.quadrant] + columns.map { c in row.values[c].map { $0.isFinite ? String($0) : "" } ?? "" })
                .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var fitsColumns: [TableColumn] {
        [TableColumn(name: "CCD", .strings(rows.map(\.ccd), width: 4)),
         TableColumn(name: "QUADRANT", .strings(rows.map(\.quadrant), width: 1))]
            + columns.map { c in TableColumn(name: c.uppercased(), .doubles(rows.map { $0.values[c] ?? .nan })) }
    }
}
