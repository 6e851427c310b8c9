import AstroKit
import Foundation
import TestTools
import Testing

@Suite struct ADInfoTests {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("adinfo-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func gainOfARealFrameWithGAINInItsHeader() throws {
        // Flamingos-2 at Gemini-South keeps GAIN in the primary header; the per-extension
        // descriptor falls back to it for the one science extension.
        let path = ToolRunner.corpus.appendingPathComponent("GeminiDRSoftware+DRAGONS/geminidr/f2/lookups/BPM/f2_image_illumination.fits.bz2").path
        let outcome = try ToolRunner.run("adinfo", ["gain", path], timeout: 60)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "\(path)\t4.44000005722046\n")
    }

    @Test func gainOfEveryExtensionOfAMosaic() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("mosaic8.fits").path
        try FITSWriter.write(to: path) { writer in
            var primary = FITSHeader()
            primary.set("INSTRUME", .string("MOSAIC8"))
            try writer.addPrimary(header: primary)
            for ccd in 1...8 {
                var header = FITSHeader()
                header.set("GAIN", .real(1.0 + Double(ccd) / 10))
                header.set("DATASEC", .string("[1:8,1:4]"))
                try writer.addImage([Float](repeating: Float(ccd), count: 32), shape: [8, 4], header: header, extname: "CCD\(ccd)")
            }
        }
        let outcome = try ToolRunner.run("adinfo", ["gain", path], timeout: 60)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "\(path)\t1.1,1.2,1.3,1.4,1.5,1.6,1.7,1.8\n")
        let several = try ToolRunner.run("adinfo", ["-d", "instrument,gain", path], timeout: 60)
        #expect(several.stdout == "\(path)\tMOSAIC8\t1.1,1.2,1.3,1.4,1.5,1.6,1.7,1.8\n")
        let twelve = ToolRunner.corpus.appendingPathComponent("GeminiDRSoftware+DRAGONS/geminidr/gmos/lookups/BPM/gmos-s_illum_HAM_44_12amp_v2.fits").path
        let gmos = try ToolRunner.run("adinfo", ["read_noise", twelve], timeout: 60)
        #expect(gmos.stdout == "\(twelve)\t4.03,4.25,4.0,4.24,3.8,3.98,3.83,4.12,3.5,3.25,3.35,3.46\n")
    }

    @Test func aFailedDescriptorSaysWhyAndFailsTheRun() throws {
        let path = ToolRunner.corpus.appendingPathComponent("HEASARC+cfitsio/iter_a.fit").path
        let outcome = try ToolRunner.run("adinfo", ["exposure_time", path], timeout: 60)
        #expect(outcome.status == 1)
        #expect(outcome.stdout == "\(path)\t\n")
        #expect(outcome.stderr == "adinfo: \(path): exposure_time: none of the keywords EXPTIME, EXPOSURE, ITIME is in the header\n")
    }

    @Test func misspeltDescriptorIsAUsageError() throws {
        let path = ToolRunner.corpus.appendingPathComponent("HEASARC+cfitsio/iter_a.fit").path
        let outcome = try ToolRunner.run("adinfo", ["gian", path], timeout: 60)
        #expect(outcome.status == 64 || outcome.status == 2)
        #expect(outcome.stderr.contains("'gian' is neither a file nor a known descriptor (did you mean gain?)"))
        let option = try ToolRunner.run("adinfo", ["-d", "exposure_tme", path], timeout: 60)
        #expect(option.stderr.contains("unknown descriptor 'exposure_tme' (did you mean exposure_time?)"))
    }

    @Test func helpShowsExamples() throws {
        let outcome = try ToolRunner.run("adinfo", ["--help"], timeout: 60)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("adinfo gain frame.fits"))
        #expect(outcome.stdout.contains("--explain"))
    }
}
