import ArgumentParser
import AstroKit
import Config_VIS
import Foundation

@main
struct CalDB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caldb",
        abstract: "Store processed calibrations and explain which one suits a dataset.",
        discussion: """
        The database is one SQLite file: --caldb PATH, else ASTROKIT_CALDB, else
        caldb.sqlite in the current folder. Several processes may add at once.

        Examples:
          caldb init                        create ./caldb.sqlite (kept if it exists)
          caldb add out/BIAS01_*.fits       store products (again: update them)
          caldb list --type processed_bias  what is stored, by type or rule kind
          caldb list --json                 the same as JSON
          caldb remove out/old_flat.fits    forget products (the files stay)
          caldb explain EUC_191_*_CCD1.fits processed_bias
                                            every candidate and criterion, the winner

        Calibration kinds (VIS): processed_bias, processed_dark, processed_flat,
        defect_mask, gain_table, read_noise_table; a product type
        (VIS_MASTER_BIAS...) works too.

        Exit status: 0 on success, 1 when a file could not be handled or explain
        found no match, 2 on bad usage.
        """,
        subcommands: [Init.self, Add.self, List.self, Remove.self, Explain.self]
    )
}

/// The database option every subcommand takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("caldb"), help: ArgumentHelp("The calibration database file (default: ASTROKIT_CALDB, else ./caldb.sqlite).", valueName: "PATH"))
    var path: String?

    var resolved: (path: String, source: String) {
        CalibrationDatabaseLocation.resolve(option: path, defaultFolder: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// Registers the instrument configurations and opens the database, turning any failure
    /// into one sentence on stderr.
    func open(create: Bool) throws -> CalibrationDatabase {
        do {
            try VISConfiguration.register()
            return try CalibrationDatabase(path: resolved.path, create: create)
        } catch {
            CalDB.fail("\(error)")
        }
    }
}

extension CalDB {
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("caldb: \(message)\n".utf8))
        Foundation.exit(1)
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("caldb: \(message)\n".utf8))
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the database (an existing one is kept as it is).")
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let existed = FileManager.default.fileExists(atPath: database.resolved.path)
        let db = try database.open(create: true)
        let versions = try db.schemaVersions()
        print("\(existed ? "kept" : "created") \(db.path) (schema: \(versions.joined(separator: ", ")))")
    }
}

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Store processed calibrations; adding a stored file again updates it.")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Print nothing for files added.") var quiet = false
    @Argument(help: "Product files.") var files: [String]

    func run() throws {
        let db = try database.open(create: true)
        var failed = 0
        for file in files {
            do {
                let record = try db.add(file)
                if !quiet { print("added \(record.path) as \(record.type)") }
            } catch {
                failed += 1
                CalDB.note("\(error)")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Forget stored calibrations (the files are not deleted).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Product files.") var files: [String]

    func run() throws {
        let db = try database.open(create: false)
        var failed = 0
        for file in files {
            if try db.remove(file) > 0 {
                print("removed \(URL(fileURLWithPath: file).standardizedFileURL.path)")
            } else {
                failed += 1
                CalDB.note("\(URL(fileURLWithPath: file).standardizedFileURL.path) is not in \(db.path)")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge every stored calibration of a kind against a dataset and say which wins and why.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The dataset (e.g. a raw VIS frame).") var file: String
    @Argument(help: "Calibration kind (processed_bias...) or product type (VIS_MASTER_BIAS...).") var kind: String

    func run() throws {
        let db = try database.open(create: false)
        let selection: CalibrationSelection
        do {
            let dataset = try AstroData.open(file)
            selection = try db.select(kind, for: dataset, verifyAll: true)
        } catch {
            CalDB.fail("\(error)")
        }
        print(selection.explanation)
        if selection.chosen == nil { throw ExitCode(1) }
    }
}
