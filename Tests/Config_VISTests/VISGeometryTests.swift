import Testing
import AstroKit
@testable import Config_VIS

@Suite struct VISGeometryTests {
    // Quadrant-relative limits from the campaign layout (VIS.md 1.3): E, H prescan x 0..50,
    // image 51..2098, overscan 2099..2118; F, G overscan 0..19, image 20..2067, prescan
    // 2068..2118; E, F parallel overscan y 0..19, image 20..2085; G, H image 0..2065.
    @Test func campaignQuadrantsMatchTheLayout() {
        let g = VISGeometry()
        #expect(g.frameShape == [4238, 4172])
        let e = g.quadrant(.E)
        #expect(e.whole == Section(x0: 0, x1: 2119, y0: 2086, y1: 4172))
        #expect(e.prescan == Section(x0: 0, x1: 51, y0: 2106, y1: 4172))
        #expect(e.image == Section(x0: 51, x1: 2099, y0: 2106, y1: 4172))
        #expect(e.overscan == Section(x0: 2099, x1: 2119, y0: 2106, y1: 4172))
        #expect(e.parallelOverscan == Section(x0: 0, x1: 2119, y0: 2086, y1: 2106))
        let f = g.quadrant(.F)
        #expect(f.overscan == Section(x0: 2119, x1: 2139, y0: 2106, y1: 4172))
        #expect(f.image == Section(x0: 2139, x1: 4187, y0: 2106, y1: 4172))
        #expect(f.prescan == Section(x0: 4187, x1: 4238, y0: 2106, y1: 4172))
        let gq = g.quadrant(.G)
        #expect(gq.image == Section(x0: 2139, x1: 4187, y0: 0, y1: 2066))
        #expect(gq.parallelOverscan == Section(x0: 2119, x1: 4238, y0: 2066, y1: 2086))
        let h = g.quadrant(.H)
        #expect(h.image == Section(x0: 51, x1: 2099, y0: 0, y1: 2066))
        #expect(h.prescan.iraf == "[1:51,1:2066]")
    }

    @Test func windowWithoutParallelOverscan() {
        let g = VISGeometry.from(header: FITSHeader(), frameShape: [4238, 4132])
        #expect(g.parallelOverscanRows == 0)
        #expect(g.frameShape == [4238, 4132])
        #expect(g.quadrant(.E).image == Section(x0: 51, x1: 2099, y0: 2066, y1: 4132))
        #expect(g.quadrant(.E).parallelOverscan == nil)
    }

    @Test func headerKeywordsOverrideTheConstants() {
        var header = FITSHeader()
        for (k, v) in [("PRESCANX", 51), ("OVRSCANX", 20), ("OVRSCANY", 20), ("NCOLQUAD", 256), ("NROWQUAD", 258)] {
            header.set(k, .integer(v))
        }
        let g = VISGeometry.from(header: header, frameShape: [654, 556])
        #expect(g.frameShape == [654, 556])
        #expect(g.quadrant(.G).prescan == Section(x0: 603, x1: 654, y0: 0, y1: 258))
    }

    @Test func canonicalFlipsPutTheFirstPixelReadAtTheOrigin() {
        #expect(Quadrant.allCases.map { [$0.flipsX, $0.flipsY] } == [[false, true], [true, true], [true, false], [false, false]])
        #expect(Quadrant.allCases.map(\.readoutCorner) == ["top-left", "top-right", "bottom-right", "bottom-left"])
    }

    @Test func fileNamesOfBothEras() throws {
        let new = try #require(VISFileName("EUC_2112_231016D_135042T_ROE1_CCD1.fits"))
        #expect(new.obsid == 2112 && new.ccd == 1 && new.date == "231016" && new.time == "135042")
        let old = try #require(VISFileName("EUC_191_251116D150614T_ROE1_CCD3.fits"))
        #expect(old.obsid == 191 && old.ccd == 3)
        #expect(VISFileName("EUC_191_251116D150614T_ROE1_CCD4.fits") == nil)
        #expect(VISFileName("frame.fits") == nil)
    }
}
