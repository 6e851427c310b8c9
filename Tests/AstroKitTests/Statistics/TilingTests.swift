import Testing
@testable import AstroKit

@Suite struct TilingTests {
    @Test func reproducesVisonTileOrigins() {
        // VIS.md §1.5 get_tile_coos, wpx = hpx = 300: 6x6 tiles of 301x301; x origins
        // 51..1551 for E/H (image x 51..2098) and 20..1520 for F/G (image x 20..2067);
        // y origins 0..1500 for G/H (rows 0..2065) and 20..1520 for E/F (rows 20..2085).
        let h = Tiling.vison(imageArea: Section(x0: 51, x1: 2099, y0: 0, y1: 2066))
        #expect(h.xOrigins == [51, 351, 651, 951, 1251, 1551])
        #expect(h.yOrigins == [0, 300, 600, 900, 1200, 1500])
        #expect(h.count == 36)
        #expect(h.sections[0] == Section(x0: 51, x1: 352, y0: 0, y1: 301))
        #expect(h.sections[1] == Section(x0: 351, x1: 652, y0: 0, y1: 301))
        #expect(h.sectionsXMajor[1] == Section(x0: 51, x1: 352, y0: 300, y1: 601))
        let f = Tiling.vison(imageArea: Section(x0: 20, x1: 2068, y0: 20, y1: 2086))
        #expect(f.xOrigins == Array(stride(from: 20, through: 1520, by: 300)))
        #expect(f.yOrigins == Array(stride(from: 20, through: 1520, by: 300)))
        let c = Tiling.centre(of: h.sections[0])
        #expect(c.x == 201 && c.y == 150)     // vison ccpix: llx + wpx/2
    }

    @Test func genericTilingKeepsWholeTilesOnly() {
        let t = Tiling(area: Section(x0: 10, x1: 110, y0: 0, y1: 50), tileWidth: 30, tileHeight: 25)
        #expect(t.xOrigins == [10, 40, 70])
        #expect(t.yOrigins == [0, 25])
        let overlapping = Tiling(area: Section(x0: 0, x1: 100, y0: 0, y1: 10), tileWidth: 40, tileHeight: 10,
                                 stepX: 20)
        #expect(overlapping.xOrigins == [0, 20, 40, 60])
    }
}
