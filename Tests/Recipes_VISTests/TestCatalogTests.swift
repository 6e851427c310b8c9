import Config_VIS
import Recipes_VIS
import Testing

@Suite struct TestCatalogTests {
    let catalog: TestCatalog

    init() throws { catalog = try TestCatalog(chamber: "CHAMBER_B_EINSTEIN") }

    /// Frames per test from VIS.md 3.2.
    @Test(arguments: [
        ("BIAS01", 10, 1), ("BIAS02", 10, 1), ("DARK01", 4, 1), ("CHINJ01", 36, 36), ("CHINJ02", 26, 26),
        ("TP01", 50, 50), ("TP11", 50, 50), ("TP02", 18, 18), ("TP21", 18, 18),
        ("FLAT01", 170, 3), ("FLAT02_590", 110, 2), ("FLAT_STB", 15, 1), ("PTC01", 92, 11),
        ("PTC02_730", 24, 6), ("PTC02_158K", 24, 6), ("PTC02_165R", 24, 6), ("NL01", 89, 36),
        ("NL02", 109, 44), ("NL02_155R", 89, 36), ("FOCUS00_800", 9, 9), ("PSF01_590", 53, 5),
        ("PSF02_148K", 52, 5), ("PSFLUX00_0", 4, 4), ("FLATFLUX00_2000", 4, 4), ("PERSIST01", 12, 4),
        ("MOT_WARM", 8, 8), ("COSMETICS00", 10, 2), ("BF01", 92, 11), ("BF01_880", 24, 6),
    ])
    func frameCounts(_ name: String, _ frames: Int, _ columns: Int) throws {
        let definition = try catalog.definition(name)
        #expect(definition.frameCount == frames)
        #expect(definition.columns.count == columns)
        #expect(definition.columns.map(\.label).first == "col001")
    }

    @Test func everyTestBuilds() throws {
        let all = try catalog.allDefinitions()
        #expect(all.count == TestCatalog.testNames.count)
        for definition in all {
            #expect(definition.columns.allSatisfy { $0.settings[.test] == .text(definition.loggedTestName) })
        }
    }

    @Test func ptc01ExposureTimesFollowTheChamber() throws {
        let ptc = try catalog.definition("PTC01")
        // CHAMBER_B_EINSTEIN: tFWC_flat[800] = 3.4 s; 800 nm is filter F4.
        #expect(abs(ptc.columns[0].exposureTime - 0.17) < 1e-9)
        #expect(abs(ptc.columns[10].exposureTime - 4.08) < 1e-9)
        #expect(ptc.columns.allSatisfy { $0.filterPosition == 4 && $0.wavelength == 800 && $0.source == "flat" })
        #expect(ptc.defaults.colourAware)
        let range = try #require(ptc.limits.columnFluence["col001"])
        #expect(abs(range.lowerBound - 2949.12) < 1e-6 && abs(range.upperBound - 3604.48) < 1e-6)
    }

    @Test func bias02ReadsOutInReverseVerticalMode() throws {
        let bias = try catalog.definition("BIAS02")
        #expect(bias.columns[0].readoutMode == "rwd_bas_v")
        #expect(bias.columns[0].settings[.swellw] == .number(8.4))
    }

    @Test func nl02UsesTwoSources() throws {
        let nl = try catalog.definition("NL02")
        #expect(nl.columns[0].exposureTime == 0 && nl.columns[0].frames == 3)
        #expect(nl.columns[1].role == "STAB" && abs(nl.columns[1].exposureTime - 3.4) < 1e-9 && nl.columns[1].filterPosition == 5)
        #expect(nl.columns[2].filterPosition == 6 && abs(nl.columns[2].exposureTime - 0.36) < 1e-9)
        #expect(nl.columns[43].role == "STAB")
    }

    @Test func diffValuesOverrideCommonValuesButNotColumnValues() throws {
        let catalog = try TestCatalog(chamber: "CHAMBER_B_EINSTEIN",
                                      diffValues: [.sn_ccd1: "14173-14-01", .IG1_1_T: 5.0])
        let chinj = try catalog.definition("CHINJ01")
        #expect(chinj.columns[0].settings[.sn_ccd1] == .text("14173-14-01"))
        #expect(chinj.columns[0].settings[.IG1_1_T] == .number(2.5))
        let bias = try catalog.definition("BIAS01")
        #expect(bias.columns[0].settings[.IG1_1_T] == .number(5.0))
    }

    @Test func unknownTestsAreRefusedWithASuggestion() {
        #expect(throws: TestCatalogError.unknownTest("ptc01", suggestion: "PTC01")) { try catalog.definition("ptc01") }
    }
}

@Suite struct TestStructureDetailTests {
    let catalog: TestCatalog
    init() throws { catalog = try TestCatalog(chamber: "CHAMBER_B_EINSTEIN") }

    @Test func chinj01ScansIG1AtEachDelayWithPredictedLevels() throws {
        let chinj = try catalog.definition("CHINJ01")
        // Delay-major as vison scripts it: 18 IG1 steps at 1250 µs (E, F), then at 750 µs (G, H).
        #expect(chinj.columns[0].number(.id_dly) == 1250 && chinj.columns[0].number(.IG1_2_B) == 2.5)
        #expect(chinj.columns[17].number(.IG1_1_T) == 6.75 && chinj.columns[18].number(.id_dly) == 750)
        #expect(chinj.columns.allSatisfy { $0.number(.IDL) == 11 && $0.number(.IG2_T) == 6 && $0.number(.chinj_on) == 30 })
        // IG1 4 V, IDL 11 < 4 + 7.5: 600 + (6 - 4) x 6000 = 12600 ADU, accepted within ±50 %.
        let four = try #require(chinj.columns.first { $0.number(.IG1_1_B) == 4 && $0.number(.id_dly) == 1250 })
        let expectation = try #require(chinj.limits.injectionLevel[four.label])
        #expect(expectation.predicted == 12600 && expectation.median == 6300...18900 && expectation.quadrants == [.E, .F])
        // IG1 2.5 V: IDL 11 ≥ 10, the model cannot predict; the wide limits apply.
        #expect(chinj.limits.injectionLevel["col001"]?.predicted == nil)
    }

    @Test func pumpingTestsFollowVISmd() throws {
        let tp01 = try catalog.definition("TP01")
        #expect(tp01.columns[0].role.hasPrefix("BGD") && tp01.columns[0].number(.v_tpump) == 0)
        #expect(tp01.columns[1].number(.v_tpump) == 1 && tp01.columns[1].number(.toi_tp) == 50)
        #expect(tp01.columns.allSatisfy { $0.number(.chinj_on) == 2066 && $0.number(.v_tp_cnt) == 5000 && $0.number(.toi_ch) == 250 })
        #expect(try catalog.definition("TP11").columns[0].number(.IDL) == 10.5)
        let tp02 = try catalog.definition("TP02")
        #expect(tp02.columns.allSatisfy { $0.number(.vend) == 100 })
        #expect(tp02.columns[8].number(.dwell_s) == 28.6 && tp02.columns[8].number(.s_tp_mod) == 31)
    }

    @Test func pointTestsUseTheMirrorAndPointSource() throws {
        let focus = try catalog.definition("FOCUS00_730")
        // Nominal focus 47.47 mm for every filter in CHAMBER_B_EINSTEIN; j × 0.2 mm for j = -4...4.
        #expect(abs(focus.columns[0].number(.mirr_pos)! - 46.67) < 1e-9 && abs(focus.columns[8].number(.mirr_pos)! - 48.27) < 1e-9)
        #expect(focus.columns.allSatisfy { $0.source == "point" && $0.number(.mirr_on) == 1 && abs($0.exposureTime - 1.5) < 1e-9 })
        let persist = try catalog.definition("PERSIST01")
        #expect(persist.columns.map(\.exposureTime) == [0, 565, 600, 565])
        #expect(persist.columns.allSatisfy { $0.filterPosition == 2 && abs($0.number(.mirr_pos)! - 37.47) < 1e-9 })
        #expect(persist.limits.saturatedFraction == 0.002...0.2)
        let warm = try catalog.definition("MOT_WARM")
        #expect(warm.columns.map(\.readoutMode) == ["rwd_bas_vs", "rwd_bas_v", "fwd_bas", "fwd_bas", "fwd_bas", "fwd_bas", "fwd_bas", "fwd_bas"])
        #expect(warm.columns.allSatisfy { $0.number(.toi_ro) == 500 })
        #expect(warm.columns[5...].map(\.wavelength) == [590, 730, 880])
    }

    @Test func flatFluxKeepsTheFlatSourceDefinition() throws {
        let flux = try catalog.definition("FLATFLUX00_730")
        #expect(flux.columns.map(\.relativeFluence) == [5, 20, 50, 80])
        #expect(flux.columns.allSatisfy { $0.source == "flat" })
        #expect(abs(flux.columns[3].exposureTime - 0.8 * 3.8) < 1e-9)
    }

    @Test func aChamberWithoutAFilterIsAnErrorThatSaysSo() throws {
        var chamber = try ChamberProfile.load("CHAMBER_B_EINSTEIN")
        chamber.flatTimeToFullWell["nm880"] = nil
        let catalog = try TestCatalog(chamber: chamber)
        #expect(throws: TestCatalogError.missingTimeToFullWell("flat", 880, chamber: "CHAMBER_B_EINSTEIN")) {
            try catalog.definition("NL02")
        }
    }
}
