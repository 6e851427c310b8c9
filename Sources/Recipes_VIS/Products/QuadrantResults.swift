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
///   merged value there too, but by accident).
/// * PTC0X: `gain`, `gain_err` (e-/ADU), `alpha`, `intercept` (ADU²), `bloom_adu`, `her`,
///   `npoints`, and as details `quality` (names of the fit's quality bits, [] when good) and
///   `fit` ([p2, p1, p0]: var = p2·μ² + p1·μ + p0, μ in ADU).
public struct QuadrantResults: Sendable {
    /// A value that is not one number: a list of names or of numbers.
    public enum Detail: Sendable {
        case names([String])
        case numbers([Double])
    }

    public var columns: [String]
    /// (CCD name, quadrant, values by column).
    public var rows: [(ccd: String, quadrant: String, values: [String: Double])]
    /// Names of the detail entries every row has, and the entries by "CCD1/E".
    public var detailColumns: [String] = []
    public var details: [String: [String: Detail]] = [:]

    static func median(_ values: [Double]) -> Double {
        let v = values.filter(\.isFinite).sorted()
        guard !v.isEmpty else { return .nan }
        return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }

    public static func build(test: String, frames: [VISFrame], ledger: MeasurementLedger) throws -> QuadrantResults {
        let columns: [String]
        switch test {
        case "DARK01": columns = ["dark_signal_adu", "dark_current", "dark_current_error", "gain", "exptime", "n_hot"]
        case "COSMETICS00": columns = ["n_dark_defects", "n_flat_defects", "n_merged", "ncols_dark", "ncols_flat", "pixlost_pc"]
        case _ where isPhotonTransfer(test): columns = ["gain", "gain_err", "alpha", "intercept", "bloom_adu", "her", "npoints"]
        default: columns = ["offset_pre", "offset_img", "offset_ove", "ron_pre", "ron_ove", "ron_img"]
        }
        var rows: [(String, String, [String: Double])] = []
        var details: [String: [String: Detail]] = [:]
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
                case _ where isPhotonTransfer(test):
                    let key = ["ccd": String(ccd), "quadrant": q.rawValue]
                    let fit = ledger.rows(FitPhotonTransferCurve.table, where: key).first?.values ?? [:]
                    values = ["gain": fit["gain"] ?? .nan, "gain_err": fit["gain_err"] ?? .nan, "alpha": fit["alpha"] ?? .nan,
                              "intercept": fit["intercept"] ?? .nan, "bloom_adu": fit["bloom_adu"] ?? .nan,
                              "her": ledger.values(MeasureHardEdgeResponse.table, column: "her", where: key).first ?? .nan,
                              "npoints": fit["npoints"] ?? 0]
                    let quality = fit["quality"].map { PTCQuality(rawValue: Int($0)).names } ?? ["NOT_FITTED"]
                    details["CCD\(ccd)/\(q.rawValue)"] = ["quality": .names(quality),
                                                          "fit": .numbers([fit["fit_p2"] ?? .nan, fit["fit_p1"] ?? .nan, fit["fit_p0"] ?? .nan])]
                default:
                    for column in columns { values[column] = median(scan(column)) }
                }
                rows.append(("CCD\(ccd)", q.rawValue, values))
            }
        }
        var table = QuadrantResults(columns: columns, rows: rows)
        if isPhotonTransfer(test) { table.detailColumns = ["quality", "fit"] }
        table.details = details
        return table
    }

    /// PTC01, PTC02_* and FLATFLUX00_* (vison's PTC0X).
    static func isPhotonTransfer(_ test: String) -> Bool {
        test.hasPrefix("PTC0") || test.hasPrefix("FLATFLUX00")
    }

    func detail(_ row: (ccd: String, quadrant: String, values: [String: Double]), _ name: String) -> Detail? {
        details["\(row.ccd)/\(row.quadrant)"]?[name]
    }

    /// {"CCD1": {"E": {...}, ...}, ...}; non-finite values as null.
    public var json: [String: Any] {
        var out: [String: [String: Any]] = [:]
        for row in rows {
            var values: [String: Any] = [:]
            for column in columns { values[column] = JSONNumber.of(row.values[column]) }
            for name in detailColumns {
                switch detail(row, name) {
                case .names(let v)?: values[name] = v
                case .numbers(let v)?: values[name] = v.map { JSONNumber.of($0) }
                case nil: values[name] = NSNull()
                }
            }
            out[row.ccd, default: [:]][row.quadrant] = values
        }
        return out
    }

    public var csv: String {
        var lines = [(["ccd", "quadrant"] + columns + detailColumns).joined(separator: ",")]
        for row in rows {
            // Lists are space-separated within their cell.
            let extra = detailColumns.map { name -> String in
                switch detail(row, name) {
                case .names(let v)?: return v.joined(separator: " ")
                case .numbers(let v)?: return v.map { $0.isFinite ? String($0) : "nan" }.joined(separator: " ")
                case nil: return ""
                }
            }
            lines.append(([row.ccd, row.quadrant] + columns.map { c in row.values[c].map { $0.isFinite ? String($0) : "" } ?? "" } + extra)
                .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var fitsColumns: [TableColumn] {
        [TableColumn(name: "CCD", .strings(rows.map(\.ccd), width: 4)),
         TableColumn(name: "QUADRANT", .strings(rows.map(\.quadrant), width: 1))]
            + columns.map { c in TableColumn(name: c.uppercased(), .doubles(rows.map { $0.values[c] ?? .nan })) }
            + detailColumns.flatMap { name -> [TableColumn] in
                let values = rows.map { detail($0, name) }
                if values.contains(where: { if case .numbers = $0 { return true }; return false }) {
                    let n = values.map { if case .numbers(let v)? = $0 { return v.count }; return 0 }.max() ?? 0
                    return (0..<n).map { k in
                        TableColumn(name: "\(name.uppercased())_\(k)", .doubles(values.map {
                            if case .numbers(let v)? = $0, k < v.count { return v[k] }; return .nan
                        }))
                    }
                }
                let texts = values.map { if case .names(let v)? = $0 { return v.joined(separator: " ") }; return "" }
                return [TableColumn(name: name.uppercased(), .strings(texts, width: max(1, texts.map(\.count).max() ?? 1)))]
            }
    }
}
