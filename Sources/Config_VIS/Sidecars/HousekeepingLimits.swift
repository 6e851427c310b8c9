import Foundation

/// One HK limit as ELVIS/vison define it.
public struct HousekeepingLimit: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// Bounds on HK minus the commanded value from the exposure log.
        case relative = "R"
        /// Bounds on the HK value itself.
        case absolute = "A"
        /// The value must equal `equals` (error flags, status registers).
        case identity = "I"
    }

    public var kind: Kind
    public var low: Double?
    public var high: Double?
    public var equals: Double?

    enum CodingKeys: String, CodingKey { case kind = "type", low, high, equals }

    public init(kind: Kind, low: Double? = nil, high: Double? = nil, equals: Double? = nil) {
        self.kind = kind; self.low = low; self.high = high; self.equals = equals
    }
}

/// The performance ('P') or safe ('S') limit set.
public enum HousekeepingLimitSet: String, Sendable, CaseIterable, Codable {
    case performance = "P"
    case safe = "S"
}

/// The HK limits of one ELVIS version and set, from `Lookups/hk_limits.json`, with the map from
/// HK keys to the exposure-log fields that hold their commanded values.
///
/// ```swift
/// let limits = try HousekeepingLimits.load(version: .v7_5_X, set: .performance)
/// limits.limits["CCD1_TEMP_T"]          // absolute, -121 ... -119 °C
/// limits.commandedField["CCD2_IG1_B"]   // .IG1_2_B (bottom to bottom)
/// ```
public struct HousekeepingLimits: Sendable, Equatable {
    public var version: ELVISVersion
    public var set: HousekeepingLimitSet
    public var limits: [String: HousekeepingLimit]
    public var commandedField: [String: ExposureLogField]

    public init(version: ELVISVersion, set: HousekeepingLimitSet, limits: [String: HousekeepingLimit],
                commandedField: [String: ExposureLogField]) {
        self.version = version; self.set = set; self.limits = limits; self.commandedField = commandedField
    }

    private struct File: Decodable {
        struct Commanded: Decodable { let map: [String: ExposureLogField] }
        let commandedFields: Commanded
        let versions: [String: [String: [String: HousekeepingLimit]]]
    }

    /// The versions the table holds limits for.
    public static func availableVersions() throws(LookupTableError) -> [ELVISVersion] {
        let file = try LookupTable.decode(File.self, from: "hk_limits")
        return ELVISVersion.allCases.filter { file.versions[$0.rawValue] != nil }
    }

    public static func load(version: ELVISVersion = .v7_5_X, set: HousekeepingLimitSet = .performance) throws(LookupTableError) -> HousekeepingLimits {
        let file = try LookupTable.decode(File.self, from: "hk_limits")
        guard let table = file.versions[version.rawValue]?[set.rawValue] else {
            throw .unknownEntry(table: "hk_limits.json", name: "\(version.rawValue) \(set.rawValue)",
                                known: file.versions.keys.sorted())
        }
        return HousekeepingLimits(version: version, set: set, limits: table, commandedField: file.commandedFields.map)
    }
}
