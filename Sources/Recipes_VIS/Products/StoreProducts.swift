import AstroKit
import Config_VIS
import Foundation

/// Writes the test's results to `<output>/<TEST>/`: `<TEST>_results.json` (the schema of the
/// VIS tests: test, inputs, structure, flags, ccds, compliance, products, plus the estimators
/// used), and the per-CCD, per-quadrant table as CSV and as a FITS binary table.
public struct StoreProducts: Primitive {
    public let name = "storeProducts"
    public let summary = "Write the results JSON and the per-CCD per-quadrant tables (CSV, FITS)"
    public let parameters: [ParameterDeclaration] = []
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let state = try VISRunState.load(context)
        let test = try state.requireTest()
        let frames = try context.stream().map { try VISFrame($0) }
        let table = try QuadrantResults.build(test: test, frames: frames, ledger: context.ledger)
        var products: [[String: Any]] = []
        func add(_ kind: String, _ byCCD: [String: String]?) {
            for (ccd, path) in (byCCD ?? [:]).sorted(by: { $0.key < $1.key }) { products.append(["kind": kind, "ccd": ccd, "path": path]) }
        }
        for (kind, byCCD) in state.masters.sorted(by: { $0.key < $1.key }) { add(kind, byCCD) }
        for (kind, byCCD) in state.masks.sorted(by: { $0.key < $1.key }) { add("\(kind)_MASK", byCCD) }
        let csvName = "\(test)/\(test)_quadrants.csv", fitsName = "\(test)/\(test)_quadrants.fits"
        try context.writeProduct(text: table.csv, name: csvName, summary: "\(test) per-CCD per-quadrant values")
        try context.writeProduct(name: fitsName, summary: "\(test) per-CCD per-quadrant values (FITS table)") { path in
            var header = ProductFiles.primaryHeader(kind: "TABLE", test: test, ccd: 0, inputs: frames.map(\.fileName),
                                                    summary: "per-CCD per-quadrant values")
            header.set("TABLETYP", .string("\(test)_QUADRANTS"))
            try FITSWriter.write(to: path, overwrite: true) { w in
                try w.addPrimary(header: header)
                try w.addBinaryTable(table.fitsColumns, extname: "\(test)_TB")
            }
        }
        products.append(["kind": "TABLE_CSV", "ccd": "all", "path": csvName])
        products.append(["kind": "TABLE_FITS", "ccd": "all", "path": fitsName])

        let compliance: [[String: Any]] = context.ledger.rows(CheckCompliance.table).map { row in
            ["check": row.keys["check"] ?? "", "ccd": row.keys["ccd"] ?? "", "quadrant": row.keys["quadrant"] ?? "",
             "value": JSONNumber.of(row.values["value"]), "limits": [JSONNumber.of(row.values["low"]), JSONNumber.of(row.values["high"])],
             "pass": (row.values["pass"] ?? 0) == 1]
        }
        var obsids: [Int] = []
        for id in frames.map(\.obsid).sorted() where obsids.last != id { obsids.append(id) }
        var estimators: [String: Any] = ["offset": ScanStatistics.offsetEstimator, "noise": ScanStatistics.noiseEstimator,
                                         "gain": frames.first?.gainSource ?? "unavailable"]
        if PhotonTransferResults.isPhotonTransfer(test) { estimators["ptc"] = PhotonTransferPoints.estimator }
        let results: [String: Any] = [
            "test": test,
            "inputs": ["files": frames.map(\.fileName), "obsids": obsids],
            "structure": ["consistent": state.structureConsistent ?? false, "messages": state.structureMessages],
            "flags": context.flags,
            "ccds": table.json,
            "compliance": compliance,
            "calibrations": state.calibrationSources,
            "products": products,
            "estimators": estimators,
        ]
        let data = try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
        try context.writeProduct(text: String(decoding: data, as: UTF8.self), name: "\(test)/\(test)_results.json",
                                 summary: "\(test) results")
    }
}

/// JSON numbers: NaN and infinities (a quadrant with no valid pixel) become null.
enum JSONNumber {
    static func of(_ value: Double?) -> Any {
        guard let value, value.isFinite else { return NSNull() }
        return value
    }
}
