import CFITSIO

/// The pixel types an image can be written from, each with the BITPIX it is stored as.
///
/// `UInt16` is stored as BITPIX 16 with BZERO = 32768 (as Euclid VIS raw frames are) and
/// `UInt32` as BITPIX 32 with BZERO = 2147483648; CFITSIO applies the offset.
///
/// ```swift
/// try writer.addImage([UInt16](repeating: 1000, count: 64), shape: [8, 8])  // BITPIX 16
/// ```
public protocol FITSStorablePixel: Sendable {
    /// CFITSIO image type: BYTE_IMG ... DOUBLE_IMG, USHORT_IMG or ULONG_IMG.
    static var cfitsioImageType: Int32 { get }
    /// CFITSIO datatype code of the Swift type (TBYTE ... TDOUBLE).
    static var cfitsioDatatype: Int32 { get }
}

extension UInt8: FITSStorablePixel {
    public static var cfitsioImageType: Int32 { Int32(BYTE_IMG) }
    public static var cfitsioDatatype: Int32 { Int32(TBYTE) }
}

extension Int16: FITSStorablePixel {
    public static var cfitsioImageType: Int32 { Int32(SHORT_IMG) }
    public static var cfitsioDatatype: Int32 { Int32(TSHORT) }
}

extension UInt16: FITSStorablePixel {
    public static var cfitsioImageType: Int32 { Int32(USHORT_IMG) }
    public static var cfitsioDatatype: Int32 { Int32(TUSHORT) }
}

extension Int32: FITSStorablePixel {
    public static var cfitsioImageType: Int32 { Int32(LONG_IMG) }
    public static var cfitsioDatatype: Int32 { Int32(TINT) }
}

extension UInt32: FITSStorablePixel {
    public static var cfitsioImageType: Int32 { Int32(ULONG_IMG) }
    public static var cfitsioDatatype: Int32 { Int32(TUINT) }
}

extension Int64: FITSStorablePixel {
    public static var cfitsioImageType: Int32 { Int32(LONGLONG_IMG) }
    public static var cfitsioDatatype: Int32 { Int32(TLONGLONG) }
}

extension Float: FITSStorablePixel {
    public static var cfitsioImageType: Int32 { Int32(FLOAT_IMG) }
}

extension Double: FITSStorablePixel {
    public static var cfitsioImageType: Int32 { Int32(DOUBLE_IMG) }
}
