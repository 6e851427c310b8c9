import AstroKit
import Config_VIS
import Foundation

/// Checks each exposure's housekeeping file (beside its frames) against the HK limits of the
/// ELVIS version, commanded values taken from the exposure log (VIS.md 2.2, 5.4 step 2).
/// Failures raise HK_OOL; an exposure without an HK file is reported in the flag too (a
/// missing record is not a pass), but the test goes on: HK does not change the pixels.
public struct CheckHousekeeping: Primitive {
    public let name = "checkHousekeeping"
    public let summary = "Check each exposure's housekeeping against the HK limits (flag HK_OOL)"
    public let parameters: [ParameterDeclaration] = []
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let datasets = context.stream()
        let log = try CheckStructure.exposureLog(for: datasets)
        let limits = try HousekeepingLimits.load()
        var problems: [String] = []
        var seen = Set<Int>()
        for dataset in datasets {
            guard let path = dataset.path, let row = log.row(fileName: dataset.fileName ?? ""), seen.insert(row.obsid).inserted else { continue }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            guard let url = (try? HousekeepingFile.discover(obsid: row.obsid, in: folder))?.first else {
                problems.append("ObsID \(row.obsid): no HK file in \(folder.path)")
                continue
            }
            let file: HousekeepingFile
            do { file = try HousekeepingFile.read(url) } catch {
                problems.append("\(url.lastPathComponent): cannot be read (\(error))")
                continue
            }
            let failures = HousekeepingCheck.evaluate(file.summaries(), commanded: row, limits: limits).filter { $0.status == .fail }
            problems += failures.map { "ObsID \(row.obsid): \($0.message)" }
        }
        if !problems.isEmpty {
            context.flags["HK_OOL"] = problems.joined(separator: "; ")
            context.log.warning("HK_OOL: \(problems.count) problem(s), e.g. \(problems[0])")
        }
    }
}
