import AstroKit
import Config_VIS
import Foundation
import Testing
import VISSimulator

/// Inputs a test cannot fully use: each gives a named flag (the run completing with the valid
/// frames) or a clear error with nothing written.
@Suite(.serialized) struct BadDataTests {
    /// A fresh 4-frame BIAS01 of CCD1 in a new scratch folder.
    func bias() throws -> (VISRun, SimulationResult) {
        let run = try VISRun()
        return (run, try run.simulate("BIAS01", ccds: [1], frames: 4, seed: 21))
    }

    @Test func unreadableFrameIsFlaggedAndTheRunCompletesWithTheOthers() throws {
        let (run, sim) = try bias()
        defer { run.remove() }
        // Cut the last frame's data in half: its header still opens, its pixels do not.
        let victim = sim.frames[3]
        let data = try Data(contentsOf: victim)
        try data.prefix(data.count / 2).write(to: victim)
        let outcome = try run.reduce("BIAS01", files: sim.frames)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let flag = try #require(outcome.flags["BADDATA"])
        #expect(flag.hasPrefix("\(victim.lastPathComponent): cannot be read (cannot read rows of HDU 1 of"), "\(flag)")
        let inputs = try #require(outcome.results?["inputs"] as? [String: Any])
        #expect((inputs["files"] as? [String])?.count == 3)
        #expect((inputs["obsids"] as? [Int]) == [1000, 1001, 1002])
        // The frames set aside or kept are inputs, not products: none is copied to the output.
        let delivered = try FileManager.default.contentsOfDirectory(atPath: outcome.output.path)
        #expect(!delivered.contains { $0.hasPrefix("EUC_") }, "\(delivered)")
    }

    @Test func logRowWithoutFileIsMissingData() throws {
        let (run, sim) = try bias()
        defer { run.remove() }
        let outcome = try run.reduce("BIAS01", files: Array(sim.frames.prefix(3)))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.flags["MISSDATA"]?.contains("ObsID 1003 CCD1") == true, "\(outcome.flags)")
        let structure = try #require(outcome.results?["structure"] as? [String: Any])
        #expect(structure["consistent"] as? Bool == false)
    }

    @Test func fileWithoutLogRowIsFlaggedAndSetAside() throws {
        let (run, sim) = try bias()
        defer { run.remove() }
        let stranger = run.data.appendingPathComponent("EUC_4242_040618D_120000T_ROE1_CCD1.fits")
        try FileManager.default.copyItem(at: sim.frames[0], to: stranger)
        let outcome = try run.reduce("BIAS01", files: sim.frames + [stranger])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.flags["BADDATA"]?.contains("EUC_4242") == true, "\(outcome.flags)")
        let inputs = try #require((outcome.results?["inputs"] as? [String: Any])?["files"] as? [String])
        #expect(inputs.count == 4)
    }

    @Test func framesOfAnotherTestAreFlaggedAndSetAside() throws {
        let (run, sim) = try bias()
        defer { run.remove() }
        let dark = try run.simulate("DARK01", ccds: [1], frames: 1, seed: 22, into: "dark", firstObsID: 2000,
                                    start: SimulationRequest.campaignStart.addingTimeInterval(86_400))
        let outcome = try run.reduce("BIAS01", files: sim.frames + dark.frames)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.flags["WRONGTEST"]?.contains("DARK01") == true, "\(outcome.flags)")
        let inputs = try #require((outcome.results?["inputs"] as? [String: Any])?["files"] as? [String])
        #expect(inputs.count == 4)
    }

    @Test func truncatedTestIsMissingDataAndUsesWhatThereIs() throws {
        let (run, sim) = try bias()
        defer { run.remove() }
        // The acquisition stopped after 3 of 10 frames: neither the log nor the folder has more.
        let log = try #require(sim.exposureLogs.first)
        // Logs end lines with CRLF, one Character in Swift: split on any newline.
        var lines = try String(contentsOf: log, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let before = lines.count
        lines.removeAll { $0.hasPrefix("1003\t") }
        #expect(lines.count == before - 1)
        try (lines.joined(separator: "\r\n") + "\r\n").write(to: log, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: sim.frames[3])
        let outcome = try run.reduce("BIAS01", files: Array(sim.frames.prefix(3)))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let missing = try #require(outcome.flags["MISSDATA"])
        #expect(missing.contains("missing for CCD1 (expected 10, found 3)"), "\(missing)")
        #expect(!missing.contains("has no file"), "\(missing)")
        #expect(FileManager.default.fileExists(atPath: outcome.output.appendingPathComponent("BIAS01/EUC_MASTERBIAS_CCD1.fits").path))
    }

    @Test func noUsableFrameStopsBeforeWritingAnything() throws {
        let (run, _) = try bias()
        defer { run.remove() }
        let dark = try run.simulate("DARK01", ccds: [1], frames: 1, seed: 23, into: "dark")
        let outcome = try run.reduce("BIAS01", files: dark.frames)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("usable BIAS01 frame"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outcome.output.path))
    }
}
