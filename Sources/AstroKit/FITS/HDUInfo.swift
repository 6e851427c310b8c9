/// A description of one HDU, read from its header alone (no pixels, no rows).
public struct HDUInfo: Sendable, Hashable {
    /// 0-based position in the file (0 is the primary HDU).
    public var index: Int
    public var kind: HDUKind
    /// BITPIX of the data as presented (ZBITPIX for compressed images); nil for tables.
    public var bitpix: Int?
    /// Axis lengths in FITS order [NAXIS1, NAXIS2, ...]; ZNAXISn for compressed images.
    public var naxis: [Int]
    public var extname: String?
    public var extver: Int?
    /// The header as a reader sees it. For compressed images this is the header of the image
    /// (as CFITSIO presents it), without the Z*/TFORM/TTYPE bookkeeping of the table beneath.
    public var header: FITSHeader
    /// Rows and column names, for binary and ASCII tables.
    public var table: TableInfo?
    /// GCOUNT and PCOUNT, for random groups.
    public var groups: RandomGroupsInfo?

    public init(index: Int, kind: HDUKind, bitpix: Int?, naxis: [Int], extname: String?,
                extver: Int?, header: FITSHeader, table: TableInfo? = nil,
                groups: RandomGroupsInfo? = nil) {
        self.index = index
        self.kind = kind
        self.bitpix = bitpix
        self.naxis = naxis
        self.extname = extname
        self.extver = extver
        self.header = header
        self.table = table
        self.groups = groups
    }

    /// True when the HDU holds pixel data (an image kind with at least one non-zero axis).
    public var hasPixels: Bool {
        kind.isImage && !naxis.isEmpty && naxis.allSatisfy { $0 > 0 }
    }

    /// Number of pixels (product of the axes); 0 for HDUs without pixel data.
    public var pixelCount: Int { hasPixels ? naxis.reduce(1, *) : 0 }
}

public struct TableInfo: Sendable, Hashable {
    public var rows: Int
    public var columns: [String]
    public init(rows: Int, columns: [String]) {
        self.rows = rows
        self.columns = columns
    }
}

public struct RandomGroupsInfo: Sendable, Hashable {
    public var gcount: Int
    public var pcount: Int
    public init(gcount: Int, pcount: Int) {
        self.gcount = gcount
        self.pcount = pcount
    }
}
