import Foundation
import Testing
@testable import AstroKit

@Suite struct DescriptorResolutionTests {
    func dataset(_ primary: [(String, HeaderValue)], amps: [String] = ["A", "B"]) throws -> AstroData {
        let extensions = amps.map { amp in
            ScienceExtension(header: TestData.header([("AMPNAME", .string(amp)), ("DATASEC", .string("[2:3,1:2]"))]),
                             science: TestData.plane([1, 2, 3, 4, 5, 6], width: 3))
        }
        return try AstroData(primaryHeader: TestData.header(primary), extensions: extensions,
                             registry: try TestData.registry())
    }

    @Test func leafTypeWinsOverParentAndBase() throws {
        let bias = try dataset([("INSTRUME", .string("TESTCAM")), ("OBSTYPE", .string("BIAS")),
                                ("EXPTIME", .real(30)), ("EXPOSURE", .real(12))])
        #expect(bias.classification.leaf == "CAM_BIAS")
        #expect(bias.descriptorChain == ["CAM_BIAS", "CAM", "RAW", ""])
        let exptime = try #require(bias.descriptor("exposure_time").values.first)
        #expect(exptime.value == .double(0))
        #expect(exptime.source == "bias")

        let flat = try dataset([("INSTRUME", .string("TESTCAM")), ("EXPTIME", .real(30)), ("EXPOSURE", .real(12))])
        #expect(flat.classification.leaf == "CAM")
        // CAM reads EXPOSURE, not the base configuration's EXPTIME.
        #expect(flat.descriptor("exposure_time").values.first?.value == .double(12))
        #expect(flat.descriptor("exposure_time").values.first?.text == "12.0 s")

        let other = try dataset([("INSTRUME", .string("OTHER")), ("EXPTIME", .real(30))])
        #expect(other.classification.leaf == nil)
        #expect(other.descriptor("exposure_time").values.first?.source == "primary header EXPTIME")
    }

    @Test func inheritedGivesTheParentsAnswer() throws {
        let bias = try dataset([("INSTRUME", .string("TESTCAM")), ("OBSTYPE", .string("BIAS"))])
        #expect(bias.descriptor("shutter").text == "closed (CAM says open)")
    }

    @Test func perExtensionValuesAndDatedLookup() throws {
        let old = try dataset([("INSTRUME", .string("TESTCAM")), ("DATE-OBS", .string("2021-03-04"))])
        #expect(old.descriptor("amp_gain").text == "2.0,2.1")
        let new = try dataset([("INSTRUME", .string("TESTCAM")), ("DATE-OBS", .string("2024-01-02T03:04:05"))])
        #expect(new.descriptor("amp_gain").text == "1.5,1.6")
        #expect(new.descriptor("data_section").values.map(\.value) == [.section(Section(x0: 1, x1: 3, y0: 0, y1: 2)),
                                                                       .section(Section(x0: 1, x1: 3, y0: 0, y1: 2))])
        // A slice keeps the types and gives the one extension's value.
        let second = new[1]
        #expect(second.types == new.types)
        #expect(second.descriptor("amp_gain").text == "1.6")
    }

    @Test func failuresSayWhy() throws {
        let tooEarly = try dataset([("INSTRUME", .string("TESTCAM")), ("DATE-OBS", .string("2019-12-31"))])
        #expect(tooEarly.descriptor("amp_gain").failure?.description
                == "the CAM gain table has no version for 2019-12-31T00:00:00.000Z (first version starts 2020-01-01T00:00:00.000Z)")
        let unknownAmp = try dataset([("INSTRUME", .string("TESTCAM")), ("DATE-OBS", .string("2021-01-01"))], amps: ["C"])
        #expect(unknownAmp.descriptor("amp_gain").failure?.description
                == "the CAM gain table (version from 2020-01-01T00:00:00.000Z) has no entry for C")
        let noDate = try dataset([("INSTRUME", .string("TESTCAM"))])
        #expect(noDate.descriptor("amp_gain").failure?.description
                == "it needs ut_date, which failed: keyword DATE-OBS is not in the header")
        #expect(noDate.descriptor("gain").failure?.description == "none of the keywords GAIN, EGAIN is in the header")
        let badGain = try dataset([("INSTRUME", .string("TESTCAM")), ("GAIN", .string("high"))])
        #expect(badGain.descriptor("gain").failure?.description == "keyword GAIN holds 'high', not a number")
        #expect(noDate.descriptor("no_such_thing").failure?.description
                == "no configuration defines no_such_thing for types CAM, RAW")
    }

    @Test func cacheIsDroppedWhenTheHeaderChanges() throws {
        var ad = try dataset([("INSTRUME", .string("TESTCAM")), ("EXPOSURE", .real(5))])
        #expect(ad.descriptor("exposure_time").values.first?.value == .double(5))
        ad.primaryHeader.set("EXPOSURE", .real(7))
        #expect(ad.descriptor("exposure_time").values.first?.value == .double(7))
    }

    @Test func baseDescriptorsFollowCommunityConventions() throws {
        let ad = try dataset([("INSTRUME", .string("X")), ("DATE-OBS", .string("2017-01-02")),
                              ("UT", .string("03:04:05.5")), ("RA", .string("12:30:00")), ("DEC", .string("-10:30:00"))])
        #expect(ad.descriptor("ut_datetime").text == "2017-01-02T03:04:05.500Z")
        #expect(ad.descriptor("ra").values.first?.value == .double(187.5))
        #expect(ad.descriptor("dec").values.first?.value == .double(-10.5))
        #expect(ad.descriptor("data_shape").text == "3x2,3x2")
        #expect(ad.types == ["RAW"])
    }

    @Test func registryRefusesProvidersForUndeclaredThings() throws {
        struct Broken: ConfigurationModule {
            var name: String { "BROKEN" }
            var types: [TypeDefinition] { [] }
            var descriptorProviders: [String: [DescriptorProvider]] {
                ["NOPE": [.keyword("gain", ["G"], as: .double)]]
            }
        }
        let registry = ConfigurationRegistry()
        #expect(throws: ConfigurationError.self) { try registry.register(Broken()) }
        do { try registry.register(Broken()) } catch {
            #expect("\(error)" == "configuration BROKEN computes descriptors for type NOPE, which no module defines")
        }
    }
}
