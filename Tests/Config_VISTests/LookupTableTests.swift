import Foundation
import Testing
@testable import Config_VIS

@Suite struct BlockOffsetTests {
    /// The bundled table must give exactly the numbers of the real vison files.
    @Test(arguments: ["BORN", "CURIE", "EINSTEIN", "UNKNOWN"])
    func matchesTheRealOffsetFile(block: String) throws {
        let data = try Data(contentsOf: SampleFiles.url("\(block)_offsets.json"))
        let real = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let table = try #require(try BlockOffsets.named(block))
        for ccd in 1...3 {
            let quadrants = try #require(real["CCD\(ccd)"] as? [String: Double])
            for quadrant in BlockOffsets.Quadrant.allCases {
                #expect(table.offset(ccd: ccd, quadrant: quadrant) == quadrants[quadrant.rawValue], "\(block) CCD\(ccd) \(quadrant)")
            }
        }
    }

    @Test func everyBlockOfTheReferenceTableIsThere() throws {
        #expect(try BlockOffsets.knownBlocks() == ["ALBERT", "BORN", "CURIE", "DIRAC", "EINSTEIN", "ERWIN", "FOWLER", "GUYE",
                                                   "HEISENBERG", "JULES", "JULES2", "KRAMERS", "LORENTZ", "MAX", "NIELS", "OWEN",
                                                   "QUASIMODO", "SKLODOWSKA", "UNKNOWN", "WILSON"])
        #expect(try BlockOffsets.named("NIELS")?.offset(ccd: 3, quadrant: .F) == 3163)
        #expect(try BlockOffsets.named("jules2")?.offset(ccd: 2, quadrant: .G) == 2879)
        #expect(try BlockOffsets.named("WILSON")?.offset(ccd: 2, quadrant: .H) == 2000)
    }

    @Test func aliasesAndTheUnknownFallback() throws {
        #expect(try BlockOffsets.named("ALBERT4")?.block == "ALBERT")
        #expect(try BlockOffsets.named("ALBERT2")?.offset(ccd: 1, quadrant: .F) == 2300)
        #expect(try BlockOffsets.named("NOSTROMO") == BlockOffsets.named("BORN"))
        #expect(try BlockOffsets.named("NEWBLOCK") == nil)
        let fallback = try BlockOffsets.nominal(forBlock: "NEWBLOCK")
        #expect(fallback.block == "UNKNOWN" && fallback.offset(ccd: 2, quadrant: .G) == 2800)
    }
}

@Suite struct ChamberProfileTests {
    @Test func einsteinMatchesTheRealProfile() throws {
        let chamber = try ChamberProfile.load("CHAMBER_B_EINSTEIN")
        #expect(chamber.source.hasPrefix("exact"))
        #expect((1...6).map { chamber.wavelength(filterPosition: $0) } == [590, 2000, 730, 800, 880, 0])
        #expect(chamber.timeToFullWell(.flat, filterPosition: 4) == 3.4)
        #expect(chamber.timeToFullWell(.flat, wavelength: 0) == 72.0)
        #expect(chamber.timeToFullWell(.point, wavelength: 590) == 12.0)
        #expect(chamber.timeToFullWell(.point, filterPosition: 2) == 0.02)
        #expect(chamber.mirrorNominal(filterPosition: 3) == 47.47)
        #expect(chamber.fwhm(wavelength: 880) == 2.0)
        #expect(chamber.shutter == "B")
        #expect(chamber.timeToFullWell(.flat, filterPosition: 7) == nil)
    }

    @Test func otherChambersAndAliases() throws {
        let nostromo = try ChamberProfile.load("CHAMBER_B_NOSTROMO")
        #expect(nostromo.name == "CHAMBER_B_BORN")
        #expect(nostromo.timeToFullWell(.flat, wavelength: 0) == 73.4)
        #expect(nostromo.source.contains("representative"))
        let legacy = try ChamberProfile.load("DEFAULT_FEB18")
        #expect(legacy.wavelength(filterPosition: 2) == 640)
        #expect(legacy.timeToFullWell(.flat, filterPosition: 2) == 0.82)
        #expect(legacy.timeToFullWell(.point, filterPosition: 2) == nil)
        #expect(try ChamberProfile.load("CHAMBER_A_OWEN").timeToFullWell(.flat, wavelength: 0) == 530)
        #expect(throws: LookupTableError.self) { try ChamberProfile.load("CHAMBER_Z") }
    }
}

@Suite struct ShutterCalibrationTests {
    @Test func chamberBAtItsMeasuredPoints() throws {
        let shutter = try ShutterCalibration.load(try ChamberProfile.load("CHAMBER_B_EINSTEIN").shutter!)
        #expect(shutter.actualExposureTime(commanded: 0) == 0)
        #expect(abs(shutter.actualExposureTime(commanded: 0.1) - 0.125) < 1e-9)
        #expect(abs(shutter.actualExposureTime(commanded: 1.3) - 1.323) < 1e-9)
        #expect(abs(shutter.actualExposureTime(commanded: 15) - 15.031) < 1e-9)
    }

    @Test func betweenPointsItStaysMonotoneAndInsideTheBracket() throws {
        let shutter = try ShutterCalibration.load("B")
        let t = stride(from: 0.0, through: 100.0, by: 0.01).map { shutter.actualExposureTime(commanded: $0) }
        #expect(zip(t, t.dropFirst()).allSatisfy { $0 <= $1 })
        let mid = shutter.actualExposureTime(commanded: 12.5)
        #expect(mid > 10.030 && mid < 15.031)
        #expect(shutter.actualExposureTime(commanded: -1) == 0)
        #expect(shutter.actualExposureTime(commanded: 565) == 565)   // offset 0 s at 100 s
    }

    @Test func theSlopesMatchScipyPchip() throws {
        // scipy.interpolate.PchipInterpolator([0, 1, 3], [0, 1, 1.5]).derivative()([0, 1, 3]) = [1.25, 9/21, 0]
        let d = ShutterCalibration.monotoneSlopes(x: [0, 1, 3], y: [0, 1, 1.5])
        #expect(abs(d[0] - 1.25) < 1e-12 && abs(d[1] - 9.0 / 21.0) < 1e-12 && d[2] == 0)
        // PchipInterpolator on the real table B, between measured points.
        let shutter = try ShutterCalibration.load("B")
        #expect(abs(shutter.actualExposureTime(commanded: 0.3) - 0.33131789) < 1e-8)
        #expect(abs(shutter.actualExposureTime(commanded: 12.5) - 12.53071817) < 1e-8)
        #expect(abs(shutter.actualExposureTime(commanded: 7.0) - 7.02874251) < 1e-8)
    }
}

@Suite struct PerformanceLimitTests {
    @Test func theCommonLimits() throws {
        let limits = try PerformanceLimits.load()
        #expect(limits.readoutNoise == 0.86...1.44)
        #expect(limits.saturatedFraction == 0...0.1)
        #expect(limits.hardEdgeResponseMaximum == 1.5e-3)
        #expect(limits.darkFluence == -2...5)
        #expect(limits.imageGradient == -10...10 && limits.overscanGradient == -10...10)
        let einstein = try BlockOffsets.nominal(forBlock: "EINSTEIN")
        #expect(limits.offsetRange(einstein, ccd: 1, quadrant: .E) == 2663...2763)
        let half = limits.flatFluenceRange(relativeFluencePercent: 50)
        #expect(abs(half.lowerBound - 29491.2) < 1e-9 && abs(half.upperBound - 36044.8) < 1e-9)
        #expect(limits.flatFluenceRange(relativeFluencePercent: 120).upperBound == 65536 * 1.1)
        let t = limits.saturationTimeRange(nominal: 3.4)
        #expect(abs(t.lowerBound - 3.06) < 1e-12 && abs(t.upperBound - 3.74) < 1e-12)
    }
}
