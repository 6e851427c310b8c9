import Testing
@testable import AstroKit

extension Types {
    @Suite struct RequirementParserTests {
        @Test func readsTheBriefsExample() throws {
            #expect(try Requirement(parsing: #"INSTRUME == "GMOS-N" and GRATING == "MIRROR""#)
                    == (.primary("INSTRUME", .equals("GMOS-N")) && .primary("GRATING", .equals("MIRROR"))))
        }

        @Test func readsEveryForm() throws {
            let cases: [(String, Requirement)] = [
                ("EXPTIME > 1.5", .primary("EXPTIME", .greaterThan(1.5))),
                ("NCOADDS <= -2", .primary("NCOADDS", .atMost(-2))),
                ("EXPTIME == 30", .primary("EXPTIME", .equals(30))),
                ("EXPTIME != 30", .primary("EXPTIME", .notEquals(30))),
                ("PREPARED == T", .primary("PREPARED", .equals(true))),
                ("PREPARED != f", .not(.primary("PREPARED", .equals(false)))),
                (#"OBSTYPE != "BIAS""#, .not(.primary("OBSTYPE", .equals("BIAS")))),
                (#"OBJECT ~ "^Twi\\light""#, .primary("OBJECT", .matches(#"^Twi\light"#))),
                (#"CCDSUM in ("1 1", "2 2", 4)"#, .primary("CCDSUM", .oneOf(["1 1", "2 2", "4"]))),
                ("DATE-OBS is present", .primary("DATE-OBS", .present)),
                ("PREPARE IS ABSENT", .primary("PREPARE", .absent)),
                (#"ext:EXTNAME ~ "^ROE1_CCD[123]$""#, .anyExtension("EXTNAME", .matches("^ROE1_CCD[123]$"))),
                (#"allext:EXTNAME == "SCI""#, .everyExtension("EXTNAME", .equals("SCI"))),
                (#"descriptor:testName == "TWILIGHT""#, .descriptor("testName", .equals("TWILIGHT"))),
                (#"filename ~ "^N2016""#, .fileName(matches: "^N2016")),
                ("extensions >= 3", .extensionCount(.atLeast, 3)),
                ("is CAM_BIAS", .isType("CAM_BIAS")),
                ("not is CAM_BIAS and A is present or B is present",
                 .any([.all([.not(.isType("CAM_BIAS")), .primary("A", .present)]), .primary("B", .present)])),
                ("not (A is present or B is present)", .not(.any([.primary("A", .present), .primary("B", .present)]))),
            ]
            for (text, expected) in cases {
                #expect(try Requirement(parsing: text) == expected, "\(text)")
            }
        }

        @Test func reportsWhereTheTextGoesWrong() {
            let cases: [(String, String)] = [
                ("EXPTIME >", "Expected a number at column 10, found the end of the text."),
                (#"EXPTIME > "30""#, #"Expected a number at column 11, found "30"."#),
                ("OBSTYPE = 'BIAS'", "Unexpected character '=' at column 9."),
                (#"OBJECT ~ "Twi"#, "The string starting at column 10 has no closing quote."),
                ("A is present B is absent", "Expected 'and', 'or' or the end of the text at column 14, found 'B'."),
                ("(A is present", "Expected ')' at column 14, found the end of the text."),
                ("A is here", "Expected 'present' or 'absent' at column 6, found 'here'."),
                ("hdu:EXTNAME is present", "Expected 'ext:', 'allext:' or 'descriptor:' at column 1, found 'hdu:'."),
                ("extensions > 1.5", "Expected a whole number at column 14, found 1.5."),
                ("EXPTIME > 1e", "'1e' at column 11 is not a number."),
            ]
            for (text, message) in cases {
                do {
                    let parsed = try Requirement(parsing: text)
                    Issue.record("\(text) parsed as \(parsed)")
                } catch {
                    #expect(error.description == message, "\(text)")
                }
            }
        }

        @Test func parsedRequirementsClassify() throws {
            let tree = try TypeTree([
                .instrument("GMOS_IMAGE", usage: "GMOS imaging data",
                            requires: try Requirement(parsing: #"INSTRUME == "GMOS-N" and GRATING == "MIRROR""#)),
            ])
            let subject = Camera.subject(("INSTRUME", .string("GMOS-N")), ("GRATING", .string("MIRROR")))
            #expect(try tree.classify(subject).leaf == "GMOS_IMAGE")
        }
    }
}
