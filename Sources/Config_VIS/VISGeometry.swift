import AstroKit

/// The layout of a raw VIS CCD frame: four quadrants E, F, G, H, each read from its own corner,
/// with a serial prescan, the image, a serial overscan and (when the readout window includes
/// them) parallel overscan rows next to the CCD's horizontal mid-line.
///
/// Ground-campaign constants: 51 prescan + 2048 image + 20 overscan columns per quadrant and
/// 2066 image + 20 parallel-overscan rows, so a frame is 4238 x 4172 (or 4238 x 4132 without
/// parallel overscan). Headers may override them with PRESCANX, OVRSCANX, OVRSCANY, NCOLQUAD and
/// NROWQUAD (small simulated frames, flight LE1 data).
///
/// ```swift
/// let g = VISGeometry()                       // campaign constants
/// g.quadrant(.E).image                        // [52:2099,2107:4172] in IRAF notation
/// ```
public struct VISGeometry: Sendable, Hashable {
    public var prescanColumns: Int
    public var imageColumns: Int
    public var overscanColumns: Int
    public var imageRows: Int
    /// Parallel overscan rows per quadrant actually present in the frame (0 when the readout
    /// window stops at the image).
    public var parallelOverscanRows: Int

    public init(prescanColumns: Int = 51, imageColumns: Int = 2048, overscanColumns: Int = 20,
                imageRows: Int = 2066, parallelOverscanRows: Int = 20) {
        self.prescanColumns = prescanColumns
        self.imageColumns = imageColumns
        self.overscanColumns = overscanColumns
        self.imageRows = imageRows
        self.parallelOverscanRows = parallelOverscanRows
    }

    /// Columns of one quadrant: prescan + image + overscan (2119 for the campaign).
    public var quadrantWidth: Int { prescanColumns + imageColumns + overscanColumns }
    /// Rows of one quadrant: image + parallel overscan (2086, or 2066 without).
    public var quadrantHeight: Int { imageRows + parallelOverscanRows }
    /// NAXIS1 x NAXIS2 of the whole frame.
    public var frameShape: [Int] { [2 * quadrantWidth, 2 * quadrantHeight] }

    /// The sections of one quadrant, in full-frame coordinates (0-based, end-exclusive).
    public func quadrant(_ q: Quadrant) -> QuadrantGeometry {
        let w = quadrantWidth, h = quadrantHeight
        let x0 = q.isRightHalf ? w : 0
        let y0 = q.isTopHalf ? h : 0
        // Column ranges inside the quadrant: the prescan is next to the readout corner.
        let prescan: Range<Int>, image: Range<Int>, overscan: Range<Int>
        if q.flipsX {
            overscan = 0..<overscanColumns
            image = overscanColumns..<(overscanColumns + imageColumns)
            prescan = (overscanColumns + imageColumns)..<w
        } else {
            prescan = 0..<prescanColumns
            image = prescanColumns..<(prescanColumns + imageColumns)
            overscan = (prescanColumns + imageColumns)..<w
        }
        // Row ranges: parallel overscan rows are read last, so they sit next to the mid-line.
        let imageRowRange: Range<Int>, parallelRows: Range<Int>
        if q.flipsY {
            parallelRows = 0..<parallelOverscanRows
            imageRowRange = parallelOverscanRows..<h
        } else {
            imageRowRange = 0..<imageRows
            parallelRows = imageRows..<h
        }
        func section(_ xs: Range<Int>, _ ys: Range<Int>) -> Section {
            Section(x0: x0 + xs.lowerBound, x1: x0 + xs.upperBound, y0: y0 + ys.lowerBound, y1: y0 + ys.upperBound)
        }
        return QuadrantGeometry(
            quadrant: q,
            whole: section(0..<w, 0..<h),
            image: section(image, imageRowRange),
            prescan: section(prescan, imageRowRange),
            overscan: section(overscan, imageRowRange),
            parallelOverscan: parallelOverscanRows > 0 ? section(0..<w, parallelRows) : nil)
    }

    /// A campaign readout-window row (ELVIS vstart or vend, counted in the 2066 + 20 rows of a
    /// campaign quadrant) in this geometry's rows: image rows map to image rows and
    /// parallel-overscan rows to parallel-overscan rows, so `vend = 2086` (the whole quadrant)
    /// stays the whole quadrant in a small simulated frame (whose log says VEND = 278).
    public func windowRow(campaignRow row: Int) -> Int {
        let campaign = VISGeometry()
        return row <= campaign.imageRows ? min(row, imageRows)
            : min(imageRows + (row - campaign.imageRows), quadrantHeight)
    }

    /// The geometry a header describes: campaign constants unless PRESCANX, OVRSCANX,
    /// OVRSCANY, NCOLQUAD or NROWQUAD say otherwise; the parallel overscan is present when the
    /// frame is tall enough to hold it.
    public static func from(header: FITSHeader, frameShape: [Int]?) -> VISGeometry {
        var g = VISGeometry(prescanColumns: header.int("PRESCANX") ?? 51,
                            imageColumns: header.int("NCOLQUAD") ?? 2048,
                            overscanColumns: header.int("OVRSCANX") ?? 20,
                            imageRows: header.int("NROWQUAD") ?? 2066,
                            parallelOverscanRows: header.int("OVRSCANY") ?? 20)
        if let shape = frameShape, shape.count == 2, shape[1] == 2 * g.imageRows {
            g.parallelOverscanRows = 0
        }
        return g
    }
}

/// The four quadrants of a VIS CCD, each with its own readout node.
public enum Quadrant: String, Sendable, Hashable, CaseIterable, Codable {
    case E, F, G, H

    /// F and G are the right half of the frame (NAXIS1 beyond the middle).
    public var isRightHalf: Bool { self == .F || self == .G }
    /// E and F are the top half (NAXIS2 beyond the middle).
    public var isTopHalf: Bool { self == .E || self == .F }
    /// Canonical (readout-order) orientation flips x for F and G...
    public var flipsX: Bool { isRightHalf }
    /// ... and y for E and F, so that pixel (0, 0) is the first pixel read.
    public var flipsY: Bool { isTopHalf }

    /// Corner of the frame holding the readout node, as seen in display orientation.
    public var readoutCorner: String {
        switch self {
        case .E: return "top-left"
        case .F: return "top-right"
        case .G: return "bottom-right"
        case .H: return "bottom-left"
        }
    }
}

/// The sections of one quadrant in full-frame coordinates.
public struct QuadrantGeometry: Sendable, Hashable {
    public var quadrant: Quadrant
    public var whole: Section
    public var image: Section
    public var prescan: Section
    public var overscan: Section
    public var parallelOverscan: Section?
}
