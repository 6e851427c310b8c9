/// Statistics over the physical values (`BZERO + BSCALE * raw`) of an image HDU.
///
/// Integer pixels equal to BLANK and non-finite floating-point pixels are excluded from
/// `min`, `max`, `mean` and `sum` and counted in `blankCount` / `nanCount`.
public struct ImageStatistics: Sendable, Hashable {
    public var count: Int
    public var validCount: Int
    public var blankCount: Int
    public var nanCount: Int
    public var min: Double?
    public var max: Double?
    public var sum: Double
    public var mean: Double? { validCount > 0 ? sum / Double(validCount) : nil }

    public init(count: Int, validCount: Int, blankCount: Int, nanCount: Int,
                min: Double?, max: Double?, sum: Double) {
        self.count = count
        self.validCount = validCount
        self.blankCount = blankCount
        self.nanCount = nanCount
        self.min = min
        self.max = max
        self.sum = sum
    }
}
