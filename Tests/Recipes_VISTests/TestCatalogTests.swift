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
