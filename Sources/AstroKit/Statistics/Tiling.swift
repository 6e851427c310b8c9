/// A regular grid of rectangular tiles over an area, for per-tile statistics (PTC, NL).
///
/// ```swift
/// // vison get_tile_coos for quadrant H (image x 51..2098, y 0..2065): 36 tiles of 301x301
/// let tiles = Tiling.vison(imageArea: Section(x0: 51, x1: 2099, y0: 0, y1: 2066), wpx: 300, hpx: 300)
/// tiles.sections.count        // 36
/// tiles.sections[0]           // x 51..<352, y 0..<301
/// for tile in tiles.sections { let med = quadrant.samples(in: tile).median(using: &scratch) }
/// ```
public struct Tiling: Sendable, Hashable {
    /// Lower-left corners along x and y (pixel coordinates of the image).
    public var xOrigins: [Int]
    public var yOrigins: [Int]
    public var tileWidth: Int
    public var tileHeight: Int

    public init(xOrigins: [Int], yOrigins: [Int], tileWidth: Int, tileHeight: Int) {
        precondition(tileWidth > 0 && tileHeight > 0, "tile sizes must be positive")
        self.xOrigins = xOrigins
        self.yOrigins = yOrigins
        self.tileWidth = tileWidth
        self.tileHeight = tileHeight
    }

    /// Tiles of `tileWidth`×`tileHeight` starting at the area's lower-left corner, every
    /// `stepX`/`stepY` pixels, as many as fit entirely inside the area. Steps smaller than
    /// the tile give overlapping tiles.
    public init(area: Section, tileWidth: Int, tileHeight: Int, stepX: Int? = nil, stepY: Int? = nil) {
        let sx = stepX ?? tileWidth, sy = stepY ?? tileHeight
        precondition(sx > 0 && sy > 0, "tile steps must be positive")
        self.init(xOrigins: Array(stride(from: area.x0, through: area.x1 - tileWidth, by: sx)),
                  yOrigins: Array(stride(from: area.y0, through: area.y1 - tileHeight, by: sy)),
                  tileWidth: tileWidth, tileHeight: tileHeight)
    }

    /// vison's `get_tile_coos(Q, wpx, hpx)` tiling: origins `arange(x0, x1 − wpx − 1, wpx)`
    /// (likewise in y) and tiles of (wpx + 1)×(hpx + 1) pixels — neighbouring tiles share
    /// one column and one row. `imageArea` is the quadrant's image area in the same
    /// (quadrant-relative, non-canonical in vison) coordinates the origins are wanted in.
    public static func vison(imageArea: Section, wpx: Int = 300, hpx: Int = 300) -> Tiling {
        // numpy arange(start, stop, step) stops strictly before stop. vison's image limits
        // (getsectioncollims / getsectionrowlims) are inclusive, i.e. Section.x1 − 1.
        func arange(_ start: Int, _ stop: Int, _ step: Int) -> [Int] {
            Array(stride(from: start, to: stop, by: step))
        }
        return Tiling(xOrigins: arange(imageArea.x0, (imageArea.x1 - 1) - wpx - 1, wpx),
                      yOrigins: arange(imageArea.y0, (imageArea.y1 - 1) - hpx - 1, hpx),
                      tileWidth: wpx + 1, tileHeight: hpx + 1)
    }

    public var count: Int { xOrigins.count * yOrigins.count }

    /// The tiles, x varying fastest. vison numbers its tiles the other way
    /// (`itertools.product(xs, ys)`, y fastest): use `sectionsXMajor` to match it.
    public var sections: [Section] {
        yOrigins.flatMap { y in
            xOrigins.map { x in Section(x0: x, x1: x + tileWidth, y0: y, y1: y + tileHeight) }
        }
    }

    /// The tiles with y varying fastest, the order of vison's `llpix`/`ccpix` lists.
    public var sectionsXMajor: [Section] {
        xOrigins.flatMap { x in
            yOrigins.map { y in Section(x0: x, x1: x + tileWidth, y0: y, y1: y + tileHeight) }
        }
    }

    /// Centre of a tile, (x0 + x1 − 1)/2: the mean coordinate of its pixels (for vison's
    /// 301-pixel tiles this equals its ccpix, llx + wpx/2).
    public static func centre(of tile: Section) -> (x: Double, y: Double) {
        (Double(tile.x0 + tile.x1 - 1) / 2, Double(tile.y0 + tile.y1 - 1) / 2)
    }
}
