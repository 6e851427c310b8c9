import AstroKit
import Config_VIS
import Foundation

/// A JSON value of the results that is not a single number: a list or an object.
public enum ResultValue: Sendable, Equatable {
    case number(Double)
    case text(String)
    case list([ResultValue])
    case object([String: ResultValue])

    /// For JSONSerialization (non-finite numbers as null).
    public var json: Any {
        switch self {
        case .number(let v): return JSONNumber.of(v)
        case .text(let t): return t
        case .list(let l): return l.map(\.json)
        case .object(let o): return o.mapValues(\.json)
        }
    }
}

/// The per-quadrant results of the flat-field and non-linearity tests, from the ledger:
/// * FLAT0X (`makeFlatField`): `levels`: [{"label", "fluence_adu", "prnu_pc", "prnu_vison_pc",
///   "nframes"}] in level order; the CSV and FITS tables carry them as `fluence_adu_<label>`,
///   `prnu_pc_<label>` columns;
/// * NL02 (`measureNonLinearity`): `max_nl_pc`, `flu_max_nl_adu`, `stability_pc`, `npoints`,
///   `nl_model` ([A, x0, s, c0, c1, c2, c3, c4]: NL % = A·exp(−(x − x0)/s) + Σ c_k x^k,
///   x = ADU/65536; ``NonLinearityModel``) and `nl_fit_range_adu` ([lowest fluence fitted, 55536]).
enum FlatNonLinearityResults {
    static func isFlat(_ test: String) -> Bool { test == "FLAT01" || test == "FLAT_STB" || test.hasPrefix("FLAT02") }
    static func isNonLinearity(_ test: String) -> Bool { test.hasPrefix("NL02") }

    static func flat(frames: [VISFrame], ledger: MeasurementLedger) -> QuadrantResults {
        let rows = ledger.rows(MakeFlatField.table)
        let labels = Set(rows.compactMap { $0.keys["level"] }).sorted()
        let columns = labels.flatMap { ["fluence_adu_\($0)", "prnu_pc_\($0)"] }
        var result = QuadrantResults(columns: columns, rows: [])
        result.jsonColumns = []
        for ccd in Set(frames.map(\.ccd)).sorted() {
            for q in Quadrant.allCases {
                var values: [String: Double] = [:], levels: [ResultValue] = []
                for label in labels {
                    guard let row = ledger.rows(MakeFlatField.table, where: ["ccd": "CCD\(ccd)", "quadrant": q.rawValue, "level": label]).first
                    else { continue }
                    let v = row.values
                    values["fluence_adu_\(label)"] = v["fluence_adu"]
                    values["prnu_pc_\(label)"] = v["prnu_pc"]
                    var level: [String: ResultValue] = ["label": .text(label)]
                    for key in ["fluence_adu", "prnu_pc", "prnu_vison_pc", "nframes"] { level[key] = .number(v[key] ?? .nan) }
                    levels.append(.object(level))
                }
                result.rows.append(("CCD\(ccd)", q.rawValue, values))
                result.structured["CCD\(ccd)/\(q.rawValue)"] = ["levels": .list(levels)]
            }
        }
        return result
    }

    static func nonLinearity(frames: [VISFrame], ledger: MeasurementLedger) -> QuadrantResults {
        let columns = ["max_nl_pc", "flu_max_nl_adu", "stability_pc", "npoints"]
        var result = QuadrantResults(columns: columns, rows: [])
        for ccd in Set(frames.map(\.ccd)).sorted() {
            for q in Quadrant.allCases {
                let v = ledger.rows(MeasureNonLinearity.table, where: ["ccd": "CCD\(ccd)", "quadrant": q.rawValue]).first?.values ?? [:]
                var values: [String: Double] = [:]
                for c in columns { values[c] = v[c] ?? .nan }
                result.rows.append(("CCD\(ccd)", q.rawValue, values))
                let coefficients = (0..<NonLinearityModel.initial.count).map { ResultValue.number(v["p\($0)"] ?? .nan) }
                result.structured["CCD\(ccd)/\(q.rawValue)"] = [
                    "nl_model": .list(coefficients),
                    "nl_fit_range_adu": .list([.number(v["lowest_fluence_adu"] ?? .nan), .number(NonLinearityModel.fitRange.upperBound)]),
                ]
            }
        }
        return result
    }
}
