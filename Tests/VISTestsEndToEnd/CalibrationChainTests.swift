import AstroKit
import Config_VIS
import Foundation
import TestTools
import Testing
import VISSimulator

/// Products of one test feed the next through the calibration database (issue 8's chain):
/// BIAS01's master bias and read-noise table, DARK01 (which subtracts the stored master bias and
/// makes a defect mask), PTC01 (which applies the stored mask and makes a gain table), all of
/// the same simulated CCD (same seed, so the same serial); then `adinfo` on a raw frame.
@Suite(.serialized) struct CalibrationChainTests {
    struct Chain: @unchecked Sendable {
        let run: VISRun
        let database: String
        let bias: VISRun.Outcome
        let dark: VISRun.Outcome
        let darkFrames: [URL]
        let ptc: VISRun.Outcome
        let biasFrames: [URL]
    }

    static let chain: Result<Chain, any Error> = Result {
        let run = try VISRun()
        let database = run.folder.appendingPathComponent("caldb.sqlite").path
        let bias = try run.simulate("BIAS01", ccds: [1], seed: 11, into: "bias")
        let dark = try run.simulate("DARK01", ccds: [1], seed: 11, into: "dark")
        let biasRun = try run.reduce("BIAS01", files: bias.frames, extra: ["--caldb", database], name: "bias-out")
        let darkRun = try run.reduce("DARK01", files: dark.frames, extra: ["--caldb", database], name: "dark-out")
        let ptc = try run.simulate("PTC01", ccds: [1], frames: 2, seed: 11, into: "ptc")
        let ptcRun = try run.reduce("PTC01", files: ptc.frames, extra: ["--caldb", database], name: "ptc-out")
        return Chain(run: run, database: database, bias: biasRun, dark: darkRun, darkFrames: dark.frames, ptc: ptcRun,
                     biasFrames: bias.frames)
    }

    static func stack(_ url: URL) throws -> PixelArray<Float> {
        try FITSFile.open(url.path).readImage(hdu: 1, as: Float.self).pixels
    }

    @Test func darkSubtractsTheStoredMasterBias() throws {
        let chain = try Self.chain.get()
        #expect(chain.bias.status == 0, "\(chain.bias.stderr)")
        #expect(chain.dark.status == 0, "\(chain.dark.stderr)")
        let masterBias = chain.bias.output.appendingPathComponent("BIAS01/EUC_MASTERBIAS_CCD1.fits")
        let sources = try #require(chain.dark.results?["calibrations"] as? [String: [String: String]])
        #expect(sources["processed_bias"]?["CCD1"] == "calibration database: \(masterBias.path)")

        // The same darks without a database: the master darks differ by exactly the master bias
        // (a pixel-wise median shifts with a constant per pixel).
        let alone = try chain.run.reduce("DARK01", files: chain.darkFrames,
                                         extra: ["--caldb", chain.run.folder.appendingPathComponent("empty.sqlite").path], name: "dark-alone")
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(alone.stderr.contains("subtractBias: no processed_bias for EUC_"), "\(alone.stderr)")
        let aloneSources = try #require(alone.results?["calibrations"] as? [String: [String: String]])
        #expect(aloneSources["processed_bias"]?["CCD1"]?.hasPrefix("none: no processed_bias for EUC_") == true)
        let with = try Self.stack(chain.dark.output.appendingPathComponent("DARK01/EUC_MASTERDARK_CCD1.fits"))
        let without = try Self.stack(alone.output.appendingPathComponent("DARK01/EUC_MASTERDARK_CCD1.fits"))
        let bias = try Self.stack(masterBias)
        var worst: Float = 0, compared = 0
        for i in bias.values.indices where with.values[i].isFinite && without.values[i].isFinite && bias.values[i].isFinite {
            worst = max(worst, abs((without.values[i] - with.values[i]) - bias.values[i]))
            compared += 1
        }
        #expect(compared > bias.values.count / 2)
        #expect(worst < 1e-3, "largest departure \(worst) ADU")
    }

    @Test func readNoiseOfLaterFramesComesFromTheBiasTable() throws {
        let chain = try Self.chain.get()
        let table = chain.bias.output.appendingPathComponent("BIAS01/EUC_RON_TB.fits").path
        let frame = try #require(chain.darkFrames.first)
        let run = try ToolRunner.run("adinfo", ["--caldb", chain.database, "--json", frame.path],
                                     environment: ["ASTROKIT_BLOCKID": "EINSTEIN"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let noise = try #require(((json["descriptors"] as? [String: Any])?["quadrant_read_noise"] as? [String: Any]))
        let values = try #require(noise["value"] as? [String: Any])
        #expect((noise["source"] as? String)?.hasPrefix("read-noise table \(table) (BIAS01, 2018-") == true, "\(noise)")
        // ron_pre of BIAS01 (ADU, median over frames) times the gain PTC01 measured.
        for q in ["E", "F", "G", "H"] {
            let expected = number(chain.bias.quadrant("CCD1", q)["ron_pre"]) * number(chain.ptc.quadrant("CCD1", q)["gain"])
            #expect(abs(number(values[q]) - expected) < 1e-9 * expected, "\(q): \(number(values[q])) vs \(expected)")
        }
        let all = try ToolRunner.run("adinfo", ["--caldb", chain.database, "--all", frame.path], environment: ["ASTROKIT_BLOCKID": "EINSTEIN"])
        #expect(all.stdout.contains("read-noise table \(table) (BIAS01, 2018-"), "\(all.stdout)")
    }

    @Test func aUserFileThatDoesNotMatchIsUsedWithAWarning() throws {
        let chain = try Self.chain.get()
        // A master bias of another CCD (another simulated block: another serial).
        let other = try chain.run.simulate("BIAS01", ccds: [1], seed: 12, into: "other-bias")
        let otherRun = try chain.run.reduce("BIAS01", files: other.frames, extra: ["--no-store", "--caldb", chain.database], name: "other-out")
        #expect(otherRun.status == 0, "\(otherRun.stderr)")
        let foreign = otherRun.output.appendingPathComponent("BIAS01/EUC_MASTERBIAS_CCD1.fits").path
        let outcome = try chain.run.reduce("DARK01", files: chain.darkFrames,
                                           extra: ["--caldb", chain.database, "-p", "subtractBias:files=\(foreign)"], name: "dark-user")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("subtractBias: the processed_bias \(foreign) given for CCD1 does not match EUC_"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("ccd_serial"), "\(outcome.stderr)")
        let sources = try #require(outcome.results?["calibrations"] as? [String: [String: String]])
        #expect(sources["processed_bias"]?["CCD1"]?.hasPrefix("user file \(foreign) (does not match: ccd_serial") == true,
                "\(sources)")
    }

    @Test func aRequiredCalibrationThatIsMissingStopsTheRunSayingWhy() throws {
        let chain = try Self.chain.get()
        let outcome = try chain.run.reduce("DARK01", files: chain.darkFrames,
                                           extra: ["--caldb", chain.run.folder.appendingPathComponent("none.sqlite").path,
                                                   "-p", "subtractBias:required=true"], name: "dark-required")
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("subtractBias: no processed_bias for EUC_1000_"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outcome.output.appendingPathComponent("DARK01/DARK01_results.json").path))
    }

    @Test func ptcUsesTheStoredMaskAndItsGainsBecomeTheFramesGains() throws {
        let chain = try Self.chain.get()
        #expect(chain.ptc.status == 0, "\(chain.ptc.stderr)")
        let mask = chain.dark.output.appendingPathComponent("DARK01/EUC_DKMSK_CCD1.fits").path
        let sources = try #require(chain.ptc.results?["calibrations"] as? [String: [String: String]])
        #expect(sources["defect_mask"]?["CCD1"] == "calibration database: \(mask)", "\(sources)")

        // adinfo on a raw bias frame: the PTC01 gain of each quadrant, from the stored table.
        let table = chain.ptc.output.appendingPathComponent("PTC01/EUC_GAIN_TB.fits").path
        let frame = try #require(chain.biasFrames.first)
        let run = try ToolRunner.run("adinfo", ["--caldb", chain.database, "--json", frame.path], environment: ["ASTROKIT_BLOCKID": "EINSTEIN"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let gains = try #require((json["descriptors"] as? [String: Any])?["quadrant_gains"] as? [String: Any])
        #expect((gains["source"] as? String) == "gain table \(table) (PTC01, 2018-06-04)", "\(gains)")
        let values = try #require(gains["value"] as? [String: Any])
        for q in ["E", "F", "G", "H"] {
            let measured = number(chain.ptc.quadrant("CCD1", q)["gain"])
            #expect(measured.isFinite && abs(number(values[q]) - measured) < 1e-12 * measured, "\(q): \(values[q] ?? "nil") vs \(measured)")
        }
        // The one-line question users ask, and --all naming the product.
        let gain = try ToolRunner.run("adinfo", ["--caldb", chain.database, "gain", frame.path], environment: ["ASTROKIT_BLOCKID": "EINSTEIN"])
        #expect(gain.status == 0, "\(gain.stderr)")
        // One line: FILE<TAB>E=… F=… G=… H=… with the measured gains.
        let printed = try #require(gain.stdout.split(separator: "\t").last).trimmingCharacters(in: .whitespacesAndNewlines)
        let pairs = printed.split(separator: " ").map { $0.split(separator: "=").map(String.init) }
        #expect(pairs.map { $0.first ?? "" } == ["E", "F", "G", "H"], "\(gain.stdout)")
        for pair in pairs where pair.count == 2 {
            let measured = number(chain.ptc.quadrant("CCD1", pair[0])["gain"])
            #expect(abs((Double(pair[1]) ?? .nan) - measured) < 1e-9 * measured, "\(pair[0]): \(pair[1]) vs \(measured)")
        }
        let all = try ToolRunner.run("adinfo", ["--caldb", chain.database, "--all", frame.path], environment: ["ASTROKIT_BLOCKID": "EINSTEIN"])
        #expect(all.stdout.contains("gain table \(table) (PTC01, 2018-06-04)"), "\(all.stdout)")
        // Read noise now converts the BIAS01 table with the measured gains.
        #expect(all.stdout.contains("x gain (gain table \(table)"), "\(all.stdout)")
    }
}
