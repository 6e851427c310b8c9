import CFITSIO

/// The pixels of an image read from a FITS file, with how many of them were undefined.
///
/// Values are physical (`BZERO + BSCALE * stored`, applied by CFITSIO). Undefined pixels —
/// integer pixels equal to BLANK, and NaN or infinite floating-point pixels — come back as NaN
/// and are counted in `blankCount`.
///
/// ```swift
/// let read = try file.readImage(hdu: 0, as: Float.self)
/// print(read.pixels.width, read.pixels.height, read.blankCount)
/// ```
public struct ImageRead<Element: FITSFloatingPixel>: Sendable {
    public var pixels: PixelArray<Element>
    /// Number of undefined pixels, now NaN in `pixels`.
    public var blankCount: Int

    public init(pixels: PixelArray<Element>, blankCount: Int) {
        self.pixels = pixels
        self.blankCount = blankCount
    }
}

/// The floating-point types an image can be read as: `Float` and `Double`.
///
/// ```swift
/// let precise = try file.readImage(hdu: 1, as: Double.self)   // T inferred as Double
/// ```
public protocol FITSFloatingPixel: BinaryFloatingPoint, Sendable {
    /// CFITSIO's datatype code (TFLOAT, TDOUBLE).
    static var cfitsioDatatype: Int32 { get }
}

extension Float: FITSFloatingPixel {
    public static var cfitsioDatatype: Int32 { Int32(TFLOAT) }
}

extension Double: FITSFloatingPixel {
    public static var cfitsioDatatype: Int32 { Int32(TDOUBLE) }
}
