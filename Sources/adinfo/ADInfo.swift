import ArgumentParser
import AstroKit
import Config_VIS
import Foundation

@main
struct ADInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adinfo",
        abstract: "Show the types, descriptors and structure of FITS datasets.",
        discussion: """
        The first argument may name descriptors (comma-separated) instead of a file.

        Examples:
          adinfo gain frame.fits                  one line per file: FILE<TAB>value(s)
          adinfo exposure_time,obsid EUC_*.fits   several descriptors, tab-separated
          adinfo frame.fits                       types, HDU table and resolved descriptors
          adinfo --all frame.fits                 also descriptors that fail, with the reason
          adinfo --explain frame.fits             why each type matched or not
          adinfo --json --stats --headers *.fits  machine-readable, with statistics and keywords
          adinfo --explog EXP_LOG_231016.txt test,exposure_time EUC_*.fits
                                                  settings the headers lack, from this exposure log
          adinfo --caldb out/caldb.sqlite --all EUC_*.fits
                                                  gains from the best gain table stored there

        VIS files take settings their headers lack (test, exposure time, filter...) from the
        exposure logs (EXP_LOG_<DDMMYY>.txt) beside them, or from those given with --explog
        (repeatable) or in ASTROKIT_EXPLOG (paths separated by ':').

        Exit status: 0 when every file was read (and every requested descriptor resolved),
        1 otherwise, 2 on bad usage.
        """
    )

    @Option(name: .shortAndLong, help: "Descriptors to print, comma-separated (e.g. gain,read_noise).")
    var descriptors: String?

    @Flag(help: "Print only the types of each file.")
    var types = false

    @Flag(help: "Explain, for every type, which conditions held or failed.")
    var explain = false

    @Flag(help: "Also list descriptors that fail, with the reason.")
    var all = false

    @Flag(help: "Print one JSON object per file (a JSON array for several files).")
    var json = false

    @Flag(help: "With --json: pixel statistics of every image HDU (reads the pixels).")
    var stats = false

    @Flag(help: "With --json: every valued header keyword of every HDU.")
    var headers = false

    @Option(name: .customLong("explog"), help: ArgumentHelp("VIS exposure log to use instead of the ones beside the files (repeatable).", valueName: "FILE"))
    var explog: [String] = []

    @Option(name: .customLong("caldb"), help: ArgumentHelp("Calibration database for VIS gains and read noise (default: ASTROKIT_CALDB when it exists).", valueName: "PATH"))
    var caldb: String?

    @Argument(help: "[DESCRIPTORS] FILE...")
    var arguments: [String] = []

    mutating func run() throws {
        do {
            let logs = explog.map { URL(fileURLWithPath: $0) }
            for log in logs where !FileManager.default.fileExists(atPath: log.path) {
                throw ValidationError("the exposure log \(log.path) given with --explog does not exist")
            }
            let database = try caldb.map { path -> CalibrationDatabase in
                do { return try CalibrationDatabase(path: path) } catch { throw ValidationError("\(error)") }
            }
            try VISConfiguration.register(exposureLogs: logs.isEmpty ? nil : logs, calibrations: database)
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("the VIS configuration is invalid: \(error)")
        }
        let plan = try InvocationPlan(arguments: arguments, descriptorOption: descriptors)
        var printer = ReportPrinter(json: json, stats: stats, headers: headers, types: types,
                                    explain: explain, all: all)
        let ok = printer.report(files: plan.files, descriptors: plan.descriptors)
        if !ok { throw ExitCode(1) }
    }
}
