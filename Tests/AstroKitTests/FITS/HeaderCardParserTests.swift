import Testing
@testable import AstroKit

@Suite struct HeaderCardParserTests {
    /// Builds 80-column records the way they sit in a file.
    private func records(_ lines: [String]) -> [String] {
        lines.map { $0.padding(toLength: 80, withPad: " ", startingAt: 0) }
    }

    @Test func typesValuesAsTheStandardDoes() {
        let header = HeaderCardParser.header(from: records([
            "EXPTIME =                 30.0 / [s] exposure",
            "NCOMBINE=                  -12",
            "HUGE    = 123456789012345678901234567890",
            "FORTRAN =              1.5D+03",
            "DARKCORR=                    T",
            "VISIBIL = (1.5, -2.0)",
            "PENDING =",
            "OBJECT  = 'O''Brien field   '",
            "HIERARCH ESO DET CHIP NAME = 'CCD-44' / chip",
            "BADNUM  = 12.3.4",
            "COMMENT   reduced by AstroKit",
            "HISTORY bias subtracted",
            "        blank keyword text",
        ]))
        #expect(header["EXPTIME"] == .real(30))
        #expect(header.cards.first?.comment == "[s] exposure")
        #expect(header["NCOMBINE"] == .integer(-12))
        #expect(header["HUGE"] == .real(123456789012345678901234567890.0))
        #expect(header["FORTRAN"] == .real(1500))
        #expect(header["DARKCORR"] == .logical(true))
        #expect(header["VISIBIL"] == .complex(real: 1.5, imaginary: -2))
        #expect(header["PENDING"] == .undefined)
        #expect(header["OBJECT"] == .string("O'Brien field"))
        #expect(header["ESO DET CHIP NAME"] == .string("CCD-44"))
        #expect(!header.cards.contains { $0.keyword == "BADNUM" })
        #expect(header.comments == ["  reduced by AstroKit"])
        #expect(header.history == ["bias subtracted"])
        #expect(header.cards.last == HeaderCard(keyword: "", value: nil, comment: "blank keyword text"))
    }

    @Test func joinsContinuedStringsOnlyWhenContinued() {
        let header = HeaderCardParser.header(from: records([
            "PROVENAN= 'first part, &'  / where it came from",
            "CONTINUE  'second part, &'",
            "CONTINUE  'end'",
            "LONE    = 'ends with an ampersand&'",
            "NEXT    = 1",
        ]))
        #expect(header["PROVENAN"] == .string("first part, second part, end"))
        #expect(header["LONE"] == .string("ends with an ampersand&"))
        #expect(header.cards.map(\.keyword) == ["PROVENAN", "LONE", "NEXT"])
    }
}
