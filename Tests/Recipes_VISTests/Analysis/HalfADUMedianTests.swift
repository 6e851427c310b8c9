import AstroKit
import Config_VIS
import Foundation
@testable import Recipes_VIS
import Testing

/// The counting median of PTC tiles against the selection median it replaces: equal to the last
/// bit on prepared data (half-ADU grid), with masks and NaN, odd and even counts; the fallback
/// for values off the grid or spread too wide.
@Suite struct HalfADUMedianTests {
    static func quadrant(_ value: (Int) -> Float, masked: (Int) -> Bool) -> PreparedQuadrant {
        let g = VISGeometry(imageColumns: 60, imageRows: 50)
        let n = g.quadrantWidth * g.quadrantHeight
        let pixels = PixelArray<Float>(shape: [g.quadrantWidth, g.quadrantHeight], values: (0..<n).map(value))
        let mask = PixelArray<UInt16>(shape: pixels.shape, values: (0..<n).map { masked($0) ? 4 : 0 })
        return PreparedQuadrant(pixels: pixels, geometry: g, mask: mask)
    }

    static func random(_ seed: UInt64) -> (Int) -> Float {
        { i in
            var s = seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15
            s = (s ^ (s >> 30)) &* 0xBF58_476D_1CE4_E5B9
            s = (s ^ (s >> 27)) &* 0x94D0_49BB_1331_11EB
            return Float(Int(s % 4001) - 300) / 2 + 20_000.5   // a half-ADU grid around 21 000
        }
    }

    @Test(arguments: [Section(x0: 51, x1: 111, y0: 0, y1: 50), Section(x0: 52, x1: 111, y0: 3, y1: 48), Section(x0: 60, x1: 61, y0: 5, y1: 6)])
    func equalsTheSelectionMedian(section: Section) {
        let value = Self.random(3)
        let q = Self.quadrant({ i in i % 97 == 0 ? .nan : value(i) }, masked: { $0 % 13 == 0 })
        var scratch = HalfADUMedian.Scratch()
        let counted = HalfADUMedian.median(q, section, scratch: &scratch)
        #expect(counted.bitPattern == q.samples(section).median.bitPattern, "\(counted) vs \(q.samples(section).median)")
    }

    @Test func offTheGridOrTooWideFallsBackToSelection() {
        var scratch = HalfADUMedian.Scratch()
        let section = Section(x0: 51, x1: 111, y0: 0, y1: 50)
        let divided = Self.quadrant({ Self.random(5)($0) / 3 }, masked: { _ in false })
        #expect(HalfADUMedian.median(divided, section, scratch: &scratch) == divided.samples(section).median)
        let wide = Self.quadrant({ $0 % 2 == 0 ? -70_000 : 70_000 + Self.random(6)($0) }, masked: { _ in false })
        #expect(HalfADUMedian.median(wide, section, scratch: &scratch) == wide.samples(section).median)
        let empty = Self.quadrant(Self.random(7), masked: { _ in true })
        #expect(HalfADUMedian.median(empty, section, scratch: &scratch).isNaN)
    }
}
