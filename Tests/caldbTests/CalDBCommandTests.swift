import AstroKit
import Config_VIS
import Foundation
import TestTools
import Testing

/// The `caldb` command, run as a built binary.
@Suite("caldb command line")
struct CalDBCommandTests {
    @Test("init, add, list and explain a VIS master bias; a stale file is never chosen")
    func addListExplain() throws {
        let folder = try VISProducts.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("caldb.sqlite").path
        let initialised = try ToolRunner.run("caldb", ["init", "--caldb", db])
        #expect(initialised.status == 0 && initialised.stdout == "created \(db) (schema: v1: calibrations and their matching descriptors)\n")
        let bias = try VISProducts.product(folder, "BIAS01_master_bias_CCD1.fits")
        let warm = try VISProducts.product(folder, "BIAS01_warm_master_bias_CCD1.fits", date: "2018-06-05T09:00:00", temperature: -116)
        let frame = try VISProducts.frame(folder)
        let added = try ToolRunner.run("caldb", ["add", "--caldb", db, bias, warm, frame])
        #expect(added.status == 1)
        #expect(added.stdout == "added \(bias) as VIS_MASTER_BIAS\nadded \(warm) as VIS_MASTER_BIAS\n")
        #expect(added.stderr.contains("caldb: \(frame) cannot be stored as a calibration: its types ("))
        let listed = try ToolRunner.run("caldb", ["list", "--caldb", db, "--type", "processed_bias", "--json"])
        let objects = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        #expect(objects?.count == 2)
        #expect((objects?.first?["descriptors"] as? [String: Any])?["readout_mode"] as? String == "fwd_bas")
        #expect(objects?.first?["recipe"] as? String == "makeMasterBias")

        // Biases do not depend on temperature in the VIS rules: the warmer one is closer in time and wins.
        let explained = try ToolRunner.run("caldb", ["explain", "--caldb", db, frame, "processed_bias"])
        #expect(explained.status == 0)
        let lines = explained.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  pass  ccd_serial equal: dataset '14173-14-01', product '14173-14-01': equal"))
        #expect(lines.contains("  pass  vend equal: dataset 6, product 6: equal"))
        #expect(lines.last == "chosen: BIAS01_warm_master_bias_CCD1.fits, because it passes all 6 criteria and its file is intact; "
                + "it beats BIAS01_master_bias_CCD1.fits on time: 0.04 days from the data against 1.00 days")

        _ = try VISProducts.product(folder, "BIAS01_warm_master_bias_CCD1.fits", date: "2018-06-05T09:00:00", temperature: -116, level: 2501)
        let stale = try ToolRunner.run("caldb", ["explain", "--caldb", db, frame, "VIS_MASTER_BIAS"])
        #expect(stale.stdout.contains("candidate 1: \(warm)\n"))
        #expect(stale.stdout.contains("  file: stale: checksum differs\n"))
        #expect(stale.stdout.hasSuffix("chosen: BIAS01_master_bias_CCD1.fits, because it passes all 6 criteria and its file is intact; "
                                       + "it is the only candidate that does\n"))

        let removed = try ToolRunner.run("caldb", ["remove", "--caldb", db, warm])
        #expect(removed.stdout == "removed \(warm)\n")
        let table = try ToolRunner.run("caldb", ["list", "--caldb", db]).stdout.split(separator: "\n").map(String.init)
        #expect(table.count == 3, "\(table)")
        #expect(table.first == "Database: \(db)")
        #expect(table.last?.hasPrefix("VIS_MASTER_BIAS  ") == true && table.last?.hasSuffix(bias) == true, "\(table)")
    }

    @Test("a corrupt database file is refused with one sentence, not a stack trace")
    func corruptDatabase() throws {
        let folder = try VISProducts.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("caldb.sqlite").path
        try Data("SQLite format 3 but not really, this file was truncated by a copy".utf8).write(to: URL(fileURLWithPath: db))
        let outcome = try ToolRunner.run("caldb", ["list", "--caldb", db])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "caldb: \(db) is not a calibration database: it is not a readable SQLite file "
                + "(file is not a database); move it aside or choose another file with --caldb or ASTROKIT_CALDB\n")
    }

    @Test("four processes adding 50 products each at once to a new file: 200 rows, an intact database, no error")
    func concurrentAdds() throws {
        let folder = try VISProducts.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("caldb.sqlite").path
        // No `caldb init`: the four processes also race to create the file and its schema.
        var batches: [[String]] = []
        for process in 0..<4 {
            batches.append(try (0..<50).map { i in
                let day = String(format: "2018-06-%02dT%02d:%02d:00", 1 + process, i / 60, i % 60)
                return try VISProducts.product(folder, "bias_\(process)_\(i).fits", date: day)
            })
        }
        let processes = try batches.map { files -> (Process, Pipe) in
            let process = Process()
            process.executableURL = ToolRunner.executable("caldb")
            process.arguments = ["add", "--quiet", "--caldb", db] + files
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return (process, errors)
        }
        for (process, errors) in processes {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(text)")
            #expect(text.isEmpty)
        }
        let registry = ConfigurationRegistry()
        try registry.register(VISConfiguration())
        let database = try CalibrationDatabase(path: db, registry: registry)
        #expect(try database.list().count == 200)
        #expect(try database.integrityCheck() == "ok")
    }
}
