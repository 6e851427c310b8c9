import AstroKit
import Foundation
import TestTools
import Testing

/// A raw VIS file as ELVIS writes it (empty primary, one unsigned 16-bit ROE1_CCDn extension),
/// classified and described by adinfo.
@Suite struct VISFileTests {
    static func writeRawFrame(in folder: URL, name: String, shape: [Int], extensionHeader: FITSHeader) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try FITSWriter.write(to: path) { writer in
            try writer.addPrimary()
            let pixels = [UInt16](repeating: 2500, count: shape[0] * shape[1])
            try writer.addImage(pixels, shape: shape, header: extensionHeader, extname: "ROE1_CCD2")
        }
        return path
    }

    @Test func fullSizeFrameIsVISWithCampaignGeometry() throws {
        let folder = try ADInfoTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var header = FITSHeader()
        header.set("EXPTIME", .real(565))
        let path = try Self.writeRawFrame(in: folder, name: "EUC_2112_231016D_135042T_ROE1_CCD2.fits",
                                          shape: [4238, 4172], extensionHeader: header)
        let types = try ToolRunner.run("adinfo", ["--types", path], timeout: 60)
        #expect(types.stdout.contains("Types: VIS (leaf), RAW (leaf)"), "\(types.stdout)\(types.stderr)")
        let values = try ToolRunner.run("adinfo", ["obsid,ccd,exposure_time,vstart,vend", path], timeout: 60)
        #expect(values.stdout == "\(path)\t2112\t2\t565.0\t0\t2086\n", "\(values.stderr)")
        let sections = try ToolRunner.run("adinfo", ["image_sections", path], timeout: 60)
        #expect(sections.stdout == "\(path)\tE=[52:2099,2107:4172] F=[2140:4187,2107:4172] G=[2140:4187,1:2066] H=[52:2099,1:2066]\n")
    }

    @Test func smallSimulatedFrameUsesItsGeometryKeywords() throws {
        let folder = try ADInfoTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var header = FITSHeader()
        for (k, v) in [("PRESCANX", 51), ("OVRSCANX", 20), ("OVRSCANY", 20), ("NCOLQUAD", 256), ("NROWQUAD", 258),
                       ("VSTART", 0), ("VEND", 278)] {
            header.set(k, .integer(v))
        }
        let path = try Self.writeRawFrame(in: folder, name: "EUC_191_251116D150614T_ROE1_CCD2.fits",
                                          shape: [654, 556], extensionHeader: header)
        let out = try ToolRunner.run("adinfo", ["prescan_sections,vend", path], timeout: 60)
        #expect(out.stdout == "\(path)\tE=[1:51,299:556] F=[604:654,299:556] G=[604:654,1:258] H=[1:51,1:258]\t278\n", "\(out.stderr)")
        let explain = try ToolRunner.run("adinfo", ["--explain", path], timeout: 60)
        #expect(explain.stdout.contains("✓ VIS"))
        #expect(explain.stdout.contains("NCOLQUAD is present in every extension"), "\(explain.stdout)")
    }

    @Test func aRenamedNonVISFileExplainsWhatFailed() throws {
        let folder = try ADInfoTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("frame.fits").path
        try FITSWriter.write(to: path) { writer in
            try writer.addPrimary()
            try writer.addImage([Float](repeating: 1, count: 16), shape: [4, 4], extname: "ROE1_CCD1")
        }
        let explain = try ToolRunner.run("adinfo", ["--explain", path], timeout: 60)
        #expect(explain.stdout.contains("✗ VIS"), "\(explain.stdout)")
        #expect(explain.stdout.contains("✗ BITPIX = 16 in every extension"), "\(explain.stdout)")
    }
}
