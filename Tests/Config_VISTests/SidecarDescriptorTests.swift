import AstroKit
import Config_VIS
import Foundation
import Testing

/// Small raw VIS frames for descriptor and classification tests: an empty primary and one
/// unsigned 16-bit ROE1_CCDn extension with the small-frame geometry keywords.
enum SmallFrames {
    static func write(in folder: URL, name: String, ccd: Int, header extra: FITSHeader = FITSHeader()) throws -> String {
        let path = folder.appendingPathComponent(name).path
        var header = extra
        for (k, v) in [("PRESCANX", 51), ("OVRSCANX", 20), ("OVRSCANY", 20), ("NCOLQUAD", 8), ("NROWQUAD", 6)] {
            header.set(k, .integer(v))
        }
        try FITSWriter.write(to: path) { writer in
            try writer.addPrimary()
            try writer.addImage([UInt16](repeating: 2500, count: 158 * 52), shape: [158, 52], header: header,
                                extname: "ROE1_CCD\(ccd)")
        }
        return path
    }

    static func registry(_ configuration: VISConfiguration = VISConfiguration()) throws -> ConfigurationRegistry {
        let registry = ConfigurationRegistry()
        try registry.register(configuration)
        return registry
    }
}

@Suite struct SidecarDescriptorTests {
    /// The real ELVIS 5.7 log beside frames named like its rows, whose headers lack EXPTIME and TEST.
    static func sampleFolder() throws -> URL {
        let folder = try SampleFiles.scratchFolder()
        try FileManager.default.copyItem(at: try SampleFiles.url("EXP_LOG_050800.txt"),
                                         to: folder.appendingPathComponent("EXP_LOG_050800.txt"))
        for (obsid, stamp) in [(191, "251116D150614T"), (192, "251116D150643T")] {
            for ccd in 1...3 {
                _ = try SmallFrames.write(in: folder, name: "EUC_\(obsid)_\(stamp)_ROE1_CCD\(ccd).fits", ccd: ccd)
            }
        }
        return folder
    }

    @Test func theRealLogFillsWhatTheHeadersLack() throws {
        let folder = try Self.sampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = try SmallFrames.registry()
        let ad = try AstroData.open(folder.appendingPathComponent("EUC_192_251116D150643T_ROE1_CCD2.fits").path, registry: registry)
        let exptime = try #require(ad.descriptor("exposure_time").values.first)
        #expect(exptime.value == .double(0))
        #expect(exptime.unit == .second)
        // Header line 1, then 191 CCD1..3 on lines 2-4: 192 CCD2 is line 6.
        #expect(exptime.source == "exposure log EXP_LOG_050800.txt line 6")
        let test = try #require(ad.descriptor("test").values.first)
        #expect(test.value == .string("Test") && test.source == "exposure log EXP_LOG_050800.txt line 6")
        let serial = try #require(ad.descriptor("ccd_serial").values.first)
        #expect(serial.value == .string("CCD273-XX-X-XXX_SN_XXXXX-XX-XX"))
        #expect(ad.descriptor("ccd_temperature_top").values.first?.value == .double(-180.17))
        #expect(ad.descriptor("od_top").values.first?.value == .double(26))
        // The 5.7 log reads rows 1 to 100 only; the header has no VSTART/VEND.
        #expect(ad.descriptor("vstart").values.first?.value == .int(1))
        #expect(ad.descriptor("vend").values.first?.value == .int(100))
        let date = try #require(ad.descriptor("ut_datetime").values.first)
        #expect(date.value == .date(VISDate.parse("251116D150643T")!) && date.source.hasPrefix("exposure log"))
        #expect(ad.descriptor("read_noise").values.first?.value == .named(["E", "F", "G", "H"].map { .init($0, .double(4.9)) }))
        // 5.7.x logs hold nanometres in Wavelength, not a filter position.
        let wavelength = try #require(ad.descriptor("wavelength").values.first)
        #expect(wavelength.value == .int(0) && wavelength.source.hasSuffix("column Wavelength (nm, ELVIS 5.7)"))
        // No campaign test, exposure 0, no injection, no pumping: a bias by its settings.
        #expect(ad.types.contains("VIS_BIAS"))
        #expect(ad.classification.instrumentLeaves == ["VIS_BIAS"])
    }

    @Test func theRealHousekeepingFileGivesMeanTemperatures() throws {
        let folder = try Self.sampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: try SampleFiles.url("HK_191_050800D000000T_ROE1.txt"),
                                         to: folder.appendingPathComponent("HK_191_050800D000000T_ROE1.txt"))
        let ad = try AstroData.open(folder.appendingPathComponent("EUC_191_251116D150614T_ROE1_CCD2.fits").path,
                                    registry: try SmallFrames.registry())
        let top = try #require(ad.descriptor("hk_ccd_temperature_top").values.first)
        #expect(top.value == .double(-180.17) && top.unit == .degreeCelsius)
        #expect(top.source == "housekeeping HK_191_050800D000000T_ROE1.txt: mean of HK_temp_top_CCD2 over 3 readings")
        let other = try AstroData.open(folder.appendingPathComponent("EUC_192_251116D150643T_ROE1_CCD2.fits").path,
                                       registry: try SmallFrames.registry())
        #expect(other.descriptor("hk_ccd_temperature_top").failure?.description.contains("no housekeeping file HK_192_*_ROE1.txt") == true)
    }

    @Test func theHeaderWinsOverTheLog() throws {
        let folder = try Self.sampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var header = FITSHeader()
        header.set("EXPTIME", .real(2.5))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("EUC_191_251116D150614T_ROE1_CCD3.fits"))
        let path = try SmallFrames.write(in: folder, name: "EUC_191_251116D150614T_ROE1_CCD3.fits", ccd: 3, header: header)
        let ad = try AstroData.open(path, registry: try SmallFrames.registry())
        let exptime = try #require(ad.descriptor("exposure_time").values.first)
        #expect(exptime.value == .double(2.5) && exptime.source == "extension header EXPTIME")
        var dated = FITSHeader()
        dated.set("DATE", .string("2016-11-25T15:06:14Z"))
        try FileManager.default.removeItem(atPath: path)
        let again = try AstroData.open(try SmallFrames.write(in: folder, name: "EUC_191_251116D150614T_ROE1_CCD3.fits", ccd: 3, header: dated),
                                       registry: try SmallFrames.registry())
        let date = try #require(again.descriptor("ut_datetime").values.first)
        #expect(date.value == .date(VISDate.parse("251116D150614T")!) && date.source == "extension header DATE")
    }

    @Test func anExplicitLogIsUsedWhenNoneIsBesideTheFile() throws {
        let folder = try SampleFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Renamed files are matched by ObsID and CCD when the name is not in the log.
        let path = try SmallFrames.write(in: folder, name: "EUC_191_251116D_150614T_ROE1_CCD1.fits", ccd: 1)
        let none = try AstroData.open(path, registry: try SmallFrames.registry())
        #expect(none.descriptor("test").failure?.description.contains("no exposure log") == true)
        let registry = try SmallFrames.registry(VISConfiguration(exposureLogs: [try SampleFiles.url("EXP_LOG_050800.txt")]))
        let ad = try AstroData.open(path, registry: registry)
        let test = try #require(ad.descriptor("test").values.first)
        #expect(test.source == "exposure log EXP_LOG_050800.txt line 2 (matched by ObsID 191 and CCD1)")
    }

    @Test func theEnvironmentCanNameTheLog() throws {
        let log = try SampleFiles.url("EXP_LOG_050800.txt")
        let settings = VISSettings(environment: [ExposureLogLocator.environmentVariable: log.path])
        #expect(settings.exposureLogs.explicitLogs == [log])
        let match = try settings.exposureLogs.row(fileName: "EUC_192_251116D150643T_ROE1_CCD3.fits", folder: nil, obsid: nil, ccd: nil)
        #expect(match.row.ccd == 3 && match.source == "exposure log EXP_LOG_050800.txt line 7")
    }

    @Test func offsetsGainsAndReadNoiseSayWhereTheyComeFrom() throws {
        let folder = try Self.sampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("EUC_191_251116D150614T_ROE1_CCD2.fits").path
        let plain = try AstroData.open(path, registry: try SmallFrames.registry())
        let offsets = try #require(plain.descriptor("nominal_offsets").values.first)
        #expect(offsets.value == .named(["E", "F", "G", "H"].map { .init($0, .double(2800)) }))
        #expect(offsets.source.hasPrefix("block offsets UNKNOWN; block from unknown block"))
        let gain = try #require(plain.descriptor("gain").values.first)
        #expect(gain.value == .named(["E", "F", "G", "H"].map { .init($0, .double(3.5)) }))
        #expect(gain.source.contains("nominal 3.5 e-/ADU (no gain table registered)"))
        #expect(plain.descriptor("saturation_level").values.first?.value == .double(65535))

        let table = GainTable(source: "PTC01 test table", entries: Quadrant.allCases.enumerated().map {
            .init(ccd: 2, quadrant: $0.element, gain: 3.0 + 0.1 * Double($0.offset), readNoise: 4.0)
        })
        let measured = try AstroData.open(path, registry: try SmallFrames.registry(VISConfiguration(blockID: "EINSTEIN", gainTable: table)))
        let gains = try #require(measured.descriptor("quadrant_gains").values.first)
        #expect(gains.value == .named([.init("E", .double(3.0)), .init("F", .double(3.1)), .init("G", .double(3.2)), .init("H", .double(3.3))]))
        #expect(gains.source == "gain table PTC01 test table")
        let einstein = try #require(measured.descriptor("nominal_offsets").values.first)
        #expect(einstein.value == .named([.init("E", .double(2913)), .init("F", .double(2693)), .init("G", .double(2640)), .init("H", .double(2733))]))
    }
}
