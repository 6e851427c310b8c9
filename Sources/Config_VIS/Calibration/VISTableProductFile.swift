import AstroKit
import Foundation

/// What the VIS table products (``VISGainTableProduct``, ``VISReadNoiseTableProduct``) share:
/// the primary header that says what the table is and where it came from, and the checks made
/// when one is read back, with errors that name the file.
enum VISTableProductFile {
    /// `INSTRUME`, `PROCTYPE = 'TABLE'`, `TABLETYP`, `TEST`, `BLOCKID`, `RDMODE` when given,
    /// `SN_CCDn`, `DATE-OBS`, `DATE` and `RECIPE` when known.
    static func header(tableType: String, contents: String, test: String, block: String, readoutMode: String? = nil,
                       serials: [Int: String], observed: Date, processed: Date, recipe: String?) -> FITSHeader {
        var header = FITSHeader()
        header.set("INSTRUME", .string("VIS"))
        header.set("PROCTYPE", .string("TABLE"), comment: "processed product")
        header.set("TABLETYP", .string(tableType), comment: contents)
        header.set("TEST", .string(test), comment: "campaign test that measured it")
        header.set("BLOCKID", .string(block))
        if let readoutMode { header.set("RDMODE", .string(readoutMode), comment: "readout mode of the frames") }
        for (ccd, serial) in serials.sorted(by: { $0.key < $1.key }) {
            header.set("SN_CCD\(ccd)", .string(serial), comment: "serial of CCD\(ccd)")
        }
        header.set("DATE-OBS", .string(fitsText(observed)), comment: "start of the test's data")
        header.set("DATE", .string(fitsText(processed)), comment: "when this table was made")
        if let recipe { header.set("RECIPE", .string(recipe)) }
        return header
    }

    /// The file, its primary header and the HDU of the table, once the file is known to hold a
    /// table of `tableType` in extension `extensionName`.
    static func open(_ path: String, tableType: String, extensionName: String,
                     fail: (String) -> GainTableProductError) throws -> (file: FITSFile, primary: FITSHeader, hdu: Int) {
        let file = try FITSFile.open(path)
        let infos = try file.allInfo()
        guard let primary = infos.first?.header else { throw fail("it has no HDU") }
        guard primary.string("TABLETYP") == tableType else {
            throw fail("TABLETYP is \(primary.string("TABLETYP").map { "'\($0)'" } ?? "missing"), not '\(tableType)'")
        }
        guard let hdu = infos.first(where: { $0.extname == extensionName })?.index else { throw fail("it has no \(extensionName) extension") }
        return (file, primary, hdu)
    }

    /// DATE-OBS (required) and DATE (DATE-OBS when missing).
    static func dates(_ primary: FITSHeader, fail: (String) -> GainTableProductError) throws -> (observed: Date, processed: Date) {
        guard let observed = primary.string("DATE-OBS").flatMap(FITSDate.parse) else { throw fail("DATE-OBS is missing or not a FITS date") }
        return (observed, primary.string("DATE").flatMap(FITSDate.parse) ?? observed)
    }

    static func fitsText(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateTimeSeparator(.standard).time(includingFractionalSeconds: false))
    }
}
