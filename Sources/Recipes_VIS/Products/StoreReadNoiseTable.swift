import AstroKit
import Config_VIS
import Foundation

/// Writes the bias test's read noise per CCD and quadrant (the median over frames of the
/// prescan noise, ADU) as a read-noise table, `<TEST>/EUC_RON_TB.fits`: stored in the
/// calibration database after the run, it gives the `read_noise` of later frames of the same
/// CCDs, block and readout mode (times their gain), with its source.
///
/// ```
/// measureScanStatistics
/// storeReadNoiseTable
/// ```
public struct StoreReadNoiseTable: Primitive {
    public let name = "storeReadNoiseTable"
    public let summary = "Write the read noise per CCD and quadrant (prescan, ADU) as a calibration table"
    public let parameters: [ParameterDeclaration] = [
        .choice("region", default: "pre", choices: ["pre", "ove"], doc: "Serial scan region whose noise is the read noise (vison: prescan)"),
    ]
    public init() {}

    public static func productName(test: String) -> String { "\(test)/EUC_RON_TB.fits" }

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        var state = try VISRunState.load(context)
        let test = try state.requireTest()
        let column = "ron_\(try parameters.string("region"))"
        let datasets = try context.stream()
        guard let first = datasets.first else { throw VISStepError("storeReadNoiseTable: the stream holds no frame") }
        let frames = try datasets.map { try VISFrame($0) }
        func text(_ dataset: AstroData, _ name: String) -> String? { dataset.descriptor(name).values.first?.value.text }
        var rows: [VISReadNoiseTableProduct.Row] = []
        for ccd in Set(frames.map(\.ccd)).sorted() {
            guard let index = frames.firstIndex(where: { $0.ccd == ccd }) else { continue }
            let serial = text(datasets[index], "ccd_serial") ?? ""
            for q in Quadrant.allCases {
                let values = context.ledger.values(ScanStatistics.table, column: column, where: ["ccd": String(ccd), "quadrant": q.rawValue])
                let noise = QuadrantResults.median(values)
                guard noise.isFinite else {
                    throw VISStepError("storeReadNoiseTable: no \(column) was measured for CCD\(ccd) \(q.rawValue); measureScanStatistics must come first")
                }
                rows.append(.init(ccd: ccd, quadrant: q, ccdSerial: serial, noiseADU: noise))
            }
        }
        guard let observed = datasets.compactMap({ $0.descriptor("ut_datetime").values.first?.value.dateValue }).min() else {
            throw VISStepError("storeReadNoiseTable: \(first.fileName ?? "the first frame") has no date (ut_datetime)")
        }
        let table = VISReadNoiseTableProduct(test: test, block: text(first, "block_id") ?? "UNKNOWN",
                                             readoutMode: text(first, "readout_mode") ?? "", observed: observed,
                                             recipe: "\(test).recipe", rows: rows)
        let name = Self.productName(test: test)
        try context.writeProduct(name: name, summary: "\(test) read noise per CCD and quadrant") { path in try table.write(to: path) }
        state.masters["READ_NOISE_TABLE", default: [:]]["all"] = name
        try state.save(context)
    }
}
