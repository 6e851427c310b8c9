import AstroKit
import Config_VIS
import Foundation

/// The per-quadrant results of the photon-transfer tests (PTC01, PTC02_*, FLATFLUX00_*), from
/// the ledger of `fitPhotonTransferCurve` and `measureHardEdgeResponse`: `gain`, `gain_err`
/// (e-/ADU), `alpha`, `intercept` (ADU²), `bloom_adu`, `her`, `npoints`; `quality` (names of the
/// fit's quality bits, [] when good) and `fit` ([p2, p1, p0]: var = p2·μ² + p1·μ + p0, μ in ADU).
/// The CSV and FITS tables carry the fit as `fit_p2`, `fit_p1`, `fit_p0` columns.
enum PhotonTransferResults {
    static func isPhotonTransfer(_ test: String) -> Bool { test.hasPrefix("PTC0") || test.hasPrefix("FLATFLUX00") }

    static let reported = ["gain", "gain_err", "alpha", "intercept", "bloom_adu", "her", "npoints"]

    static func results(frames: [VISFrame], ledger: MeasurementLedger) -> QuadrantResults {
        var result = QuadrantResults(columns: reported + ["fit_p2", "fit_p1", "fit_p0"], rows: [])
        result.jsonColumns = reported
        for ccd in Set(frames.map(\.ccd)).sorted() {
            for q in Quadrant.allCases {
                let key = ["ccd": String(ccd), "quadrant": q.rawValue]
                let fit = ledger.rows(FitPhotonTransferCurve.table, where: key).first?.values ?? [:]
                var values: [String: Double] = [:]
                for name in ["gain", "gain_err", "alpha", "intercept", "bloom_adu", "fit_p2", "fit_p1", "fit_p0"] {
                    values[name] = fit[name] ?? .nan
                }
                values["her"] = ledger.values(MeasureHardEdgeResponse.table, column: "her", where: key).first ?? .nan
                values["npoints"] = fit["npoints"] ?? 0
                let quality = fit["quality"].map { PTCQuality(rawValue: Int($0)).names } ?? ["NOT_FITTED"]
                result.rows.append(("CCD\(ccd)", q.rawValue, values))
                result.structured["CCD\(ccd)/\(q.rawValue)"] = [
                    "quality": .list(quality.map(ResultValue.text)),
                    "fit": .list(["fit_p2", "fit_p1", "fit_p0"].map { .number(values[$0]!) }),
                ]
            }
        }
        return result
    }
}
