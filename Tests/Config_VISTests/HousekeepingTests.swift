import Foundation
import Testing
@testable import Config_VIS

@Suite struct HousekeepingFileTests {
    @Test func readsTheRealHKSample() throws {
        let hk = try HousekeepingFile.read(SampleFiles.url("HK_191_050800D000000T_ROE1.txt"))
        #expect(hk.obsid == 191)
        #expect(hk.roe == "ROE1")
        #expect(hk.date == VISDate.utcCalendar.date(from: DateComponents(year: 2000, month: 8, day: 5)))
        #expect(hk.timestampColumn == "HK_timestamp")
        #expect(hk.timestamps == ["15:06:14", "15:06:15", "15:06:16"])
        #expect(hk.keys.count == 55)
        #expect(hk.keys.first == "HK_OD_Top_CCD1")   // padded name trimmed
        #expect(hk.keys.last == "Video_BOT")
        #expect(hk.series("HK_temp_top_CCD2") == [-180.17, -180.17, -180.17])

        // By hand from the file: three identical readings per key.
        let temp = try #require(hk.summary(of: "HK_temp_top_CCD2"))
        #expect(temp == HousekeepingSummary(key: "HK_temp_top_CCD2", mean: -180.17, std: 0, min: -180.17, max: -180.17, count: 3))
        let idl = try #require(hk.summary(of: "HK_IDL"))
        #expect(abs(idl.mean - 1.67) < 1e-12 && idl.std < 1e-12 && idl.min == 1.67 && idl.max == 1.67 && idl.count == 3)
        #expect(hk.summary(of: "Video_TOP")?.mean == -273.15)
        #expect(hk.summary(of: "HK_Temp1_RPSU")?.min == -15.46)
        #expect(hk.summaries().count == 55)
    }

    @Test func summaryStatisticsUsePopulationStd() {
        let s = HousekeepingSummary(key: "CCD1_TEMP_T", readings: [1, 2, 4])
        #expect(abs(s.mean - 7.0 / 3.0) < 1e-12)
        #expect(abs(s.std - (42.0 / 27.0).squareRoot()) < 1e-12)   // ddof 0
        #expect(s.min == 1 && s.max == 4 && s.count == 3)
    }

    @Test func crlfAndLFReadTheSame() throws {
        let crlf = try SampleFiles.text("HK_191_050800D000000T_ROE1.txt")
        let lf = crlf.replacingOccurrences(of: "\r\n", with: "\n")
        let name = "HK_191_050800D000000T_ROE1.txt"
        #expect(try HousekeepingFile.parse(crlf, fileName: name) == HousekeepingFile.parse(lf, fileName: name))
    }

    @Test func errorsNameFileAndLine() {
        func message(_ text: String) -> String? {
            do { _ = try HousekeepingFile.parse(text, fileName: "HK_5_010117D000000T_ROE1.txt"); return nil }
            catch { return error.description }
        }
        #expect(message("TimeStamp\tCCD1_OD_T\n10:00:00\t26.0\n10:00:01\tbad\n")
                == "HK_5_010117D000000T_ROE1.txt line 3: column 'CCD1_OD_T' holds 'bad', not a number")
        #expect(message("CCD1_OD_T\tCCD2_OD_T\n26\t26\n")
                == "HK_5_010117D000000T_ROE1.txt line 1: the first column is 'CCD1_OD_T', not the time stamp (HK_timestamp or TimeStamp)")
        #expect(message("# only a comment\n\n") == "HK_5_010117D000000T_ROE1.txt has no header line: it is empty or holds only blank and comment lines")
    }

    @Test func discoversTheHKFilesOfAnObsID() throws {
        let folder = try SampleFiles.scratchFolder()
        for name in ["HK_191_050800D000000T_ROE1.txt", "HK_1910_050800D000000T_ROE1.txt", "HK_05-08-00_ROE1.txt", "EXP_LOG_050800.txt"] {
            try Data().write(to: folder.appendingPathComponent(name))
        }
        #expect(try HousekeepingFile.discover(obsid: 191, in: folder).map(\.lastPathComponent) == ["HK_191_050800D000000T_ROE1.txt"])
    }

    @Test func writesA75XFileThatReadsBack() throws {
        #expect(HousekeepingFile.elvis7_5_XKeys.count == 82)
        let date = try #require(VISDate.parse("231016D135042T"))
        let series = HousekeepingFile.elvis7_5_XKeys.enumerated().map { (index, key) in
            (key: key, values: [Double(index) * 0.25, -120.125, key == "SPW_STATUS_REG" ? 12192 : 0])
        }
        let hk = try HousekeepingFile(obsid: 2112, date: date, timestamps: ["13:50:42", "13:50:43", "13:50:44"], series: series)
        let name = try hk.elvisFileName()
        #expect(name == "HK_2112_231016D135042T_ROE1.txt")
        let url = try SampleFiles.scratchFolder().appendingPathComponent(name)
        try hk.write(to: url)
        let back = try HousekeepingFile.read(url)
        #expect(back == hk)
        #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix("TimeStamp       \tCCD3_OD_T       \t"))

        let partial = try HousekeepingFile(obsid: 1, date: date, timestamps: ["00:00:00"], series: [("CCD1_OD_T", [26])])
        #expect(throws: HousekeepingFileError.self) { try partial.elvis7_5_XText() }
    }
}

@Suite struct HousekeepingCheckTests {
    func row() -> ExposureLogRow {
        ExposureLogRow(obsid: 2112, fileName: "EUC_2112_231016D_135042T_ROE1_CCD1", ccd: 1,
                       values: [.OD_1_T: .number(26.0), .IG1_2_T: .number(6.0), .IG1_2_B: .number(4.5), .IDL: .number(13.0)])
    }

    func result(_ key: String, _ readings: [Double], row: ExposureLogRow? = nil) throws -> HousekeepingResult {
        let limits = try HousekeepingLimits.load(version: .v7_5_X, set: .performance)
        return try #require(HousekeepingCheck.evaluate([HousekeepingSummary(key: key, readings: readings)],
                                                       commanded: row, limits: limits).first)
    }

    @Test func the75XTablesHoldTheDocumentedLimits() throws {
        let p = try HousekeepingLimits.load(version: .v7_5_X, set: .performance)
        #expect(p.limits["CCD1_TEMP_T"] == HousekeepingLimit(kind: .absolute, low: -121, high: -119))
        #expect(p.limits["COMM_RD_B"] == HousekeepingLimit(kind: .relative, low: -0.2, high: 0.2))
        #expect(p.limits["RPSU_28V_PRI_I"] == HousekeepingLimit(kind: .absolute, low: 0.35, high: 0.5))
        #expect(p.limits["SPW_STATUS_REG"] == HousekeepingLimit(kind: .identity, equals: 12192))
        #expect(Set(p.limits.keys).isSubset(of: HousekeepingFile.elvis7_5_XKeys))
        let s = try HousekeepingLimits.load(version: .v7_5_X, set: .safe)
        #expect(s.limits["CCD2_OD_B"] == HousekeepingLimit(kind: .absolute, low: -0.3, high: 30))
        #expect(p.commandedField["CCD2_IG1_B"] == .IG1_2_B)   // bottom to bottom, not vison's top
        #expect(p.commandedField["FPGA_BIAS_ID2"] == .IDL)
        #expect(try HousekeepingLimits.availableVersions() == [.v6_3_0, .v6_5_X, .v7_2_X, .v7_5_X])
    }

    @Test func relativeLimitIsAgainstTheCommandedValue() throws {
        let ok = try result("CCD1_OD_T", [26.1, 26.2, 26.15], row: row())
        #expect(ok.status == .pass && ok.statistic == .meanMinusCommanded && ok.commanded == 26.0)
        #expect(abs(ok.value! - 0.15) < 1e-9)
        let high = try result("CCD1_OD_T", [26.3, 26.3, 26.3], row: row())
        #expect(high.status == .fail)
        #expect(high.message == "CCD1_OD_T: mean - commanded 26 = 0.3 is outside [-0.2, 0.2]")
        // The bottom IG1 of CCD2 is judged against its own (bottom) command, 4.5 V.
        #expect(try result("CCD2_IG1_B", [4.55], row: row()).status == .pass)
        #expect(try result("CCD2_IG1_B", [6.0], row: row()).status == .fail)
        let noCommand = try result("CCD3_OD_B", [26.0], row: row())
        #expect(noCommand.status == .notChecked)
        #expect(noCommand.message == "CCD3_OD_B: not checked, the exposure log has no commanded OD_3_B for ObsID 2112 CCD1")
    }

    @Test func absoluteAndIdentityLimits() throws {
        #expect(try result("CCD1_TEMP_T", [-120.2, -119.9]).status == .pass)
        #expect(try result("CCD1_TEMP_T", [-121.0]).status == .pass)     // on the limit: not strictly outside
        #expect(try result("CCD1_TEMP_T", [-121.5, -121.3]).status == .fail)
        #expect(try result("SPW_STATUS_REG", [12192, 12192]).status == .pass)
        let flag = try result("VccdErrFlg", [0, 1, 0])
        #expect(flag.status == .fail && flag.value == 1 && flag.statistic == .everyReading)
    }

    @Test func keysWithoutLimitsAreListedAsNotChecked() throws {
        let limits = try HousekeepingLimits.load(version: .v7_5_X, set: .performance)
        let results = HousekeepingCheck.evaluate([HousekeepingSummary(key: "HK_IDL", readings: [1.67])], commanded: row(), limits: limits)
        #expect(results.first?.status == .notChecked)
        #expect(results.first?.message == "HK_IDL: not checked, no performance limit for ELVIS 7.5.X")
        // Every limited key absent from the file is listed too.
        #expect(results.count == 1 + limits.limits.count)
        #expect(results.dropFirst().allSatisfy { $0.status == .notChecked })
    }
}
