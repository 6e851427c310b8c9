import Foundation

/// The outcome of checking one HK key against its limit.
public struct HousekeepingResult: Sendable, Equatable {
    public enum Status: String, Sendable { case pass, fail, notChecked = "not checked" }
    /// Which statistic of the readings was compared.
    public enum Statistic: String, Sendable {
        /// The mean over the exposure (as vison checks 'R' and 'A' limits).
        case mean
        /// Mean minus the commanded value.
        case meanMinusCommanded = "mean - commanded"
        /// Every reading, through min and max (for 'I' limits, a flag raised once must show).
        case everyReading = "every reading"
        case none
    }

    public var key: String
    public var statistic: Statistic
    /// The value compared; for `everyReading`, the reading furthest from the required one.
    public var value: Double?
    public var limit: HousekeepingLimit?
    public var commanded: Double?
    public var status: Status
    public var message: String

    public var passed: Bool { status == .pass }
}

/// Checks an exposure's HK summary against limits, the commanded values coming from its
/// exposure-log row.
///
/// A value fails only when strictly outside its limits: `value < low` or `value > high`
/// (vison fails on `≤ low` or `≥ high`; a reading exactly on a documented limit is within it).
/// Keys with no limit, with no readings, or whose command is missing from the log are
/// reported as "not checked", never silently passed.
///
/// ```swift
/// let results = HousekeepingCheck.evaluate(hk.summaries(), commanded: log.row(obsid: 2112, ccd: 1), limits: limits)
/// let failures = results.filter { $0.status == .fail }
/// ```
public enum HousekeepingCheck {
    public static func evaluate(_ summaries: [HousekeepingSummary], commanded row: ExposureLogRow?,
                                limits: HousekeepingLimits) -> [HousekeepingResult] {
        var results = summaries.map { evaluate($0, row: row, limits: limits) }
        let present = Set(summaries.map(\.key))
        for key in limits.limits.keys.sorted() where !present.contains(key) {
            results.append(HousekeepingResult(key: key, statistic: .none, value: nil, limit: limits.limits[key],
                                              commanded: nil, status: .notChecked,
                                              message: "\(key): not checked, the HK file has no readings of it"))
        }
        return results
    }

    static func evaluate(_ summary: HousekeepingSummary, row: ExposureLogRow?, limits: HousekeepingLimits) -> HousekeepingResult {
        let key = summary.key
        func notChecked(_ why: String, limit: HousekeepingLimit? = nil) -> HousekeepingResult {
            HousekeepingResult(key: key, statistic: .none, value: nil, limit: limit, commanded: nil,
                               status: .notChecked, message: "\(key): not checked, \(why)")
        }
        guard let limit = limits.limits[key] else {
            return notChecked("no \(limits.set == .performance ? "performance" : "safe") limit for ELVIS \(limits.version.rawValue)")
        }
        guard summary.count > 0, !summary.mean.isNaN else { return notChecked("the HK file has no readings of it", limit: limit) }

        switch limit.kind {
        case .identity:
            guard let required = limit.equals else { return notChecked("its limit gives no required value", limit: limit) }
            let worst = abs(summary.min - required) >= abs(summary.max - required) ? summary.min : summary.max
            let ok = summary.min == required && summary.max == required
            return HousekeepingResult(key: key, statistic: .everyReading, value: worst, limit: limit, commanded: nil,
                                      status: ok ? .pass : .fail,
                                      message: ok ? "\(key): every reading is \(text(required))"
                                                  : "\(key): a reading is \(text(worst)), not the required \(text(required))")
        case .absolute:
            return bounded(key: key, statistic: .mean, value: summary.mean, limit: limit, commanded: nil)
        case .relative:
            guard let field = limits.commandedField[key] else {
                return notChecked("it has no commanded exposure-log field", limit: limit)
            }
            guard let row else { return notChecked("no exposure-log row was given for its commanded \(field.rawValue)", limit: limit) }
            guard let command = row.number(field) else {
                return notChecked("the exposure log has no commanded \(field.rawValue) for ObsID \(row.obsid) CCD\(row.ccd)", limit: limit)
            }
            return bounded(key: key, statistic: .meanMinusCommanded, value: summary.mean - command, limit: limit, commanded: command)
        }
    }

    private static func bounded(key: String, statistic: HousekeepingResult.Statistic, value: Double,
                                limit: HousekeepingLimit, commanded: Double?) -> HousekeepingResult {
        let low = limit.low ?? -.infinity
        let high = limit.high ?? .infinity
        let inside = !(value < low || value > high)
        let what = commanded.map { "mean - commanded \(text($0))" } ?? "mean"
        let message = "\(key): \(what) = \(text(value)) is \(inside ? "within" : "outside") [\(text(low)), \(text(high))]"
        return HousekeepingResult(key: key, statistic: statistic, value: value, limit: limit, commanded: commanded,
                                  status: inside ? .pass : .fail, message: message)
    }

    private static func text(_ v: Double) -> String {
        String(format: "%.4g", v)
    }
}
