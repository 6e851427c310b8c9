import AstroKit
import Foundation
import GRDB
import Testing

/// Storing, updating, listing and removing calibrations; refusing files that are not
/// calibration databases; where the database is.
@Suite("Calibration database: storage and integrity")
struct CalibrationStoreTests {
    let folder: URL
    let registry: ConfigurationRegistry

    init() throws {
        folder = try LabFiles.folder()
        registry = try LabFiles.registry()
    }

    @Test("adding stores typed descriptors and the checksum; adding again updates; remove forgets")
    func addListRemove() throws {
        let db = try CalibrationDatabase(path: folder.appendingPathComponent("c.sqlite").path, create: true, registry: registry)
        let bias = try LabFiles.write(folder, "bias.fits", proctype: "BIAS", temperature: 152.25, processed: "2018-06-05T08:00:00")
        let record = try db.add(bias)
        #expect(record.type == "LAB_BIAS")
        #expect(record.checksum == (try CalibrationDatabase.checksum(bias)))
        #expect(record.descriptors["temperature"] == .double(152.25))
        #expect(record.descriptors["readout_mode"] == .string("fast"))
        #expect(record.descriptors["ut_datetime"] == .date(FITSDate.parse("2018-06-04T10:00:00")!))
        try LabFiles.write(folder, "bias.fits", proctype: "BIAS", temperature: 151, processed: "2018-06-05T08:00:00")
        try db.add(bias)
        let listed = try db.list()
        #expect(listed.count == 1)
        #expect(listed.first?.descriptors["temperature"] == .double(151))
        #expect(try db.list(type: "processed_bias").count == 1)
        #expect(try db.list(type: "LAB_DARK").isEmpty)
        #expect(try db.remove(bias) == 1)
        #expect(try db.list().isEmpty)
        #expect(try db.integrityCheck() == "ok")
        #expect(try db.schemaVersions() == ["v1: calibrations and their matching descriptors"])
    }

    @Test("a raw frame is not a calibration, and the error says why")
    func rawFrameRefused() throws {
        let db = try CalibrationDatabase(path: folder.appendingPathComponent("c.sqlite").path, create: true, registry: registry)
        let frame = try LabFiles.write(folder, "frame.fits")
        #expect(throws: CalibrationDatabaseError.notACalibration(path: frame, reason: "its types (LAB, RAW) include no calibration type (LAB_BIAS)")) {
            try db.add(frame)
        }
    }

    @Test("a corrupt file, another application's SQLite file and a missing file are refused with a sentence")
    func badDatabaseFiles() throws {
        let corrupt = folder.appendingPathComponent("corrupt.sqlite").path
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: corrupt))
        #expect(throws: CalibrationDatabaseError.notSQLite(path: corrupt, reason: "file is not a database")) {
            try CalibrationDatabase(path: corrupt, registry: registry)
        }
        let error = try #require(throws: CalibrationDatabaseError.self) { try CalibrationDatabase(path: corrupt, registry: registry) }
        #expect(error.description == "\(corrupt) is not a calibration database: it is not a readable SQLite file "
                + "(file is not a database); move it aside or choose another file with --caldb or ASTROKIT_CALDB")
        let foreign = folder.appendingPathComponent("gmos.sqlite").path
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE gmos (x)") }
        let before = try CalibrationDatabase.checksum(foreign)
        #expect(throws: CalibrationDatabaseError.foreign(path: foreign, tables: ["gmos"])) {
            try CalibrationDatabase(path: foreign, create: true, registry: registry)
        }
        #expect(try CalibrationDatabase.checksum(foreign) == before)
        let missing = folder.appendingPathComponent("none.sqlite").path
        #expect(throws: CalibrationDatabaseError.missing(path: missing)) { try CalibrationDatabase(path: missing, registry: registry) }
        #expect(CalibrationDatabaseError.missing(path: missing).description
                == "there is no calibration database at \(missing); create it with 'caldb init --caldb \(missing)'")
    }

    @Test("the location is --caldb, else ASTROKIT_CALDB, else caldb.sqlite in the output folder")
    func location() {
        let output = URL(fileURLWithPath: "/data/out")
        #expect(CalibrationDatabaseLocation.resolve(option: "/a.sqlite", environment: ["ASTROKIT_CALDB": "/b.sqlite"], defaultFolder: output)
                == ("/a.sqlite", "--caldb"))
        #expect(CalibrationDatabaseLocation.resolve(option: nil, environment: ["ASTROKIT_CALDB": "/b.sqlite"], defaultFolder: output)
                == ("/b.sqlite", "ASTROKIT_CALDB"))
        #expect(CalibrationDatabaseLocation.resolve(option: nil, environment: [:], defaultFolder: output)
                == ("/data/out/caldb.sqlite", "default in /data/out"))
    }
}
