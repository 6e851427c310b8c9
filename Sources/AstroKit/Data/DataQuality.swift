/// Bits of the DQ (data quality) plane. Bits combine by bitwise OR: a pixel can be both
/// saturated and a cosmic-ray hit. Values follow the Gemini convention so DQ planes written
/// by DRAGONS read the same here.
///
/// ```swift
/// var dq: DataQuality = [.saturated, .nonLinear]
/// dq.contains(.saturated)   // true
/// ```
public struct DataQuality: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let badPixel = DataQuality(rawValue: 1)
    public static let nonLinear = DataQuality(rawValue: 2)
    public static let saturated = DataQuality(rawValue: 4)
    public static let cosmicRay = DataQuality(rawValue: 8)
    public static let noData = DataQuality(rawValue: 16)
    public static let overlap = DataQuality(rawValue: 32)
    public static let unilluminated = DataQuality(rawValue: 64)
    /// A pixel found hot in a dark or a defect search.
    public static let hotPixel = DataQuality(rawValue: 128)

    /// Every named bit with its name, in bit order.
    public static let named: [(name: String, bit: DataQuality)] = [
        ("bad_pixel", .badPixel), ("non_linear", .nonLinear), ("saturated", .saturated),
        ("cosmic_ray", .cosmicRay), ("no_data", .noData), ("overlap", .overlap),
        ("unilluminated", .unilluminated), ("hot_pixel", .hotPixel),
    ]

    public var description: String {
        let names = Self.named.filter { contains($0.bit) }.map(\.name)
        return names.isEmpty ? "good" : names.joined(separator: "|")
    }
}
