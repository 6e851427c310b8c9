import AstroKit
import Config_VIS
import Foundation
import Reports

/// Writes `<TEST>/<TEST>_report.html`, the test's self-contained report (``VISReport``), from
/// the results `storeProducts` wrote and the run's ledger and steps, and leaves the terminal
/// summary (``VISSummary``) for `reduce` to print. The last step of every VIS test recipe.
public struct WriteReport: Primitive {
    public let name = "writeReport"
    public let summary = "Write the test's HTML report (<TEST>_report.html) and the terminal summary"
    public let parameters: [ParameterDeclaration] = []
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let state = try VISRunState.load(context)
        let test = try state.requireTest()
        let results = try VISReportInput.readResults(test: test, folder: context.stagingFolder)
        var input = VISReportInput(test: test, results: results, productFolder: context.stagingFolder)
        input.ledger = context.ledger
        input.steps = context.steps
        input.excludedFiles = state.excludedFiles
        let frames = try context.stream().map { try VISFrame($0) }
        let log = try? CheckStructure.exposureLog(for: context.stream())
        input.frames = frames.map { f in
            VISReportInput.Frame(file: f.fileName, obsid: f.obsid, ccd: f.ccd, exposureTime: f.exposureTime,
                                 date: log?.row(fileName: f.fileName)?.date)
        }
        var logs: [String] = []
        for f in frames {
            if let name = log?.row(fileName: f.fileName)?.sourceFile?.lastPathComponent, !logs.contains(name) { logs.append(name) }
        }
        input.exposureLogs = logs
        let name = "\(test)/\(test)_report.html"
        let document = VISReport(input).document()
        try context.writeProduct(text: document.render(), name: name, summary: "\(test) report (HTML, \(document.figureCount) figures)")
        context.summary = VISSummary.lines(input, report: name)
    }
}
