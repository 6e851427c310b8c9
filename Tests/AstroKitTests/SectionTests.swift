import Testing
@testable import AstroKit

@Suite struct SectionTests {
    @Test func parsesIRAFNotation() throws {
        let s = try Section(iraf: "[2049:2080, 1:4096]")
        #expect(s == Section(x0: 2048, x1: 2080, y0: 0, y1: 4096))
        #expect(s.width == 32 && s.height == 4096)
        #expect(s.iraf == "[2049:2080,1:4096]")
    }

    @Test func refusesMalformedSections() {
        for text in ["2049:2080,1:4096", "[0:10,1:5]", "[10:5,1:5]", "[1:5]", "[a:b,1:2]"] {
            #expect(throws: SectionError.self) { try Section(iraf: text) }
        }
    }

    @Test func intersectsAndContains() {
        let a = Section(x0: 0, x1: 10, y0: 0, y1: 10)
        let b = Section(x0: 5, x1: 15, y0: 8, y1: 20)
        #expect(a.intersection(b) == Section(x0: 5, x1: 10, y0: 8, y1: 10))
        #expect(a.intersection(Section(x0: 10, x1: 12, y0: 0, y1: 1)) == nil)
        #expect(a.contains(Section(x0: 1, x1: 9, y0: 2, y1: 3)))
        #expect(!a.contains(b))
    }
}
