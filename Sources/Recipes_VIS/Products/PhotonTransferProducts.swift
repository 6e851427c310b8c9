import AstroKit
import Config_VIS
import Foundation

/// Writes the photon-transfer products of a PTC0X test to `<output>/<TEST>/`:
/// * `<TEST>_points.fits` (binary table `PTC_POINTS`) and `<TEST>_points.csv`: one row per CCD,
///   quadrant, pair and tile: `CCD` ("CCD1"), `QUADRANT`, `PAIR` (ObsID of the first frame),
///   `TILE`, `MEAN` (ADU), `VARIANCE` (ADU²), `PIXELS`, `USED` (1 when in the final fit);
/// * `EUC_GAIN_TB.fits`, the gain table (``VISGainTableProduct``: gain, gain error, alpha,
///   blooming per CCD and quadrant, the CCD serials and block from the frames' descriptors), kind
///   GAIN_TABLE in the results so the calibration database can store it. READ_NOISE is NaN:
///   the PTC's intercept, extrapolated from 1000 ADU, is no read-noise measurement.
/// The products are recorded in the run state (`masters`, CCD "all") for ``StoreProducts``.
public struct StorePhotonTransferProducts: Primitive {
    public let name = "storePhotonTransferProducts"
    public let summary = "Write the PTC points table (FITS, CSV) and the gain table EUC_GAIN_TB.fits"
    public let parameters: [ParameterDeclaration] = []
    public init() {}

    public static func pointsName(_ test: String, _ ext: String) -> String { "\(test)/\(test)_points.\(ext)" }
    public static func gainTableName(_ test: String) -> String { "\(test)/EUC_GAIN_TB.fits" }

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        var state = try VISRunState.load(context)
        let test = try state.requireTest()
        let store = try PhotonTransferPoints.load(context)
        let fits = context.ledger.rows(FitPhotonTransferCurve.table)
        guard !fits.isEmpty else { throw VISStepError("storePhotonTransferProducts: no PTC fit; fitPhotonTransferCurve must run first") }
        let datasets = context.stream()
        let frames = try datasets.map { try VISFrame($0) }
        let entries = store.entries.sorted {
            ($0.ccd, $0.point.quadrant.rawValue, $0.point.pair, $0.point.tile) < ($1.ccd, $1.point.quadrant.rawValue, $1.point.pair, $1.point.tile)
        }
        // Points: CSV and FITS.
        var csv = "CCD,QUADRANT,PAIR,TILE,MEAN,VARIANCE,PIXELS,USED\n"
        for e in entries {
            csv += "CCD\(e.ccd),\(e.point.quadrant.rawValue),\(e.point.pair),\(e.point.tile),\(e.point.mean),\(e.point.variance),\(e.point.pixels),\(e.used ? 1 : 0)\n"
        }
        let csvName = Self.pointsName(test, "csv"), fitsName = Self.pointsName(test, "fits")
        try context.writeProduct(text: csv, name: csvName, summary: "\(test) photon-transfer points")
        try context.writeProduct(name: fitsName, summary: "\(test) photon-transfer points (FITS table)") { path in
            var header = ProductFiles.primaryHeader(kind: "TABLE", test: test, ccd: 0, inputs: frames.map(\.fileName),
                                                    summary: "PTC points: tile median of A and var(A-B)/2")
            header.set("TABLETYP", .string("PTC_POINTS"))
            header.set("TILESIZE", .integer(store.tileSize), comment: "tile side, pixels")
            header.set("NTILES", .integer(store.tiles), comment: "tiles per quadrant")
            try FITSWriter.write(to: path, overwrite: true) { w in
                try w.addPrimary(header: header)
                try w.addBinaryTable([
                    TableColumn(name: "CCD", .strings(entries.map { "CCD\($0.ccd)" }, width: 4)),
                    TableColumn(name: "QUADRANT", .strings(entries.map(\.point.quadrant.rawValue), width: 1)),
                    TableColumn(name: "PAIR", .int32s(entries.map { Int32($0.point.pair) })),
                    TableColumn(name: "TILE", .int32s(entries.map { Int32($0.point.tile) })),
                    TableColumn(name: "MEAN", unit: "adu", .doubles(entries.map(\.point.mean))),
                    TableColumn(name: "VARIANCE", unit: "adu2", .doubles(entries.map(\.point.variance))),
                    TableColumn(name: "PIXELS", .int32s(entries.map { Int32($0.point.pixels) })),
                    TableColumn(name: "USED", .int16s(entries.map { $0.used ? 1 : 0 })),
                ], extname: "PTC_POINTS")
            }
        }
        // Gain table.
        func text(_ dataset: AstroData, _ name: String) -> String? { dataset.descriptor(name).values.first?.value.stringValue }
        var serials: [Int: String] = [:]
        var block: String?
        var observed: Date?
        for (dataset, frame) in zip(datasets, frames) {
            if serials[frame.ccd] == nil, let s = text(dataset, "ccd_serial") { serials[frame.ccd] = s }
            if block == nil { block = text(dataset, "block_id") }
            if let d = dataset.descriptor("ut_datetime").values.first?.value.dateValue, observed.map({ d < $0 }) ?? true { observed = d }
        }
        var rows: [VISGainTableProduct.Row] = []
        for row in fits.sorted(by: { ($0.keys["ccd"] ?? "", $0.keys["quadrant"] ?? "") < ($1.keys["ccd"] ?? "", $1.keys["quadrant"] ?? "") }) {
            guard let ccd = Int(row.keys["ccd"] ?? ""), let q = Quadrant(rawValue: row.keys["quadrant"] ?? "") else { continue }
            func finite(_ name: String) -> Double? { row.values[name].flatMap { $0.isFinite ? $0 : nil } }
            rows.append(.init(ccd: ccd, quadrant: q, ccdSerial: serials[ccd] ?? "UNKNOWN", gain: row.values["gain"] ?? .nan,
                              gainError: row.values["gain_err"] ?? .nan, readNoise: nil, alpha: finite("alpha"),
                              bloomADU: finite("bloom_adu")))
        }
        let product = VISGainTableProduct(test: test, block: block ?? "UNKNOWN", observed: observed ?? Date(),
                                          recipe: "\(test).recipe", rows: rows)
        let gainName = Self.gainTableName(test)
        try context.writeProduct(name: gainName, summary: "\(test) gain table") { try product.write(to: $0) }
        state.masters["GAIN_TABLE"] = ["all": gainName]
        state.masters["PTC_POINTS_FITS"] = ["all": fitsName]
        state.masters["PTC_POINTS_CSV"] = ["all": csvName]
        try state.save(context)
    }
}
