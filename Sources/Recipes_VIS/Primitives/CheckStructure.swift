import AstroKit
import Config_VIS
import Foundation

/// Names the campaign test the recipe calibrates; later steps read it from the run state.
public struct UseTest: Primitive {
    public let name = "useTest"
    public let summary = "Set the campaign test whose structure, limits and products apply"
    public let parameters: [ParameterDeclaration] = [.text("name", default: "", doc: "Campaign test name, e.g. BIAS01")]
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let test = try parameters.string("name")
        guard TestCatalog.testNames.contains(test) else { throw VISStepError("useTest: \(test) is not a campaign test") }
        try VISRunState.update(context) { $0.test = test }
    }
}

/// Checks the inputs against the test's acquisition structure and the exposure log (vison's
/// `check_test_structure`, VIS.md 5.3), as flags, and keeps in `main` only the frames the rest
/// of the test can use:
/// * a file whose last row cannot be read (truncated): BADDATA, set aside. (Run by `reduce`,
///   the first checkpoint already reads every input and stops with an error naming the file,
///   before anything is written; this covers the primitive used on datasets restored or made
///   otherwise);
/// * a file with no exposure-log row: BADDATA, set aside (nothing says what it is);
/// * a frame of another test: WRONGTEST, set aside;
/// * a log row of the test with no file among the inputs, or a test cut short (missing
///   columns or frames): MISSDATA, and the test runs on what there is.
/// The readout window is compared in the frames' own rows (``StructureValidator/frameGeometry``).
public struct CheckStructure: Primitive {
    public let name = "checkStructure"
    public let summary = "Check the frames against the test structure and the exposure log; set flags, drop unusable frames"
    public let parameters: [ParameterDeclaration] = [
        .text("chamber", default: "CHAMBER_B_EINSTEIN", doc: "Chamber profile the test definition is built for"),
    ]
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        var state = try VISRunState.load(context)
        let test = try state.requireTest()
        let definition = try TestCatalog(chamber: try parameters.string("chamber")).definition(test)
        let inputs = context.stream()
        let log = try Self.exposureLog(for: inputs)
        var kept: [AstroData] = [], frames: [VISFrame] = []
        var problems: [String: [String]] = [:]
        func setAside(_ dataset: AstroData, _ flag: String, _ why: String) {
            let name = dataset.fileName ?? dataset.stem
            problems[flag, default: []].append("\(name): \(why)")
            state.excludedFiles[name] = why
        }
        for dataset in inputs {
            let name = dataset.fileName ?? dataset.stem
            context.currentFile = name
            if let why = Self.unreadable(dataset) { setAside(dataset, "BADDATA", why); continue }
            guard let row = log.row(fileName: name) else {
                setAside(dataset, "BADDATA", "the exposure log has no row for this file"); continue
            }
            let logged = row.test?.trimmingCharacters(in: .whitespaces) ?? "?"
            guard logged == (VISCampaign.surrogates[test] ?? test) else {
                setAside(dataset, "WRONGTEST", "a frame of \(logged), not \(test)"); continue
            }
            do { frames.append(try VISFrame(dataset)); kept.append(dataset) }
            catch { setAside(dataset, "BADDATA", "\(error)") }
        }
        context.currentFile = nil
        guard let first = frames.first else {
            throw VISStepError("none of the \(inputs.count) input frames is a usable \(test) frame: " +
                               problems.values.flatMap { $0 }.prefix(5).joined(separator: "; "))
        }
        let rows = StructureValidator.select(log.rows, test: test)
        let names = Set(kept.compactMap(\.fileName))
        let orphans = rows.filter { !names.contains($0.fileName + ".fits") && !names.contains($0.fileName) }
        for row in orphans { problems["MISSDATA", default: []].append("log row ObsID \(row.obsid) CCD\(row.ccd) (\(row.fileName)) has no file among the inputs") }
        let validation = StructureValidator(definition: definition, frameGeometry: first.geometry)
            .validate(rows.filter { names.contains($0.fileName + ".fits") || names.contains($0.fileName) })
        if !validation.consistent { problems["MISSDATA", default: []] += validation.messages }
        state.structureConsistent = validation.consistent && problems.isEmpty
        state.structureMessages = problems.keys.sorted().flatMap { problems[$0]! }
        for (flag, messages) in problems {
            context.flags[flag] = messages.joined(separator: "; ")
            context.log.warning("\(flag): \(messages.joined(separator: "; "))")
        }
        try state.save(context)
        if kept.count != inputs.count { context.setStream("main", kept) }
    }

    /// Why a file cannot be used, or nil: its image must open and its last row be readable
    /// (a truncated file fails there without reading the whole frame).
    static func unreadable(_ dataset: AstroData) -> String? {
        guard let path = dataset.path else { return "it has no file" }
        do {
            let file = try FITSFile.open(path)
            let info = try file.info(hdu: VISFrame.hdu)
            guard info.naxis.count == 2, info.naxis[1] > 0 else { return "HDU 1 is not a 2-D image" }
            var row = [Float](repeating: 0, count: info.naxis[0])
            try row.withUnsafeMutableBufferPointer { _ = try file.readRows(hdu: VISFrame.hdu, rows: (info.naxis[1] - 1)..<info.naxis[1], into: $0) }
            return nil
        } catch {
            return "cannot be read (\(error))"
        }
    }

    /// The exposure logs named by ASTROKIT_EXPLOG (colon-separated), else those beside the inputs.
    static func exposureLog(for inputs: [AstroData]) throws -> ExposureLog {
        var urls: [URL] = []
        if let env = ProcessInfo.processInfo.environment[ExposureLogLocator.environmentVariable], !env.isEmpty {
            urls = env.split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        } else {
            let folders = Set(inputs.compactMap { $0.path.map { URL(fileURLWithPath: $0).deletingLastPathComponent().standardizedFileURL } })
            for folder in folders.sorted(by: { $0.path < $1.path }) { urls += (try? ExposureLog.discover(near: folder)) ?? [] }
        }
        guard !urls.isEmpty else {
            throw VISStepError("no exposure log (EXP_LOG_<DDMMYY>.txt) beside the input files; name one with \(ExposureLogLocator.environmentVariable)")
        }
        return try ExposureLog.read(urls)
    }
}
