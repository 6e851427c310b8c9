import Foundation
import GRDB

/// The calibration database: one SQLite file (WAL, so several processes may add at once)
/// holding processed calibrations with the descriptors their matching rules compare, their
/// content checksum, processing time and producing recipe.
///
/// ```swift
/// let db = try CalibrationDatabase(path: "out/caldb.sqlite", create: true)
/// try db.add("out/BIAS01_master_bias_CCD1.fits")
/// let selection = try db.select("processed_bias", for: frame)   // every candidate judged
/// print(selection.explanation)
/// ```
public final class CalibrationDatabase: Sendable {
    /// SQLite `application_id` of AstroKit calibration databases ("AKCD").
    public static let applicationID: Int32 = 0x414B_4344
    /// How long a writer waits for another process's transaction before giving up.
    static let busyTimeout: TimeInterval = 30

    public let path: String
    let pool: DatabasePool
    let registry: ConfigurationRegistry

    /// Opens the database at `path` (made absolute). A missing file is created (with the schema) when `create`
    /// is true; otherwise it is refused, as is a file that is not an AstroKit calibration
    /// database (the error says what the file is instead).
    public init(path given: String, create: Bool = false, registry: ConfigurationRegistry = .shared) throws {
        let path = Self.absolute(given)
        self.path = path
        self.registry = registry
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists {
            guard create else { throw CalibrationDatabaseError.missing(path: path) }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw CalibrationDatabaseError.cannotOpen(path: path, reason: error.localizedDescription)
            }
        } else {
            try Self.checkIdentity(path)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrate(pool)
        } catch let error as DatabaseError {
            throw CalibrationDatabaseError.cannotOpen(path: path, reason: error.message ?? error.description)
        }
    }

    /// Refuses, with a sentence, a file that is not an SQLite database, an SQLite database of
    /// another application, or one written by a newer AstroKit. Opened read-only, so a foreign
    /// file is never modified.
    static func checkIdentity(_ path: String) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size == 0 { return }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                if id == applicationID {
                    if try migrator.hasBeenSuperseded(db) {
                        throw CalibrationDatabaseError.newerSchema(path: path)
                    }
                    return
                }
                // A new file another process is creating: empty, or only the migrations table so far.
                if id == 0 && tables.allSatisfy({ $0 == "grdb_migrations" }) { return }
                throw CalibrationDatabaseError.foreign(path: path, tables: tables)
            }
        } catch let error as DatabaseError {
            throw CalibrationDatabaseError.notSQLite(path: path, reason: error.message ?? error.description)
        }
    }

    /// Applies the missing schema versions. Processes creating the same new file race between
    /// reading which versions are applied and applying one; the loser's transaction fails and
    /// rolls back, so it reads the list again.
    static func migrate(_ pool: DatabasePool) throws {
        for attempt in 1...3 {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                if try pool.read({ try migrator.hasCompletedMigrations($0) }) { return }
                if attempt == 3 { throw error }
            }
        }
    }

    /// Schema versions, applied in order; a database keeps the list of those it has.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: calibrations and their matching descriptors") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: """
                CREATE TABLE calibration (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    path TEXT NOT NULL UNIQUE,
                    checksum TEXT NOT NULL,
                    type TEXT NOT NULL,
                    processed REAL NOT NULL,
                    processed_source TEXT NOT NULL,
                    recipe TEXT,
                    added REAL NOT NULL
                );
                CREATE INDEX calibration_type ON calibration(type);
                CREATE TABLE descriptor (
                    calibration_id INTEGER NOT NULL REFERENCES calibration(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    text TEXT,
                    number REAL,
                    PRIMARY KEY (calibration_id, name)
                );
                """)
        }
        return migrator
    }

    /// Names of the applied schema versions, oldest first.
    public func schemaVersions() throws -> [String] {
        try pool.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// `PRAGMA integrity_check`: "ok" for an intact file.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }
}

/// Why the calibration database cannot be used, as a sentence naming the file.
public enum CalibrationDatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(path: String)
    case notSQLite(path: String, reason: String)
    case foreign(path: String, tables: [String])
    case newerSchema(path: String)
    case cannotOpen(path: String, reason: String)
    case notACalibration(path: String, reason: String)
    case unreadable(path: String, reason: String)
    case unknownKind(String, known: [String])

    public var description: String {
        switch self {
        case .missing(let path):
            return "there is no calibration database at \(path); create it with 'caldb init --caldb \(path)'"
        case .notSQLite(let path, let reason):
            return "\(path) is not a calibration database: it is not a readable SQLite file (\(reason)); "
                + "move it aside or choose another file with --caldb or ASTROKIT_CALDB"
        case .foreign(let path, let tables):
            let list = tables.isEmpty ? "no tables" : "tables \(tables.joined(separator: ", "))"
            return "\(path) is an SQLite database of another application (\(list)), not an AstroKit "
                + "calibration database; it was left untouched: choose another file with --caldb or ASTROKIT_CALDB"
        case .newerSchema(let path):
            return "\(path) was written by a newer AstroKit whose schema this version does not know; use that version or another database"
        case .cannotOpen(let path, let reason):
            return "cannot open the calibration database \(path): \(reason)"
        case .notACalibration(let path, let reason):
            return "\(path) cannot be stored as a calibration: \(reason)"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .unknownKind(let kind, let known):
            let list = known.isEmpty ? "no configuration module declares calibration rules" : "known: \(known.joined(separator: ", "))"
            return "no calibration rule is named '\(kind)' (\(list))"
        }
    }
}
