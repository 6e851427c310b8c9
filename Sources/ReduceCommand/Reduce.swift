import ArgumentParser
import AstroKit
import Foundation
import Reports

/// The `reduce` command. Front ends register their configuration modules, then call
/// `Reduce.start()`.
public struct Reduce: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reduce",
        abstract: "Reduce datasets with a recipe: validate the whole plan, then run it step by step.",
        discussion: """
        NAME is a recipe or a primitive; without it the files' default recipe
        runs. The whole plan is checked before the first step runs. After each
        top-level step the run is checkpointed in the work folder: running the
        same command again resumes where it stopped. Products reach the output
        folder only when the run succeeds.

        Parameter precedence, lowest to highest: the primitive's default, the
        recipe argument, --param-file, -p name=value (every primitive with
        that parameter), -p primitive:name=value.

        Examples:
          reduce BIAS01 --files EUC_*.fits      run a recipe
          reduce EUC_*.fits                     run the files' default recipe
          reduce BIAS01 @bias.txt -p method=median
                                                files from a list; a parameter
          reduce BIAS01 @bias.txt -p stackFrames:method=median --param-file site.par
          reduce BIAS01 @bias.txt --explain     the plan, and where every value
                                                comes from; runs nothing
          reduce --list EUC_1000_*.fits         recipes and primitives for data
          reduce --show stackFrames EUC_1000_*.fits
                                                a primitive's parameters (or a
                                                recipe's text)
          reduce showInputs EUC_*.fits          run a single primitive
          reduce BIAS01 @bias.txt --until stackFrames
                                                stop early; --from continues

        Calibrations: primitives find processed calibrations in the calibration
        database (--caldb, else ASTROKIT_CALDB, else caldb.sqlite in the output
        folder); products that are calibrations are stored in it when the run
        succeeds, unless --no-store.
          reduce BIAS01 @bias.txt --caldb /data/caldb.sqlite
          reduce BIAS01 @bias.txt --no-store    try a reduction without storing

        Reports: a recipe may write an HTML report (<TEST>_report.html for the
        VIS tests); --report pdf also prints it to PDF beside it through a
        headless Chromium (chromium, chromium-browser or google-chrome on the
        PATH, or ASTROKIT_BROWSER). The run ends with a short summary of the key
        numbers, flags and failures the recipe reported.
          reduce PTC01 @ptc.txt --report pdf

        Exit status: 0 on success, 1 when a step fails, 2 on bad usage
        (including an invalid plan).
        """
    )

    @Argument(help: "[NAME] FILE... (a recipe or primitive name, then files or @listfiles).")
    var arguments: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: "Input files (or @listfile).")
    var files: [String] = []

    @Option(name: .customShort("p"), help: "Parameter: name=value or primitive:name=value (repeatable).")
    var parameter: [String] = []

    @Option(name: .customLong("param-file"), help: "File of name=value / primitive:name=value lines.")
    var parameterFile: String?

    @Option(name: .shortAndLong, help: "Output folder for the products.")
    var output: String = "reduce-out"

    @Option(name: .customLong("work-dir"), help: "Folder for checkpoints and staged products.")
    var workDir: String = "reduce-work"

    @Option(name: .customLong("recipe-path"), help: "Folder of recipes, searched first (repeatable).")
    var recipePath: [String] = []

    @Flag(help: "Print the resolved plan (types, recipe tree, primitive set, parameters) and run nothing.")
    var explain = false

    @Flag(help: "List the recipes and primitives available for the files.")
    var list = false

    @Option(help: "Show a primitive's parameters or a recipe's text.")
    var show: String?

    @Option(help: "Start at this top-level step (name or number), from the checkpoint before it.")
    var from: String?

    @Option(help: "Stop after this top-level step (name or number).")
    var until: String?

    @Option(name: .customLong("caldb"), help: ArgumentHelp("Calibration database (default: ASTROKIT_CALDB, else caldb.sqlite in the output folder).", valueName: "PATH"))
    var caldb: String?

    @Flag(name: .customLong("no-store"), help: "Do not store the calibration products in the calibration database.")
    var noStore = false

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write the run's HTML reports as PDF (needs headless Chromium).", valueName: "pdf"))
    var reportFormat: String?

    @Flag(help: "Ignore any checkpoint and start over.")
    var restart = false

    @Option(name: .customLong("log-file"), help: "Append the full log (with times) to this file.")
    var logFile: String?

    @Flag(help: "Also log debugging detail (each primitive's parameters).")
    var verbose = false

    @Flag(help: "Log only warnings and errors.")
    var quiet = false

    public init() {}

    /// Parses the command line and runs, exiting 0, 1 (a step failed) or 2 (bad usage).
    public static func start() -> Never {
        do {
            var command = try Reduce.parse()
            try command.execute()
            Foundation.exit(0)
        } catch let failure as StepFailure {
            FileHandle.standardError.write(Data("ERROR - \(failure)\n".utf8))
            Foundation.exit(1)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let error as PlanError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            Foundation.exit(2)
        } catch let error as RunRangeError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            Foundation.exit(2)
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if code != .validationFailure {
                // Not a parsing problem: a checkpoint, file-system or FITS error during the run.
                FileHandle.standardError.write(Data("ERROR - \(error)\n".utf8))
                Foundation.exit(1)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }

    mutating func execute() throws {
        if verbose && quiet { throw UsageError("--verbose and --quiet contradict each other; choose one") }
        var browser: HeadlessBrowser?
        if let reportFormat {
            guard reportFormat == "pdf" else { throw UsageError("--report \(reportFormat): the only report format to add is pdf (HTML is always written)") }
            // Checked before the run, so a long reduction does not end in this error.
            do { browser = try HeadlessBrowser.find() } catch { throw UsageError("--report pdf: \(error)") }
        }
        var positional = arguments
        var target: String?
        if let first = positional.first, Self.looksLikeName(first) {
            target = first
            positional.removeFirst()
        }
        let paths = try InputFiles.expand(files + positional)
        let snapshot = try ConfigurationRegistry.shared.snapshot()
        let inputs = try paths.map { path -> AstroData in
            guard FileManager.default.fileExists(atPath: path) else { throw UsageError("\(path): no such file") }
            do { return try AstroData.open(path) } catch { throw UsageError("\(path): cannot be read as a dataset: \(error)") }
        }
        let library = RecipeLibrary(
            roots: RecipeRoot.searchPath(options: recipePath, environment: ProcessInfo.processInfo.environment["ASTROKIT_RECIPE_PATH"],
                                         modules: snapshot.recipeFolders),
            typeTree: snapshot.typeTree)
        let catalog = PrimitiveCatalog(snapshot)
        let builder = PlanBuilder(library: library, catalog: catalog, typeTree: snapshot.typeTree)
        let descriptions = inputs.map(InputDescription.init)

        if list || show != nil {
            let set = try catalog.resolve(inputs: descriptions)
            var types = Set(descriptions.first?.types ?? [])
            for input in descriptions.dropFirst() { types.formIntersection(input.types) }
            if let show { print(try Listing.show(show, library: library, set: set, types: types), terminator: "") }
            else { print(Listing.list(library: library, set: set, types: types, typeText: set.key), terminator: "") }
            return
        }
        guard !inputs.isEmpty else {
            throw UsageError("no input files; give them with --files, as arguments or in an @listfile (see reduce --help)")
        }
        var settings: [ParameterSetting] = []
        if let parameterFile {
            guard let data = FileManager.default.contents(atPath: parameterFile) else {
                throw UsageError("--param-file \(parameterFile): cannot read the file")
            }
            settings += try ParameterSetting.file(String(decoding: data, as: UTF8.self), path: parameterFile)
        }
        settings += try parameter.map { text throws(PlanError) in try ParameterSetting.commandLine(text) }
        let plan = try builder.build(target: target, inputs: descriptions, settings: settings)
        if explain {
            print(plan.explanation(), terminator: "")
            return
        }
        let log = try ReductionLog(verbosity: quiet ? .quiet : verbose ? .verbose : .normal,
                                   file: logFile.map { URL(fileURLWithPath: $0) })
        let options = RunOptions(work: URL(fileURLWithPath: workDir), output: URL(fileURLWithPath: output),
                                 restart: restart, from: from, until: until)
        var storage = try CalibrationStorage(option: caldb, output: URL(fileURLWithPath: output), store: !noStore)
        do {
            let summary = try ReductionRunner(plan: plan, options: options, log: log, calibrations: storage.database)
                .run(inputs: inputs)
            for product in summary.products { print(InputFiles.relative(product)) }
            try storage.storeProducts(summary.products, log: log)
            if let browser { try printReports(summary.products, with: browser, log: log) }
            if !summary.summary.isEmpty {
                // "{output}" in a summary line stands for the output folder.
                let folder = InputFiles.relative(URL(fileURLWithPath: output).standardizedFileURL.path)
                print("\n" + summary.summary.map { $0.replacingOccurrences(of: "{output}", with: folder) }.joined(separator: "\n"))
            }
        } catch let failure as StepFailure {
            log.error("\(failure)")
            throw ExitCode(1)
        }
    }

    /// Prints every HTML report among the products to a PDF beside it.
    func printReports(_ products: [String], with browser: HeadlessBrowser, log: ReductionLog) throws {
        let reports = products.filter { $0.hasSuffix("_report.html") }
        if reports.isEmpty { log.warning("--report pdf: the recipe wrote no HTML report to print") }
        for report in reports {
            let html = URL(fileURLWithPath: report)
            let pdf = html.deletingPathExtension().appendingPathExtension("pdf")
            do { try browser.printPDF(html: html, to: pdf) } catch {
                throw BrowserError("--report pdf: \(report) could not be printed: \(error)")
            }
            print(InputFiles.relative(pdf.path))
        }
    }

    /// A first argument that is not an existing file, a list file or a FITS name is a
    /// recipe or primitive name.
    static func looksLikeName(_ argument: String) -> Bool {
        if argument.hasPrefix("@") || FileManager.default.fileExists(atPath: argument) { return false }
        let lower = argument.lowercased()
        if lower.contains("/") || [".fits", ".fit", ".fts", ".fz", ".gz"].contains(where: lower.hasSuffix) { return false }
        return argument.first.map { $0.isLetter || $0 == "_" } ?? false
    }
}
