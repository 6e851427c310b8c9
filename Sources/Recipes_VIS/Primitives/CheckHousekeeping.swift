import AstroKit
import Config_VIS
import Foundation

/// Checks each exposure's housekeeping file (beside its frames) against the HK limits of the
/// ELVIS version, commanded values taken from the exposure log (VIS.md 2.2, 5.4 step 2).
/// Failures raise HK_OOL; an exposure without an HK file is reported in the flag too (a
/// missing record is not a pass), but the test goes on: HK does not change the pixels.
/// Every key checked is recorded in ledger table `housekeeping` (ObsID, key, HK file; value,
/// absolute low/high limits, pass) for the report's pass/fail table and time series.
public struct CheckHousekeeping: Primitive {
    public let name = "checkHousekeeping"
    public let summary = "Check each exposure's housekeeping against the HK limits (flag HK_OOL)"
    public let parameters: [ParameterDeclaration] = []
    public init() {}
    public static let table = "housekeeping"

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
            let results = HousekeepingCheck.evaluate(file.summaries(), commanded: row, limits: limits)
            for result in results where result.status != .notChecked {
                record(result, obsid: row.obsid, path: url.path, hk: file, context: context)
            }
            problems += results.filter { $0.status == .fail }.map { "ObsID \(row.obsid): \($0.message)" }
        }
        if !problems.isEmpty {
            context.flags["HK_OOL"] = problems.joined(separator: "; ")
            context.log.warning("HK_OOL: \(problems.count) problem(s), e.g. \(problems[0])")
        }
    }

    /// One checked key as a ledger row; limits are stated on the HK value itself (a relative
    /// limit is moved by the commanded value) so a time series can be drawn against them.
    private func record(_ result: HousekeepingResult, obsid: Int, path: String, hk file: HousekeepingFile, context: ReductionContext) {
        guard let limit = result.limit else { return }
        let shift = result.commanded ?? 0
        let low = limit.kind == .identity ? limit.equals : limit.low.map { $0 + shift }
        let high = limit.kind == .identity ? limit.equals : limit.high.map { $0 + shift }
        let mean = file.summary(of: result.key)?.mean ?? .nan
        var values: [String: Double] = ["mean": mean, "pass": result.passed ? 1 : 0]
        if let low { values["low"] = low }
        if let high { values["high"] = high }
        context.ledger.record(Self.table, keys: ["obsid": String(obsid), "key": result.key, "file": path], values: values)
    }
}
