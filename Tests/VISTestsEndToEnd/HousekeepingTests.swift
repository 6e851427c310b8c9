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
        // The report names the failed key, once out of its two exposures, and draws its
        // readings against the limits: one figure more than the 5 of a one-CCD BIAS01.
        let html = try String(contentsOf: outcome.output.appendingPathComponent("BIAS01/BIAS01_report.html"), encoding: .utf8)
        #expect(html.contains("1 of ") && html.contains("housekeeping keys out of limits: CCD1_TEMP_T."))
        let row = try #require(html.range(of: "<tr><td>CCD1_TEMP_T</td>"))
        #expect(html[row.upperBound...].prefix(200).contains("<td class=\"fail\">fail (1)</td></tr>"))
        #expect(html.contains("<figcaption>CCD1_TEMP_T over the test's exposures, with its performance limits (dashed).</figcaption>"))
        #expect(html.components(separatedBy: "<figure>").count - 1 == 6)
    }
}
