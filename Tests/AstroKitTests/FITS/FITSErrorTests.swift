import Foundation
import Testing
@testable import AstroKit

@Suite struct FITSErrorTests {
    @Test func missingFile() throws {
        let path = "/nonexistent/astrokit/missing.fits"
        let error = #expect(throws: FITSError.self) { try FITSFile.open(path) }
        #expect(error?.description == "cannot open \(path): CFITSIO status 104: could not open the named file")
        #expect(error?.path == path && error?.status == 104 && error?.hdu == nil)
    }

    @Test func notAFITSFile() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("notes.fits")
        try Data(String(repeating: "These are observing notes, not FITS.\n", count: 100).utf8)
            .write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: FITSError.self) { try FITSFile.open(path) }
        #expect(error?.description == "cannot open \(path): CFITSIO status 252: 1st key not SIMPLE or XTENSION (Extension doesn't start with SIMPLE or XTENSION keyword. (ffrhdu))")
    }

    @Test func truncatedFile() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("cut.fits")
        try FITSWriter.write(to: path) { try $0.addImage([Float](repeating: 1, count: 4096), shape: [64, 64]) }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 2880 + 5000)
        try handle.close()
        let file = try FITSFile.open(path)
        let error = #expect(throws: FITSError.self) { try file.readImage(hdu: 0, as: Float.self) }
        #expect(error?.description == "cannot read the pixels of HDU 0 of \(path): CFITSIO status 108: error reading from FITS file (Error reading elements 1 thru 4096 from image (ffgcle).)")
    }

    @Test func hduOutOfRange() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("one.fits")
        try FITSWriter.write(to: path) { _ in }
        let error = #expect(throws: FITSError.self) { try FITSFile.open(path).info(hdu: 3) }
        #expect(error?.description == "cannot read the header of HDU 3 of \(path): the file has 1 HDU(s), numbered from 0")
    }
}
