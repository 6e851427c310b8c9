import Config_VIS
import Foundation

/// Writes the ELVIS 7.5.X housekeeping file of one exposure: one reading per second during the
/// readout, every value inside its performance limit.
///
/// Values come from the limits themselves, so they stay inside whatever the table says:
/// commanded voltages ('R' keys) read back the exposure log's command, absolute keys ('A') sit
/// at the middle of their range, flags ('I') at their required value; CCD temperatures read the
/// requested temperature. Small Gaussian jitter (1 % of the allowed half-range, clipped at 3σ)
/// makes the series look measured without ever leaving the limits.
enum HousekeepingSimulator {
    static let readings = 71

    static func write(obsid: Int, date: Date, commanded: ExposureLogRow, ccdTemperature: Double,
                      seed: UInt64, to folder: URL) throws -> URL {
        let limits = try HousekeepingLimits.load(version: .v7_5_X, set: .performance)
        var rng = Xoshiro256(stream: seed, UInt64(obsid), 0x4B)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let stamps = (0..<readings).map { second -> String in
            let c = calendar.dateComponents([.hour, .minute, .second], from: date.addingTimeInterval(Double(second)))
            return String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        }
        let series = HousekeepingFile.elvis7_5_XKeys.map { key -> (key: String, values: [Double]) in
            let (centre, halfRange, isFlag) = nominal(key, limits: limits, commanded: commanded, temperature: ccdTemperature)
            let values = (0..<readings).map { _ -> Double in
                guard !isFlag else { return centre }
                let jitter = max(-3, min(3, rng.gaussian())) * 0.01 * halfRange
                return ((centre + jitter) * 1000).rounded() / 1000  // ELVIS prints 3 decimals at most
            }
            return (key, values)
        }
        let file = try HousekeepingFile(obsid: obsid, date: date, roe: "ROE1", timestamps: stamps, series: series)
        let url = folder.appendingPathComponent(try file.elvisFileName())
        try file.write(to: url)
        return url
    }

    /// Centre value, allowed half-range and whether the key is an exact flag.
    static func nominal(_ key: String, limits: HousekeepingLimits, commanded: ExposureLogRow,
                        temperature: Double) -> (Double, Double, Bool) {
        if key.hasSuffix("_TEMP_T") || key.hasSuffix("_TEMP_B"), key.hasPrefix("CCD") {
            return (temperature, 0.5, false)
        }
        guard let limit = limits.limits[key] else { return (0, 0, true) }
        switch limit.kind {
        case .identity:
            return (limit.equals ?? 0, 0, true)
        case .relative:
            let command = limits.commandedField[key].flatMap { commanded.number($0) } ?? 0
            return (command, ((limit.high ?? 0.2) - (limit.low ?? -0.2)) / 2, false)
        case .absolute:
            let low = limit.low ?? 0, high = limit.high ?? low
            return ((low + high) / 2, (high - low) / 2, false)
        }
    }
}
