/// Versions of ELVIS, the EGSE acquisition software whose files these readers take.
///
/// Readers find columns by name and do not need the version; writers and the HK limit tables do.
/// ```swift
/// try ExposureLog.write(rows, version: .v7_5_X, to: url)
/// let limits = try HousekeepingLimits.load(version: .v7_5_X, set: .performance)
/// ```
public enum ELVISVersion: String, CaseIterable, Sendable, Codable {
    case v5_7_02 = "5.7.02", v5_7_04 = "5.7.04", v5_7_09 = "5.7.09"
    case v6_0_0 = "6.0.0", v6_1_0 = "6.1.0", v6_3_0 = "6.3.0"
    case v6_5_X = "6.5.X", v7_2_X = "7.2.X", v7_5_X = "7.5.X"
}
