import Foundation
import Testing
@testable import AstroKit

@Suite struct AstroDataFileTests {
    /// A DRAGONS-style file: PHU, then SCI/VAR/DQ for EXTVER 1 and 2, and a table.
    func writeProcessedFile() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("astrodata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("processed.fits").path
        try FITSWriter.write(to: path) { writer in
            var primary = FITSHeader()
            primary.set("INSTRUME", .string("TESTCAM"))
            primary.set("EXPTIME", .real(10))
            try writer.addPrimary(header: primary)
            for version in 1...2 {
                var header = FITSHeader()
                header.set("EXTVER", .integer(version))
                header.set("GAIN", .real(Double(version)))
                let base = Float(version * 10)
                try writer.addImage([base, base + 1, base + 2, base + 3], shape: [2, 2], header: header, extname: "SCI")
                try writer.addImage([Float](repeating: 0.5, count: 4), shape: [2, 2], header: header, extname: "VAR")
                try writer.addImage([UInt16(0), 4, 0, UInt16(version)], shape: [2, 2], header: header, extname: "DQ")
            }
            try writer.addBinaryTable([TableColumn(name: "FLUX", .doubles([1, 2]))], extname: "REFCAT")
        }
        return path
    }

    @Test func groupsPlanesByExtverAndReadsPixelsOnlyWhenAsked() throws {
        let path = try writeProcessedFile()
        let ad = try AstroData.open(path, registry: ConfigurationRegistry())
        #expect(ad.hdus.count == 8)
        #expect(ad.count == 2)
        #expect(ad.extensions.allSatisfy { $0.hasVariance && $0.hasDataQuality })
        // Headers and descriptors cost no pixel read.
        #expect(ad.descriptor("gain").text == "1.0,2.0")
        #expect(ad.descriptor("exposure_time").text == "10.0")
        #expect(ad.extensions.allSatisfy { !$0.isScienceLoaded })
        let second = ad[1]
        #expect(try second.extensions[0].science().values == [20, 21, 22, 23])
        #expect(second.extensions[0].isScienceLoaded)
        #expect(!ad.extensions[0].isScienceLoaded)
        #expect(try second.extensions[0].dataQuality()?.values == [0, 4, 0, 2])
        #expect(try second.extensions[0].variance()?.values == [0.5, 0.5, 0.5, 0.5])
    }

    @Test func arithmeticOnFileDataPropagatesAndKeepsTheSource() throws {
        let path = try writeProcessedFile()
        let ad = try AstroData.open(path, registry: ConfigurationRegistry())
        let doubled = try ad + ad
        #expect(try doubled.extensions[1].science().values == [40, 42, 44, 46])
        #expect(try doubled.extensions[1].variance()?.values == [1, 1, 1, 1])
        #expect(try doubled.extensions[1].dataQuality()?.values == [0, 4, 0, 2])
        // The file's dataset is unchanged: values, not references, were combined.
        #expect(try ad.extensions[1].science().values == [20, 21, 22, 23])
    }

    @Test func unreadableFileNamesItself() throws {
        #expect(throws: FITSError.self) { try AstroData.open("/no/such/frame.fits") }
        do { _ = try AstroData.open("/no/such/frame.fits") } catch {
            #expect("\(error)".hasPrefix("cannot open /no/such/frame.fits: CFITSIO status 104"))
        }
    }
}
