import AstroKit
import Config_VIS
import Foundation
import Testing

/// VIS products are recognised from their headers (INSTRUME and PROCTYPE), alongside the base
/// status types; FPA LE1 frames from their quadrant extensions.
@Suite struct ProductTypeTests {
    static func write(_ folder: URL, _ name: String, primary: [(String, HeaderValue)],
                      extensions: [(String, [(String, HeaderValue)])]) throws -> String {
        let path = folder.appendingPathComponent(name).path
        var header = FITSHeader()
        for (k, v) in primary { header.set(k, v) }
        try FITSWriter.write(to: path) { writer in
            try writer.addPrimary(header: header)
            for (extname, cards) in extensions {
                var h = FITSHeader()
                for (k, v) in cards { h.set(k, v) }
                try writer.addImage([UInt16](repeating: 7, count: 16), shape: [4, 4], header: h, extname: extname)
            }
        }
        return path
    }

    @Test(arguments: [("BIAS", nil as String?, "VIS_MASTER_BIAS", "PROCESSED_BIAS"),
                      ("DARK", nil, "VIS_MASTER_DARK", "PROCESSED_DARK"),
                      ("FLAT", nil, "VIS_MASTER_FLAT", "PROCESSED_FLAT"),
                      ("MASK", nil, "VIS_DEFECT_MASK", "PROCESSED_MASK"),
                      ("TABLE", "GAIN", "VIS_GAIN_TABLE", "PROCESSED_TABLE")])
    func productsGetAVISTypeAndAStatus(_ proctype: String, _ table: String?, _ type: String, _ status: String) throws {
        let folder = try SampleFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var primary: [(String, HeaderValue)] = [("INSTRUME", .string("VIS")), ("PROCTYPE", .string(proctype))]
        if let table { primary.append(("TABLETYP", .string(table))) }
        let path = try Self.write(folder, "EUC_MASTER_\(proctype).fits", primary: primary,
                                  extensions: [("STACK", []), ("STD", [])])
        let ad = try AstroData.open(path, registry: try SmallFrames.registry())
        #expect(ad.classification.instrumentLeaves == [type], "\(ad.types)")
        #expect(ad.classification.statusLeaves == [status], "\(ad.types)")
        #expect(ad.types.contains("VIS_PRODUCT") && !ad.types.contains("VIS"))
    }

    @Test func le1FramesHaveOneExtensionPerQuadrant() throws {
        let folder = try SampleFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let quadrants = ["E", "F", "G", "H"].map { q -> (String, [(String, HeaderValue)]) in
            ("3-4.\(q)", [("PRESCANX", .integer(51)), ("OVRSCANX", .integer(29)), ("GAIN", .real(3.5))])
        }
        let path = try Self.write(folder, "EUC_LE1_VIS.fits", primary: [], extensions: quadrants)
        let ad = try AstroData.open(path, registry: try SmallFrames.registry())
        #expect(ad.classification.instrumentLeaves == ["VIS_LE1"], "\(ad.types)")
        // Per-extension gain comes from each quadrant's GAIN.
        #expect(ad.descriptor("gain").values.map(\.value) == Array(repeating: .double(3.5), count: 4))
        #expect(ad.descriptor("quadrant").values.map(\.value) == ["E", "F", "G", "H"].map { .string($0) })
        #expect(ad.descriptor("fpa_position").values.first?.value == .string("3-4"))
        let renamed = try Self.write(folder, "other.fits", primary: [], extensions: [("SCI", [("PRESCANX", .integer(51)), ("OVRSCANX", .integer(29))])])
        #expect(!(try AstroData.open(renamed, registry: try SmallFrames.registry()).types.contains("VIS_LE1")))
    }
}
