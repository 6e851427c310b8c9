import Foundation
import Testing
@testable import Config_VIS

@Suite struct ExposureLogRealSampleTests {
    let serial = "CCD273-XX-X-XXX_SN_XXXXX-XX-XX"

    @Test func readsTheRealELVIS57Log() throws {
        let log = try ExposureLog.read(SampleFiles.url("EXP_LOG_050800.txt"))
        #expect(log.rows.count == 6)
        #expect(log.rows.map(\.obsid) == [191, 191, 191, 192, 192, 192])
        #expect(log.rows.map(\.ccd) == [1, 2, 3, 1, 2, 3])
        #expect(log.rows.allSatisfy { $0.exposureTime == 0 })
        #expect(log.rows.allSatisfy { $0.ccdSerialNumbers == [serial, serial, serial] })
        #expect(log.rows.map(\.lineNumber) == [2, 3, 4, 5, 6, 7])

        let first = try #require(log.row(obsid: 191, ccd: 1))
        #expect(first.fileName == "EUC_191_251116D150614T_ROE1_CCD1")
        #expect(first.roe == "ROE1")
        #expect(first.program == "Lab")
        #expect(first.test == "Test")
        #expect(first.operatorName == "User")
        let expected = VISDate.utcCalendar.date(from: DateComponents(year: 2016, month: 11, day: 25, hour: 15, minute: 6, second: 14))
        #expect(first.date == expected)
        #expect(log.row(obsid: 192, ccd: 3)?.date == VISDate.utcCalendar.date(
            from: DateComponents(year: 2016, month: 11, day: 25, hour: 15, minute: 6, second: 43)))

        // Legacy names mapped onto canonical fields.
        #expect(first.vstart == 1)                 // `Vstart ` padded
        #expect(first.vend == 100)
        #expect(first.flushes == 4)
        #expect(first.integer(.toi_fl) == 143)
        #expect(first.integer(.toi_tp) == 1000)    // the misspelt `TOI _pump`
        #expect(first.number(.id_wid) == 114.286)  // `pls_leng`
        #expect(first.number(.fl_rdout) == 504)
        #expect(first.text(.IPHI) == "I2I3")
        #expect(first.text(.fpga_ver) == "2.75")
        #expect(first.text(.egse_ver) == "5.7.05")
        #expect(first.text(.sn_roe) == "EM_XX")
        #expect(first.number(.R1C2_TT) == -180.17)   // `R1CCD2TT`
        #expect(first.number(.IDL) == 11)
        #expect(first.number(.IDH) == 13)
        #expect(first.number(.IG1_3_B) == 3)         // the one legacy `IG1_V`
        #expect(first.number(.OD_2_B) == 26)
        #expect(first.number(.RD_T) == 16)
        #expect(log.row(obsid: 191, ccd: 2)?.ccdTemperature.top == -180.17)

        // Every raw column kept, under its trimmed name.
        #expect(first.raw["Exptime"] == "0")
        #expect(first.raw["Lab_ver"] == "13.0.1f2")
        #expect(first.raw["Vstart"] == "1")
        #expect(first.raw.count == 69)
    }

    @Test func looksUpByFileNameWithOrWithoutFits() throws {
        let log = try ExposureLog.read(SampleFiles.url("EXP_LOG_050800.txt"))
        #expect(log.row(fileName: "EUC_192_251116D150643T_ROE1_CCD2")?.ccd == 2)
        #expect(log.row(fileName: "/data/EUC_192_251116D150643T_ROE1_CCD2.fits")?.obsid == 192)
        #expect(log.row(fileName: "EUC_193_251116D150643T_ROE1_CCD2.fits") == nil)
        #expect(log.rows(obsid: 192).count == 3)
    }

    @Test func crlfAndLFReadTheSame() throws {
        let crlf = try SampleFiles.text("EXP_LOG_050800.txt")
        #expect(crlf.contains("\r\n"))
        let lf = crlf.replacingOccurrences(of: "\r\n", with: "\n")
        let a = try ExposureLog.parse(crlf, fileName: "EXP_LOG_050800.txt")
        let b = try ExposureLog.parse(lf, fileName: "EXP_LOG_050800.txt")
        #expect(a.rows == b.rows)
    }

    @Test func discoversLogsNextToADataFile() throws {
        let folder = try SampleFiles.scratchFolder()
        for name in ["EXP_LOG_030117.txt", "EXP_LOG_251116.txt", "HK_1_251116D000000T_ROE1.txt", "EXP_LOG_notes.txt"] {
            try Data().write(to: folder.appendingPathComponent(name))
        }
        let found = try ExposureLog.discover(near: folder.appendingPathComponent("EUC_1_251116D_000000T_ROE1_CCD1.fits"))
        #expect(found.map(\.lastPathComponent) == ["EXP_LOG_251116.txt", "EXP_LOG_030117.txt"])
    }
}

@Suite struct ExposureLogVersionTests {
    @Test func readsA630ScriptNamedHeader() throws {
        let header = try #require(ExposureLog.columnNames(version: .v6_3_0))
        #expect(header.count == 81)
        #expect(header.contains("v_tpmod") && header.contains("motr_on") && header.contains("spw_clk"))
        var values = [String](repeating: "", count: header.count)
        func set(_ name: String, _ text: String) { values[header.firstIndex(of: name)!] = text }
        set("ObsID", "2112"); set("File_name", "EUC_2112_231016D_135042T_ROE1_CCD3"); set("CCD", "CCD3")
        set("date", "231016D135042T"); set("test", "BIAS01"); set("exptime", "0.0")
        set("v_tpmod", "123"); set("motr_on", "1"); set("spw_clk", "0"); set("wave", "4"); set("RD_B", "16.5")
        let text = header.joined(separator: "\t") + "\n" + values.joined(separator: "\t") + "\n"
        let row = try #require(ExposureLog.parse(text, fileName: "EXP_LOG_231016.txt").rows.first)
        #expect(row.obsid == 2112 && row.ccd == 3 && row.test == "BIAS01")
        #expect(row.integer(.v_tp_mod) == 123)
        #expect(row.integer(.motr) == 1)
        #expect(row.integer(.cdpu_clk) == 0)
        #expect(row.filterPosition == 4)
        #expect(row.number(.RD_B) == 16.5)
        #expect(row.number(.IDL) == nil)   // empty field: absent, not zero
        #expect(row.date == VISDate.parse("231016D135042T"))
    }

    @Test func legacyAndScriptNamesFindTheirCanonicalField() {
        let expected: [String: [ExposureLogField]] = [
            "OD_B2_V": [.OD_2_B], "IG1_T3_V": [.IG1_3_T], "RD_T_V": [.RD_T], "TOI_flsh": [.toi_fl],   // 6.0/6.1
            "CLK_ROE": [.rdmode], "SerRdDel": [.chin_dly], "TOI_CInj": [.toi_ch], "RPSU_SN": [.sn_rpsu],
            "TOI _pump": [.toi_tp], "Vstart ": [.vstart], "DATE": [.date], "Chrg_inj": [.chinj],     // 5.7.x
            "ODCCD3_V": [.OD_3_T, .OD_3_B], "R1CCD3TB": [.R1C3_TB],
            "s_tpmod": [.s_tp_mod], "spw_clk": [.cdpu_clk],                                         // 6.3.0
            "chinj_of": [.chinj_of], "mirr_on": [.mirr_on], "IG2_B": [.IG2_B],                      // 7.5.X
            "Lab_ver": [], "Wavelength": [],                                                        // raw only
        ]
        for (name, fields) in expected {
            #expect(ExposureLogColumnNames.fields(forHeader: name) == fields, "\(name)")
        }
    }

    @Test func writesA75XLogThatReadsBack() throws {
        let date = try #require(VISDate.parse("231016D135042T"))
        var rows: [ExposureLogRow] = []
        for ccd in 1...3 {
            var row = ExposureLogRow(obsid: 2112, fileName: VISFileName.exposure(obsid: 2112, date: date, ccd: ccd)!, ccd: ccd)
            row.values = [.roe: .text("ROE1"), .date: .date(date), .program: .text("CALCAMP"), .test: .text("FLAT01_730"),
                          .exptime: .number(3.77), .vstart: .integer(0), .vend: .integer(2086), .wave: .integer(3),
                          .source: .text("flat"), .IDL: .number(13), .OD_2_B: .number(25.95), .R1C1_TT: .number(-120.12),
                          .sn_ccd1: .text("14173-14-01"), .chinj: .integer(0), .dwell_s: .number(4.75)]
            rows.append(row)
        }
        let folder = try SampleFiles.scratchFolder()
        let url = folder.appendingPathComponent("EXP_LOG_231016.txt")
        try ExposureLog.write(rows, version: .v7_5_X, to: url)
        let header = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\r\n")[0]
        #expect(header.split(separator: "\t").count == 81)
        #expect(header.hasPrefix("ObsID\tFile_name\tCCD\tROE\tdate\tprogram\ttest\tcalscrpt"))
        let back = try ExposureLog.read(url)
        #expect(back.rows.map { ExposureLogRow(obsid: $0.obsid, fileName: $0.fileName, ccd: $0.ccd, values: $0.values) } == rows)
        #expect(back.row(fileName: "EUC_2112_231016D_135042T_ROE1_CCD2.fits")?.exposureTime == 3.77)
    }

    @Test func refusesDatesATwoDigitYearCannotHold() throws {
        var row = ExposureLogRow(obsid: 1, fileName: "EUC_1", ccd: 1)
        row.values[.date] = .date(VISDate.utcCalendar.date(from: DateComponents(year: 2070, month: 1, day: 2))!)
        #expect(throws: ExposureLogError.unwritableDate(obsid: 1, ccd: 1)) { try ExposureLog.text([row]) }
        // Pivot at 70: campaign stamps (2016-2019) and later ones both read right.
        #expect(VISDate.parse("010125D000000T").map { VISDate.utcCalendar.component(.year, from: $0) } == 2025)
        #expect(VISDate.parse("010119D000000T").map { VISDate.utcCalendar.component(.year, from: $0) } == 2019)
        #expect(VISDate.parse("010199D000000T").map { VISDate.utcCalendar.component(.year, from: $0) } == 1999)
    }

    @Test func mergesLogsInDateOrder() throws {
        let folder = try SampleFiles.scratchFolder()
        let later = folder.appendingPathComponent("EXP_LOG_030117.txt")
        let earlier = folder.appendingPathComponent("EXP_LOG_251116.txt")
        try ExposureLog.write([ExposureLogRow(obsid: 300, fileName: "EUC_300_030117D_101010T_ROE1_CCD1", ccd: 1)], to: later)
        try ExposureLog.write([ExposureLogRow(obsid: 200, fileName: "EUC_200_251116D_101010T_ROE1_CCD1", ccd: 1)], to: earlier)
        let merged = try ExposureLog.read([later, earlier])
        #expect(merged.rows.map(\.obsid) == [200, 300])
        #expect(merged.rows.map { $0.sourceFile?.lastPathComponent } == ["EXP_LOG_251116.txt", "EXP_LOG_030117.txt"])
        #expect(throws: ExposureLogError.undatedFileName(file: "log.txt")) {
            try ExposureLog.read([later, folder.appendingPathComponent("log.txt")])
        }
    }
}
