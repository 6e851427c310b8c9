import AstroKit
import Foundation

/// The FITS layout of a VIS read-noise table, written by BIAS01/BIAS02 and used by the
/// `read_noise` descriptors through the calibration database:
///
/// - primary HDU, no data: `INSTRUME = 'VIS'`, `PROCTYPE = 'TABLE'`, `TABLETYP = 'READNOISE'`,
///   `TEST`, `BLOCKID`, `RDMODE`, `SN_CCD1`..`SN_CCD3`, `DATE-OBS` (first frame), `DATE`, `RECIPE`;
/// - extension `RON_TB`, one row per CCD and quadrant: `CCD` (J), `QUADRANT` (1A), `CCD_SN`
///   (16A), `RON_ADU` (D, the serial prescan noise, ADU: what a bias measures without a gain).
///
/// The noise is kept in ADU: converting it to electrons needs a gain, which a bias test does not
/// measure; the descriptor multiplies by the gain the frame resolves (PTC gain table, else nominal)
/// and says which.
///
/// ```swift
/// let table = VISReadNoiseTableProduct(test: "BIAS01", block: "EINSTEIN", readoutMode: "fwd_bas",
///                                      observed: date, rows: [.init(ccd: 1, quadrant: .E, ccdSerial: sn, noiseADU: 1.21)])
/// try table.write(to: "out/BIAS01/EUC_RON_TB.fits")
/// ```
public struct VISReadNoiseTableProduct: Sendable, Hashable {
    public static let extensionName = "RON_TB"
    public static let tableType = "READNOISE"

    public struct Row: Sendable, Hashable {
        public var ccd: Int
        public var quadrant: Quadrant
        public var ccdSerial: String
        public var noiseADU: Double
        public init(ccd: Int, quadrant: Quadrant, ccdSerial: String, noiseADU: Double) {
            self.ccd = ccd
            self.quadrant = quadrant
            self.ccdSerial = ccdSerial
            self.noiseADU = noiseADU
        }
    }

    public var test: String
    public var block: String
    public var readoutMode: String
    public var observed: Date
    public var processed: Date
    public var recipe: String?
    public var rows: [Row]

    public init(test: String, block: String, readoutMode: String, observed: Date, processed: Date = Date(),
                recipe: String? = nil, rows: [Row]) {
        self.test = test
        self.block = block
        self.readoutMode = readoutMode
        self.observed = observed
        self.processed = processed
        self.recipe = recipe
        self.rows = rows
    }

    public func write(to path: String, overwrite: Bool = true) throws {
        let header = VISTableProductFile.header(
            tableType: Self.tableType, contents: "read noise per CCD and quadrant (ADU)", test: test, block: block,
            readoutMode: readoutMode, serials: Dictionary(rows.map { ($0.ccd, $0.ccdSerial) }, uniquingKeysWith: { a, _ in a }),
            observed: observed, processed: processed, recipe: recipe)
        let columns = [
            TableColumn(name: "CCD", .int32s(rows.map { Int32($0.ccd) })),
            TableColumn(name: "QUADRANT", .strings(rows.map(\.quadrant.rawValue), width: 1)),
            TableColumn(name: "CCD_SN", .strings(rows.map(\.ccdSerial), width: 32)),
            TableColumn(name: "RON_ADU", unit: "adu", .doubles(rows.map(\.noiseADU))),
        ]
        try FITSWriter.write(to: path, overwrite: overwrite) { writer in
            try writer.addPrimary(header: header)
            try writer.addBinaryTable(columns, extname: Self.extensionName)
        }
    }

    /// Reads a read-noise table; the error names the file and what is wrong with it.
    public static func read(_ path: String) throws -> VISReadNoiseTableProduct {
        func fail(_ problem: String) -> GainTableProductError { GainTableProductError(path: path, problem: problem, kind: "read-noise table") }
        let (file, primary, hdu) = try VISTableProductFile.open(path, tableType: tableType, extensionName: extensionName, fail: fail)
        guard case .integers(let ccds) = try file.readColumn(hdu: hdu, name: "CCD"),
              case .strings(let quadrants) = try file.readColumn(hdu: hdu, name: "QUADRANT"),
              case .strings(let serials) = try file.readColumn(hdu: hdu, name: "CCD_SN"),
              case .doubles(let noise) = try file.readColumn(hdu: hdu, name: "RON_ADU") else {
            throw fail("its columns are not CCD (J), QUADRANT (A), CCD_SN (A), RON_ADU (D)")
        }
        var rows: [Row] = []
        for i in ccds.indices {
            guard let q = Quadrant(rawValue: quadrants[i]) else { throw fail("row \(i + 1) has quadrant '\(quadrants[i])', not E, F, G or H") }
            rows.append(Row(ccd: ccds[i], quadrant: q, ccdSerial: serials[i], noiseADU: noise[i]))
        }
        let (observed, processed) = try VISTableProductFile.dates(primary, fail: fail)
        return VISReadNoiseTableProduct(test: primary.string("TEST") ?? "unknown test", block: primary.string("BLOCKID") ?? "UNKNOWN",
                                        readoutMode: primary.string("RDMODE") ?? "", observed: observed, processed: processed,
                                        recipe: primary.string("RECIPE"), rows: rows)
    }

    /// The noise of one quadrant of a CCD (serial checked when both are known).
    public func noiseADU(ccd: Int, serial: String?, quadrant: Quadrant) -> Double? {
        rows.first { $0.ccd == ccd && $0.quadrant == quadrant && (serial == nil || $0.ccdSerial == serial) }?.noiseADU
    }
}
