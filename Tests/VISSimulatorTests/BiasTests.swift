import AstroKit
import Config_VIS
import Foundation
import Testing
@testable import VISSimulator

@Suite struct BiasTests {
    @Test func prescanLevelAndNoiseMatchTheTruth() throws {
        let result = try Fixtures.bias.get()
        #expect(result.frames.count == 4)
        for ccd in [1, 2] {
            let truth = try #require(result.truth.ccd(ccd))
            let files = result.frames.filter { $0.lastPathComponent.hasSuffix("CCD\(ccd).fits") }
            let frames = try files.map(Frame.init)
            for q in Quadrant.allCases {
                let expected = try #require(truth.quadrant(q))
                let stats = Statistics.clipped(frames.flatMap { $0.prescan(q) })
                #expect(abs(stats.mean - expected.expectedPrescanLevel) < 0.05, "CCD\(ccd) \(q): \(stats.mean) vs \(expected.offset)")
                #expect(abs(stats.std / expected.expectedPrescanNoise - 1) < 0.03,
                        "CCD\(ccd) \(q): \(stats.std) vs \(expected.expectedPrescanNoise)")
                #expect(expected.expectedPrescanNoise > expected.readNoise)
                #expect((1.1...1.3).contains(expected.readNoise) && (3.1...3.6).contains(expected.gain))
            }
            // Every quadrant has its own gain.
            #expect(Set(truth.quadrants.map(\.gain)).count == 4)
        }
    }

    @Test func blockOffsetsComeFromTheTable() throws {
        let result = try Fixtures.simulate("BIAS01", frames: 1, seed: 3) { $0.block = "EINSTEIN" }
        defer { Fixtures.discard(result) }
        let truth = try #require(result.truth.ccd(1)?.quadrant(.E))
        #expect(abs(truth.offset - 2713) <= DetectorModel.blockOffsetScatter)
        #expect(result.truth.block == "EINSTEIN")
    }

    @Test func sameSeedSamePixelsOtherSeedOtherPixels() throws {
        let a = try Fixtures.simulate("BIAS02", frames: 1, seed: 5)
        defer { Fixtures.discard(a) }
        let pixelsA = try Frame(a.frames[0]).pixels.values
        let b = try Fixtures.simulate("BIAS02", frames: 1, seed: 5) { $0.outputDirectory = Fixtures.folder("again") }
        defer { Fixtures.discard(b) }
        #expect(try Frame(b.frames[0]).pixels.values == pixelsA)
        let c = try Fixtures.simulate("BIAS02", frames: 1, seed: 6)
        defer { Fixtures.discard(c) }
        #expect(try Frame(c.frames[0]).pixels.values != pixelsA)
    }

    @Test func filesAreVISAndTheLogRoundTrips() throws {
        let result = try Fixtures.bias.get()
        try? VISConfiguration.register()
        for url in result.frames {
            let data = try AstroData.open(url.path)
            #expect(data.types.contains("VIS"), "\(url.lastPathComponent): \(data.types)")
        }
        #expect(result.exposureLogs.count == 1)
        let log = try ExposureLog.read(try #require(result.exposureLogs.first))
        #expect(log.rows.count == 4)
        let row = try #require(log.row(fileName: result.frames[1].lastPathComponent))
        #expect(row.test == "BIAS01" && row.exposureTime == 0 && row.vstart == 0 && row.vend == 278)
        #expect(row.readoutMode == "fwd_bas")
        #expect(row.ccdSerialNumbers.allSatisfy { $0 != nil })
        #expect(row.ccdSerialNumbers[0] == result.truth.ccd(1)?.serial)
        #expect(log.rows.map(\.obsid) == [1000, 1000, 1001, 1001])
    }

    @Test func housekeepingIsWithinItsLimits() throws {
        let result = try Fixtures.bias.get()
        let limits = try HousekeepingLimits.load(version: .v7_5_X, set: .performance)
        let safe = try HousekeepingLimits.load(version: .v7_5_X, set: .safe)
        let log = try ExposureLog.read(try #require(result.exposureLogs.first))
        for url in result.housekeeping {
            let hk = try HousekeepingFile.read(url)
            let results = HousekeepingCheck.evaluate(hk.summaries(), commanded: log.row(obsid: hk.obsid ?? 0, ccd: 1),
                                                     limits: limits)
            #expect(results.allSatisfy { $0.status == .pass }, "\(results.filter { !$0.passed }.map(\.message))")
            let safeResults = HousekeepingCheck.evaluate(hk.summaries(), commanded: log.row(obsid: hk.obsid ?? 0, ccd: 1),
                                                         limits: safe)
            #expect(!safeResults.contains { $0.status == .fail }, "\(safeResults.filter { $0.status == .fail }.map(\.message))")
            #expect(abs((hk.summary(of: "CCD1_TEMP_T")?.mean ?? 0) + 120) < 0.05)
            #expect(hk.timestamps.count == 71)
        }
    }
}
