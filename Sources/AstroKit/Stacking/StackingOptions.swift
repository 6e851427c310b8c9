/// How frames are combined pixel by pixel.
///
/// ```swift
/// StackingOptions(method: .median)                                  // vison's master bias
/// StackingOptions(method: .mean, clipping: .init(low: 3, high: 3))  // cosmic rays rejected
/// ```
public struct StackingOptions: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// Middle value (mean of the two middle values for an even count, as numpy).
        case median
        case mean
    }

    /// Iterative rejection of outliers in each pixel's stack: values further than `low` (below)
    /// or `high` (above) standard deviations from the centre are dropped, and the centre and
    /// deviation recomputed, until nothing changes or `maxIterations` is reached. The centre is
    /// the median, which a single cosmic ray cannot drag (a mean can, and then hides it).
    public struct Clipping: Sendable, Hashable {
        public var low: Double
        public var high: Double
        public var maxIterations: Int
        public init(low: Double = 3, high: Double = 3, maxIterations: Int = 10) {
            self.low = low
            self.high = high
            self.maxIterations = maxIterations
        }
    }

    public var method: Method
    public var clipping: Clipping?
    /// Bytes the input bands may occupy together; bands are sized so that N frames' rows fit.
    public var memoryBudget: Int
    /// Fewest valid values a pixel needs; below it the result is NaN and counted as no data.
    public var minimumValid: Int

    public init(method: Method = .median, clipping: Clipping? = nil,
                memoryBudget: Int = 512 << 20, minimumValid: Int = 1) {
        self.method = method
        self.clipping = clipping
        self.memoryBudget = memoryBudget
        self.minimumValid = minimumValid
    }
}

/// The combined frame: the stacked value, the standard deviation of the values used (ddof 0),
/// and how many inputs each pixel used (0 where every input was masked).
public struct StackResult: Sendable {
    public var stack: PixelArray<Float>
    public var standardDeviation: PixelArray<Float>
    public var usedCount: PixelArray<UInt16>
    /// Rows read per band, and number of bands: how the memory budget was honoured.
    public var bandHeight: Int
    public var bandCount: Int
}
