import Foundation
import Testing
@testable import Config_VIS

/// Each error names the file and line in one sentence; these pin the exact wording.
@Suite struct ExposureLogErrorTests {
    let header = "ObsID\tFile_name\tCCD\tExptime\tDATE\t"
    let good = "191\tEUC_191_251116D150614T_ROE1_CCD1\tCCD1\t0\t251116D150614T\t"

    func message(_ text: String) -> String? {
        do { _ = try ExposureLog.parse(text, fileName: "EXP_LOG_050800.txt"); return nil }
        catch { return error.description }
    }

    @Test func anEmptyFileHasNoHeader() {
        #expect(message("\r\n\r\n") == "EXP_LOG_050800.txt has no header line: it is empty or holds only blank lines")
    }

    @Test func aFileStartingWithDataHasNoHeader() {
        #expect(message(good + "\r\n") == "EXP_LOG_050800.txt has no header line: it is empty or holds only blank lines")
    }

    @Test func aHeaderWithoutObsIDIsNamed() {
        #expect(message("File_name\tCCD\n") == "EXP_LOG_050800.txt line 1: the header has no 'ObsID' column, which every exposure log needs")
    }

    @Test func aShortRowIsNamedWithItsLine() {
        #expect(message(header + "\r\n" + good + "\r\n191\tEUC_191\tCCD2\r\n")
                == "EXP_LOG_050800.txt line 3: 3 fields, but the header names 5 columns")
    }

    @Test func aTrailingEmptyFieldIsAllowedButNotTwo() {
        #expect(message(header + "\n" + good + "\n") == nil)
        #expect(message(header + "\n" + good + "\t\n") == "EXP_LOG_050800.txt line 2: 7 fields, but the header names 5 columns")
    }

    @Test func aWordInANumberColumn() {
        let bad = good.replacingOccurrences(of: "CCD1\t0\t", with: "CCD1\tabc\t")
        #expect(message(header + "\r\n" + good + "\r\n" + bad + "\r\n")
                == "EXP_LOG_050800.txt line 3: column 'Exptime' holds 'abc', not a number")
    }

    @Test func aFractionInAnIntegerColumn() {
        #expect(message("ObsID\tFile_name\tCCD\tVstart \n1\tEUC_1\tCCD1\t1.5\n")
                == "EXP_LOG_050800.txt line 2: column 'Vstart' holds '1.5', not a whole number")
    }

    @Test func aBadDateAndABadCCD() {
        #expect(message(header + "\n" + good.replacingOccurrences(of: "251116D150614T\t", with: "25-11-16\t") + "\n")
                == "EXP_LOG_050800.txt line 2: column 'DATE' holds '25-11-16', not a date of the form DDMMYYDhhmmssT")
        #expect(message(header + "\n" + good.replacingOccurrences(of: "\tCCD1\t", with: "\tCCD4\t") + "\n")
                == "EXP_LOG_050800.txt line 2: column 'CCD' holds 'CCD4', not CCD1, CCD2 or CCD3")
    }
}
