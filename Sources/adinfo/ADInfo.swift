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

    @Argument(help: "[DESCRIPTORS] FILE...")
    var arguments: [String] = []

    mutating func run() throws {
        do {
            try VISConfiguration.register()
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
