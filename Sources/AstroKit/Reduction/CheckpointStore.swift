import Foundation
import GRDB

/// The checkpoints of a run, in `WORK/checkpoint.sqlite`: after each top-level step, the
/// stream and list manifest (datasets written as FITS files under `WORK/datasets`, named by
/// their content checksum), the ledger, the step log and the rest of the context, saved in one
/// transaction. The run's key (plan + inputs + parameters) is stored with them, so a changed
/// command never resumes a stale run.
///
/// ```swift
/// let store = try CheckpointStore(folder: work)
/// if try store.key() != key { try store.reset(key: key) }
/// let last = try store.lastCompletedStep()   // resume after it
/// ```
public final class CheckpointStore {
    public let folder: URL
    let database: DatabaseQueue
    var datasetsFolder: URL { folder.appendingPathComponent("datasets") }
    /// Per ledger table, the step whose rows were last written and those rows: a table no step
    /// has touched since is saved as a reference to that step (`ledger_same`), not re-encoded.
    /// Long runs carry thousands of rows through a dozen steps; re-encoding them all after every
    /// step cost ~1.5 s of a full-size PTC01.
    private var written: [String: (step: Int, rows: [MeasurementLedger.Row])] = [:]

    public init(folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("datasets"), withIntermediateDirectories: true)
        database = try DatabaseQueue(path: folder.appendingPathComponent("checkpoint.sqlite").path)
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS run (key TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS steps (step INTEGER PRIMARY KEY, name TEXT NOT NULL,
                    location TEXT NOT NULL, finished TEXT NOT NULL, log TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS datasets (step INTEGER NOT NULL, container TEXT NOT NULL,
                    name TEXT NOT NULL, position INTEGER NOT NULL, path TEXT NOT NULL, file TEXT NOT NULL,
                    checksum TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS ledger (step INTEGER NOT NULL, tbl TEXT NOT NULL,
                    position INTEGER NOT NULL, keys TEXT NOT NULL, vals TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS state (step INTEGER PRIMARY KEY, json TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS ledger_same (step INTEGER NOT NULL, tbl TEXT NOT NULL,
                    from_step INTEGER NOT NULL);
                """)
        }
    }

    /// The key of the run the checkpoints belong to.
    public func key() throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT key FROM run") }
    }

    /// Forgets every checkpoint and starts a run with this key.
    public func reset(key: String) throws {
        try database.write { db in
            for table in ["run", "steps", "datasets", "ledger", "ledger_same", "state"] { try db.execute(sql: "DELETE FROM \(table)") }
            try db.execute(sql: "INSERT INTO run (key) VALUES (?)", arguments: [key])
        }
        written = [:]
        try? FileManager.default.removeItem(at: datasetsFolder)
        try FileManager.default.createDirectory(at: datasetsFolder, withIntermediateDirectories: true)
    }

    /// Removes the checkpoint, its datasets and the staging folder once a run has delivered its
    /// products; the work folder itself goes too when nothing else is in it.
    func discard() {
        try? database.close()
        let manager = FileManager.default
        for name in ["checkpoint.sqlite", "checkpoint.sqlite-wal", "checkpoint.sqlite-shm", "datasets", "staging"] {
            try? manager.removeItem(at: folder.appendingPathComponent(name))
        }
        if (try? manager.contentsOfDirectory(atPath: folder.path))?.isEmpty == true { try? manager.removeItem(at: folder) }
    }

    /// The index of the last top-level step whose checkpoint is complete.
    public func lastCompletedStep() throws -> Int? {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT MAX(step) FROM steps") }
    }

    /// Names and completion times of the checkpointed steps, in order.
    public func completedSteps() throws -> [(step: Int, name: String, finished: String)] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT step, name, finished FROM steps ORDER BY step").map { ($0["step"], $0["name"], $0["finished"]) }
        }
    }

    /// Saves the context after a top-level step: dataset files first (content-addressed, so
    /// rewriting one is harmless), then every row in one transaction.
    func save(step: Int, name: String, location: String, context: ReductionContext, log: [String]) throws {
        var rows: [(container: String, name: String, position: Int, path: String, file: String, checksum: String)] = []
        for (container, groups) in [("stream", context.streams), ("list", context.lists)] {
            for (groupName, datasets) in groups {
                let checksums = try context.checksums(of: container == "list" ? "list:" + groupName : groupName)
                for (position, dataset) in datasets.enumerated() {
                    let checksum = checksums[position]
                    // An unmodified input file is recorded by reference; anything else is copied,
                    // content-addressed.
                    if checksum.hasPrefix("file:"), let source = dataset.path {
                        rows.append((container, groupName, position, source, Self.referencePrefix + source, checksum))
                        continue
                    }
                    let file = "\(checksum).fits"
                    let url = datasetsFolder.appendingPathComponent(file)
                    if !FileManager.default.fileExists(atPath: url.path) { try dataset.write(to: url.path) }
                    rows.append((container, groupName, position, dataset.path ?? dataset.stem, file, checksum))
                }
            }
        }
        let state = String(decoding: try Self.encoder().encode(context.state), as: UTF8.self)
        let encoder = Self.encoder()
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        var nowWritten = written
        try database.write { db in
            for row in rows {
                try db.execute(sql: "INSERT INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [step, row.container, row.name, row.position, row.path, row.file, row.checksum])
            }
            for table in context.ledger.tableNames {
                let entries = context.ledger.rows(table)
                if let earlier = written[table], earlier.step < step, earlier.rows == entries {
                    try db.execute(sql: "INSERT INTO ledger_same VALUES (?, ?, ?)", arguments: [step, table, earlier.step])
                    continue
                }
                for (position, entry) in entries.enumerated() {
                    try db.execute(sql: "INSERT INTO ledger VALUES (?, ?, ?, ?, ?)",
                                   arguments: [step, table, position, try json(entry.keys), try json(entry.values)])
                }
                nowWritten[table] = (step, entries)
            }
            try db.execute(sql: "INSERT INTO state VALUES (?, ?)", arguments: [step, state])
            try db.execute(sql: "INSERT INTO steps VALUES (?, ?, ?, ?, ?)",
                           arguments: [step, name, location, ISO8601DateFormatter().string(from: Date()), log.joined(separator: "\n")])
        }
        written = nowWritten
    }

    /// Puts the context back as it was after `step`.
    func restore(step: Int, into context: ReductionContext) throws {
        let (datasetRows, ledgerRows, stateText) = try database.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM datasets WHERE step = ? ORDER BY container, name, position", arguments: [step]),
             try Row.fetchAll(db, sql: """
                 SELECT * FROM ledger WHERE step = ?
                 UNION ALL
                 SELECT ledger.* FROM ledger JOIN ledger_same ON ledger.step = ledger_same.from_step AND ledger.tbl = ledger_same.tbl
                 WHERE ledger_same.step = ?
                 ORDER BY tbl, position
                 """, arguments: [step, step]),
             try String.fetchOne(db, sql: "SELECT json FROM state WHERE step = ?", arguments: [step]))
        }
        guard let stateText else { throw CheckpointError.missingStep(step, folder: folder.path) }
        var state = try Self.decoder().decode(ContextState.self, from: Data(stateText.utf8))
        var ledger = MeasurementLedger()
        for row in ledgerRows {
            let keys = try Self.decoder().decode([String: String].self, from: Data((row["keys"] as String).utf8))
            let values = try Self.decoder().decode([String: Double].self, from: Data((row["vals"] as String).utf8))
            ledger.record(row["tbl"], keys: keys, values: values)
        }
        state.ledger = ledger
        var streams: [String: [AstroData]] = [:], lists: [String: [AstroData]] = [:]
        for row in datasetRows {
            let recorded = row["file"] as String
            if recorded.hasPrefix(Self.referencePrefix) {
                let source = String(recorded.dropFirst(Self.referencePrefix.count))
                guard FileIdentity.of(source) == (row["checksum"] as String) else {
                    throw CheckpointError.inputChanged(source)
                }
                let dataset = try AstroData.open(source)
                if (row["container"] as String) == "stream" { streams[row["name"], default: []].append(dataset) }
                else { lists[row["name"], default: []].append(dataset) }
                continue
            }
            let file = datasetsFolder.appendingPathComponent(recorded).path
            guard FileManager.default.fileExists(atPath: file) else { throw CheckpointError.missingDataset(file) }
            let dataset = try AstroData.open(file).renamed(row["path"])
            if (row["container"] as String) == "stream" { streams[row["name"], default: []].append(dataset) }
            else { lists[row["name"], default: []].append(dataset) }
        }
        if streams["main"] == nil { streams["main"] = [] }
        context.restore(state, streams: streams, lists: lists)
    }

    /// Marks a dataset row that refers to an unmodified input file instead of a copy.
    static let referencePrefix = "input:"

    /// Measurements may be undefined (NaN: e.g. the image noise of a saturated frame); JSON has
    /// no NaN, so checkpoints spell non-finite numbers as strings.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}

public enum CheckpointError: Error, Sendable, CustomStringConvertible {
    case missingStep(Int, folder: String)
    case missingDataset(String)
    case inputChanged(String)

    public var description: String {
        switch self {
        case .missingStep(let step, let folder):
            return "the checkpoint in \(folder) has no saved state for step \(step + 1); run again with --restart"
        case .missingDataset(let file):
            return "the checkpoint refers to \(file), which is missing; run again with --restart"
        case .inputChanged(let file):
            return "input \(file) changed (or disappeared) since the checkpoint was saved; run again with --restart"
        }
    }
}
