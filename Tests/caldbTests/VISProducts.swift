import AstroKit
import Config_VIS
import Foundation

/// Small VIS files for the database tests: raw CCD frames (custom geometry keywords, VIS file
/// names) and products carrying the keywords the VIS rules compare.
enum VISProducts {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caldb-vis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func cards(ccd: Int, serial: String, mode: String, date: String, temperature: Double,
                      wavelength: Int? = nil) -> FITSHeader {
        var header = FITSHeader()
        if let wavelength { header.set("WAVELENG", .integer(wavelength)) }
        for (k, v) in [("PRESCANX", 51), ("OVRSCANX", 20), ("OVRSCANY", 20), ("NCOLQUAD", 8), ("NROWQUAD", 6),
                       ("VSTART", 0), ("VEND", 6)] {
            header.set(k, .integer(v))
        }
        header.set("SN_CCD\(ccd)", .string(serial))
        header.set("RDMODE", .string(mode))
        header.set("R1C\(ccd)_TT", .real(temperature))
        header.set("BLOCKID", .string("EINSTEIN"))
        header.set("TEST", .string("BIAS01"))
        header.set("DATE-OBS", .string(date))
        return header
    }

    /// A raw frame EUC_<obsid>_..._ROE1_CCD<ccd>.fits.
    static func frame(_ folder: URL, obsid: Int = 191, ccd: Int = 1, serial: String = "14173-14-01",
                      mode: String = "fwd_bas", date: String = "2018-06-05T10:00:00", temperature: Double = -120,
                      wavelength: Int? = nil) throws -> String {
        let path = folder.appendingPathComponent("EUC_\(obsid)_251116D150614T_ROE1_CCD\(ccd).fits").path
        var primary = FITSHeader()
        primary.set("DATE-OBS", .string(date))
        let header = cards(ccd: ccd, serial: serial, mode: mode, date: date, temperature: temperature, wavelength: wavelength)
        try FITSWriter.write(to: path, overwrite: true) { writer in
            try writer.addPrimary(header: primary)
            try writer.addImage([UInt16](repeating: 2500, count: 158 * 52), shape: [158, 52], header: header, extname: "ROE1_CCD\(ccd)")
        }
        return path
    }

    /// A product (PROCTYPE BIAS, DARK, FLAT or MASK) of one CCD.
    static func product(_ folder: URL, _ name: String, proctype: String = "BIAS", ccd: Int = 1, serial: String = "14173-14-01",
                        mode: String = "fwd_bas", date: String = "2018-06-04T10:00:00", temperature: Double = -120,
                        wavelength: Int? = nil, level: Float = 2500) throws -> String {
        let path = folder.appendingPathComponent(name).path
        var primary = cards(ccd: ccd, serial: serial, mode: mode, date: date, temperature: temperature, wavelength: wavelength)
        primary.set("INSTRUME", .string("VIS"))
        primary.set("PROCTYPE", .string(proctype))
        primary.set("RECIPE", .string("makeMasterBias"))
        try FITSWriter.write(to: path, overwrite: true) { writer in
            try writer.addPrimary(header: primary)
            try writer.addImage([Float](repeating: level, count: 16), shape: [4, 4], header: FITSHeader(), extname: "ROE1_CCD\(ccd)")
        }
        return path
    }

    static let serials = [1: "14173-14-01", 2: "14173-15-02", 3: "14173-16-03"]

    /// A gain table measured by `test` on the EINSTEIN block's three CCDs, gain (330 + row) / 100.
    static func gainTable(_ folder: URL, _ name: String, test: String, observed: String, block: String = "EINSTEIN") throws -> String {
        var rows: [VISGainTableProduct.Row] = []
        for ccd in 1...3 {
            for (i, q) in Quadrant.allCases.enumerated() {
                rows.append(.init(ccd: ccd, quadrant: q, ccdSerial: serials[ccd]!, gain: Double(330 + rows.count) / 100,
                                  gainError: 0.004, readNoise: Double(42 + i) / 10, alpha: 1e-7, bloomADU: -52000))
            }
        }
        let product = VISGainTableProduct(test: test, block: block, observed: FITSDate.parse(observed)!,
                                          processed: FITSDate.parse("2018-07-01T00:00:00")!, recipe: "ptcGain", rows: rows)
        let path = folder.appendingPathComponent(name).path
        try product.write(to: path)
        return path
    }
}
