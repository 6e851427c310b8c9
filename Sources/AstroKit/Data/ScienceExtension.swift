/// One science extension of a dataset: the SCI pixels, their optional VAR (variance) and DQ
/// (data quality bitmask) planes, and the extension header.
///
/// Pixels are read lazily: `header` and `shape` cost nothing, `science` reads the file once.
public struct ScienceExtension: Sendable {
    public var header: FITSHeader
    /// Position of the SCI HDU in its file, when it came from one.
    public var hduIndex: Int?
    /// Axis lengths in FITS order [NAXIS1, NAXIS2, ...].
    public var shape: [Int]
    var sciencePlane: LazyPlane<Float>
    var variancePlane: LazyPlane<Float>?
    var qualityPlane: LazyPlane<UInt16>?

    public var name: String? { header.string("EXTNAME") }
    public var version: Int? { header.int("EXTVER") }

    /// An extension built from pixels in memory.
    public init(header: FITSHeader = FITSHeader(), science: PixelArray<Float>,
                variance: PixelArray<Float>? = nil, dataQuality: PixelArray<UInt16>? = nil) {
        self.header = header
        self.hduIndex = nil
        self.shape = science.shape
        self.sciencePlane = LazyPlane(science)
        self.variancePlane = variance.map { LazyPlane($0) }
        self.qualityPlane = dataQuality.map { LazyPlane($0) }
    }

    init(header: FITSHeader, hduIndex: Int?, shape: [Int], science: LazyPlane<Float>,
         variance: LazyPlane<Float>?, quality: LazyPlane<UInt16>?) {
        self.header = header
        self.hduIndex = hduIndex
        self.shape = shape
        self.sciencePlane = science
        self.variancePlane = variance
        self.qualityPlane = quality
    }

    /// The SCI pixels (read from the file on first use).
    public func science() throws -> PixelArray<Float> { try sciencePlane.pixels() }
    /// The VAR plane, when the extension has one.
    public func variance() throws -> PixelArray<Float>? { try variancePlane?.pixels() }
    /// The DQ plane, when the extension has one.
    public func dataQuality() throws -> PixelArray<UInt16>? { try qualityPlane?.pixels() }

    public var hasVariance: Bool { variancePlane != nil }
    public var hasDataQuality: Bool { qualityPlane != nil }
    /// True once the SCI pixels have been read.
    public var isScienceLoaded: Bool { sciencePlane.isLoaded }

    /// The planes read for one pass and not kept (see ``LazyPlane/transientPixels()``).
    func transientScience() throws -> PixelArray<Float> { try sciencePlane.transientPixels() }
    func transientVariance() throws -> PixelArray<Float>? { try variancePlane?.transientPixels() }
    func transientDataQuality() throws -> PixelArray<UInt16>? { try qualityPlane?.transientPixels() }
}
