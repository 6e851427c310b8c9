import AstroKit
import Config_VIS
import Foundation
import Testing

/// The VIS gain and read-noise descriptors resolve through the calibration database, naming
/// the product they came from.
@Suite("VIS gain tables through the calibration database")
struct VISGainThroughDatabaseTests {
    @Test("the gain-table product is written and read back row for row")
    func roundTrip() throws {
        let folder = try VISProducts.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try VISProducts.gainTable(folder, "PTC01_GAIN_TB.fits", test: "PTC01", observed: "2018-06-04T09:00:00")
        let product = try VISGainTableProduct.read(path)
        #expect(product.test == "PTC01" && product.block == "EINSTEIN" && product.recipe == "ptcGain")
        #expect(product.rows.count == 12)
        #expect(product.rows[5] == .init(ccd: 2, quadrant: .F, ccdSerial: "14173-15-02", gain: 3.35, gainError: 0.004,
                                         readNoise: 4.3, alpha: 1e-7, bloomADU: -52000))
        #expect(product.serials == VISProducts.serials)
        let registry = ConfigurationRegistry()
        try registry.register(VISConfiguration())
        #expect(try AstroData.open(path, registry: registry).types.contains("VIS_GAIN_TABLE"))
    }

    @Test("quadrant_gains, quadrant_read_noise and gain come from the closest matching table, which their source names")
    func gainsResolveThroughTheDatabase() throws {
        let folder = try VISProducts.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = ConfigurationRegistry()
        let database = try CalibrationDatabase(path: folder.appendingPathComponent("caldb.sqlite").path, create: true, registry: registry)
        try registry.register(VISConfiguration(calibrations: database))
        let ptc01 = try VISProducts.gainTable(folder, "PTC01_GAIN_TB.fits", test: "PTC01", observed: "2018-06-04T09:00:00")
        let ptc02 = try VISProducts.gainTable(folder, "PTC02_GAIN_TB.fits", test: "PTC02", observed: "2018-04-01T09:00:00")
        let other = try VISProducts.gainTable(folder, "CURIE_GAIN_TB.fits", test: "PTC01", observed: "2018-06-05T09:00:00", block: "CURIE")
        for file in [ptc01, ptc02, other] { try database.add(file) }
        let frame = try AstroData.open(VISProducts.frame(folder, ccd: 2, serial: "14173-15-02"), registry: registry)
        let gains = try #require(frame.descriptor("quadrant_gains").values.first)
        #expect(gains.value == .named([.init("E", .double(3.34)), .init("F", .double(3.35)),
                                       .init("G", .double(3.36)), .init("H", .double(3.37))]))
        #expect(gains.source == "gain table \(ptc01) (PTC01, 2018-06-04)")
        let noise = try #require(frame.descriptor("quadrant_read_noise").values.first)
        #expect(noise.value["H"] == .double(4.5))
        #expect(noise.source == "gain table \(ptc01) (PTC01, 2018-06-04)")
        let gain = try #require(frame.descriptor("gain").values.first)
        #expect(gain.value == gains.value, "a raw VIS extension's gain is one value per quadrant")
        #expect(gain.source == "gain table \(ptc01) (PTC01, 2018-06-04)")
    }

    @Test("without a matching table the values are nominal and the source says why")
    func nominalWithTheReason() throws {
        let folder = try VISProducts.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = ConfigurationRegistry()
        let database = try CalibrationDatabase(path: folder.appendingPathComponent("caldb.sqlite").path, create: true, registry: registry)
        try registry.register(VISConfiguration(calibrations: database))
        let curie = try VISProducts.gainTable(folder, "CURIE_GAIN_TB.fits", test: "PTC01", observed: "2018-06-05T09:00:00", block: "CURIE")
        try database.add(curie)
        let frame = try AstroData.open(VISProducts.frame(folder), registry: registry)
        let gains = try #require(frame.descriptor("quadrant_gains").values.first)
        #expect(gains.value["E"] == .double(3.5))
        #expect(gains.source == "nominal 3.5 e-/ADU (no gain_table for EUC_191_251116D150614T_ROE1_CCD1.fits among the 1 VIS_GAIN_TABLE in "
                + "\(database.path); closest near misses: CURIE_GAIN_TB.fits (block_id 'EINSTEIN' vs 'CURIE': differ (must be equal)))")
    }
}

/// The VIS rules on products: flats by wavelength and temperature, darks by temperature.
@Suite("VIS calibration rules")
struct VISRuleTests {
    @Test("a flat of another filter and a dark made warm are near misses that explain names")
    func flatAndDarkNearMisses() throws {
        let folder = try VISProducts.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = ConfigurationRegistry()
        try registry.register(VISConfiguration())
        let database = try CalibrationDatabase(path: folder.appendingPathComponent("caldb.sqlite").path, create: true, registry: registry)
        let flat880 = try VISProducts.product(folder, "FLAT01_880nm_CCD1.fits", proctype: "FLAT", wavelength: 880)
        let flat800 = try VISProducts.product(folder, "FLAT01_800nm_CCD1.fits", proctype: "FLAT", temperature: -118.5, wavelength: 800)
        let warmDark = try VISProducts.product(folder, "DARK01_CCD1.fits", proctype: "DARK", temperature: -117.5)
        for file in [flat880, flat800, warmDark] { try database.add(file) }
        let frame = try AstroData.open(VISProducts.frame(folder, wavelength: 800), registry: registry)

        let flats = try database.select("processed_flat", for: frame, verifyAll: true)
        #expect(flats.chosen?.record.path == flat800)
        let lines = flats.explanation.split(separator: "\n").map(String.init)
        #expect(lines.contains("  FAIL  wavelength within ±35 nm: dataset 800, product 880: differ by 80 nm, tolerance ±35 nm"))
        #expect(lines.contains("  pass  ccd_temperature_top within ±2 K: dataset -120, product -118.5: differ by 1.5 K, tolerance ±2 K"))
        #expect(lines.last == "chosen: FLAT01_800nm_CCD1.fits, because it passes all 8 criteria and its file is intact; "
                + "it is the only candidate that does")

        let darks = try database.select("processed_dark", for: frame)
        #expect(darks.chosen == nil)
        #expect(darks.failureSentence == "no processed_dark for EUC_191_251116D150614T_ROE1_CCD1.fits among the 1 VIS_MASTER_DARK in "
                + "\(database.path); closest near misses: DARK01_CCD1.fits (ccd_temperature_top -120 vs -117.5: differ by 2.5 K, tolerance ±2 K)")
    }
}
