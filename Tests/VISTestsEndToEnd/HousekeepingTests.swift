import Foundation
import Testing
import VISSimulator

/// checkHousekeeping raises HK_OOL when an exposure's HK is out of its limits.
@Suite struct HousekeepingTests {
    @Test func warmCCDRaisesHKOutOfLimits() throws {
        let run = try VISRun()
        defer { run.remove() }
        let sim = try run.simulate("BIAS01", ccds: [1], frames: 2, seed: 31)
        let hk = try #require(sim.housekeeping.first)
        // CCD1 at +20 C instead of -120 C for the whole of the first exposure.
        // HK files end lines with CRLF, one Character in Swift: split on any newline.
        var lines = try String(contentsOf: hk, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].components(separatedBy: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
        let column = try #require(header.firstIndex(of: "CCD1_TEMP_T"))
        for i in 1..<lines.count {
            var fields = lines[i].components(separatedBy: "\t")
            fields[column] = "20.0"
            lines[i] = fields.joined(separator: "\t")
        }
        try (lines.joined(separator: "\r\n") + "\r\n").write(to: hk, atomically: true, encoding: .utf8)
        let outcome = try run.reduce("BIAS01", files: sim.frames)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let flag = try #require(outcome.flags["HK_OOL"], "flags: \(outcome.flags.keys.sorted())")
        #expect(flag.contains("ObsID 1000") && flag.contains("CCD1_TEMP_T"), "\(flag)")
        #expect(!flag.contains("ObsID 1001"))
    }
}
