import AstroKit
import Foundation

/// The FITS layout of a VIS gain-table product (PTC01/PTC02's GAIN_TB):
///
/// - primary HDU, no data: `INSTRUME = 'VIS'`, `PROCTYPE = 'TABLE'`, `TABLETYP = 'GAIN'`,
///   `TEST` (the campaign test that measured it), `BLOCKID`, `SN_CCD1`..`SN_CCD3` (serials of
///   the CCDs it covers), `DATE-OBS` (first frame of the test), `DATE` (when it was made),
///   `RECIPE` when known;
/// - extension `GAIN_TB`, a binary table, one row per CCD and quadrant: `CCD` (J), `QUADRANT`
///   (1A, E/F/G/H), `CCD_SN` (32A: e2v serials such as CCD273-14-1-969_SN_37641-85-34 run to 30 characters), `GAIN` (D, e-/ADU), `GAIN_ERR` (D, e-/ADU), `READ_NOISE`
///   (D, e-; NaN when not measured), `ALPHA` (D, PTC quadratic term; NaN when not fitted),
///   `BLOOM_ADU` (D, blooming level; negative is a lower limit, vison's convention).
///
/// ```swift
/// let product = VISGainTableProduct(test: "PTC01", block: "EINSTEIN", observed: date, rows: rows)
/// try product.write(to: "out/PTC01_GAIN_TB.fits")
/// let back = try VISGainTableProduct.read("out/PTC01_GAIN_TB.fits")
/// back.gainTable(source: "gain table out/PTC01_GAIN_TB.fits").entry(ccd: 1, serial: nil, quadrant: .E)
/// ```
public struct VISGainTableProduct: Sendable, Hashable {
    public static let extensionName = "GAIN_TB"

    public struct Row: Sendable, Hashable {
        public var ccd: Int
        public var quadrant: Quadrant
        public var ccdSerial: String
        public var gain: Double
        public var gainError: Double
        public var readNoise: Double?
        public var alpha: Double?
        public var bloomADU: Double?

        public init(ccd: Int, quadrant: Quadrant, ccdSerial: String, gain: Double, gainError: Double,
                    readNoise: Double? = nil, alpha: Double? = nil, bloomADU: Double? = nil) {
            self.ccd = ccd
            self.quadrant = quadrant
            self.ccdSerial = ccdSerial
            self.gain = gain
            self.gainError = gainError
            self.readNoise = readNoise
            self.alpha = alpha
            self.bloomADU = bloomADU
        }
    }

    public var test: String
    public var block: String
    /// Start of the test's data (DATE-OBS).
    public var observed: Date
    /// When the table was made (DATE).
    public var processed: Date
    public var recipe: String?
    public var rows: [Row]

    public init(test: String, block: String, observed: Date, processed: Date = Date(), recipe: String? = nil, rows: [Row]) {
        self.test = test
        self.block = block
        self.observed = observed
        self.processed = processed
        self.recipe = recipe
        self.rows = rows
    }

    /// Serial of each CCD, by CCD number, from the rows.
    public var serials: [Int: String] {
        Dictionary(rows.map { ($0.ccd, $0.ccdSerial) }, uniquingKeysWith: { a, _ in a })
    }

    public func write(to path: String, overwrite: Bool = true) throws {
        let header = VISTableProductFile.header(
            tableType: "GAIN", contents: "gain and read noise per CCD and quadrant", test: test, block: block,
            serials: serials, observed: observed, processed: processed, recipe: recipe)
        let nan = Double.nan
        let columns = [
            TableColumn(name: "CCD", .int32s(rows.map { Int32($0.ccd) })),
            TableColumn(name: "QUADRANT", .strings(rows.map(\.quadrant.rawValue), width: 1)),
            TableColumn(name: "CCD_SN", .strings(rows.map(\.ccdSerial), width: 32)),
            TableColumn(name: "GAIN", unit: "electron/adu", .doubles(rows.map(\.gain))),
            TableColumn(name: "GAIN_ERR", unit: "electron/adu", .doubles(rows.map(\.gainError))),
            TableColumn(name: "READ_NOISE", unit: "electron", .doubles(rows.map { $0.readNoise ?? nan })),
            TableColumn(name: "ALPHA", .doubles(rows.map { $0.alpha ?? nan })),
            TableColumn(name: "BLOOM_ADU", unit: "adu", .doubles(rows.map { $0.bloomADU ?? nan })),
        ]
        try FITSWriter.write(to: path, overwrite: overwrite) { writer in
            try writer.addPrimary(header: header)
            try writer.addBinaryTable(columns, extname: Self.extensionName)
        }
    }

    /// Reads a gain-table product; the error names the file and what is wrong with it.
    public static func read(_ path: String) throws -> VISGainTableProduct {
        func fail(_ problem: String) -> GainTableProductError { GainTableProductError(path: path, problem: problem) }
        let (file, primary, hdu) = try VISTableProductFile.open(path, tableType: "GAIN", extensionName: extensionName, fail: fail)
        func doubles(_ name: String) throws -> [Double] {
            switch try file.readColumn(hdu: hdu, name: name) {
            case .doubles(let v): return v
            case .integers(let v): return v.map(Double.init)
            default: throw fail("column \(name) is not numeric")
            }
        }
        func strings(_ name: String) throws -> [String] {
            guard case .strings(let v) = try file.readColumn(hdu: hdu, name: name) else {
                throw fail("column \(name) is not text")
            }
            return v
        }
        let ccds = try doubles("CCD"), quadrants = try strings("QUADRANT"), serials = try strings("CCD_SN")
        let gains = try doubles("GAIN"), errors = try doubles("GAIN_ERR"), noise = try doubles("READ_NOISE")
        let alpha = try doubles("ALPHA"), bloom = try doubles("BLOOM_ADU")
        var rows: [Row] = []
        for i in ccds.indices {
            guard let q = Quadrant(rawValue: quadrants[i]) else {
                throw fail("row \(i + 1) has quadrant '\(quadrants[i])', not E, F, G or H")
            }
            func finite(_ v: Double) -> Double? { v.isNaN ? nil : v }
            rows.append(Row(ccd: Int(ccds[i]), quadrant: q, ccdSerial: serials[i], gain: gains[i], gainError: errors[i],
                            readNoise: finite(noise[i]), alpha: finite(alpha[i]), bloomADU: finite(bloom[i])))
        }
        let (observed, processed) = try VISTableProductFile.dates(primary, fail: fail)
        return VISGainTableProduct(test: primary.string("TEST") ?? "unknown test", block: primary.string("BLOCKID") ?? "UNKNOWN",
                                   observed: observed, processed: processed, recipe: primary.string("RECIPE"), rows: rows)
    }

    /// The gains and read noise as the descriptors use them.
    public func gainTable(source: String) -> GainTable {
        GainTable(source: source, entries: rows.map {
            GainTable.Entry(ccd: $0.ccd, quadrant: $0.quadrant, gain: $0.gain, readNoise: $0.readNoise, ccdSerial: $0.ccdSerial)
        })
    }
}

public struct GainTableProductError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String
    /// "gain table" or "read-noise table".
    public var kind = "gain table"
    public init(path: String, problem: String, kind: String = "gain table") {
        self.path = path
        self.problem = problem
        self.kind = kind
    }
    public var description: String { "\(path) is not a usable VIS \(kind): \(problem)" }
}
