import AstroKit
import Config_VIS
import Foundation
import TestTools
import Recipes_VIS
import Testing

/// adinfo on VIS files whose headers lack the test name and exposure time: the exposure log
/// beside them, or the one given with --explog, supplies them.
@Suite struct VISExposureLogTests {
    static var samples: URL {
        ToolRunner.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/vis-samples")
    }

    static func writeFrame(_ folder: URL, _ name: String, ccd: Int, header extra: [(String, Int)] = []) throws -> String {
        var header = FITSHeader()
        for (k, v) in [("PRESCANX", 51), ("OVRSCANX", 20), ("OVRSCANY", 0), ("NCOLQUAD", 8), ("NROWQUAD", 6)] + extra {
            header.set(k, .integer(v))
        }
        let path = folder.appendingPathComponent(name).path
        try FITSWriter.write(to: path) { writer in
            try writer.addPrimary()
            try writer.addImage([UInt16](repeating: 2500, count: 158 * 12), shape: [158, 12], header: header,
                                extname: "ROE1_CCD\(ccd)")
        }
        return path
    }

    @Test func descriptorsComeFromTheRealLogBesideTheFiles() throws {
        let folder = try ADInfoTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.samples.appendingPathComponent("EXP_LOG_050800.txt"),
                                         to: folder.appendingPathComponent("EXP_LOG_050800.txt"))
        let paths = try (1...3).map { try Self.writeFrame(folder, "EUC_191_251116D150614T_ROE1_CCD\($0).fits", ccd: $0) }
        let out = try ToolRunner.run("adinfo", ["exposure_time,wavelength,test,ccd_serial"] + paths, timeout: 60)
        #expect(out.status == 0, "\(out.stderr)")
        let expected = paths.map { "\($0)\t0.0\t0\tTest\tCCD273-XX-X-XXX_SN_XXXXX-XX-XX\n" }.joined()
        #expect(out.stdout == expected, "\(out.stderr)")
        let all = try ToolRunner.run("adinfo", [paths[1]], timeout: 60)
        #expect(all.stdout.contains("exposure log EXP_LOG_050800.txt line 3"), "\(all.stdout)")
    }

    @Test func explogOverridesTheFolder() throws {
        let folder = try ADInfoTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.writeFrame(folder, "EUC_192_251116D150643T_ROE1_CCD3.fits", ccd: 3)
        let without = try ToolRunner.run("adinfo", ["test", path], timeout: 60)
        #expect(without.status == 1)
        let log = Self.samples.appendingPathComponent("EXP_LOG_050800.txt").path
        let with = try ToolRunner.run("adinfo", ["--explog", log, "test,exposure_time", path], timeout: 60)
        #expect(with.stdout == "\(path)\tTest\t0.0\n", "\(with.stderr)")
        let missing = try ToolRunner.run("adinfo", ["--explog", folder.appendingPathComponent("EXP_LOG_010101.txt").path, path], timeout: 60)
        #expect(missing.status == 64 || missing.status == 2 || missing.status == 1)
        #expect(missing.stderr.contains("given with --explog does not exist"), "\(missing.stderr)")
    }

    @Test func explainSaysWhichTestAndSettingsTypedTheFrame() throws {
        let folder = try ADInfoTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nl02 = try TestCatalog(chamber: "CHAMBER_B_EINSTEIN").definition("NL02")
        let rows = nl02.expectedLogRows(firstObsID: 2000, ccds: [2], start: Date(timeIntervalSince1970: 1_540_000_000))
        try ExposureLog.write(rows, to: folder.appendingPathComponent("EXP_LOG_201018.txt"))
        // The first frame is a 0 s background frame of the flat test NL02.
        let path = try Self.writeFrame(folder, rows[0].fileName + ".fits", ccd: 2)
        let types = try ToolRunner.run("adinfo", ["--types", path], timeout: 60)
        #expect(types.stdout.contains("VIS_NL02 (leaf)"), "\(types.stdout)\(types.stderr)")
        let explain = try ToolRunner.run("adinfo", ["--explain", path], timeout: 60)
        #expect(explain.stdout.contains("✓ VIS_NL02"), "\(explain.stdout)")
        #expect(explain.stdout.contains("descriptor test = 'NL02'"), "\(explain.stdout)")
        #expect(explain.stdout.contains("✗ VIS_BIAS"), "\(explain.stdout)")
    }
}

@Suite struct VISCampaignTypesTests {
    /// One frame of every campaign test, each in its own folder with its test's log: one adinfo
    /// run types them all and explains each from its log's test name.
    @Test func adinfoTypesAndExplainsAFrameOfEveryTest() throws {
        let root = try ADInfoTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try TestCatalog(chamber: "CHAMBER_B_EINSTEIN")
        var files: [(test: String, path: String)] = []
        for (i, name) in VISCampaign.testNames.enumerated() {
            let folder = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let rows = try catalog.definition(name).expectedLogRows(firstObsID: 1000 * (i + 1), ccds: [1],
                                                                    start: Date(timeIntervalSince1970: 1_540_000_000))
            // Only the frame's own row: reading long logs is what would make this test slow.
            try ExposureLog.write(Array(rows.suffix(1)), to: folder.appendingPathComponent("EXP_LOG_201018.txt"))
            // The last frame: a different column from the first for every multi-column test.
            let path = try VISExposureLogTests.writeFrame(folder, rows.last!.fileName + ".fits", ccd: 1)
            files.append((name, path))
        }
        let types = try ToolRunner.run("adinfo", ["--types"] + files.map(\.path), timeout: 120)
        #expect(types.status == 0, "\(types.stderr)")
        let explain = try ToolRunner.run("adinfo", ["--explain"] + files.map(\.path), timeout: 120)
        for (index, file) in files.enumerated() {
            let next = index + 1 < files.count ? files[index + 1].path : nil
            let block = Self.block(of: file.path, before: next, in: types.stdout)
            #expect(block.contains("VIS_\(file.test) (leaf)"), "\(file.test): \(block)")
            let why = Self.block(of: file.path, before: next, in: explain.stdout)
            #expect(why.contains("✓ VIS_\(file.test) (A frame of the VIS campaign test \(file.test))"), "\(file.test)")
            #expect(why.contains("✓ descriptor test = '\(file.test)'"), "\(file.test)")
        }
    }

    /// The lines adinfo prints for one file: from its name to the next file's.
    static func block(of path: String, before next: String?, in output: String) -> String {
        guard let start = output.range(of: path + "\n") else { return "" }
        let rest = output[start.upperBound...]
        guard let next, let end = rest.range(of: next + "\n") else { return String(rest) }
        return String(rest[..<end.lowerBound])
    }
}
