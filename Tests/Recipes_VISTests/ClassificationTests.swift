import AstroKit
import Config_VIS
import Foundation
import Recipes_VIS
import Testing

/// Every campaign test's frames, with headers that lack TEST and EXPTIME, classified through a
/// synthetic ELVIS 7.5.X exposure log beside them.
@Suite struct ClassificationTests {
    static let catalog = try! TestCatalog(chamber: "CHAMBER_B_EINSTEIN")
    static let start = Date(timeIntervalSince1970: 1_540_000_000)

    /// Writes the log of a faultless acquisition and one small frame (CCD1, first frame) per
    /// column; returns the frames' paths with their columns.
    static func acquire(_ definition: TestDefinition, in folder: URL) throws -> [(path: String, column: AcquisitionColumn)] {
        let rows = definition.expectedLogRows(firstObsID: 1000, ccds: [1], start: start)
        try ExposureLog.write(rows, version: .v7_5_X, to: folder.appendingPathComponent("EXP_LOG_201018.txt"))
        var frames: [(String, AcquisitionColumn)] = []
        var index = 0
        for column in definition.columns {
            let row = rows[index]
            index += column.frames
            var header = FITSHeader()
            header.set("VSTART", .integer(0))
            header.set("VEND", .integer(6))
            for (k, v) in [("PRESCANX", 51), ("OVRSCANX", 20), ("OVRSCANY", 0), ("NCOLQUAD", 8), ("NROWQUAD", 6)] {
                header.set(k, .integer(v))
            }
            let path = folder.appendingPathComponent(row.fileName + ".fits").path
            try FITSWriter.write(to: path) { writer in
                try writer.addPrimary()
                try writer.addImage([UInt16](repeating: 2500, count: 158 * 12), shape: [158, 12], header: header,
                                    extname: "ROE1_CCD1")
            }
            frames.append((path, column))
        }
        return frames
    }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("Recipes_VISTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: VISCampaign.testNames)
    func everyColumnOfTheTestGetsTheTestsLeaf(_ name: String) throws {
        let definition = try Self.catalog.definition(name)
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = ConfigurationRegistry()
        try registry.register(VISConfiguration())
        for (path, column) in try Self.acquire(definition, in: folder) {
            let ad = try AstroData.open(path, registry: registry)
            #expect(ad.classification.instrumentLeaves == ["VIS_\(name)"], "\(column.label) \(column.role): \(ad.types)")
            let parent = definition.acquisition?.typeName ?? "VIS"
            #expect(ad.types.contains(parent))
            #expect(ad.descriptor("exposure_time").values.first?.value == .double(column.exposureTime))
            if let nm = column.wavelength {
                #expect(ad.descriptor("wavelength").values.first?.value == .int(nm), "\(column.label)")
            }
            #expect(ad.descriptor("mirror_position").values.first?.value.doubleValue == column.number(.mirr_pos))
        }
    }

    @Test func framesOfNoCampaignTestAreTypedByTheirSettings() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // One frame of each kind, logged under engineering test names.
        let kinds: [(String, [ExposureLogField: ExposureLogValue], String)] = [
            ("ENG_A", [.exptime: .number(0)], "VIS_BIAS"),
            ("ENG_B", [.exptime: .number(2), .source: .text("flat")], "VIS_FLAT"),
            ("ENG_C", [.exptime: .number(2), .source: .text("point")], "VIS_POINT"),
            ("DARK_ENG", [.exptime: .number(100), .source: .text("flat")], "VIS_DARK"),
            ("ENG_D", [.exptime: .number(0), .chinj: .integer(1)], "VIS_CHINJ"),
            ("ENG_E", [.exptime: .number(0), .chinj: .integer(1), .v_tpump: .integer(1)], "VIS_VTPUMP"),
            ("ENG_F", [.exptime: .number(0), .chinj: .integer(1), .s_tpump: .integer(1)], "VIS_STPUMP"),
        ]
        var rows: [ExposureLogRow] = []
        for (i, kind) in kinds.enumerated() {
            var row = ExposureLogRow(obsid: 50 + i, fileName: "EUC_\(50 + i)_201018D_101010T_ROE1_CCD1", ccd: 1)
            row.values = kind.1
            row.values[.test] = .text(kind.0)
            rows.append(row)
        }
        try ExposureLog.write(rows, to: folder.appendingPathComponent("EXP_LOG_201018.txt"))
        let registry = ConfigurationRegistry()
        try registry.register(VISConfiguration())
        for (row, kind) in zip(rows, kinds) {
            let path = folder.appendingPathComponent(row.fileName + ".fits").path
            var header = FITSHeader()
            header.set("NCOLQUAD", .integer(8))
            try FITSWriter.write(to: path) { writer in
                try writer.addPrimary()
                try writer.addImage([UInt16](repeating: 1, count: 16), shape: [4, 4], header: header, extname: "ROE1_CCD1")
            }
            let ad = try AstroData.open(path, registry: registry)
            #expect(ad.classification.instrumentLeaves == [kind.2], "\(kind.0): \(ad.types)")
        }
    }
}
