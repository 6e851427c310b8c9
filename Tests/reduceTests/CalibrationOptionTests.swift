import Foundation
import Testing

/// reduce's calibration database options: a run whose products are not calibrations creates no
/// database, and a bad database file stops the run with one sentence before any step.
@Suite("reduce --caldb and --no-store")
struct CalibrationOptionTests {
    @Test("a run without calibration products leaves no database in the output folder")
    func noDatabaseWithoutCalibrations() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let outcome = try tool.run(["makeFlat", "flat1.fits", "flat2.fits", "flat3.fits", "--quiet"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(!tool.listing("reduce-out").isEmpty)
        #expect(!tool.listing("reduce-out").contains("caldb.sqlite"))
        #expect(try tool.run(["makeFlat", "flat1.fits", "flat2.fits", "flat3.fits", "--quiet", "--no-store", "--restart"]).status == 0)
    }

    @Test("a corrupt --caldb file stops the run with a sentence naming it")
    func corruptDatabase() throws {
        let tool = try ReduceTool()
        defer { tool.remove() }
        let db = tool.url("bad.sqlite").path
        try Data(repeating: 0x41, count: 2048).write(to: URL(fileURLWithPath: db))
        let outcome = try tool.run(["makeFlat", "flat1.fits", "flat2.fits", "flat3.fits", "--caldb", db])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "ERROR - \(db) is not a calibration database: it is not a readable SQLite file "
                + "(file is not a database); move it aside or choose another file with --caldb or ASTROKIT_CALDB\n")
        #expect(!FileManager.default.fileExists(atPath: tool.url("reduce-out").path))
    }
}
