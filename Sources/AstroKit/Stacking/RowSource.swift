/// Rows of a 2-D frame, delivered band by band, so a stack of many large frames can be
/// combined without holding any of them whole. Masked pixels are delivered as NaN.
///
/// ```swift
/// let source = FileRowSource(path: "frame.fits", hdu: 1)
/// ```
public protocol RowSource: Sendable {
    /// NAXIS1 and NAXIS2 of the frame.
    var width: Int { get }
    var height: Int { get }
    /// A name for error messages (usually the file path).
    var name: String { get }
    /// Fills `buffer` (at least `rows.count * width` values, row after row) with the rows.
    func readRows(_ rows: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) throws
}

/// Rows of an image HDU, read through CFITSIO as physical values (BLANK pixels as NaN).
public struct FileRowSource: RowSource {
    public let path: String
    public let hdu: Int
    public let width: Int
    public let height: Int
    public var name: String { path }

    /// Reads the image's shape from its header; refuses HDUs that are not 2-D images.
    public init(path: String, hdu: Int) throws {
        let info = try FITSFile.open(path).info(hdu: hdu)
        guard info.kind.isImage, info.naxis.count >= 2, info.naxis.dropFirst(2).allSatisfy({ $0 == 1 }) else {
            throw FITSError(path: path, hdu: hdu, operation: "cannot stack", status: 0,
                            message: "the HDU is not a 2-D image (axes \(info.naxis))")
        }
        self.path = path
        self.hdu = hdu
        self.width = info.naxis[0]
        self.height = info.naxis[1]
    }

    public func readRows(_ rows: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) throws {
        try FITSFile.open(path).readRows(hdu: hdu, rows: rows, into: buffer)
    }
}

/// Another source's rows after a transformation applied in place to each band (offset
/// subtraction, masking of bad values...), so preparation streams with the stack.
public struct TransformedRowSource: RowSource {
    public typealias Transform = @Sendable (_ rows: Range<Int>, _ width: Int, _ band: UnsafeMutableBufferPointer<Float>) throws -> Void
    public let base: any RowSource
    public let transform: Transform
    public var width: Int { base.width }
    public var height: Int { base.height }
    public var name: String { base.name }

    public init(_ base: any RowSource, transform: @escaping Transform) {
        self.base = base
        self.transform = transform
    }

    public func readRows(_ rows: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) throws {
        try base.readRows(rows, into: buffer)
        try transform(rows, width, UnsafeMutableBufferPointer(rebasing: buffer[0..<(rows.count * width)]))
    }
}

/// Rows of a frame already in memory.
public struct MemoryRowSource: RowSource {
    public let pixels: PixelArray<Float>
    public let name: String
    public var width: Int { pixels.width }
    public var height: Int { pixels.height }

    public init(_ pixels: PixelArray<Float>, name: String = "in-memory frame") {
        self.pixels = pixels
        self.name = name
    }

    public func readRows(_ rows: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) throws {
        let start = rows.lowerBound * width, count = rows.count * width
        pixels.values.withUnsafeBufferPointer { source in
            _ = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
                .initialize(from: UnsafeBufferPointer(rebasing: source[start..<(start + count)]))
        }
    }
}
