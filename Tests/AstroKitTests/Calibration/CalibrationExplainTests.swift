import AstroKit
import Foundation
import Testing

/// `explain` and the look-up on a fictitious camera: every candidate, every criterion with both
/// values and the tolerance, the winner and why; near misses and stale files.
@Suite("Calibration database: matching and explanations")
struct CalibrationExplainTests {
    let folder: URL
    let registry: ConfigurationRegistry
    let database: CalibrationDatabase

    init() throws {
        folder = try LabFiles.folder()
        registry = try LabFiles.registry()
        database = try CalibrationDatabase(path: folder.appendingPathComponent("caldb.sqlite").path, create: true,
                                           registry: registry)
    }

    func frame() throws -> AstroData {
        try AstroData.open(LabFiles.write(folder, "frame.fits"), registry: registry)
    }

    @Test("the closest bias in time wins, and explain says so with every criterion")
    func match() throws {
        let near = try LabFiles.write(folder, "bias_near.fits", proctype: "BIAS", temperature: 153.5,
                                      date: "2018-06-03T10:00:00", processed: "2018-06-05T08:00:00")
        let far = try LabFiles.write(folder, "bias_far.fits", proctype: "BIAS", temperature: 152,
                                     date: "2018-05-20T10:00:00", processed: "2018-06-06T08:00:00")
        try database.add(near)
        try database.add(far)
        let selection = try database.select("processed_bias", for: try frame(), verifyAll: true)
        let text = selection.explanation
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "processed_bias for frame.fits: rule LAB_BIAS for LAB, database \(database.path)")
        #expect(lines[1] == "  order: closest in time, then newest processing")
        #expect(lines.contains("  dataset temperature = 153 (primary header CCDTEMP)"))
        #expect(lines.contains("candidate 1: \(near) [chosen]"))
        #expect(lines.contains("  processed 2018-06-05T08:00:00 (primary header DATE), recipe not recorded, 1.00 days from the data"))
        #expect(lines.contains("  pass  detector_name equal: dataset 'CCD-A', product 'CCD-A': equal"))
        #expect(lines.contains("  pass  temperature within ±2 K: dataset 153, product 153.5: differ by 0.5 K, tolerance ±2 K"))
        #expect(lines.contains("  pass  ut_datetime within ±90 days: dataset 2018-06-04T10:00:00, product 2018-06-03T10:00:00: 1.00 days apart, window ±90 days"))
        #expect(lines.contains("candidate 2: \(far)"))
        #expect(lines.filter { $0 == "  file: checksum verified" }.count == 2)
        #expect(lines.last == "chosen: bias_near.fits, because it passes all 4 criteria and its file is intact; "
                + "it beats bias_far.fits on time: 1.00 days from the data against 15.00 days")
        #expect(try database.best("processed_bias", for: try frame())?.path == near)
    }

    @Test("a bias outside the temperature tolerance is a near miss, and the failure sentence names it")
    func nearMiss() throws {
        let warm = try LabFiles.write(folder, "bias_warm.fits", proctype: "BIAS", temperature: 156.5)
        let slow = try LabFiles.write(folder, "bias_slow.fits", proctype: "BIAS", mode: "slow", temperature: 160)
        try database.add(warm)
        try database.add(slow)
        let selection = try database.select("processed_bias", for: try frame(), verifyAll: true)
        #expect(selection.chosen == nil)
        let lines = selection.explanation.split(separator: "\n").map(String.init)
        #expect(lines.contains("  FAIL  temperature within ±2 K: dataset 153, product 156.5: differ by 3.5 K, tolerance ±2 K"))
        #expect(lines.contains("  FAIL  readout_mode equal: dataset 'fast', product 'slow': differ (must be equal)"))
        let sentence = "no processed_bias for frame.fits among the 2 LAB_BIAS in \(database.path); closest near misses: "
            + "bias_warm.fits (temperature 153 vs 156.5: differ by 3.5 K, tolerance ±2 K), "
            + "bias_slow.fits (readout_mode 'fast' vs 'slow': differ (must be equal); temperature 153 vs 160: differ by 7 K, tolerance ±2 K)"
        #expect(selection.failureSentence == sentence)
        #expect(lines.last == sentence)
        #expect(database.explainMiss("processed_bias", for: try frame()) == sentence)
        #expect(try database.calibration("processed_bias", for: try frame()) == nil)
    }

    @Test("a changed file is stale and a deleted one missing: neither is ever returned")
    func staleAndMissing() throws {
        let changed = try LabFiles.write(folder, "bias_changed.fits", proctype: "BIAS", date: "2018-06-04T11:00:00")
        let gone = try LabFiles.write(folder, "bias_gone.fits", proctype: "BIAS", date: "2018-06-04T12:00:00")
        try database.add(changed)
        try database.add(gone)
        try LabFiles.write(folder, "bias_changed.fits", proctype: "BIAS", date: "2018-06-04T11:00:00", level: 1001)
        try FileManager.default.removeItem(atPath: gone)
        let selection = try database.select("processed_bias", for: try frame(), verifyAll: true)
        let lines = selection.explanation.split(separator: "\n").map(String.init)
        #expect(lines.contains("  file: stale: checksum differs"))
        #expect(lines.contains("  file: missing"))
        #expect(selection.chosen == nil)
        #expect(selection.failureSentence == "no processed_bias for frame.fits among the 2 LAB_BIAS in \(database.path); "
                + "closest near misses: bias_changed.fits (stale: checksum differs), bias_gone.fits (missing)")
        #expect(try database.calibration("processed_bias", for: try frame()) == nil)
        // Adding it again records the new content, and it is returned.
        try database.add(changed)
        #expect(try database.calibration("processed_bias", for: try frame())?.path == changed)
    }

    @Test("primitives get the calibration through the context, and a required one that is missing explains itself")
    func lookupThroughTheContext() throws {
        let bias = try LabFiles.write(folder, "bias.fits", proctype: "BIAS")
        try database.add(bias)
        let log = try ReductionLog(verbosity: .quiet, console: { _ in })
        let context = ReductionContext(inputs: [try frame()], log: log, stagingFolder: folder, calibrations: database)
        let found = try context.calibration("processed_bias", for: try frame())
        #expect(found?.path == bias)
        #expect(found?.types.contains("LAB_BIAS") == true)
        let other = try AstroData.open(LabFiles.write(folder, "frame_b.fits", detector: "CCD-B"), registry: registry)
        #expect(try context.calibration("processed_bias", for: other) == nil)
        #expect(throws: CalibrationLookupError.self) { try context.requireCalibration("processed_bias", for: other) }
        do { _ = try context.requireCalibration("processed_bias", for: other) } catch {
            #expect("\(error)" == "no processed_bias for frame_b.fits among the 1 LAB_BIAS in \(database.path); "
                    + "closest near misses: bias.fits (detector_name 'CCD-B' vs 'CCD-A': differ (must be equal))")
        }
        #expect(throws: CalibrationDatabaseError.unknownKind("processed_arc", known: ["processed_bias"])) {
            try database.select("processed_arc", for: try frame())
        }
    }
}
