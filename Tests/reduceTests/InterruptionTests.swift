import AstroKit
import Foundation
import Testing

@Suite("reduce resumes after SIGKILL")
struct InterruptionTests {
    @Test("killed in the middle of a run, the same command resumes and gives the products of an uninterrupted run")
    func killAndResume() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let command = ["slowStack", "flat1.fits", "flat2.fits", "flat3.fits"]

        let reference = try tool.run(command + ["-o", "reference", "--work-dir", "work-reference"])
        #expect(reference.status == 0, "\(reference.stderr)")

        let interrupted = command + ["-o", "out", "--work-dir", "work", "--log-file", "run.log"]
        let (process, _, _) = tool.process(interrupted, environment: ["CAM_PAUSE_SECONDS": "30"])
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let log = (try? String(contentsOf: tool.url("run.log"), encoding: .utf8)) ?? ""
            if log.contains("pausing 30.0 s") { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(!FileManager.default.fileExists(atPath: tool.url("out").path))
        #expect(FileManager.default.fileExists(atPath: tool.url("work/checkpoint.sqlite").path))

        let resumed = try tool.run(interrupted)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("Resuming after step 2 (scale), completed in an earlier run; --restart starts over"))
        #expect(!resumed.stderr.contains("PRIMITIVE subtractScalar"))
        #expect(resumed.stderr.contains("3 PRIMITIVE pause"))

        #expect(tool.listing("out") == ["flat1_slow.fits", "slow.csv"])
        #expect(tool.listing("out") == tool.listing("reference"))
        #expect(try Data(contentsOf: tool.url("out/slow.csv")) == Data(contentsOf: tool.url("reference/slow.csv")))
        let a = try AstroData.open(tool.url("out/flat1_slow.fits").path)
        let b = try AstroData.open(tool.url("reference/flat1_slow.fits").path)
        #expect(try a.extensions[0].science().values == b.extensions[0].science().values)
        #expect(Self.comparable(a.primaryHeader) == Self.comparable(b.primaryHeader))
        #expect(Self.comparable(a.extensions[0].header) == Self.comparable(b.extensions[0].header))
        #expect(a.primaryHeader.history.filter { $0.hasPrefix("AstroKit ") && !$0.hasPrefix("AstroKit   ") }
            == ["AstroKit subtractScalar(value=100.0)", "AstroKit scale(factor=2.0)",
                "AstroKit stackFrames(operation=median, suffix=_slow)"])
        // The median of 3 frames is the middle one: (1100 + x - 100) * 2.
        #expect(try a.extensions[0].science().values.prefix(3) == [2000, 2002, 2004])
    }

    @Test("a changed command does not resume a stale checkpoint; --restart ignores a valid one")
    func changedCommandStartsOver() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let base = ["makeFlat", "flat1.fits", "flat2.fits", "--work-dir", "work"]
        #expect(try tool.run(base + ["--until", "1"]).status == 0)
        let changed = try tool.run(base + ["-p", "scale:factor=3"])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stderr.contains("The command changed since the checkpoint in"))
        #expect(changed.stderr.contains("1.1.2 PRIMITIVE scale"))
        #expect(try tool.run(base + ["--until", "1"]).status == 0)
        let restarted = try tool.run(base + ["--restart"])
        #expect(!restarted.stderr.contains("Resuming"))
        #expect(restarted.stderr.contains("1.1.1 PRIMITIVE subtractScalar"))
        let resumed = try tool.run(base + ["--until", "1"])
        #expect(resumed.status == 0)
        #expect(try tool.run(base).stderr.contains("Resuming after step 1 (prepareFlats)"))
    }

    /// Header cards without the checksums (their comments carry the time of writing) and
    /// without the provenance time stamps.
    static func comparable(_ header: FITSHeader) -> [String] {
        header.cards.compactMap { card in
            let key = card.keyword.uppercased()
            if key == "CHECKSUM" || key == "DATASUM" { return nil }
            if key == "HISTORY", card.comment?.hasPrefix("AstroKit   at ") == true { return nil }
            return "\(key)=\(card.value?.description ?? "")/\(card.comment ?? "")"
        }
    }
}
